import type { Category } from '@groundswell/core/rules';
import type { DataDrivenPropertyValueSpecification, ExpressionSpecification, GeoJSONSource, GeoJSONSourceSpecification, LayerSpecification, Map as MapLibreMap } from 'maplibre-gl';
import type { ReportCollection } from '../api/types.ts';
import { CLUSTER_COLOUR, STATE_COLOUR_GROUPS, UNKNOWN_STATE_COLOUR } from './state-colours.ts';

/** Lines and areas (and, on a map that does not cluster, points too). */
export const REPORT_SOURCE = 'reports';
/** Points, clustered when zoomed out on the resident's map. */
export const REPORT_POINT_SOURCE = 'reports-points';
/** Stable layer ids: tests, the staff console and later features refer to them. */
export const REPORT_LAYERS = {
  fill: 'reports-fill',
  outline: 'reports-outline',
  line: 'reports-line',
  point: 'reports-point',
  cluster: 'reports-cluster',
} as const;
/** Top-most first: the order a tap prefers when shapes overlap. Clusters are not reports. */
export const REPORT_LAYER_IDS = [REPORT_LAYERS.point, REPORT_LAYERS.line, REPORT_LAYERS.outline, REPORT_LAYERS.fill];
/** Above this zoom every point is drawn on its own. */
export const CLUSTER_MAX_ZOOM = 14;

const UNKNOWN_COLOUR = '#5f6b7a';
type SourceData = Parameters<GeoJSONSource['setData']>[0];
/** Our collection is RFC 7946 GeoJSON; MapLibre's own GeoJSON type is the same shape. */
const asSourceData = (data: ReportCollection) => data as unknown as GeoJSONSourceSpecification['data'] & SourceData;
const EMPTY: ReportCollection = { type: 'FeatureCollection', features: [], numberReturned: 0, truncated: false };
const only = (data: ReportCollection, points: boolean): ReportCollection => ({ ...data, features: data.features.filter((f) => (f.geometry.type === 'Point') === points) });

/** The category's colour for each feature, grey for a category we were not told about (the staff console's maps). */
export function categoryColour(categories: readonly Category[]): DataDrivenPropertyValueSpecification<string> {
  if (categories.length === 0) return UNKNOWN_COLOUR;
  const pairs = categories.flatMap((c) => [c.code, c.color]);
  return ['match', ['get', 'category'], ...pairs, UNKNOWN_COLOUR] as unknown as ExpressionSpecification;
}

/** The state's colour for each feature: the legend's table (state-colours.ts). */
export const STATE_COLOUR: ExpressionSpecification = [
  'match',
  ['get', 'state'],
  ...STATE_COLOUR_GROUPS.flatMap((g) => [[...g.states], g.colour]),
  UNKNOWN_STATE_COLOUR,
] as unknown as ExpressionSpecification;

const closed: ExpressionSpecification = ['==', ['get', 'status'], 'closed'];
const selected: ExpressionSpecification = ['boolean', ['feature-state', 'selected'], false];
const isType = (type: string): ExpressionSpecification => ['==', ['geometry-type'], type];
const notCluster: ExpressionSpecification = ['!', ['has', 'point_count']];

/** Areas and lines. `dim` fades existing reports (the report flow shows them under the resident's own drawing). */
function shapeLayers(colour: DataDrivenPropertyValueSpecification<string>, o: (n: number) => number): LayerSpecification[] {
  return [
    {
      id: REPORT_LAYERS.fill,
      type: 'fill',
      source: REPORT_SOURCE,
      filter: isType('Polygon'),
      paint: { 'fill-color': colour, 'fill-opacity': ['case', selected, o(0.5), closed, o(0.12), o(0.32)] },
    },
    {
      id: REPORT_LAYERS.outline,
      type: 'line',
      source: REPORT_SOURCE,
      filter: isType('Polygon'),
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': colour,
        'line-width': ['case', selected, 4, 2],
        'line-opacity': ['case', closed, o(0.6), o(1)],
        'line-dasharray': ['case', closed, ['literal', [2, 2]], ['literal', [1, 0]]],
      },
    },
    {
      id: REPORT_LAYERS.line,
      type: 'line',
      source: REPORT_SOURCE,
      filter: isType('LineString'),
      layout: { 'line-join': 'round', 'line-cap': 'butt' },
      paint: {
        'line-color': colour,
        'line-width': ['case', selected, 8, 5],
        'line-opacity': ['case', closed, o(0.55), o(1)],
        'line-dasharray': ['case', closed, ['literal', [1.5, 1.2]], ['literal', [1, 0]]],
      },
    },
  ];
}

