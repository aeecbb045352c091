export type { GeometryInput } from './schemas/geometry.ts';

/** The three shapes a resident can draw, in the words the UI and the API share. */
export const GEOMETRY_KINDS = ['Point', 'LineString', 'Polygon'] as const;
export type GeometryKind = (typeof GEOMETRY_KINDS)[number];

export const MAX_VERTICES = 2000;

/** RFC 7946 position: longitude first, an optional altitude we keep but never need. */
export type Position = [number, number] | [number, number, number];

/** Any geometry we hand out (areas can be multipolygons). */
export type Geometry =
  | { type: 'Point'; coordinates: Position }
  | { type: 'LineString'; coordinates: Position[] }
  | { type: 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] };

export function samePosition(a: Position | undefined, b: Position | undefined): boolean {
  return !!a && !!b && a[0] === b[0] && a[1] === b[1];
}

export function vertexCount(g: Geometry): number {
  switch (g.type) {
    case 'Point':
      return 1;
    case 'LineString':
      return g.coordinates.length;
    case 'Polygon':
      return g.coordinates.reduce((n, ring) => n + ring.length, 0);
    case 'MultiPolygon':
      return g.coordinates.reduce((n, poly) => n + poly.reduce((m, ring) => m + ring.length, 0), 0);
  }
}

/** A bounding box as RFC 7946 orders it: west, south, east, north. */
export type BBox = [number, number, number, number];

/**
 * Parses `minLon,minLat,maxLon,maxLat`. Returns a message instead of throwing so the
 * caller can name the parameter it came from.
 */
export function parseBBox(text: string): BBox | string {
  const parts = text.split(',').map((p) => p.trim());
  if (parts.length !== 4) return 'bbox must be four numbers: west,south,east,north';
  const nums = parts.map(Number);
  if (nums.some((n) => parts.some((p) => p === '') || !Number.isFinite(n))) return 'bbox must be four numbers: west,south,east,north';
  const [w, s, e, n] = nums as BBox;
  if (w < -180 || e > 180 || w > 180 || e < -180) return 'bbox longitudes must be between -180 and 180';
  if (s < -90 || n > 90 || s > 90 || n < -90) return 'bbox latitudes must be between -90 and 90';
  if (s > n) return 'bbox south must not be greater than north';
  return [w, s, e, n];
}
