/**
 * The one MapLibre set-up: the resident's map, the report flow, the staff console and the
 * insight maps all start here. It owns the base map (the configured style, and the plain
 * offline style when that fails or is too slow), the shared controls and gestures, and
 * the cleanup; each caller adds only its own layers and events.
 */
import { Map as MapLibreMap, NavigationControl, type MapOptions, type StyleSpecification } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { SiteConfig } from '../api/types.ts';
import { fallbackStyle } from './fallback-style.ts';

/** Where our API answers: the page's own origin (a test without a page has none). */
const pageOrigin = () => globalThis.location?.origin ?? 'http://localhost';

/** How long the configured style may take before the map gives up on it. */
export const STYLE_TIMEOUT_MS = 4_000;

/** What a map's controls are called, in the current language. */
export interface MapLabels {
  map: string;
  zoomIn?: string;
  zoomOut?: string;
}

export interface CreateMapOptions {
  config: Pick<SiteConfig, 'mapStyleUrl' | 'bounds'>;
  labels: MapLabels;
  /** Space kept around the council's bounds, in pixels. */
  padding?: number;
  /** The configured base map failed and the plain style replaced it: time for the "base map could not load" notice. */
  onFallback?: () => void;
  /** What this map needs besides the shared options (a double tap that adds a point, say). */
  options?: Partial<MapOptions>;
  timeoutMs?: number;
  /** The zoom buttons; a small map that only shows a place has none. Default true. */
  controls?: boolean;
}

export interface CreatedMap {
  map: MapLibreMap;
  /** Stops watching the base map and removes the map. */
  dispose(): void;
}

/** The events `watchBasemap` needs: a MapLibre map, or a stand-in in tests. */
export interface StyleWatchable {
  on(type: 'style.load' | 'error', listener: () => void): unknown;
  off(type: 'style.load' | 'error', listener: () => void): unknown;
  setStyle(style: StyleSpecification, options: { diff: boolean }): unknown;
}

/**
 * Watches the configured base map style; if it fails (an error before it loaded) or does not
 * arrive within `timeoutMs`, switches to the plain style of the council's own data and calls `onFallback`.
 * Errors after the style has loaded (a missing tile) are left to MapLibre.
 * Returns a function that stops watching.
 */
export function watchBasemap(map: StyleWatchable, onFallback: () => void, timeoutMs = STYLE_TIMEOUT_MS, fallback: StyleSpecification = fallbackStyle(pageOrigin())): () => void {
  let settled = false;
  const stop = () => {
    settled = true;
    clearTimeout(timer);
    map.off('style.load', onLoad);
    map.off('error', onError);
  };
  const fallBack = () => {
    if (settled) return;
    stop();
    map.setStyle(fallback, { diff: false });
    onFallback();
  };
  const onLoad = () => stop();
  const onError = () => fallBack();
  const timer = setTimeout(fallBack, timeoutMs);
  map.on('style.load', onLoad);
  map.on('error', onError);
  return stop;
}

/** The MapLibre options every map shares: no configured style means the plain one, and no rotation. */
export function mapOptions(container: HTMLElement, { config, labels, padding = 16, options = {} }: CreateMapOptions): MapOptions {
  const locale: Record<string, string> = { 'Map.Title': labels.map };
  if (labels.zoomIn) locale['NavigationControl.ZoomIn'] = labels.zoomIn;
  if (labels.zoomOut) locale['NavigationControl.ZoomOut'] = labels.zoomOut;
  return {
    container,
    style: config.mapStyleUrl || fallbackStyle(pageOrigin()),
    bounds: config.bounds,
    fitBoundsOptions: { padding },
    attributionControl: { compact: true },
    dragRotate: false,
    pitchWithRotate: false,
    touchPitch: false,
    locale,
    ...options,
  };
}

/** Maps whose current style has loaded (see styleReady). */
const readyStyles = new WeakSet<MapLibreMap>();

/**
 * Whether layers can be added to the map now: its style (configured or fallback) has loaded.
 * Unlike `isStyleLoaded()`, this does not wait for the base map's tiles too, which may still
 * be arriving, or never arrive on a weak signal.
 */
export function styleReady(map: MapLibreMap): boolean {
  return readyStyles.has(map);
}

export function createMap(container: HTMLElement, options: CreateMapOptions): CreatedMap {
  const map = new MapLibreMap(mapOptions(container, options));
  // Registered first, so every other `style.load` listener already sees the style as ready.
  map.on('style.load', () => readyStyles.add(map));
  map.on('styledataloading', () => readyStyles.delete(map));
  map.touchZoomRotate.disableRotation();
  map.keyboard.disableRotation();
  // Top right: the bottom of the screen belongs to the thumb's actions.
  if (options.controls !== false) map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
  // No configured base map is a choice, not a failure: the plain style, without a notice.
  const stopWatching = options.config.mapStyleUrl ? watchBasemap(map, () => options.onFallback?.(), options.timeoutMs) : undefined;
  return {
    map,
    dispose() {
      stopWatching?.();
      map.remove();
    },
  };
}
