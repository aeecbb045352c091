import type { Map as MapLibreMap } from 'maplibre-gl';
import { FALLBACK_STYLE } from './fallback-style.ts';

/** How long the configured style may take before the map gives up on it. */
export const STYLE_TIMEOUT_MS = 4000;

/**
 * Watches the configured base map style; if it fails (an error before it loaded) or does not
 * arrive within `timeoutMs`, switches to the built-in plain style and calls `onFallback`.
 * Errors after the style has loaded (a missing tile) are left to MapLibre.
 * Returns a function that stops watching.
 */
export function watchBasemap(map: MapLibreMap, onFallback: () => void, timeoutMs = STYLE_TIMEOUT_MS): () => void {
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
    map.setStyle(FALLBACK_STYLE, { diff: false });
    onFallback();
  };
  const onLoad = () => stop();
  const onError = () => fallBack();
  const timer = setTimeout(fallBack, timeoutMs);
  map.on('style.load', onLoad);
  map.on('error', onError);
  return stop;
}
