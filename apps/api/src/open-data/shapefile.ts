/**
 * An ESRI Shapefile (.shp, .shx, .dbf, .prj, .cpg) written record by record to files on
 * disk, as the 1998 ESRI technical description and dBase III describe them. Written here
 * rather than with a library because the npm writers hold every feature in memory before
 * writing (`@mapbox/shp-write`) or only read (`shapefile`); the format is small and fixed.
 * Headers, which hold the record count, file length and extent, are written last.
 */
import { open, writeFile, type FileHandle } from 'node:fs/promises';
import { DBF_TEXT_MAX_BYTES, utf8Prefix } from '@groundswell/core';
import type { GisColumn, GisRow } from '@groundswell/db';

/** Shape types of the three layers. */
export const SHAPE_TYPE = { Point: 1, LineString: 3, Polygon: 5 } as const;
export type ShapeKind = keyof typeof SHAPE_TYPE;

/** WGS 84 in the ESRI WKT that .prj files carry. */
export const WGS84_PRJ = 'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';

type Ring = Array<[number, number]>;

/**
 * The parts of a 2D WKB geometry as a shapefile holds them: a point; a line, or each line of
 * a MultiLineString; each ring of a Polygon, or of every polygon of a MultiPolygon. Either
 * byte order, each part's header read as it comes.
 */
export function wkbParts(wkb: Uint8Array): Ring[] {
  const view = new DataView(wkb.buffer, wkb.byteOffset, wkb.byteLength);
  let at = 0;
  const geometry = (): Ring[] => {
    const le = view.getUint8(at) === 1;
    const type = view.getUint32(at + 1, le) % 1000;
    at += 5;
    const u32 = () => {
      const v = view.getUint32(at, le);
      at += 4;
      return v;
    };
    const point = (): [number, number] => {
      const p: [number, number] = [view.getFloat64(at, le), view.getFloat64(at + 8, le)];
      at += 16;
      return p;
    };
    const ring = () => Array.from({ length: u32() }, point);
    if (type === 1) return [[point()]];
    if (type === 2) return [ring()];
    if (type === 3) return Array.from({ length: u32() }, ring);
    if (type === 5 || type === 6) return Array.from({ length: u32() }, geometry).flat();
    throw new Error(`WKB geometry type ${type} has no place in a Point, PolyLine or Polygon shapefile`);
  };
  return geometry();
}

const DBF_TYPE = { text: 'C', integer: 'N', real: 'N', datetime: 'D' } as const;

interface DbfField {
  column: string;
  name: string;
  type: 'C' | 'N' | 'D';
  length: number;
  decimals: number;
}

/** Integers are 9 digits wide: GDAL types a wider numeric field Integer64. */
function dbfFields(columns: readonly GisColumn[], names: Map<string, string>): DbfField[] {
  return columns.map((c) => ({
    column: c.name,
    name: names.get(c.name) ?? c.name,
    type: DBF_TYPE[c.type],
    length: c.type === 'text' ? Math.min(c.width ?? DBF_TEXT_MAX_BYTES, DBF_TEXT_MAX_BYTES) : c.type === 'integer' ? 9 : c.type === 'real' ? 19 : 8,
    decimals: c.type === 'real' ? 3 : 0,
  }));
}

/** A value as a dBase field's bytes: text left-aligned, numbers right-aligned, dates YYYYMMDD (UTC), all space-padded. */
function fieldBytes(field: DbfField, value: unknown): Buffer {
  const out = Buffer.alloc(field.length, 0x20);
  if (value === null || value === undefined) return out;
  if (field.type === 'C') {
    out.set(utf8Prefix(String(value), field.length));
  } else if (field.type === 'D') {
    out.write(String(value).slice(0, 10).replaceAll('-', ''), 0, 'latin1');
  } else {
    const n = Number(value);
    const text = field.decimals ? n.toFixed(field.decimals) : String(Math.trunc(n));
    if (text.length <= field.length) out.write(text, field.length - text.length, 'latin1');
  }
  return out;
}

export class ShapefileWriter {
  private shp!: FileHandle;
  private shx!: FileHandle;
  private dbf!: FileHandle;
  private readonly fields: DbfField[];
  private readonly recordLength: number;
  private readonly headerLength: number;
  private count = 0;
  /** Bytes written to .shp (header included). */
  private shpLength = 100;
  private readonly extent = { minx: Infinity, miny: Infinity, maxx: -Infinity, maxy: -Infinity };

  private constructor(
    private readonly base: string,
    private readonly kind: ShapeKind,
    columns: readonly GisColumn[],
    names: Map<string, string>,
  ) {
    this.fields = dbfFields(columns, names);
    this.recordLength = 1 + this.fields.reduce((n, f) => n + f.length, 0);
    this.headerLength = 32 + 32 * this.fields.length + 1;
  }

  /** Opens `base`.shp/.shx/.dbf for a layer of `kind`, with the field names `names` gives each column. */
  static async create(base: string, kind: ShapeKind, columns: readonly GisColumn[], names: Map<string, string>): Promise<ShapefileWriter> {
    const w = new ShapefileWriter(base, kind, columns, names);
    [w.shp, w.shx, w.dbf] = await Promise.all([open(`${base}.shp`, 'w'), open(`${base}.shx`, 'w'), open(`${base}.dbf`, 'w')]);
    // Room for the headers, written when the counts are known.
    await Promise.all([w.shp.write(Buffer.alloc(100), 0, 100, 0), w.shx.write(Buffer.alloc(100), 0, 100, 0), w.dbf.write(Buffer.alloc(w.headerLength), 0, w.headerLength, 0)]);
    return w;
  }

