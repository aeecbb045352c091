/**
 * A public tile rendered on a read replica (issue 15), with the data version of its area as
 * the replica saw it (packages/db replica-tiles.ts). The caller stores it on the primary
 * under that version. PostGIS encodes with ST_AsMVT where it can, as on the primary.
 */
import { postgisTileWithVersion, tileRowsWithVersion, type Database, type TileScope } from '@groundswell/db';
import { encodeTile } from './encode.ts';

/** Replicas whose PostGIS has no protobuf: rows encoded in JavaScript (per database, not global). */
const noMvt = new WeakSet<Database>();

export async function renderTileOnReplica(database: Database, z: number, x: number, y: number, scope: TileScope): Promise<{ bytes: Uint8Array; version: string }> {
  if (!noMvt.has(database)) {
    try {
      const { mvt, version } = await postgisTileWithVersion(database, z, x, y, scope);
      return { bytes: mvt, version };
    } catch (err) {
      if (!/protobuf|st_asmvt/i.test(String((err as Error).message) + String((err as { cause?: Error }).cause?.message))) throw err;
      noMvt.add(database);
    }
  }
  const { layers, version } = await tileRowsWithVersion(database, z, x, y, scope);
  return { bytes: await encodeTile(layers), version };
}
