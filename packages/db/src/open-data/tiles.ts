/**
 * Vector tiles of public reports. Two layers, the same on both engines:
 *
 * - `clusters`: at zoom <= CLUSTER_MAX_ZOOM, and in any tile holding more than
 *   MAX_TILE_FEATURES reports, reports are counted in an 8 × 8 grid per tile (64 px cells
 *   on a 512 px tile: room for a circle with a count) and each occupied cell is one point
 *   (at the mean position of its reports) with `count`, `openCount` and `state`, the most
 *   common state among them. A tile then holds at most 64 features, whatever the data.
 * - `reports`: above that zoom, every report with its shape and the attributes maps style on.
 *
 * All tile coordinates are computed in SQL. PostgreSQL/PostGIS encodes with ST_AsMVT and
 * ST_AsMVTGeom; PGlite's PostGIS has no protobuf, so there `tileRows` returns the same rows
 * (ST_AsMVTGeom emulated with ST_ClipByBox2D, ST_Affine and ST_SnapToGrid) for a JavaScript
 * encoder. Personal data never enters a tile: only the columns below are selected.
 *
 * Which reports a tile holds is a predicate: public reports under the tile's query filters,
 * or (the console's tiles) the staff list's own remit and filters, hidden reports included.
 *
 * Polygon exterior rings have a positive surveyor's-formula area in tile coordinates (y
 * down), as the MVT 2.1 spec defines them: ST_ForcePolygonCCW on the flipped geometry.
 */
import { sql, type SQL } from 'drizzle-orm';
import { OPEN_STATES, type BBox, type ReportState } from '@groundswell/core';
import { execRows, type Database } from '../connect.ts';
import { bboxIntersects, inList, isoTime, publicReport, stateIn } from '../sql-kit.ts';
import { reportStatus } from './reports.ts';

export const TILE_EXTENT = 4096;
export const TILE_BUFFER = 64;
/** Zoom levels up to this one are always aggregated. */
export const CLUSTER_MAX_ZOOM = 13;
/** A tile above CLUSTER_MAX_ZOOM with more reports than this is aggregated too. */
export const MAX_TILE_FEATURES = 5000;
/** Cells per tile side in the `clusters` layer. */
export const CLUSTER_GRID = 8;
export const MAX_TILE_ZOOM = 22;

export const REPORT_LAYER = 'reports';
export const CLUSTER_LAYER = 'clusters';

/** The attributes of each layer and their types, for TileJSON's `vector_layers`. */
export const TILE_FIELDS = {
  [REPORT_LAYER]: {
    id: 'String',
    category: 'String',
    state: 'String',
    status: 'String',
    supportCount: 'Number',
    geometryType: 'String',
    createdAt: 'String',
  },
  [CLUSTER_LAYER]: { count: 'Number', openCount: 'Number', state: 'String' },
} as const;

export interface TileFilter {
  categories?: string[];
  states?: ReportState[];
  /** Reports created on or after this instant (ISO 8601). */
  since?: string;
}

const ORIGIN = 20037508.342789244;
const EARTH_RADIUS = 6378137;

export interface TileBounds {
  /** Web Mercator metres. */
  xmin: number;
  ymin: number;
  xmax: number;
  ymax: number;
  size: number;
}

export function tileBounds(z: number, x: number, y: number): TileBounds {
  const size = (2 * ORIGIN) / 2 ** z;
  const xmin = -ORIGIN + x * size;
  const ymax = ORIGIN - y * size;
  return { xmin, ymin: ymax - size, xmax: xmin + size, ymax, size };
}

const toLon = (mx: number) => (mx / ORIGIN) * 180;
const toLat = (my: number) => (Math.atan(Math.sinh(my / EARTH_RADIUS)) * 180) / Math.PI;
const clampLat = (lat: number) => Math.max(-85.0511287798, Math.min(85.0511287798, lat));

/** The tile (plus a margin in tile units) as a WGS84 box, clamped so it never wraps. */
export function lonLatBox(b: TileBounds, margin: number): BBox {
  const m = (margin / TILE_EXTENT) * b.size;
  const w = Math.max(-180, toLon(b.xmin - m));
  const e = Math.min(180, toLon(b.xmax + m));
  const s = clampLat(toLat(b.ymin - m));
  const n = clampLat(toLat(b.ymax + m));
  return [w, s, e, n];
}

/**
 * The reports of a public tile: public ones under the query's filters. Reads `r` (reports)
 * and `c` (its category), as the staff list's predicate does.
 */
