/**
 * Rendering a public tile on a read replica (issue 15). The tile cache lives on the primary
 * (tile_cache is UNLOGGED, so no replica holds it), and a lagging replica must never make an
 * old body current there: the replica returns the body together with the data version of
 * the tile's area as the replica saw it, read in the same statement (one snapshot), and that
 * version, not the primary's, is what the body is stored and served under. While the replica
 * is behind, its version is below the primary's, so the next request misses again.
 */
import { sql } from 'drizzle-orm';
import { execRows, type Database } from './connect.ts';
import { postgisTileSql, tileRows, type TileLayers, type TileScope } from './open-data/tiles.ts';
import { versionSql } from './tiles.ts';

const toBytes = (body: Uint8Array | string | null | undefined): Uint8Array =>
  body == null ? new Uint8Array() : typeof body === 'string' ? Buffer.from(body.replace(/^\\x/, ''), 'hex') : new Uint8Array(body.buffer, body.byteOffset, body.byteLength);

/** PostGIS with ST_AsMVT: the tile and its area's version from one snapshot. */
export async function postgisTileWithVersion(database: Database, z: number, x: number, y: number, scope: TileScope): Promise<{ mvt: Uint8Array; version: string }> {
  const [row] = await database.rows<{ mvt: Uint8Array | string | null; v: string | number }>(sql`
    with v as (${versionSql(z, x, y)}), t as (${postgisTileSql(z, x, y, scope)})
    select t.mvt, v.v from v left join t on true`);
  return { mvt: toBytes(row?.mvt), version: String(row?.v ?? 0) };
}

/**
 * Without protobuf (rows for the JavaScript encoder): the version and the rows in one
 * read-only repeatable-read transaction, so one connection and one snapshot serve both.
 */
export async function tileRowsWithVersion(database: Database, z: number, x: number, y: number, scope: TileScope): Promise<{ layers: TileLayers; version: string }> {
  return database.db.transaction(
    async (tx) => {
      const pinned: Database = { kind: database.kind, db: tx as unknown as Database['db'], rows: (query) => execRows(tx, query), migrate: async () => {}, close: async () => {} };
      const [row] = await pinned.rows<{ v: string | number }>(versionSql(z, x, y));
      return { version: String(row?.v ?? 0), layers: await tileRows(pinned, z, x, y, scope) };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}
