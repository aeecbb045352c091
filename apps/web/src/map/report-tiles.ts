import type { ExpressionSpecification, LayerSpecification, Map as MapLibreMap, VectorSourceSpecification } from 'maplibre-gl';
import type { ReportState } from '@groundswell/core/rules';
import { REPORT_LAYERS, STATE_COLOUR } from './report-layers.ts';
import { CLUSTER_COLOUR, CLUSTER_RADIUS_STEPS } from './state-colours.ts';

/**
 * Reports on the maps as vector tiles (`/tiles/reports/{z}/{x}/{y}.mvt`, or the console's
 * staff route): every report at every zoom, counted in clusters up to zoom 13 (the server's
 * grid, layer `clusters`) and drawn one by one from zoom 14 (layer `reports`). The layer ids
 * are the GeoJSON ones (report-layers.ts), so taps, the legend and tests read them the same.
 */
export const TILE_SOURCE = 'reports-tiles';
/** The first zoom whose tiles carry single reports instead of clusters (the API's CLUSTER_MAX_ZOOM + 1). */
export const FIRST_SINGLE_ZOOM = 14;
/** Tiles exist to zoom 22; past 16 the map over-zooms the z16 tile, which holds every report already. */
const SOURCE_MAX_ZOOM = 16;

export interface TileFilter {
  states?: readonly ReportState[];
  categories?: readonly string[];
  /** ISO date or date-time. */
  since?: string;
}

/**
 * The tile URL template with the filters in the API's canonical order and spelling (codes
 * sorted, no repeats): every map asking for the same reports shares the server's cache
 * entry and the browser's.
 */
export function reportTilesUrl(filter: TileFilter = {}, base = '/tiles/reports'): string {
  const sorted = (values?: readonly string[]) => (values?.length ? [...new Set(values)].sort().join(',') : undefined);
  const parts: string[] = [];
  const categories = sorted(filter.categories);
  const states = sorted(filter.states);
  if (categories) parts.push(`category=${encodeURIComponent(categories).replace(/%2C/g, ',')}`);
  if (filter.since) parts.push(`since=${encodeURIComponent(filter.since)}`);
  if (states) parts.push(`state=${states}`);
  return `${location.origin}${base}/{z}/{x}/{y}.mvt${parts.length ? `?${parts.join('&')}` : ''}`;
}

const closed: ExpressionSpecification = ['==', ['get', 'status'], 'closed'];
const selected: ExpressionSpecification = ['boolean', ['feature-state', 'selected'], false];
const isType = (type: string): ExpressionSpecification => ['==', ['geometry-type'], type];

/** The layers over the tile source, in the GeoJSON maps' paint (colour by state, closed paler and dashed). */
export function tileLayers(o: (n: number) => number = (n) => n): LayerSpecification[] {
  const reports = { source: TILE_SOURCE, 'source-layer': 'reports' } as const;
  return [
    { id: REPORT_LAYERS.fill, type: 'fill', ...reports, filter: isType('Polygon'), paint: { 'fill-color': STATE_COLOUR, 'fill-opacity': ['case', selected, o(0.5), closed, o(0.12), o(0.32)] } },
    {
      id: REPORT_LAYERS.outline,
      type: 'line',
      ...reports,
      filter: isType('Polygon'),
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': STATE_COLOUR,
        'line-width': ['case', selected, 4, 2],
        'line-opacity': ['case', closed, o(0.6), o(1)],
        'line-dasharray': ['case', closed, ['literal', [2, 2]], ['literal', [1, 0]]],
      },
    },
    {
      id: REPORT_LAYERS.line,
      type: 'line',
      ...reports,
      filter: isType('LineString'),
      layout: { 'line-join': 'round', 'line-cap': 'butt' },
      paint: {
        'line-color': STATE_COLOUR,
        'line-width': ['case', selected, 8, 5],
        'line-opacity': ['case', closed, o(0.55), o(1)],
        'line-dasharray': ['case', closed, ['literal', [1.5, 1.2]], ['literal', [1, 0]]],
      },
    },
    {
      id: REPORT_LAYERS.cluster,
      type: 'circle',
      source: TILE_SOURCE,
      'source-layer': 'clusters',
      paint: {
        'circle-color': CLUSTER_COLOUR,
        'circle-opacity': o(0.85),
        'circle-radius': ['step', ['get', 'count'], CLUSTER_RADIUS_STEPS[0], ...CLUSTER_RADIUS_STEPS[1].flat()] as unknown as ExpressionSpecification,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
      },
    },
    {
      id: REPORT_LAYERS.point,
      type: 'circle',
      ...reports,
      filter: isType('Point'),
      paint: {
        'circle-color': STATE_COLOUR,
        'circle-radius': ['case', selected, 11, 8],
        'circle-opacity': ['case', closed, o(0.6), o(1)],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': ['case', selected, 3, 2],
        'circle-stroke-opacity': ['case', closed, o(0.7), o(1)],
      },
    },
  ];
}

export interface TileReportLayerOptions {
  /** The tile URL template (reportTilesUrl). */
  url: string;
  /** Fade the reports (the report flow draws the resident's own shape over them). */
  dim?: boolean;
  /** Draw the cluster circles of the zoomed-out tiles (the report flow shows reports only where one draws). */
  clusters?: boolean;
}

/**
 * Keeps the tile source and its layers on the map across base map style changes (a style
 * swap removes every layer; ours come back on each `style.load`), and the selected report
 * highlighted through feature state.
 */
export class TileReportLayers {
  private selectedId: string | undefined;
  private url: string;

  constructor(
    private readonly map: MapLibreMap,
    private readonly options: TileReportLayerOptions,
  ) {
    this.url = options.url;
    map.on('style.load', () => this.install());
    if (map.isStyleLoaded()) this.install();
  }

  /** New filters: a new URL template, so the browser and the server cache each set apart. */
  setUrl(url: string): void {
    if (url === this.url) return;
    this.url = url;
    const source = this.map.getSource(TILE_SOURCE) as unknown as { setTiles?: (tiles: string[]) => void } | undefined;
    source?.setTiles?.([url]);
  }

  select(id: string | undefined): void {
    if (this.selectedId && this.map.getSource(TILE_SOURCE)) this.map.setFeatureState({ source: TILE_SOURCE, sourceLayer: 'reports', id: this.selectedId }, { selected: false });
    this.selectedId = id;
    this.applySelection();
  }

  private applySelection(): void {
    if (!this.selectedId || !this.map.getSource(TILE_SOURCE)) return;
    this.map.setFeatureState({ source: TILE_SOURCE, sourceLayer: 'reports', id: this.selectedId }, { selected: true });
  }

  private install(): void {
    if (this.map.getSource(TILE_SOURCE)) return;
    const source: VectorSourceSpecification = { type: 'vector', tiles: [this.url], minzoom: 0, maxzoom: SOURCE_MAX_ZOOM, promoteId: 'id' };
    this.map.addSource(TILE_SOURCE, source);
    const o = (n: number) => (this.options.dim ? Math.round(n * 45) / 100 : n);
    for (const layer of tileLayers(o)) if (this.options.clusters !== false || layer.id !== REPORT_LAYERS.cluster) this.map.addLayer(layer);
    // Feature state of a tile feature is re-applied as its tiles load.
    this.map.on('sourcedata', (e) => {
      if (e.sourceId === TILE_SOURCE && e.isSourceLoaded) this.applySelection();
    });
    this.applySelection();
  }
}