  async add(rows: readonly GisRow[]): Promise<void> {
    const shp: Buffer[] = [];
    const shx: Buffer[] = [];
    const dbf: Buffer[] = [];
    // Every write is at its own offset: the headers' room at the start was written positionally.
    const at = { shp: this.shpLength, shx: 100 + 8 * this.count, dbf: this.headerLength + this.count * this.recordLength };
    for (const row of rows) {
      const content = this.shapeContent(wkbParts(row.wkb), row);
      const header = Buffer.alloc(8);
      header.writeInt32BE(++this.count, 0);
      header.writeInt32BE(content.length / 2, 4);
      const index = Buffer.alloc(8);
      index.writeInt32BE(this.shpLength / 2, 0);
      index.writeInt32BE(content.length / 2, 4);
      shp.push(header, content);
      shx.push(index);
      this.shpLength += 8 + content.length;
      dbf.push(Buffer.from([0x20]), ...this.fields.map((f) => fieldBytes(f, row[f.column])));
      this.extent.minx = Math.min(this.extent.minx, row.minx);
      this.extent.miny = Math.min(this.extent.miny, row.miny);
      this.extent.maxx = Math.max(this.extent.maxx, row.maxx);
      this.extent.maxy = Math.max(this.extent.maxy, row.maxy);
    }
    const write = (file: FileHandle, parts: Buffer[], position: number) => {
      const b = Buffer.concat(parts);
      return file.write(b, 0, b.length, position);
    };
    await Promise.all([write(this.shp, shp, at.shp), write(this.shx, shx, at.shx), write(this.dbf, dbf, at.dbf)]);
  }

  private shapeContent(parts: Ring[], row: GisRow): Buffer {
    const type = SHAPE_TYPE[this.kind];
    if (this.kind === 'Point') {
      const b = Buffer.alloc(20);
      b.writeInt32LE(type, 0);
      b.writeDoubleLE(parts[0]![0]![0], 4);
      b.writeDoubleLE(parts[0]![0]![1], 12);
      return b;
    }
    const points = parts.reduce((n, p) => n + p.length, 0);
    const b = Buffer.alloc(44 + 4 * parts.length + 16 * points);
    b.writeInt32LE(type, 0);
    for (const [i, v] of [row.minx, row.miny, row.maxx, row.maxy].entries()) b.writeDoubleLE(v, 4 + 8 * i);
    b.writeInt32LE(parts.length, 36);
    b.writeInt32LE(points, 40);
    let start = 0;
    let at = 44 + 4 * parts.length;
    parts.forEach((part, i) => {
      b.writeInt32LE(start, 44 + 4 * i);
      start += part.length;
      for (const [x, y] of part) {
        b.writeDoubleLE(x, at);
        b.writeDoubleLE(y, at + 8);
        at += 16;
      }
    });
    return b;
  }

  private mainHeader(lengthBytes: number): Buffer {
    const h = Buffer.alloc(100);
    h.writeInt32BE(9994, 0);
    h.writeInt32BE(lengthBytes / 2, 24);
    h.writeInt32LE(1000, 28);
    h.writeInt32LE(SHAPE_TYPE[this.kind], 32);
    const e = this.count ? this.extent : { minx: 0, miny: 0, maxx: 0, maxy: 0 };
    for (const [i, v] of [e.minx, e.miny, e.maxx, e.maxy].entries()) h.writeDoubleLE(v, 36 + 8 * i);
    return h;
  }

  private dbfHeader(now: Date): Buffer {
    const h = Buffer.alloc(this.headerLength);
    h.writeUInt8(0x03, 0);
    h.writeUInt8(now.getUTCFullYear() - 1900, 1);
    h.writeUInt8(now.getUTCMonth() + 1, 2);
    h.writeUInt8(now.getUTCDate(), 3);
    h.writeUInt32LE(this.count, 4);
    h.writeUInt16LE(this.headerLength, 8);
    h.writeUInt16LE(this.recordLength, 10);
    this.fields.forEach((f, i) => {
      const at = 32 + 32 * i;
      h.write(f.name, at, 10, 'latin1');
      h.write(f.type, at + 11, 'latin1');
      h.writeUInt8(f.length, at + 16);
      h.writeUInt8(f.decimals, at + 17);
    });
    h.writeUInt8(0x0d, this.headerLength - 1);
    return h;
  }

  /** Writes the headers, the end-of-file mark, the .prj and the .cpg, and closes the files. */
  async finish(now: Date): Promise<{ count: number; files: string[] }> {
    try {
      await Promise.all([
        this.shp.write(this.mainHeader(this.shpLength), 0, 100, 0),
        this.shx.write(this.mainHeader(100 + 8 * this.count), 0, 100, 0),
        this.dbf.write(this.dbfHeader(now), 0, this.headerLength, 0),
      ]);
      await this.dbf.write(Buffer.from([0x1a]), 0, 1, this.headerLength + this.count * this.recordLength);
    } finally {
      await this.close();
    }
    await writeFile(`${this.base}.prj`, WGS84_PRJ);
    await writeFile(`${this.base}.cpg`, 'UTF-8');
    return { count: this.count, files: ['shp', 'shx', 'dbf', 'prj', 'cpg'].map((ext) => `${this.base}.${ext}`) };
  }

  async close(): Promise<void> {
    await Promise.all([this.shp, this.shx, this.dbf].map((f) => f?.close().catch(() => {})));
  }
}
