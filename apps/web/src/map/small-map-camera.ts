/** The small map's framing, without MapLibre: the picture shown before it needs the same numbers. */
import type { Geometry } from '@groundswell/core/rules';

/** Close enough to see the field gate, far enough to see the lane it is on. */
export const SMALL_MAP_MAX_ZOOM = 16;

type BBox = [number, number, number, number];

/** The shape's bounding box (west, south, east, north). */
export function bboxOf(geometry: Geometry): BBox {
  const flat = (geometry.type === 'Point' ? [geometry.coordinates] : geometry.coordinates.flat(geometry.type === 'LineString' ? 0 : geometry.type === 'Polygon' ? 1 : 2)) as number[][];
  const box: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of flat as [number, number][]) {
    box[0] = Math.min(box[0], x);
    box[1] = Math.min(box[1], y);
    box[2] = Math.max(box[2], x);
    box[3] = Math.max(box[3], y);
  }
  return box;
}
