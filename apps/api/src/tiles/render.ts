/**
 * One tile's bytes: PostgreSQL/PostGIS encodes with ST_AsMVT; PGlite (no protobuf in its
 * PostGIS) gets the same rows from SQL and they are encoded in JavaScript. Same layers, same
 * attributes. With `store`, the tile also goes into the shared tile cache (on PostGIS in the
 * same statement that renders it).
 */
import { postgisTile, renderAndStoreTile, storeTile, tileRows, type Database, type TileScope } from '@groundswell/db';
import { encodeTile } from './encode.ts';

export type TileEngine = 'auto' | 'postgis' | 'js';

/** Where a rendered tile is kept: its cache key, the data version it was rendered at, and when. */
export interface TileStore {
  key: string;
  version: string;
  now: Date;
}

/** Which engines fell back to JavaScript because their PostGIS lacks protobuf (per database, not global). */
const noMvt = new WeakSet<Database>();

export async function renderTile(database: Database, z: number, x: number, y: number, scope: TileScope, engine: TileEngine = 'auto', store?: TileStore): Promise<Uint8Array> {
  const usePostgis = engine === 'postgis' || (engine === 'auto' && database.kind === 'postgres' && !noMvt.has(database));
  if (usePostgis) {
    try {
      return store ? await renderAndStoreTile(database, store.key, store.version, z, x, y, scope, store.now) : await postgisTile(database, z, x, y, scope);
    } catch (err) {
      if (engine === 'postgis' || !/protobuf|st_asmvt/i.test(String((err as Error).message) + String((err as { cause?: Error }).cause?.message))) throw err;
      noMvt.add(database);
    }
  }
  const bytes = await encodeTile(await tileRows(database, z, x, y, scope));
  if (store) await storeTile(database, store.key, store.version, bytes, store.now);
  return bytes;
}
