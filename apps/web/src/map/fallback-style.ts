import type { StyleSpecification } from 'maplibre-gl';

/**
 * The base map when the configured one cannot load (no signal in a field, a blocked CDN):
 * a plain light background with no sources, sprites or glyphs, so it needs no network at
 * all. Reports draw on top of it as usual.
 */
export const FALLBACK_STYLE: StyleSpecification = {
  version: 8,
  name: 'Groundswell offline',
  sources: {},
  layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#eef0e8' } }],
};
