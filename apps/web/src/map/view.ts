import type { BBox } from '@groundswell/core/rules';
import type { Map as MapLibreMap } from 'maplibre-gl';

const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));

/** The visible area as west,south,east,north, kept within valid WGS84 ranges. */
export function viewBBox(map: MapLibreMap): BBox {
  const b = map.getBounds();
  return [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90), clamp(b.getEast(), -180, 180), clamp(b.getNorth(), -90, 90)];
}

export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): ((...args: A) => void) & { cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const debounced = (...args: A) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
  debounced.cancel = () => clearTimeout(timer);
  return debounced;
}
