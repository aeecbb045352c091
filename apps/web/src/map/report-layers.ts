import type { Category } from '@groundswell/core/rules';
import type { DataDrivenPropertyValueSpecification, ExpressionSpecification, GeoJSONSource, GeoJSONSourceSpecification, LayerSpecification, Map as MapLibreMap } from 'maplibre-gl';
import type { ReportCollection } from '../api/types.ts';

export const REPORT_SOURCE = 'reports';
/** Stable layer ids: tests, the staff console and later features refer to them. */
export const REPORT_LAYERS = {
  fill: 'reports-fill',
  outline: 'reports-outline',
  line: 'reports-line',
  point: 'reports-point',
} as const;
/** Top-most first: the order a tap prefers when shapes overlap. */
export const REPORT_LAYER_IDS = [REPORT_LAYERS.point, REPORT_LAYERS.line, REPORT_LAYERS.outline, REPORT_LAYERS.fill];

const UNKNOWN_COLOUR = '#5f6b7a';
/** Our collection is RFC 7946 GeoJSON; MapLibre's own GeoJSON type is the same shape. */
const asSourceData = (data: ReportCollection) => data as unknown as GeoJSONSourceSpecification['data'];
const EMPTY: ReportCollection = { type: 'FeatureCollection', features: [], numberReturned: 0, truncated: false };

/** The category's colour for each feature, grey for a category we were not told about. */
export function categoryColour(categories: readonly Category[]): DataDrivenPropertyValueSpecification<string> {
  if (categories.length === 0) return UNKNOWN_COLOUR;
  const pairs = categories.flatMap((c) => [c.code, c.color]);
  return ['match', ['get', 'category'], ...pairs, UNKNOWN_COLOUR] as unknown as ExpressionSpecification;
}

const closed: ExpressionSpecification = ['==', ['get', 'status'], 'closed'];
const selected: ExpressionSpecification = ['boolean', ['feature-state', 'selected'], false];
const isType = (type: string): ExpressionSpecification => ['==', ['geometry-type'], type];

/** `dim` fades existing reports (the report flow shows them under the resident's own drawing). */
function layers(colour: DataDrivenPropertyValueSpecification<string>, dim = false): LayerSpecification[] {
  const o = (n: number) => (dim ? Math.round(n * 45) / 100 : n);
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
    {
      id: REPORT_LAYERS.point,
      type: 'circle',
      source: REPORT_SOURCE,
      filter: isType('Point'),
      paint: {
        'circle-color': colour,
        'circle-radius': ['case', selected, 11, 8],
        'circle-opacity': ['case', closed, o(0.45), o(1)],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': ['case', selected, 3, 2],
        'circle-stroke-opacity': ['case', closed, o(0.7), o(1)],
      },
    },
  ];
}

/**
 * Keeps the report source and layers on the map, across base map style changes (a style
 * swap removes every layer; we add ours back on each `style.load`).
 */
export class ReportLayers {
  private data: ReportCollection = EMPTY;
  private categories: readonly Category[] = [];
  private selectedId: string | undefined;

  constructor(
    private readonly map: MapLibreMap,
    private readonly options: { dim?: boolean } = {},
  ) {
    map.on('style.load', () => this.install());
    if (map.isStyleLoaded()) this.install();
  }

  setData(data: ReportCollection): void {
    this.data = data;
    const source = this.map.getSource<GeoJSONSource>(REPORT_SOURCE);
    source?.setData(asSourceData(data) as Parameters<GeoJSONSource['setData']>[0]);
    this.applySelection();
  }

  setCategories(categories: readonly Category[]): void {
    this.categories = categories;
    if (!this.map.getSource(REPORT_SOURCE)) return;
    const colour = categoryColour(categories);
    this.map.setPaintProperty(REPORT_LAYERS.fill, 'fill-color', colour);
    this.map.setPaintProperty(REPORT_LAYERS.outline, 'line-color', colour);
    this.map.setPaintProperty(REPORT_LAYERS.line, 'line-color', colour);
    this.map.setPaintProperty(REPORT_LAYERS.point, 'circle-color', colour);
  }

  select(id: string | undefined): void {
    if (this.selectedId && this.map.getSource(REPORT_SOURCE)) {
      this.map.setFeatureState({ source: REPORT_SOURCE, id: this.selectedId }, { selected: false });
    }
    this.selectedId = id;
    this.applySelection();
  }

  private applySelection(): void {
    if (!this.selectedId || !this.map.getSource(REPORT_SOURCE)) return;
    if (!this.data.features.some((f) => f.properties.id === this.selectedId)) return;
    this.map.setFeatureState({ source: REPORT_SOURCE, id: this.selectedId }, { selected: true });
  }

  private install(): void {
    if (this.map.getSource(REPORT_SOURCE)) return;
    this.map.addSource(REPORT_SOURCE, { type: 'geojson', data: asSourceData(this.data), promoteId: 'id' });
    for (const layer of layers(categoryColour(this.categories), this.options.dim)) this.map.addLayer(layer);
    this.applySelection();
  }
}
