import { listAssetFeatureTexts, type AssetFilter } from '@groundswell/db';
import type { AssetDeps } from './deps.ts';

/** The live (or, asked for, the retired) segments, open to everyone: each a GeoJSON Feature's text. */
export function listSegments(deps: AssetDeps, filter: AssetFilter): Promise<string[]> {
  return listAssetFeatureTexts(deps.database, filter);
}
