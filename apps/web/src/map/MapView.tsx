import { createEffect, createSignal, onCleanup, onMount } from 'solid-js';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Camera } from '@groundswell/core/rules';
import type { SiteConfig } from '../api/types.ts';
import { t } from '../i18n/index.ts';
import type { ReportStore } from '../reports/store.ts';
import { createMap } from './create-map.ts';
import { reportIdAt } from './hit-test.ts';
import { REPORT_LAYERS } from './report-layers.ts';
import { reportTilesUrl, TileReportLayers } from './report-tiles.ts';
import { createTileClusterMarkers } from './tile-cluster-markers.ts';
import { debounce, viewBBox } from './view.ts';

declare global {
  interface Window {
    /** The live map, for debugging in the console and for end-to-end tests. */
    __gsMap?: MapLibreMap;
  }
}

/** How long the map must rest before the list (when open) follows the view. */
const REFETCH_DELAY_MS = 300;

export interface MapViewProps {
  config: SiteConfig;
  store: ReportStore;
  onBasemapFallback: () => void;
  /** Where to open (the picture's view, so the swap does not move); else the council's bounds. */
  camera?: Camera;
  /** The map has drawn its first full view: the picture under it can go. */
  onReady?: (canvas: HTMLCanvasElement) => void;
}

/** The cluster under a tap, if any: tapping one zooms into it. */
function clusterAt(map: MapLibreMap, x: number, y: number): [number, number] | undefined {
  if (!map.getLayer(REPORT_LAYERS.cluster)) return undefined;
  const hit = map.queryRenderedFeatures([x, y], { layers: [REPORT_LAYERS.cluster] })[0];
  return hit ? (hit.geometry as unknown as { coordinates: [number, number] }).coordinates : undefined;
}

/** The full-screen map: base map, the report tiles (clusters, then single reports), and taps that pick a report. */
export function MapView(props: MapViewProps) {
  let container!: HTMLDivElement;
  // Unseen until its first full view is drawn: the picture under it stays until then, so the swap shows no blank frame.
  const [drawn, setDrawn] = createSignal(false);

  onMount(() => {
    const messages = t().map;
    const { map, dispose } = createMap(container, {
      config: props.config,
      labels: { map: messages.canvas, zoomIn: messages.zoomIn, zoomOut: messages.zoomOut },
      onFallback: () => props.onBasemapFallback(),
      ...(props.camera ? { options: { bounds: undefined, center: props.camera.center, zoom: props.camera.zoom } } : {}),
    });
    const reveal = () => {
      if (drawn()) return;
      setDrawn(true);
      props.onReady?.(map.getCanvas());
    };
    map.once('idle', reveal);
    // A view that never settles (no signal at all) is still better than a picture that cannot move.
    const revealAnyway = setTimeout(reveal, 8_000);
    window.__gsMap = map;

    const layers = new TileReportLayers(map, { url: reportTilesUrl() });
    const clusters = createTileClusterMarkers(map);
    createEffect(() => layers.select(props.store.selected()?.properties.id));

    // A hidden map (the report page is open) has no view worth following.
    const refresh = debounce(() => {
      if (container.clientWidth > 0 && container.clientHeight > 0) props.store.view(viewBBox(map));
    }, REFETCH_DELAY_MS);
    map.on('moveend', refresh);
    props.store.view(viewBBox(map));

    map.on('click', (e) => {
      const cluster = clusterAt(map, e.point.x, e.point.y);
      if (cluster) return clusters.zoomInto(cluster);
      const id = reportIdAt(map, e.point.x, e.point.y);
      if (id) void props.store.selectId(id);
      else props.store.select(undefined);
    });
    map.on('mousemove', (e) => {
      map.getCanvas().style.cursor = reportIdAt(map, e.point.x, e.point.y, 4) ? 'pointer' : '';
    });

    onCleanup(() => {
      clearTimeout(revealAnyway);
      refresh.cancel();
      clusters.remove();
      if (window.__gsMap === map) delete window.__gsMap;
      dispose();
    });
  });

  return <div ref={container} class="map" classList={{ 'map-waking': !drawn() }} role="region" aria-label={t().map.label} />;
}
