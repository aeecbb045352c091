/**
 * The triage map's sources and layers: every report in the officer's remit under the list's
 * filters, from the staff report tiles (counted in clusters up to zoom 13, single from 14),
 * and the selected report on top (GeoJSON: one report). Closed reports are paler and dashed;
 * fresh ones (arrived since the last look, marked by feature state) have a heavier outline.
 */
import { isOpen } from '@groundswell/core/rules';
import type { DataDrivenPropertyValueSpecification, ExpressionSpecification, GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { StaffReport } from './types.ts';

/** The staff report tiles: every report the list would page through. */
export const TILES = 'c-tiles';
export const SELECTED = 'c-selected';
/** Stable layer ids (tests refer to them). Top-most first: the order a click prefers. */
export const CONSOLE_LAYERS = { point: 'c-point', line: 'c-line', outline: 'c-outline', fill: 'c-fill', cluster: 'c-cluster' } as const;
export const PICK_LAYERS: readonly string[] = [CONSOLE_LAYERS.point, CONSOLE_LAYERS.line, CONSOLE_LAYERS.outline, CONSOLE_LAYERS.fill];

export type Colour = DataDrivenPropertyValueSpecification<string>;
export type Feature = { type: 'Feature'; geometry: StaffReport['geometry']; properties: { id: string; category: string; closed: boolean; fresh: boolean } };
export type Collection = { type: 'FeatureCollection'; features: Feature[] };
type SourceData = Parameters<GeoJSONSource['setData']>[0];

export const collection = (features: Feature[]): Collection => ({ type: 'FeatureCollection', features });

export function feature(r: StaffReport, fresh: boolean): Feature {
  return { type: 'Feature', geometry: r.geometry, properties: { id: r.id, category: r.category, closed: !isOpen(r.state), fresh } };
}

/** The staff tile URL template for the list's filters (its API query; paging and order mean nothing to a map). */
export function staffTilesUrl(query: string, version = 0): string {
  const q = new URLSearchParams(query);
  for (const k of ['sort', 'limit', 'offset', 'since']) q.delete(k);
  // A new version after the list finds new work: MapLibre keeps loaded tiles, and these are never cached.
  if (version) q.set('v', String(version));
  const search = q.toString();
  return `${location.origin}/api/staff/tiles/reports/{z}/{x}/{y}.mvt${search ? `?${search}` : ''}`;
}

/** Points to the new filters' tiles. */
export function setTilesUrl(map: MapLibreMap, url: string): void {
  (map.getSource(TILES) as unknown as { setTiles?: (tiles: string[]) => void } | undefined)?.setTiles?.([url]);
}

/** Marks the reports that arrived since the last look (feature state survives tile reloads). */
export function markFresh(map: MapLibreMap, previous: ReadonlySet<string>, next: ReadonlySet<string>): void {
  if (!map.getSource(TILES)) return;
  for (const id of previous) if (!next.has(id)) map.setFeatureState({ source: TILES, sourceLayer: 'reports', id }, { fresh: false });
  for (const id of next) map.setFeatureState({ source: TILES, sourceLayer: 'reports', id }, { fresh: true });
}

export function setSourceData(map: MapLibreMap, source: string, data: Collection): void {
  map.getSource<GeoJSONSource>(source)?.setData(data as unknown as SourceData);
}

const isType = (type: string): ExpressionSpecification => ['==', ['geometry-type'], type];
const closed: ExpressionSpecification = ['==', ['get', 'status'], 'closed'];
const fresh: ExpressionSpecification = ['boolean', ['feature-state', 'fresh'], false];
const notPoint: ExpressionSpecification = ['!=', ['geometry-type'], 'Point'];

/** Every layer painted in the category's colour, with the property that carries it. */
const COLOURED = [
  [CONSOLE_LAYERS.fill, 'fill-color'],
  [CONSOLE_LAYERS.outline, 'line-color'],
  [CONSOLE_LAYERS.line, 'line-color'],
  [CONSOLE_LAYERS.point, 'circle-color'],
  ['c-sel-fill', 'fill-color'],
  ['c-sel-line', 'line-color'],
  ['c-sel-point', 'circle-color'],
] as const;

export function setColour(map: MapLibreMap, colour: Colour): void {
  if (!map.getLayer(CONSOLE_LAYERS.point)) return;
  for (const [layer, prop] of COLOURED) map.setPaintProperty(layer, prop, colour);
}

/** Adds the sources and layers once per style (a fallback style replaces them all). */
export function installLayers(map: MapLibreMap, colour: Colour, data: { tiles: string; selected: Collection }): void {
  if (map.getSource(TILES)) return;
  map.addSource(TILES, { type: 'vector', tiles: [data.tiles], minzoom: 0, maxzoom: 16, promoteId: 'id' });
  map.addSource(SELECTED, { type: 'geojson', data: data.selected as unknown as SourceData });
  installReportLayers(map, colour);
  installSelectedLayers(map, colour);
}

function installReportLayers(map: MapLibreMap, colour: Colour): void {
  map.addLayer({
    id: CONSOLE_LAYERS.fill,
    type: 'fill',
    source: TILES,
    'source-layer': 'reports',
    filter: isType('Polygon'),
    paint: { 'fill-color': colour, 'fill-opacity': ['case', closed, 0.12, 0.3] },
  });
  map.addLayer({
    id: CONSOLE_LAYERS.outline,
    type: 'line',
    source: TILES,
    'source-layer': 'reports',
    filter: isType('Polygon'),
    paint: { 'line-color': colour, 'line-width': ['case', fresh, 4, 2], 'line-dasharray': ['case', closed, ['literal', [2, 2]], ['literal', [1, 0]]] },
  });
  map.addLayer({
    id: CONSOLE_LAYERS.line,
    type: 'line',
    source: TILES,
    'source-layer': 'reports',
    filter: isType('LineString'),
    layout: { 'line-join': 'round' },
    paint: { 'line-color': colour, 'line-width': ['case', fresh, 7, 5], 'line-opacity': ['case', closed, 0.55, 1], 'line-dasharray': ['case', closed, ['literal', [1.5, 1.2]], ['literal', [1, 0]]] },
  });
  map.addLayer({
    id: CONSOLE_LAYERS.cluster,
    type: 'circle',
    source: TILES,
    'source-layer': 'clusters',
    paint: {
      'circle-color': '#0b5d4b',
      'circle-opacity': 0.9,
      'circle-radius': ['step', ['get', 'count'], 15, 10, 19, 50, 24, 1000, 28],
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 2,
    },
  });
  map.addLayer({
    id: CONSOLE_LAYERS.point,
    type: 'circle',
    source: TILES,
    'source-layer': 'reports',
    filter: isType('Point'),
    paint: {
      'circle-color': colour,
      'circle-radius': ['case', fresh, 9, 7],
      'circle-opacity': ['case', closed, 0.5, 1],
      'circle-stroke-color': ['case', fresh, '#1b1f23', '#ffffff'],
      'circle-stroke-width': ['case', fresh, 3, 2],
    },
  });
}

function installSelectedLayers(map: MapLibreMap, colour: Colour): void {
  map.addLayer({ id: 'c-sel-fill', type: 'fill', source: SELECTED, filter: isType('Polygon'), paint: { 'fill-color': colour, 'fill-opacity': 0.45 } });
  map.addLayer({
    id: 'c-sel-casing',
    type: 'line',
    source: SELECTED,
    filter: notPoint,
    layout: { 'line-join': 'round', 'line-cap': 'round' },
    paint: { 'line-color': '#1b1f23', 'line-width': 10 },
  });
  map.addLayer({ id: 'c-sel-line', type: 'line', source: SELECTED, filter: notPoint, layout: { 'line-join': 'round', 'line-cap': 'round' }, paint: { 'line-color': colour, 'line-width': 5 } });
  map.addLayer({
    id: 'c-sel-point',
    type: 'circle',
    source: SELECTED,
    filter: isType('Point'),
    paint: { 'circle-color': colour, 'circle-radius': 11, 'circle-stroke-color': '#1b1f23', 'circle-stroke-width': 4 },
  });
}

/** The report id under a click (the top-most layer wins), or a cluster to open, or nothing. */
export function pickAt(map: MapLibreMap, x: number, y: number, pad: number): { cluster: [number, number] } | { id: string } | undefined {
  if (!map.getLayer(CONSOLE_LAYERS.point)) return undefined;
  const box: [[number, number], [number, number]] = [
    [x - pad, y - pad],
    [x + pad, y + pad],
  ];
  const cluster = map.queryRenderedFeatures(box, { layers: [CONSOLE_LAYERS.cluster] })[0];
  if (cluster) return { cluster: (cluster.geometry as unknown as { coordinates: [number, number] }).coordinates };
  const hits = map.queryRenderedFeatures(box, { layers: [...PICK_LAYERS] });
  hits.sort((a, b) => PICK_LAYERS.indexOf(a.layer.id) - PICK_LAYERS.indexOf(b.layer.id));
  const id: unknown = hits[0]?.properties.id;
  return typeof id === 'string' ? { id } : undefined;
}

/** Whether anything that can be clicked is under the pointer. */
export function clickableAt(map: MapLibreMap, x: number, y: number): boolean {
  if (!map.getLayer(CONSOLE_LAYERS.point)) return false;
  return (
    map.queryRenderedFeatures(
      [
        [x - 4, y - 4],
        [x + 4, y + 4],
      ],
      { layers: [...PICK_LAYERS, CONSOLE_LAYERS.cluster] },
    ).length > 0
  );
}
