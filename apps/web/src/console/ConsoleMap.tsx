import { createEffect, onCleanup, onMount } from 'solid-js';
import {
  Map as MapLibreMap,
  Marker,
  NavigationControl,
  type DataDrivenPropertyValueSpecification,
  type ExpressionSpecification,
  type GeoJSONSource,
  type PointLike,
} from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { Category } from '@groundswell/core';
import type { SiteConfig } from '../api/types.ts';
import { watchBasemap } from '../map/basemap.ts';
import { FALLBACK_STYLE } from '../map/fallback-style.ts';
import { categoryColour } from '../map/report-layers.ts';
import { anchor, bounds } from './geometry.ts';
import { ct, format } from './i18n/index.ts';
import type { StaffReport } from './types.ts';

declare global {
  interface Window {
    /** The console's live map, for debugging and end-to-end tests. */
    __gsConsoleMap?: MapLibreMap;
  }
}

const POINTS = 'c-points';
const SHAPES = 'c-shapes';
const SELECTED = 'c-selected';
/** Stable layer ids (tests refer to them). Top-most first: the order a click prefers. */
export const CONSOLE_LAYERS = { point: 'c-point', line: 'c-line', outline: 'c-outline', fill: 'c-fill', cluster: 'c-cluster' } as const;
const PICK_LAYERS = [CONSOLE_LAYERS.point, CONSOLE_LAYERS.line, CONSOLE_LAYERS.outline, CONSOLE_LAYERS.fill];
const CLOSED = ['fixed', 'closed', 'duplicate', 'referred', 'hidden'];

type Feature = { type: 'Feature'; geometry: StaffReport['geometry']; properties: { id: string; category: string; closed: boolean; fresh: boolean } };
const collection = (features: Feature[]) => ({ type: 'FeatureCollection' as const, features });
type SourceData = Parameters<GeoJSONSource['setData']>[0];

function feature(r: StaffReport, fresh: boolean): Feature {
  return { type: 'Feature', geometry: r.geometry, properties: { id: r.id, category: r.category, closed: CLOSED.includes(r.state), fresh } };
}

const isType = (type: string): ExpressionSpecification => ['==', ['geometry-type'], type];
const closed: ExpressionSpecification = ['boolean', ['get', 'closed'], false];
const fresh: ExpressionSpecification = ['boolean', ['get', 'fresh'], false];

export interface ConsoleMapProps {
  config: SiteConfig;
  categories: readonly Category[];
  reports: readonly StaffReport[];
  fresh: ReadonlySet<string>;
  selectedId: string | undefined;
  /** The selected report as the detail panel loaded it: drawn even when the list does not hold it. */
  selectedReport?: StaffReport | undefined;
  /** While a shape is being placed or drawn, clicks belong to the editor, not to selection. */
  editing: boolean;
  onSelect: (id: string) => void;
  onMap?: (map: MapLibreMap) => void;
  onBasemapFallback?: () => void;
}

/** A map of the council's area with the configured base map (or the plain offline one). */
export function createBaseMap(container: HTMLElement, config: SiteConfig): MapLibreMap {
  const m = ct().map;
  const map = new MapLibreMap({
    container,
    style: config.mapStyleUrl || FALLBACK_STYLE,
    bounds: config.bounds,
    fitBoundsOptions: { padding: 24 },
    attributionControl: { compact: true },
    dragRotate: false,
    pitchWithRotate: false,
    touchPitch: false,
    locale: { 'Map.Title': m.label, 'NavigationControl.ZoomIn': m.zoomIn, 'NavigationControl.ZoomOut': m.zoomOut },
  });
  map.touchZoomRotate.disableRotation();
  map.keyboard.disableRotation();
  map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
  return map;
}

/**
 * The triage map: points clustered when zoomed out (lines and areas drawn as they are), the
 * selected report drawn on top, and a click selecting the report under it. Cluster counts
 * are HTML, so they need no font from the base map and show offline.
 */
