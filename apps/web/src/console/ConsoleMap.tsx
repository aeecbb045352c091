import { createEffect, onCleanup, onMount } from 'solid-js';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Category } from '@groundswell/core/rules';
import type { SiteConfig } from '../api/types.ts';
import { categoryColour } from '../map/report-layers.ts';
import { createTileClusterMarkers } from '../map/tile-cluster-markers.ts';
import { createBaseMap } from './base-map.ts';
import { anchor, bounds } from './geometry.ts';
import { ct, format } from './i18n/index.ts';
import {
  clickableAt,
  collection,
  CONSOLE_LAYERS,
  feature,
  installLayers,
  markFresh,
  pickAt,
  SELECTED,
  setColour,
  setSourceData,
  setTilesUrl,
  staffTilesUrl,
  TILES,
  type Colour,
} from './map-layers.ts';
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
  /** The list's page: the map draws every report of the filter from tiles, these are only looked up for selection. */
  reports: readonly StaffReport[];
  /** The list's API query (its filters): the map's tiles hold the same reports. */
  tileQuery: string;
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
function wireClicks(map: MapLibreMap, props: ConsoleMapProps, clusters: ReturnType<typeof createTileClusterMarkers>, picked: (id: string) => void): void {
  map.on('click', (e) => {
    if (props.editing) return;
    const hit = pickAt(map, e.point.x, e.point.y, 10);
    if (hit && 'cluster' in hit) clusters.zoomInto(hit.cluster);
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
 * The triage map: every report of the list's filter in the officer's remit, from the staff
 * report tiles (clusters with counts when zoomed out, single reports from zoom 14), the
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
    let version = 0;
    let data = { tiles: staffTilesUrl(props.tileQuery, 1), selected: collection([]) };
    let freshShown: ReadonlySet<string> = new Set();
    /** The id the map itself picked: no need to pan to what the officer just clicked. */
    let pickedOnMap: string | undefined;
    let lastId: string | undefined;

    const install = () => installLayers(map, colour, data);
    // A staff tile refused with 401 or 403 means the session has ended (another browser signed
    // out, an administrator reset the account): the console is on its way to the sign-in page,
    // and each such tile is no error worth logging. A base map that fails before it loads is the
    // fallback watcher's (create-map.ts); any other error is logged as MapLibre would.
    map.on('error', (e: { error?: { status?: number }; sourceId?: string }) => {
      const status = e.error?.status;
      if (e.sourceId === TILES && (status === 401 || status === 403)) return;
      if (!map.isStyleLoaded()) return;
      console.error(e.error);
    });
    map.on('style.load', install);
    if (map.isStyleLoaded()) install();
    const clusters = createTileClusterMarkers(map, { layer: CONSOLE_LAYERS.cluster, source: TILES, className: 'c-cluster', title: (count) => format(ct().map.cluster, { count }) });
    wireClicks(map, props, clusters, (id) => (pickedOnMap = id));

    createEffect(() => {
      colour = categoryColour(props.categories);
      setColour(map, colour);
    });

    // New filters, or the list reloaded (new work, a change): the tiles follow.
    createEffect(() => {
      props.reports;
      const url = staffTilesUrl(props.tileQuery, ++version);
      if (url === data.tiles) return;
      data = { ...data, tiles: url };
      setTilesUrl(map, url);
    });
    createEffect(() => {
      const next = props.fresh;
      markFresh(map, freshShown, next);
      freshShown = next;
    });
    map.on('style.load', () => markFresh(map, new Set(), freshShown));

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
