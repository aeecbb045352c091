import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { AssetCollection } from './api.ts';
import { CONDITIONS, CONDITION_STYLE } from './colors.ts';
import { fitTo } from './maps.ts';

type SourceData = Parameters<GeoJSONSource['setData']>[0];

export const ASSET_LAYERS = CONDITIONS.map((c) => `assets-${c}`);

/** Draws the segments by condition; the first time, fits the map to them. Returns whether the layers were just added. */
export function drawAssets(map: MapLibreMap, data: AssetCollection): boolean {
  const source = map.getSource('assets') as GeoJSONSource | undefined;
  if (source) {
    source.setData(data as unknown as SourceData);
    return false;
  }
  fitTo(
    map,
    data.features.flatMap((f) => f.geometry.coordinates),
  );
  map.addSource('assets', { type: 'geojson', data: data as unknown as SourceData, promoteId: 'code' });
  // A casing under every line keeps the colours readable on any base map.
  map.addLayer({ id: 'assets-casing', type: 'line', source: 'assets', layout: { 'line-cap': 'round' }, paint: { 'line-color': '#ffffff', 'line-width': 8, 'line-opacity': 0.8 } });
  for (const c of CONDITIONS) {
    const s = CONDITION_STYLE[c];
    map.addLayer({
      id: `assets-${c}`,
      type: 'line',
      source: 'assets',
      filter: ['==', ['get', 'condition'], c],
      layout: { 'line-cap': s.dash ? 'butt' : 'round' },
      paint: { 'line-color': s.color, 'line-width': s.width, ...(s.dash ? { 'line-dasharray': s.dash } : {}) },
    });
  }
  map.addLayer(
    { id: 'assets-selected', type: 'line', source: 'assets', filter: ['==', ['get', 'code'], ''], paint: { 'line-color': '#ffbf47', 'line-width': 12, 'line-opacity': 0.6 } },
    'assets-casing',
  );
  return true;
}

/** The segment code under a point, if any. */
export function assetAt(map: MapLibreMap, x: number, y: number): string | undefined {
  const hit = map.queryRenderedFeatures(
    [
      [x - 6, y - 6],
      [x + 6, y + 6],
    ],
    { layers: ASSET_LAYERS },
  )[0];
  return hit ? String(hit.properties.code) : undefined;
}