export function ConsoleMap(props: ConsoleMapProps) {
  let container!: HTMLDivElement;

  onMount(() => {
    const map = createBaseMap(container, props.config);
    window.__gsConsoleMap = map;
    props.onMap?.(map);
    const stopWatching = props.config.mapStyleUrl ? watchBasemap(map, () => props.onBasemapFallback?.()) : undefined;

    let colour: DataDrivenPropertyValueSpecification<string> = categoryColour(props.categories);
    let points = collection([]);
    let shapes = collection([]);
    let selected = collection([]);
    /** The id the map itself picked: no need to pan to what the officer just clicked. */
    let pickedOnMap: string | undefined;
    let lastId: string | undefined;

    const install = () => {
      if (map.getSource(POINTS)) return;
      map.addSource(POINTS, { type: 'geojson', data: points as unknown as SourceData, cluster: true, clusterRadius: 44, clusterMaxZoom: 14 });
      map.addSource(SHAPES, { type: 'geojson', data: shapes as unknown as SourceData });
      map.addSource(SELECTED, { type: 'geojson', data: selected as unknown as SourceData });
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
      map.addLayer({ id: 'c-sel-fill', type: 'fill', source: SELECTED, filter: isType('Polygon'), paint: { 'fill-color': colour, 'fill-opacity': 0.45 } });
      map.addLayer({
        id: 'c-sel-casing',
        type: 'line',
        source: SELECTED,
        filter: ['!=', ['geometry-type'], 'Point'],
        layout: { 'line-join': 'round', 'line-cap': 'round' },
        paint: { 'line-color': '#1b1f23', 'line-width': 10 },
      });
      map.addLayer({ id: 'c-sel-line', type: 'line', source: SELECTED, filter: ['!=', ['geometry-type'], 'Point'], layout: { 'line-join': 'round', 'line-cap': 'round' }, paint: { 'line-color': colour, 'line-width': 5 } });
      map.addLayer({
        id: 'c-sel-point',
        type: 'circle',
        source: SELECTED,
        filter: isType('Point'),
        paint: { 'circle-color': colour, 'circle-radius': 11, 'circle-stroke-color': '#1b1f23', 'circle-stroke-width': 4 },
      });
    };
    map.on('style.load', install);
    if (map.isStyleLoaded()) install();

    // Cluster counts as HTML markers, kept in step with the clusters MapLibre made.
    const clusterMarkers = new Map<number, Marker>();
    const updateClusters = () => {
      if (!map.getSource(POINTS)) return;
      const seen = new Set<number>();
      for (const f of map.querySourceFeatures(POINTS)) {
        const p = f.properties as { cluster?: boolean; cluster_id?: number; point_count?: number };
        if (!p.cluster || p.cluster_id === undefined || seen.has(p.cluster_id)) continue;
        seen.add(p.cluster_id);
        const [lng, lat] = (f.geometry as unknown as { coordinates: [number, number] }).coordinates;
        let marker = clusterMarkers.get(p.cluster_id);
        if (!marker) {
          const el = document.createElement('div');
          el.className = 'c-cluster';
          el.setAttribute('aria-hidden', 'true');
          const id = p.cluster_id;
          el.addEventListener('click', (e) => {
            e.stopPropagation();
            void zoomIntoCluster(id, [lng, lat]);
          });
          marker = new Marker({ element: el }).setLngLat([lng, lat]).addTo(map);
          clusterMarkers.set(p.cluster_id, marker);
        }
        const el = marker.getElement();
        el.textContent = String(p.point_count ?? '');
        el.title = format(ct().map.cluster, { count: p.point_count ?? 0 });
      }
      for (const [id, marker] of clusterMarkers) {
        if (!seen.has(id)) {
          marker.remove();
          clusterMarkers.delete(id);
        }
      }
    };
    const zoomIntoCluster = async (clusterId: number, center: [number, number]) => {
      const source = map.getSource<GeoJSONSource>(POINTS);
      if (!source) return;
      const zoom = await source.getClusterExpansionZoom(clusterId);
      map.easeTo({ center, zoom: Math.min(zoom, 18) });
    };
    map.on('data', (e) => {
      if ((e as { sourceId?: string }).sourceId === POINTS && (e as { isSourceLoaded?: boolean }).isSourceLoaded) updateClusters();
    });
    map.on('moveend', updateClusters);

    map.on('click', (e) => {
      if (props.editing) return;
      const box: [PointLike, PointLike] = [
        [e.point.x - 10, e.point.y - 10],
        [e.point.x + 10, e.point.y + 10],
      ];
      if (!map.getLayer(CONSOLE_LAYERS.point)) return;
      const cluster = map.queryRenderedFeatures(box, { layers: [CONSOLE_LAYERS.cluster] })[0];
      if (cluster) {
        const id = Number(cluster.properties.cluster_id);
        void zoomIntoCluster(id, (cluster.geometry as unknown as { coordinates: [number, number] }).coordinates);
        return;
      }
      const hits = map.queryRenderedFeatures(box, { layers: PICK_LAYERS });
      hits.sort((a, b) => PICK_LAYERS.indexOf(a.layer.id as (typeof PICK_LAYERS)[number]) - PICK_LAYERS.indexOf(b.layer.id as (typeof PICK_LAYERS)[number]));
      const id: unknown = hits[0]?.properties.id;
      if (typeof id === 'string') {
        pickedOnMap = id;
        props.onSelect(id);
      }
    });
    map.on('mousemove', (e) => {
      if (props.editing || !map.getLayer(CONSOLE_LAYERS.point)) return;
      const hit = map.queryRenderedFeatures(
        [
          [e.point.x - 4, e.point.y - 4],
          [e.point.x + 4, e.point.y + 4],
        ],
        { layers: [...PICK_LAYERS, CONSOLE_LAYERS.cluster] },
      );
      map.getCanvas().style.cursor = hit.length ? 'pointer' : '';
    });

    createEffect(() => {
      colour = categoryColour(props.categories);
      if (!map.getLayer(CONSOLE_LAYERS.point)) return;
      for (const [layer, prop] of [
        [CONSOLE_LAYERS.fill, 'fill-color'],
        [CONSOLE_LAYERS.outline, 'line-color'],
        [CONSOLE_LAYERS.line, 'line-color'],
        [CONSOLE_LAYERS.point, 'circle-color'],
        ['c-sel-fill', 'fill-color'],
        ['c-sel-line', 'line-color'],
        ['c-sel-point', 'circle-color'],
      ] as const) {
        map.setPaintProperty(layer, prop, colour);
      }
    });

    createEffect(() => {
      const isFresh = props.fresh;
      const all = props.reports.map((r) => feature(r, isFresh.has(r.id)));
      points = collection(all.filter((f) => f.geometry.type === 'Point'));
      shapes = collection(all.filter((f) => f.geometry.type !== 'Point'));
      map.getSource<GeoJSONSource>(POINTS)?.setData(points as unknown as SourceData);
      map.getSource<GeoJSONSource>(SHAPES)?.setData(shapes as unknown as SourceData);
    });

    createEffect(() => {
      const id = props.selectedId;
      const fallback = props.selectedReport?.id === id ? props.selectedReport : undefined;
      const report = id ? (props.reports.find((r) => r.id === id) ?? fallback) : undefined;
      selected = collection(report ? [feature(report, false)] : []);
      map.getSource<GeoJSONSource>(SELECTED)?.setData(selected as unknown as SourceData);
      const changed = id !== lastId;
      lastId = id;
      if (report && changed && pickedOnMap !== id) {
        // Chosen in the list or by keyboard: bring it into view if it is not.
        const [w, s, e, n] = bounds(report.geometry);
        const view = map.getBounds();
        const inView = view.contains([w, s]) && view.contains([e, n]);
        if (!inView) map.easeTo({ center: anchor(report.geometry), duration: 400 });
      }
      if (changed) pickedOnMap = undefined;
    });

    const resize = new ResizeObserver(() => map.resize());
    resize.observe(container);

    onCleanup(() => {
      resize.disconnect();
      stopWatching?.();
      for (const marker of clusterMarkers.values()) marker.remove();
      if (window.__gsConsoleMap === map) delete window.__gsConsoleMap;
      map.remove();
    });
  });

  return <div ref={container} class="c-map" role="region" aria-label={ct().map.label} />;
}
