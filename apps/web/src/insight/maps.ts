import { LngLatBounds, type Map as MapLibreMap } from 'maplibre-gl';
import type { SiteConfig } from '../api/types.ts';
import { createMap } from '../map/create-map.ts';

declare global {
  interface Window {
    /** The insight page's maps, for debugging and end-to-end tests. */
    __gsInsight?: { hotspots?: MapLibreMap; network?: MapLibreMap; conversations?: MapLibreMap };
  }
}

/**
 * A small map for a dashboard section: the council's bounds, no rotation, the configured
 * base map with the plain offline style as a fallback. `onReady` runs once a style (either)
 * has loaded, and again if the fallback replaces the configured style.
 */
export function insightMap(container: HTMLElement, config: SiteConfig, label: string, name: 'hotspots' | 'network' | 'conversations', onReady: (map: MapLibreMap) => void): () => void {
  const { map, dispose } = createMap(container, { config, labels: { map: label }, padding: 12, options: { cooperativeGestures: false } });
  map.getCanvas().setAttribute('aria-label', label);
  window.__gsInsight = { ...window.__gsInsight, [name]: map };
  // Every full style load (the configured one, or the fallback replacing it) needs our layers again.
  map.on('style.load', () => onReady(map));
  return () => {
    dispose();
    if (window.__gsInsight?.[name] === map) delete window.__gsInsight[name];
  };
}

/** Fits the map to the coordinates of some features, once they are known. */
export function fitTo(map: MapLibreMap, coordinates: Iterable<[number, number]>): void {
  let bounds: LngLatBounds | undefined;
  for (const c of coordinates) bounds = bounds ? bounds.extend(c) : new LngLatBounds(c, c);
  if (bounds) map.fitBounds(bounds, { padding: 24, duration: 0, maxZoom: 14 });
}