export function publicTileWhere(filter: TileFilter): SQL {
  const parts: SQL[] = [publicReport()];
  if (filter.categories?.length) parts.push(inList(sql`c.code`, filter.categories));
  if (filter.states?.length) parts.push(inList(sql`r.state`, filter.states));
  if (filter.since) parts.push(sql`r.created_at >= ${filter.since}::timestamptz`);
  return sql.join(parts, sql` and `);
}

/** A tile's reports: a filter over public reports, or a ready predicate over `r` and `c` (the staff remit). */
export type TileScope = TileFilter | { where: SQL };
const whereOf = (scope: TileScope): SQL => ('where' in scope ? scope.where : publicTileWhere(scope));
const FROM_REPORTS = sql`from reports r join categories c on c.id = r.category_id`;

// Web Mercator from WGS84 by formula: much cheaper than ST_Transform for every point.
const MERC_X = sql.raw(`(ST_X(r.point) * ${ORIGIN / 180})`);
const MERC_Y = sql.raw(`(ln(tan(pi() / 4 + radians(ST_Y(r.point)) / 2)) * ${EARTH_RADIUS})`);

/** Rows of the clusters layer: tile-space point `geom` plus counts. */
function clusterRowsSql(b: TileBounds, scope: TileScope, geomExpr: (x: SQL, y: SQL) => SQL): SQL {
  const cell = b.size / CLUSTER_GRID;
  const k = TILE_EXTENT / b.size;
  const tx = sql`round((avg(mx) - ${b.xmin}::float8) * ${k}::float8)`;
  const ty = sql`round((${b.ymax}::float8 - avg(my)) * ${k}::float8)`;
  return sql`
    select ${geomExpr(tx, ty)} as geom, count(*)::int as "count", (count(*) filter (where open))::int as "openCount",
      mode() within group (order by state) as state
    from (
      select ${MERC_X} as mx, ${MERC_Y} as my, ${stateIn(sql`r.state`, OPEN_STATES)} as open, r.state
      ${FROM_REPORTS}
      where ${bboxIntersects(sql`r.point`, lonLatBox(b, 0))} and ${whereOf(scope)}
    ) p
    where mx >= ${b.xmin}::float8 and mx < ${b.xmax}::float8 and my > ${b.ymin}::float8 and my <= ${b.ymax}::float8
    group by floor((mx - ${b.xmin}::float8) / ${cell}::float8), floor((${b.ymax}::float8 - my) / ${cell}::float8)`;
}

const REPORT_ATTRIBUTES = sql`r.public_id as id, c.code as category, r.state,
  ${reportStatus} as status,
  r.support_count as "supportCount", r.geom_type as "geometryType", ${isoTime('r.created_at')} as "createdAt"`;

function reportsFrom(b: TileBounds, scope: TileScope): SQL {
  return sql`${FROM_REPORTS}
    where ${bboxIntersects(sql`r.geom`, lonLatBox(b, TILE_BUFFER))} and ${whereOf(scope)}`;
}

const mercEnvelope = (b: TileBounds) => sql`ST_MakeEnvelope(${b.xmin}::float8, ${b.ymin}::float8, ${b.xmax}::float8, ${b.ymax}::float8, 3857)`;

/** Whether a tile is aggregated: low zoom, or too many reports to draw one by one. */
function countSql(b: TileBounds, scope: TileScope): SQL {
  return sql`select count(*)::int as n from (select 1 ${reportsFrom(b, scope)} limit ${MAX_TILE_FEATURES + 1}) s`;
}

/** The whole tile as one statement for PostGIS with protobuf (ST_AsMVT); also what the benchmark runs through pgbench. */
export function postgisTileSql(z: number, x: number, y: number, filter: TileScope = {}): SQL {
  const b = tileBounds(z, x, y);
  const clusters = clusterRowsSql(b, filter, (tx, ty) => sql`ST_SetSRID(ST_MakePoint(${tx}, ${ty}), 3857)`);
  const clustersMvt = sql`(select ST_AsMVT(t, ${CLUSTER_LAYER}, ${TILE_EXTENT}, 'geom') from (${clusters}) t)`;
  if (z <= CLUSTER_MAX_ZOOM) return sql`select coalesce(${clustersMvt}, ''::bytea) as mvt`;
  const features = sql`
    select * from (
      select ST_AsMVTGeom(ST_Transform(r.geom, 3857), ${mercEnvelope(b)}, ${TILE_EXTENT}, ${TILE_BUFFER}, true) as geom, ${REPORT_ATTRIBUTES}
      ${reportsFrom(b, filter)}
    ) f where geom is not null`;
  return sql`
    with n as (${countSql(b, filter)})
    select case when (select n from n) > ${MAX_TILE_FEATURES}
      then coalesce(${clustersMvt}, ''::bytea)
      else coalesce((select ST_AsMVT(t, ${REPORT_LAYER}, ${TILE_EXTENT}, 'geom') from (${features}) t), ''::bytea)
    end as mvt`;
}

