/**
 * Fetching a council layer's assets by bbox, through our server: the browser never talks to
 * the council's GIS (no CORS or mixed content to depend on, and one cache for everyone).
 */
import { assetFeaturesUrl, readLayerAssets, type LayerAsset, type BBox } from '@groundswell/core';
import type { AssetLayerRow } from '@groundswell/db';

/** A slow GIS must not hold the report flow: past this the layer counts as down. */
export const ASSET_FETCH_TIMEOUT_MS = 4000;
const MAX_BODY_BYTES = 5 * 1024 * 1024;

/** The layer's server did not answer, answered an error, or answered something that is not GeoJSON. */
export class AssetLayerDown extends Error {}

export async function fetchLayerAssets(layer: Pick<AssetLayerRow, 'kind' | 'url' | 'collection' | 'idField' | 'nameField'>, bbox: BBox): Promise<LayerAsset[]> {
  const url = assetFeaturesUrl(layer, bbox);
  let body: unknown;
  try {
    const res = await fetch(url, { headers: { accept: 'application/geo+json, application/json' }, signal: AbortSignal.timeout(ASSET_FETCH_TIMEOUT_MS), redirect: 'follow' });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const text = await res.text();
    if (text.length > MAX_BODY_BYTES) throw new Error('answer too large');
    body = JSON.parse(text);
    return readLayerAssets(body, layer.idField, layer.nameField, bbox);
  } catch (err) {
    throw new AssetLayerDown(`${layer.kind} layer at ${new URL(url).origin}: ${(err as Error).message}`, { cause: err });
  }
}

interface Entry {
  at: number;
  features: LayerAsset[];
}

/**
 * A small per-process LRU of recent answers. Assets change rarely and the report flow asks
 * for the same street again as the resident moves the pin, so a minute's freshness is plenty;
 * an older answer (up to ten minutes) is still served while the layer's server is down. Kept
 * in memory, not in a table: it is a copy of public data, lost harmlessly on restart, and
 * per process avoids a write on every read.
 */
export class LayerAssetCache {
  private readonly entries = new Map<string, Entry>();
  constructor(
    private readonly now: () => number,
    private readonly freshMs = 60_000,
    private readonly staleMs = 600_000,
    private readonly size = 500,
  ) {}

  async get(layer: AssetLayerRow, bbox: BBox, load: () => Promise<LayerAsset[]>): Promise<{ features: LayerAsset[]; stale: boolean }> {
    const key = `${layer.id}|${layer.kind}|${layer.url}|${layer.collection}|${layer.idField}|${layer.nameField}|${bbox.join(',')}`;
    const hit = this.entries.get(key);
    if (hit && this.now() - hit.at < this.freshMs) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return { features: hit.features, stale: false };
    }
    try {
      const features = await load();
      this.entries.delete(key);
      this.entries.set(key, { at: this.now(), features });
      while (this.entries.size > this.size) this.entries.delete(this.entries.keys().next().value!);
      return { features, stale: false };
    } catch (err) {
      if (hit && this.now() - hit.at < this.staleMs) return { features: hit.features, stale: true };
      throw err;
    }
  }
}
