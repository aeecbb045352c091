import type { ExpressionSpecification, StyleSpecification } from 'maplibre-gl';
import { BASE_MAP_PAINT, DITCH_WIDTH_STOPS, PLACE_TEXT_SIZES } from '@groundswell/core/rules';

/** The source of the council's own base map, served by our API (`/tiles/base/…`). */
export const BASE_SOURCE = 'council-base';
/** Stable layer ids of the plain base map: tests and later features refer to them. */
export const BASE_LAYERS = {
  background: 'background',
  areaOutline: 'base-area-outline',
  ditches: 'base-ditches',
  areaLabels: 'base-area-labels',
  placeDots: 'base-place-dots',
  places: 'base-places',
} as const;
/** The API serves base tiles up to any zoom, but they hold nothing new past this one: MapLibre over-zooms. */
const BASE_MAX_ZOOM = 14;

/*
 * Labels need glyphs, and the configured style's glyph server is as unreachable as the rest
 * of it. MapLibre GL 5 draws every glyph locally (TinySDF, on a canvas, with the system's
 * fonts named by `text-font`) when a style has no `glyphs` URL, so this style leaves `glyphs`
 * out on purpose: no font files to ship or serve, nothing to fetch, and Polish letters
 * (ł, ż, ś) work because the system font has them. `sans-serif` is a CSS generic family, so
 * every browser has one.
 */
const FONT = ['sans-serif'];
const isPoint: ExpressionSpecification = ['==', ['geometry-type'], 'Point'];
const isArea: ExpressionSpecification = ['==', ['geometry-type'], 'Polygon'];
const HALO = { 'text-halo-color': BASE_MAP_PAINT.halo, 'text-halo-width': 1.5 };

/**
 * The base map when the configured one cannot load (no signal in a field, a blocked CDN) or
 * none is configured: the council's own data from our server, drawn plainly (area outlines
 * and names, the ditch network as thin blue lines, village and place names), so a resident
 * with no GPS can still find the field by the village. Reports draw on top of it as usual.
 * `origin` is where the API answers (the page's own origin): tile URLs must be absolute,
 * because MapLibre fetches them from a worker.
 */
export function fallbackStyle(origin: string): StyleSpecification {
  return {
    version: 8,
    name: 'Groundswell offline',
    sources: {
      [BASE_SOURCE]: { type: 'vector', tiles: [`${origin}/tiles/base/{z}/{x}/{y}.mvt`], minzoom: 0, maxzoom: BASE_MAX_ZOOM },
    },
    layers: [
      { id: BASE_LAYERS.background, type: 'background', paint: { 'background-color': BASE_MAP_PAINT.background } },
      {
        id: BASE_LAYERS.areaOutline,
        type: 'line',
        source: BASE_SOURCE,
        'source-layer': 'areas',
        filter: isArea,
        paint: { 'line-color': BASE_MAP_PAINT.areaOutline, 'line-width': 1.5, 'line-dasharray': [4, 2] },
      },
      {
        id: BASE_LAYERS.ditches,
        type: 'line',
        source: BASE_SOURCE,
        'source-layer': 'ditches',
        layout: { 'line-join': 'round', 'line-cap': 'round' },
        paint: { 'line-color': BASE_MAP_PAINT.ditch, 'line-width': ['interpolate', ['linear'], ['zoom'], ...DITCH_WIDTH_STOPS.flat()] as unknown as ExpressionSpecification },
      },
      {
        id: BASE_LAYERS.areaLabels,
        type: 'symbol',
        source: BASE_SOURCE,
        'source-layer': 'areas',
        filter: isPoint,
        layout: { 'text-field': ['get', 'name'], 'text-font': FONT, 'text-size': 12, 'text-letter-spacing': 0.08, 'text-transform': 'uppercase', 'text-max-width': 8 },
        paint: { 'text-color': BASE_MAP_PAINT.areaLabel, ...HALO },
      },
      {
        id: BASE_LAYERS.placeDots,
        type: 'circle',
        source: BASE_SOURCE,
        'source-layer': 'places',
        paint: { 'circle-color': BASE_MAP_PAINT.place, 'circle-radius': 2.5, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1 },
      },
      {
        id: BASE_LAYERS.places,
        type: 'symbol',
        source: BASE_SOURCE,
        'source-layer': 'places',
        layout: {
          'text-field': ['get', 'name'],
          'text-font': FONT,
          // Rank 1 (a town) is largest and placed first; a farm gives way to a village.
          'text-size': ['match', ['get', 'rank'], 1, PLACE_TEXT_SIZES[1], 2, PLACE_TEXT_SIZES[2], 3, PLACE_TEXT_SIZES[3], 4, PLACE_TEXT_SIZES[4], PLACE_TEXT_SIZES[0]],
          'symbol-sort-key': ['get', 'rank'],
          'text-max-width': 8,
          // Below its dot: a pin dropped on the village leaves its name readable.
          'text-anchor': 'top',
          'text-offset': [0, 0.5],
        },
        paint: { 'text-color': BASE_MAP_PAINT.place, ...HALO },
      },
    ],
  };
}
