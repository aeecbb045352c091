import { createMap, type CreatedMap } from '../map/create-map.ts';
import type { SiteConfig } from '../api/types.ts';
import { ct } from './i18n/index.ts';

/** A map of the council's area with the configured base map (or the plain offline one), labelled for staff. */
export function createBaseMap(container: HTMLElement, config: SiteConfig, onFallback?: () => void): CreatedMap {
  const m = ct().map;
  return createMap(container, { config, labels: { map: m.label, zoomIn: m.zoomIn, zoomOut: m.zoomOut }, padding: 24, ...(onFallback ? { onFallback } : {}) });
}
