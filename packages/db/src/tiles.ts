/**
 * The shared tile cache. A rendered public tile is stored under its key (layer, z/x/y and
 * canonical filters) with the data version it was rendered at; the version of a tile is the
 * sum of the counters of the zoom-12 cells it covers (plus the everything cell -1/-1), which
 * a trigger on reports bumps at commit (drizzle/0018_tile_cache.sql). A write anywhere in a
 * tile's area raises the sum, so the old body is never served again; a write elsewhere leaves
 * it alone. Counters only grow, so a sum is never seen twice with different data.
 *
 * The version is read before the tile is rendered: a write landing in between makes the new
 * body carry the older version, and the next request renders again; never the reverse.
 */
import { sql } from 'drizzle-orm';
import { lonLatBox, postgisTileSql, TILE_BUFFER, tileBounds, type TileScope } from './open-data/tiles.ts';
import type { Database } from './connect.ts';
import { tsParam } from './sql-kit.ts';

/** The zoom of the cells versions are kept for (about 6 km across in Britain). */
export const TILE_VERSION_ZOOM = 12;
const CELLS = 2 ** TILE_VERSION_ZOOM;

const cellX = (lon: number) => Math.max(0, Math.min(CELLS - 1, Math.floor(((lon + 180) / 360) * CELLS)));
function cellY(lat: number): number {
  const r = (Math.max(-85.0511, Math.min(85.0511, lat)) * Math.PI) / 180;
  return Math.max(0, Math.min(CELLS - 1, Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * CELLS)));
}

/** The version cells a tile reads from: its area and the buffer of shapes it draws past its edge. */
export function tileCells(z: number, x: number, y: number): { x0: number; x1: number; y0: number; y1: number } {
  const [w, s, e, n] = lonLatBox(tileBounds(z, x, y), TILE_BUFFER);
  return { x0: cellX(w), x1: cellX(e), y0: cellY(n), y1: cellY(s) };
}

/** The data version of a tile's area, as one statement to join with others (the replica reads it with the tile). */
export function versionSql(z: number, x: number, y: number) {
  const c = tileCells(z, x, y);
  return sql`select coalesce(sum(version), 0)::bigint as v from tile_versions
    where (cell_x between ${c.x0} and ${c.x1} and cell_y between ${c.y0} and ${c.y1}) or (cell_x = -1 and cell_y = -1)`;
}

const toBytes = (body: Uint8Array | string): Uint8Array => (typeof body === 'string' ? Buffer.from(body.replace(/^\\x/, ''), 'hex') : new Uint8Array(body.buffer, body.byteOffset, body.byteLength));

/**
 * One round trip: the tile's data version and, when the cache holds the tile at that
 * version, its body; unless the caller already holds the body of that version (`known`),
 * when only the version comes back (a few bytes instead of up to a few hundred KB).
 */
export async function cachedTile(database: Database, key: string, z: number, x: number, y: number, known?: string): Promise<{ version: string; body: Uint8Array | null; stored: boolean }> {
  const [row] = await database.rows<{ v: string | number; body: Uint8Array | string | null; stored: boolean }>(sql`
    with v as (${versionSql(z, x, y)})
    select v.v, case when v.v::text = ${known ?? ''} then null else t.body end as body, t.key is not null as stored
    from v left join tile_cache t on t.key = ${key} and t.version = v.v`);
  return { version: String(row!.v), body: row!.body === null || row!.body === undefined ? null : toBytes(row!.body), stored: Boolean(row!.stored) };
}

/** PostGIS with ST_AsMVT: the tile rendered and stored by one statement, its bytes never sent back to the database. */
export async function renderAndStoreTile(database: Database, key: string, version: string, z: number, x: number, y: number, scope: TileScope, now: Date): Promise<Uint8Array> {
  const [row] = await database.rows<{ mvt: Uint8Array | string }>(sql`
    with t as (${postgisTileSql(z, x, y, scope)}),
    s as (
      insert into tile_cache (key, version, body, created_at) select ${key}, ${version}::bigint, mvt, ${tsParam(now)} from t
      on conflict (key) do update set version = excluded.version, body = excluded.body, created_at = excluded.created_at
      where tile_cache.version <= excluded.version
    )
    select mvt from t`);
  return toBytes(row?.mvt ?? new Uint8Array());
}

/** Keeps a rendered tile for its version (the newest render of a key wins). */
export async function storeTile(database: Database, key: string, version: string, body: Uint8Array, now: Date): Promise<void> {
  await database.rows(sql`
    insert into tile_cache (key, version, body, created_at) values (${key}, ${version}::bigint, ${Buffer.from(body.buffer, body.byteOffset, body.byteLength)}, ${tsParam(now)})
    on conflict (key) do update set version = excluded.version, body = excluded.body, created_at = excluded.created_at
    where tile_cache.version <= excluded.version`);
}

/** Housekeeping: cached tiles rendered before `before` go (outdated ones are never read again anyway). */
export async function pruneTileCache(database: Database, before: Date): Promise<number> {
  const [row] = await database.rows<{ n: number }>(sql`with gone as (delete from tile_cache where created_at < ${tsParam(before)} returning 1) select count(*)::int as n from gone`);
  return Number(row?.n ?? 0);
}
