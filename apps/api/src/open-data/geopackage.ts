/**
 * A GeoPackage (OGC 12-128r18, version 1.3) written to a file on disk, layer by layer, rows
 * inserted in batches as they come from the database: the data set is never held in memory.
 * better-sqlite3 writes the SQLite file; the GeoPackage tables (spatial reference systems,
 * contents with each layer's extent, geometry columns) and the binary geometry header are
 * written here, as the standard describes them.
 */
import Database from 'better-sqlite3';
import type { GisColumn, GisColumnType, GisRow } from '@groundswell/db';

/** 'GPKG' as a big-endian integer: SQLite's application_id of a GeoPackage. */
const GPKG_APPLICATION_ID = 0x47504b47;
/** Version 1.3.0. */
const GPKG_USER_VERSION = 10300;
const WGS84 = 4326;
const WGS84_WKT =
  'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]';

/** Integers are counts: MEDIUMINT (32-bit in GeoPackage's types) so GDAL and QGIS type them Integer, not Integer64. */
const SQL_TYPE: Record<GisColumnType, string> = { text: 'TEXT', integer: 'MEDIUMINT', real: 'REAL', datetime: 'DATETIME' };

/** PostGIS GeometryType names as GeoPackage's geometry type names. */
const GPKG_GEOMETRY: Record<string, string> = {
  POINT: 'POINT',
  LINESTRING: 'LINESTRING',
  POLYGON: 'POLYGON',
  MULTIPOINT: 'MULTIPOINT',
  MULTILINESTRING: 'MULTILINESTRING',
  MULTIPOLYGON: 'MULTIPOLYGON',
  GEOMETRYCOLLECTION: 'GEOMETRYCOLLECTION',
};

const quoteId = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * The GeoPackage binary geometry: "GP", version 0, flags (little-endian, with an xy envelope
 * except for points, whose envelope is the point), the SRS id, then the WKB.
 */
export function gpkgGeometry(row: Pick<GisRow, 'wkb' | 'gtype' | 'minx' | 'miny' | 'maxx' | 'maxy'>, srsId = WGS84): Buffer {
  const withEnvelope = row.gtype !== 'POINT';
  const header = Buffer.alloc(8 + (withEnvelope ? 32 : 0));
  header.write('GP', 0, 'latin1');
  header.writeUInt8(0, 2);
  header.writeUInt8(withEnvelope ? 0b0000_0011 : 0b0000_0001, 3);
  header.writeInt32LE(srsId, 4);
  if (withEnvelope) {
    header.writeDoubleLE(row.minx, 8);
    header.writeDoubleLE(row.maxx, 16);
    header.writeDoubleLE(row.miny, 24);
    header.writeDoubleLE(row.maxy, 32);
  }
  return Buffer.concat([header, Buffer.from(row.wkb.buffer, row.wkb.byteOffset, row.wkb.byteLength)]);
}

/** A cell as SQLite stores it: numbers as numbers (bigints arrive as text from PostgreSQL), the rest as text. */
function cell(value: unknown, type: GisColumnType): string | number | null {
  if (value === null || value === undefined) return null;
  if (type === 'integer') return Number.parseInt(String(value), 10);
  if (type === 'real') return Number(value);
  return String(value);
}

export interface FeatureLayerWriter {
  add(rows: readonly GisRow[]): void;
  /** Records the extent. */
  finish(): { count: number };
}

export class GeoPackageWriter {
  private readonly db: Database.Database;

  constructor(path: string) {
    this.db = new Database(path);
    // A file made once and then read: no journal to keep, nothing to sync until it is closed.
    this.db.pragma('journal_mode = OFF');
    this.db.pragma('synchronous = OFF');
    this.db.pragma(`application_id = ${GPKG_APPLICATION_ID}`);
    this.db.pragma(`user_version = ${GPKG_USER_VERSION}`);
    this.db.exec(`
      CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
        organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
      CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
        description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
        min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
        CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
      CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
        srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
        CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name), CONSTRAINT uk_gc_table_name UNIQUE (table_name),
        CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
        CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));`);
    const srs = this.db.prepare('INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)');
    srs.run('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system');
    srs.run('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system');
    srs.run('WGS 84 geodetic', WGS84, 'EPSG', WGS84, WGS84_WKT, 'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid');
  }

  /**
   * A feature table (`fid`, `geom`, then the columns) whose geometry column is declared as
   * `geometryType` (a PostGIS GeometryType name, or GEOMETRY for mixed types) both in SQL and
   * in gpkg_geometry_columns, as the standard requires (requirement 31). A feature of another
   * type is refused rather than written into a file that says otherwise. `finish` records the
   * layer's extent.
   */
  featureLayer(name: string, columns: readonly GisColumn[], geometryType: string, about: { title: string; description: string }): FeatureLayerWriter {
    const declared = GPKG_GEOMETRY[geometryType] ?? 'GEOMETRY';
    const table = quoteId(name);
    this.db.exec(`CREATE TABLE ${table} (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom ${declared}${columns.map((c) => `, ${quoteId(c.name)} ${SQL_TYPE[c.type]}`).join('')})`);
    this.db.prepare('INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id) VALUES (?, ?, ?, ?, ?)').run(name, 'features', about.title, about.description, WGS84);
    this.db.prepare('INSERT INTO gpkg_geometry_columns VALUES (?, ?, ?, ?, 0, 0)').run(name, 'geom', declared, WGS84);
    const insert = this.db.prepare(`INSERT INTO ${table} (geom${columns.map((c) => `, ${quoteId(c.name)}`).join('')}) VALUES (?${', ?'.repeat(columns.length)})`);
    const extent = { minx: Infinity, miny: Infinity, maxx: -Infinity, maxy: -Infinity };
    let count = 0;
    const addBatch = this.db.transaction((rows: readonly GisRow[]) => {
      for (const row of rows) {
        if (declared !== 'GEOMETRY' && row.gtype !== declared) throw new Error(`a ${row.gtype} in the ${declared} layer ${name}`);
        insert.run(gpkgGeometry(row), ...columns.map((c) => cell(row[c.name], c.type)));
        extent.minx = Math.min(extent.minx, row.minx);
        extent.miny = Math.min(extent.miny, row.miny);
        extent.maxx = Math.max(extent.maxx, row.maxx);
        extent.maxy = Math.max(extent.maxy, row.maxy);
      }
      count += rows.length;
    });
    return {
      add: (rows) => addBatch(rows),
      finish: () => {
        if (count) {
          this.db.prepare('UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ? WHERE table_name = ?').run(extent.minx, extent.miny, extent.maxx, extent.maxy, name);
        }
        return { count };
      },
    };
  }

  /**
   * A non-spatial table (GeoPackage "attributes"), for the licence and how the file was
   * made: QGIS and GDAL list it beside the layers.
   */
  attributes(name: string, title: string, description: string, rows: Array<Record<string, string | null>>): void {
    const columns = Object.keys(rows[0] ?? {});
    this.db.exec(`CREATE TABLE ${quoteId(name)} (fid INTEGER PRIMARY KEY AUTOINCREMENT${columns.map((c) => `, ${quoteId(c)} TEXT`).join('')})`);
    this.db.prepare('INSERT INTO gpkg_contents (table_name, data_type, identifier, description) VALUES (?, ?, ?, ?)').run(name, 'attributes', title, description);
    const insert = this.db.prepare(`INSERT INTO ${quoteId(name)} (${columns.map(quoteId).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
    for (const row of rows) insert.run(...columns.map((c) => row[c] ?? null));
  }

  close(): void {
    this.db.close();
  }
}