export async function postgisTile(database: Database, z: number, x: number, y: number, filter: TileScope = {}): Promise<Uint8Array> {
  const [row] = await database.rows<{ mvt: Uint8Array | string }>(postgisTileSql(z, x, y, filter));
  const mvt = row?.mvt ?? new Uint8Array();
  return typeof mvt === 'string' ? Buffer.from(mvt.replace(/^\\x/, ''), 'hex') : mvt;
}

export interface TileFeatureRow {
  /** GeoJSON geometry in tile coordinates (y down, 0..extent, with a buffer). */
  geom: { type: string; coordinates: unknown };
  [attribute: string]: unknown;
}

export interface TileLayers {
  [layer: string]: TileFeatureRow[];
}

/**
 * ST_AsMVTGeom in portable SQL: to Web Mercator, clip to the tile and its buffer, scale to
 * tile units with y pointing down, snap to the integer grid, and drop what collapsed.
 */
function portableTileGeom(b: TileBounds): SQL {
  const k = TILE_EXTENT / b.size;
  const m = (TILE_BUFFER / TILE_EXTENT) * b.size;
  const clipBox = sql`ST_MakeEnvelope(${b.xmin - m}::float8, ${b.ymin - m}::float8, ${b.xmax + m}::float8, ${b.ymax + m}::float8, 3857)`;
  const scaled = sql`ST_SnapToGrid(ST_Affine(ST_ClipByBox2D(ST_Transform(r.geom, 3857), ${clipBox}), ${k}::float8, 0, 0, ${-k}::float8, ${-b.xmin * k}::float8, ${b.ymax * k}::float8), 1)`;
  return sql`case r.geom_type
      when 'Polygon' then ST_ForcePolygonCCW(ST_CollectionExtract(ST_MakeValid(${scaled}), 3))
      when 'LineString' then ST_CollectionExtract(ST_RemoveRepeatedPoints(${scaled}), 2)
      else ${scaled} end`;
}

/** The same tile as rows, for engines without ST_AsMVT (PGlite): layer name → features. */
export async function tileRows(database: Database, z: number, x: number, y: number, filter: TileScope = {}): Promise<TileLayers> {
  const b = tileBounds(z, x, y);
  const clustered = z <= CLUSTER_MAX_ZOOM || (await database.rows<{ n: number }>(countSql(b, filter)))[0]!.n > MAX_TILE_FEATURES;
  if (clustered) {
    const rows = await database.rows<TileFeatureRow & { x: number; y: number }>(
      clusterRowsSql(b, filter, (tx, ty) => sql`json_build_object('type', 'Point', 'coordinates', json_build_array(${tx}, ${ty}))`),
    );
    return rows.length ? { [CLUSTER_LAYER]: rows } : {};
  }
  const rows = await database.rows<TileFeatureRow>(sql`
    select ST_AsGeoJSON(g, 0)::json as geom, id, category, state, status, "supportCount", "geometryType", "createdAt" from (
      select ${portableTileGeom(b)} as g, ${REPORT_ATTRIBUTES}
      ${reportsFrom(b, filter)}
    ) f where g is not null and not ST_IsEmpty(g)
      and (GeometryType(g) not in ('POLYGON', 'MULTIPOLYGON') or ST_Area(g) > 0)
      and (GeometryType(g) not in ('LINESTRING', 'MULTILINESTRING') or ST_Length(g) > 0)
    order by id`);
  return rows.length ? { [REPORT_LAYER]: rows } : {};
}

/** Whether this database can encode tiles itself (PostGIS built with protobuf). */
export async function hasPostgisMvt(database: Database): Promise<boolean> {
  if (database.kind === 'pglite') return false;
  try {
    await database.rows(sql`select ST_AsMVT(t, 'probe', 4096, 'geom') from (select ST_AsMVTGeom(ST_Point(0, 0, 3857), ST_TileEnvelope(0, 0, 0)) as geom) t`);
    return true;
  } catch {
    return false;
  }
}

/** The zoom range and extent of the data, for TileJSON. */
export async function reportExtent(database: Database): Promise<[number, number, number, number] | null> {
  const [row] = await execRows<{ w: number | null; s: number; e: number; n: number }>(
    database.db,
    sql`select ST_XMin(x) as w, ST_YMin(x) as s, ST_XMax(x) as e, ST_YMax(x) as n
        from (select ST_Extent(geom)::geometry as x from reports r where ${publicReport()}) t`,
  );
  return row && row.w !== null ? [Number(row.w), Number(row.s), Number(row.e), Number(row.n)] : null;
}
