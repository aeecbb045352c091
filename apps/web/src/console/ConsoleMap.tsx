import { createEffect, onCleanup, onMount } from 'solid-js';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Category } from '@groundswell/core/rules';
import type { SiteConfig } from '../api/types.ts';
import { categoryColour } from '../map/report-layers.ts';
import { createBaseMap } from './base-map.ts';
import { anchor, bounds } from './geometry.ts';
import { ct } from './i18n/index.ts';
import { createClusterMarkers } from './map-clusters.ts';
import { clickableAt, collection, CONSOLE_LAYERS, feature, installLayers, pickAt, POINTS, SELECTED, setColour, setSourceData, SHAPES, splitByKind, type Colour } from './map-layers.ts';
import type { StaffReport } from './types.ts';

export { CONSOLE_LAYERS } from './map-layers.ts';

declare global {
  interface Window {
    /** The console's live map, for debugging and end-to-end tests. */
    __gsConsoleMap?: MapLibreMap;
  }
}

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

/** Brings a report chosen in the list or by keyboard into view, if it is not. */
function showReport(map: MapLibreMap, report: StaffReport): void {
  const [w, s, e, n] = bounds(report.geometry);
  const view = map.getBounds();
  if (!(view.contains([w, s]) && view.contains([e, n]))) map.easeTo({ center: anchor(report.geometry), duration: 400 });
}

/** Selection by click (a cluster zooms in instead) and the pointer over what can be clicked. */
function wireClicks(map: MapLibreMap, props: ConsoleMapProps, clusters: ReturnType<typeof createClusterMarkers>, picked: (id: string) => void): void {
  map.on('click', (e) => {
    if (props.editing) return;
    const hit = pickAt(map, e.point.x, e.point.y, 10);
    if (hit && 'cluster' in hit) void clusters.zoomInto(hit.cluster.id, hit.cluster.center);
    else if (hit) {
      picked(hit.id);
      props.onSelect(hit.id);
    }
  });
  map.on('mousemove', (e) => {
    if (props.editing) return;
    if (!map.getLayer(CONSOLE_LAYERS.point)) return;
    map.getCanvas().style.cursor = clickableAt(map, e.point.x, e.point.y) ? 'pointer' : '';
  });
}

/**
 * The triage map: points clustered when zoomed out (lines and areas drawn as they are), the
 * selected report drawn on top, and a click selecting the report under it. Cluster counts
 * are HTML, so they need no font from the base map and show offline.
 */
export function ConsoleMap(props: ConsoleMapProps) {
  let container!: HTMLDivElement;

  onMount(() => {
    const { map, dispose } = createBaseMap(container, props.config, () => props.onBasemapFallback?.());
    window.__gsConsoleMap = map;
    props.onMap?.(map);

    let colour: Colour = categoryColour(props.categories);
    let data = { ...splitByKind([]), selected: collection([]) };
    /** The id the map itself picked: no need to pan to what the officer just clicked. */
    let pickedOnMap: string | undefined;
    let lastId: string | undefined;

    const install = () => installLayers(map, colour, data);
    map.on('style.load', install);
    if (map.isStyleLoaded()) install();
    const clusters = createClusterMarkers(map);
    wireClicks(map, props, clusters, (id) => (pickedOnMap = id));

    createEffect(() => {
      colour = categoryColour(props.categories);
      setColour(map, colour);
    });

    createEffect(() => {
      const isFresh = props.fresh;
      data = { ...data, ...splitByKind(props.reports.map((r) => feature(r, isFresh.has(r.id)))) };
      setSourceData(map, POINTS, data.points);
      setSourceData(map, SHAPES, data.shapes);
    });

    createEffect(() => {
      const id = props.selectedId;
      const fallback = props.selectedReport?.id === id ? props.selectedReport : undefined;
      const report = id ? (props.reports.find((r) => r.id === id) ?? fallback) : undefined;
      data = { ...data, selected: collection(report ? [feature(report, false)] : []) };
      setSourceData(map, SELECTED, data.selected);
      const changed = id !== lastId;
      lastId = id;
      if (report && changed && pickedOnMap !== id) showReport(map, report);
      if (changed) pickedOnMap = undefined;
    });

    const resize = new ResizeObserver(() => map.resize());
    resize.observe(container);

    onCleanup(() => {
      resize.disconnect();
      clusters.remove();
      if (window.__gsConsoleMap === map) delete window.__gsConsoleMap;
      dispose();
    });
  });

  return <div ref={container} class="c-map" role="region" aria-label={ct().map.label} />;
}