/** Single points, and the clusters they gather into when zoomed out (their counts are HTML: cluster-markers.ts). */
function pointLayers(colour: DataDrivenPropertyValueSpecification<string>, o: (n: number) => number): LayerSpecification[] {
  return [
    {
      id: REPORT_LAYERS.cluster,
      type: 'circle',
      source: REPORT_POINT_SOURCE,
      filter: ['has', 'point_count'],
      paint: {
        'circle-color': CLUSTER_COLOUR,
        'circle-opacity': o(0.85),
        'circle-radius': ['step', ['get', 'point_count'], 15, 10, 19, 50, 24],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
      },
    },
    {
      id: REPORT_LAYERS.point,
      type: 'circle',
      source: REPORT_POINT_SOURCE,
      filter: notCluster,
      paint: {
        'circle-color': colour,
        'circle-radius': ['case', selected, 11, 8],
        'circle-opacity': ['case', closed, o(0.6), o(1)],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': ['case', selected, 3, 2],
        'circle-stroke-opacity': ['case', closed, o(0.7), o(1)],
      },
    },
  ];
}

export interface ReportLayerOptions {
  /** Fade the reports (the report flow draws the resident's own shape over them). */
  dim?: boolean;
  /** Gather nearby points into clusters with counts when zoomed out (the resident's home map). */
  cluster?: boolean;
}

/**
 * Keeps the report sources and layers on the map, across base map style changes (a style
 * swap removes every layer; we add ours back on each `style.load`). Reports are coloured by
 * state (the legend explains the colours); points sit in their own source so that the home
 * map can cluster them.
 */
export class ReportLayers {
  private data: ReportCollection = EMPTY;
  private selectedId: string | undefined;

  constructor(
    private readonly map: MapLibreMap,
    private readonly options: ReportLayerOptions = {},
  ) {
    map.on('style.load', () => this.install());
    if (map.isStyleLoaded()) this.install();
  }

  setData(data: ReportCollection): void {
    this.data = data;
    this.map.getSource<GeoJSONSource>(REPORT_SOURCE)?.setData(asSourceData(only(data, false)));
    this.map.getSource<GeoJSONSource>(REPORT_POINT_SOURCE)?.setData(asSourceData(only(data, true)));
    this.applySelection();
  }

  /** Categories no longer colour the resident's maps (states do); kept for callers that pass them. */
  setCategories(_categories: readonly Category[]): void {}

  select(id: string | undefined): void {
    const previous = this.sourceOf(this.selectedId);
    if (this.selectedId && previous && this.map.getSource(previous)) {
      this.map.setFeatureState({ source: previous, id: this.selectedId }, { selected: false });
    }
    this.selectedId = id;
    this.applySelection();
  }

  /** Zooms in far enough to split a cluster, centred on it. */
  async expandCluster(clusterId: number, center: [number, number]): Promise<void> {
    const source = this.map.getSource<GeoJSONSource>(REPORT_POINT_SOURCE);
    if (!source) return;
    const zoom = await source.getClusterExpansionZoom(clusterId);
    this.map.easeTo({ center, zoom: Math.min(zoom, CLUSTER_MAX_ZOOM + 1) });
  }

  private sourceOf(id: string | undefined): string | undefined {
    const feature = id ? this.data.features.find((f) => f.properties.id === id) : undefined;
    if (!feature) return undefined;
    return feature.geometry.type === 'Point' ? REPORT_POINT_SOURCE : REPORT_SOURCE;
  }

  private applySelection(): void {
    const source = this.sourceOf(this.selectedId);
    if (!this.selectedId || !source || !this.map.getSource(source)) return;
    this.map.setFeatureState({ source, id: this.selectedId }, { selected: true });
  }

  private install(): void {
    if (this.map.getSource(REPORT_SOURCE)) return;
    const o = (n: number) => (this.options.dim ? Math.round(n * 45) / 100 : n);
    const cluster = this.options.cluster ? { cluster: true, clusterRadius: 44, clusterMaxZoom: CLUSTER_MAX_ZOOM } : {};
    this.map.addSource(REPORT_SOURCE, { type: 'geojson', data: asSourceData(only(this.data, false)), promoteId: 'id' });
    this.map.addSource(REPORT_POINT_SOURCE, { type: 'geojson', data: asSourceData(only(this.data, true)), promoteId: 'id', ...cluster });
    for (const layer of [...shapeLayers(STATE_COLOUR, o), ...pointLayers(STATE_COLOUR, o)]) this.map.addLayer(layer);
    this.applySelection();
  }
}
