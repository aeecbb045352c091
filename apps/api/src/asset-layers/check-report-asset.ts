import { anchorPoint, bboxAround, DomainError, nearestAsset, say, type Geometry } from '@groundswell/core';
import { findAssetLayer, type ReportAssetValues } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';
import { AssetLayerDown, fetchLayerAssets } from './fetch-features.ts';

const refuse = (message: string) => new DomainError('validation_failed', `Please check asset: ${message}`, [{ field: 'asset', message }]);

/**
 * The asset a resident picked for a new report: the layer must be active and serve the
 * category, and the asset must be within the layer's snapping distance of the place, which
 * is checked by asking the layer again for a small bbox. When the layer's server is down the
 * report is not refused: the id (and name) as sent are kept, marked unverified.
 */
export async function checkReportAsset(
  deps: Pick<AppDeps, 'database' | 'logger'>,
  category: string,
  geometry: Geometry,
  asset: { layer: number; id: string; name?: string | undefined },
): Promise<ReportAssetValues> {
  const layer = await findAssetLayer(deps.database, asset.layer);
  if (!layer?.active) throw refuse(say('asset_layer_none', { id: asset.layer }));
  if (!layer.categories.includes(category)) throw refuse(say('asset_layer_not_for_category'));
  const point = anchorPoint(geometry);
  try {
    const features = await fetchLayerAssets(layer, bboxAround(point, layer.snapMetres));
    const near = nearestAsset(
      features.filter((f) => f.id === asset.id),
      point,
      layer.snapMetres,
    );
    if (!near) throw refuse(say('asset_not_near', { metres: layer.snapMetres }));
    return { layerId: layer.id, layer: layer.name, id: near.id, name: near.name, verified: true };
  } catch (err) {
    if (!(err instanceof AssetLayerDown)) throw err;
    deps.logger.warn({ err, layer: layer.id }, 'asset layer down; the picked asset is kept unverified');
    return { layerId: layer.id, layer: layer.name, id: asset.id, name: asset.name?.trim() || null, verified: false };
  }
}
