/**
 * One tile's bytes: PostgreSQL/PostGIS encodes with ST_AsMVT; PGlite (no protobuf in its
 * PostGIS) gets the same rows from SQL and they are encoded in JavaScript. Same layers, same
 * attributes.
 */
import { postgisTile, tileRows, type Database, type TileScope } from '@groundswell/db';
import { encodeTile } from './encode.ts';

export type TileEngine = 'auto' | 'postgis' | 'js';

/** Which engines fell back to JavaScript because their PostGIS lacks protobuf (per database, not global). */
const noMvt = new WeakSet<Database>();

export async function renderTile(database: Database, z: number, x: number, y: number, scope: TileScope, engine: TileEngine = 'auto'): Promise<Uint8Array> {
  const usePostgis = engine === 'postgis' || (engine === 'auto' && database.kind === 'postgres' && !noMvt.has(database));
  if (usePostgis) {
    try {
      return await postgisTile(database, z, x, y, scope);
    } catch (err) {
      if (engine === 'postgis' || !/protobuf|st_asmvt/i.test(String((err as Error).message) + String((err as { cause?: Error }).cause?.message))) throw err;
      noMvt.add(database);
    }
  }
  return encodeTile(await tileRows(database, z, x, y, scope));
}
