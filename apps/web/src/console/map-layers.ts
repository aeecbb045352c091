/**
 * The triage map's sources and layers: points clustered when zoomed out, lines and areas
 * drawn as they are, and the selected report on top. Closed reports are paler and dashed;
 * fresh ones (arrived since the last look) have a heavier outline.
 */
import { isOpen } from '@groundswell/core/rules';
import type { DataDrivenPropertyValueSpecification, ExpressionSpecification, GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { StaffReport } from './types.ts';

export const POINTS = 'c-points';
export const SHAPES = 'c-shapes';
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

/** Points go to the clustered source, lines and areas to the other. */
export function splitByKind(features: Feature[]): { points: Collection; shapes: Collection } {
  return { points: collection(features.filter((f) => f.geometry.type === 'Point')), shapes: collection(features.filter((f) => f.geometry.type !== 'Point')) };
}

export function setSourceData(map: MapLibreMap, source: string, data: Collection): void {
  map.getSource<GeoJSONSource>(source)?.setData(data as unknown as SourceData);
}

const isType = (type: string): ExpressionSpecification => ['==', ['geometry-type'], type];
const closed: ExpressionSpecification = ['boolean', ['get', 'closed'], false];
const fresh: ExpressionSpecification = ['boolean', ['get', 'fresh'], false];
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
export function installLayers(map: MapLibreMap, colour: Colour, data: { points: Collection; shapes: Collection; selected: Collection }): void {
  if (map.getSource(POINTS)) return;
  map.addSource(POINTS, { type: 'geojson', data: data.points as unknown as SourceData, cluster: true, clusterRadius: 44, clusterMaxZoom: 14 });
  map.addSource(SHAPES, { type: 'geojson', data: data.shapes as unknown as SourceData });
  map.addSource(SELECTED, { type: 'geojson', data: data.selected as unknown as SourceData });
  installReportLayers(map, colour);
  installSelectedLayers(map, colour);
}

function installReportLayers(map: MapLibreMap, colour: Colour): void {
  map.addLayer({ id: CONSOLE_LAYERS.fill, type: 'fill', source: SHAPES, filter: isType('Polygon'), paint: { 'fill-color': colour, 'fill-opacity': ['case', closed, 0.12, 0.3] } });
  map.addLayer({
    id: CONSOLE_LAYERS.outline,
    type: 'line',
    source: SHAPES,
    filter: isType('Polygon'),
    paint: { 'line-color': colour, 'line-width': ['case', fresh, 4, 2], 'line-dasharray': ['case', closed, ['literal', [2, 2]], ['literal', [1, 0]]] },
  });
  map.addLayer({
    id: CONSOLE_LAYERS.line,
    type: 'line',
    source: SHAPES,
    filter: isType('LineString'),
    layout: { 'line-join': 'round' },
    paint: { 'line-color': colour, 'line-width': ['case', fresh, 7, 5], 'line-opacity': ['case', closed, 0.55, 1], 'line-dasharray': ['case', closed, ['literal', [1.5, 1.2]], ['literal', [1, 0]]] },
  });
  map.addLayer({
    id: CONSOLE_LAYERS.cluster,
    type: 'circle',
    source: POINTS,
    filter: ['has', 'point_count'],
    paint: {
      'circle-color': '#0b5d4b',
      'circle-opacity': 0.9,
      'circle-radius': ['step', ['get', 'point_count'], 15, 10, 19, 50, 24],
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 2,
    },
  });
  map.addLayer({
    id: CONSOLE_LAYERS.point,
    type: 'circle',
    source: POINTS,
    filter: ['!', ['has', 'point_count']],
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
export function pickAt(map: MapLibreMap, x: number, y: number, pad: number): { cluster: { id: number; center: [number, number] } } | { id: string } | undefined {
  if (!map.getLayer(CONSOLE_LAYERS.point)) return undefined;
  const box: [[number, number], [number, number]] = [
    [x - pad, y - pad],
    [x + pad, y + pad],
  ];
  const cluster = map.queryRenderedFeatures(box, { layers: [CONSOLE_LAYERS.cluster] })[0];
  if (cluster) return { cluster: { id: Number(cluster.properties.cluster_id), center: (cluster.geometry as unknown as { coordinates: [number, number] }).coordinates } };
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
