import { LngLatBounds, Map as MapLibreMap, NavigationControl } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { SiteConfig } from '../api/types.ts';
import { watchBasemap } from '../map/basemap.ts';
import { FALLBACK_STYLE } from '../map/fallback-style.ts';

declare global {
  interface Window {
    /** The insight page's maps, for debugging and end-to-end tests. */
    __gsInsight?: { hotspots?: MapLibreMap; network?: MapLibreMap };
  }
}

/**
 * A small map for a dashboard section: the council's bounds, no rotation, the configured
 * base map with the plain offline style as a fallback. `onReady` runs once a style (either)
 * has loaded, and again if the fallback replaces the configured style.
 */
export function insightMap(container: HTMLElement, config: SiteConfig, label: string, name: 'hotspots' | 'network', onReady: (map: MapLibreMap) => void): () => void {
  const map = new MapLibreMap({
    container,
    style: config.mapStyleUrl || FALLBACK_STYLE,
    bounds: config.bounds,
    fitBoundsOptions: { padding: 12 },
    attributionControl: { compact: true },
    dragRotate: false,
    pitchWithRotate: false,
    touchPitch: false,
    cooperativeGestures: false,
    locale: { 'Map.Title': label },
  });
  map.touchZoomRotate.disableRotation();
  map.keyboard.disableRotation();
  map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
  map.getCanvas().setAttribute('aria-label', label);
  window.__gsInsight = { ...window.__gsInsight, [name]: map };
  const stop = config.mapStyleUrl ? watchBasemap(map, () => undefined) : undefined;
  // Every full style load (the configured one, or the fallback replacing it) needs our layers again.
  map.on('style.load', () => onReady(map));
  return () => {
    stop?.();
    map.remove();
    if (window.__gsInsight?.[name] === map) delete window.__gsInsight[name];
  };
}

/** Fits the map to the coordinates of some features, once they are known. */
export function fitTo(map: MapLibreMap, coordinates: Iterable<[number, number]>): void {
  let bounds: LngLatBounds | undefined;
  for (const c of coordinates) bounds = bounds ? bounds.extend(c) : new LngLatBounds(c, c);
  if (bounds) map.fitBounds(bounds, { padding: 24, duration: 0, maxZoom: 14 });
}
