/**
 * The small map of one place (the report page, the review step): MapLibre through
 * `createMap` (so the council base map stands in when the configured one cannot load), fitted
 * to the shape and drawn in the category's colour. It only shows (no gestures, no buttons),
 * unless the resident asked on a phone for the map to move (SmallMap.tsx).
 * Loaded with `import()` by SmallMap.tsx, so MapLibre never delays a page's words and actions.
 */
import type { GeoJSONSourceSpecification, LayerSpecification, MapOptions, Map as MapLibreMap } from 'maplibre-gl';
import type { Camera, Geometry } from '@groundswell/core/rules';
import type { SiteConfig } from '../api/types.ts';
import { createMap, type CreatedMap } from './create-map.ts';
import { bboxOf, SMALL_MAP_MAX_ZOOM } from './small-map-camera.ts';

declare global {
  interface Window {
    /** The last small map shown, for end-to-end tests. */
    __gsSmallMap?: MapLibreMap;
  }
}

export const SHAPE_SOURCE = 'place-shape';
/** Stable layer ids, as the report layers have. */
export const SHAPE_LAYERS = { fill: 'place-fill', outline: 'place-outline', line: 'place-line', point: 'place-point' } as const;
export { bboxOf, SMALL_MAP_MAX_ZOOM } from './small-map-camera.ts';

function shapeLayers(geometry: Geometry, colour: string): LayerSpecification[] {
  const source = SHAPE_SOURCE;
  if (geometry.type === 'Point')
    return [{ id: SHAPE_LAYERS.point, type: 'circle', source, paint: { 'circle-color': colour, 'circle-radius': 9, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 3 } }];
  if (geometry.type === 'LineString') {
    return [
      // A white casing keeps a blue ditch report apart from the blue ditch network under it.
      { id: `${SHAPE_LAYERS.line}-casing`, type: 'line', source, layout: { 'line-join': 'round', 'line-cap': 'round' }, paint: { 'line-color': '#ffffff', 'line-width': 9 } },
      { id: SHAPE_LAYERS.line, type: 'line', source, layout: { 'line-join': 'round', 'line-cap': 'round' }, paint: { 'line-color': colour, 'line-width': 5 } },
    ];
  }
  return [
    { id: SHAPE_LAYERS.fill, type: 'fill', source, paint: { 'fill-color': colour, 'fill-opacity': 0.3 } },
    { id: SHAPE_LAYERS.outline, type: 'line', source, layout: { 'line-join': 'round' }, paint: { 'line-color': colour, 'line-width': 3 } },
  ];
}

export interface PlaceMapOptions {
  config: Pick<SiteConfig, 'mapStyleUrl' | 'bounds'>;
  geometry: Geometry;
  colour: string;
  /** The map's accessible name. */
  label: string;
  /** The id of the words that say where the place is: the map's description. */
  describedBy?: string;
  /** Open at this view (the picture's, so the swap does not move) instead of fitting the shape. */
  camera?: Camera;
  /** Gestures and zoom buttons: the resident asked for the map to move. Default false: it only shows. */
  interactive?: boolean;
}

/** Shows one shape on a small, still map; dispose() removes it. */
export function showPlace(container: HTMLElement, o: PlaceMapOptions): CreatedMap {
  const [w, s, e, n] = bboxOf(o.geometry);
  // A point has no extent to fit: it is centred at the closest zoom instead (the council's bounds are dropped).
  const camera: Partial<MapOptions> = o.camera
    ? { bounds: undefined, center: o.camera.center, zoom: o.camera.zoom }
    : w === e && s === n
      ? { bounds: undefined, center: [w, s], zoom: SMALL_MAP_MAX_ZOOM }
      : { bounds: [w, s, e, n], fitBoundsOptions: { padding: 32, maxZoom: SMALL_MAP_MAX_ZOOM } };
  const interactive = o.interactive === true;
  const created = createMap(container, { config: o.config, labels: { map: o.label }, controls: interactive, options: { interactive, ...camera } });
  const { map } = created;
  if (o.describedBy) map.getCanvas().setAttribute('aria-describedby', o.describedBy);
  const data = { type: 'Feature', properties: {}, geometry: o.geometry } as unknown as GeoJSONSourceSpecification['data'];
  // A base map swap (the plain fallback) removes every layer: the shape goes back on each style load.
  const install = () => {
    if (map.getSource(SHAPE_SOURCE)) return;
    map.addSource(SHAPE_SOURCE, { type: 'geojson', data });
    for (const layer of shapeLayers(o.geometry, o.colour)) map.addLayer(layer);
  };
  map.on('style.load', install);
  if (map.isStyleLoaded()) install();
  window.__gsSmallMap = map;
  return {
    map,
    dispose() {
      if (window.__gsSmallMap === map) delete window.__gsSmallMap;
      created.dispose();
    },
  };
}
