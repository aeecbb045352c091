import { z } from 'zod';

/** The three shapes a resident can draw, in the words the UI and the API share. */
export const GEOMETRY_KINDS = ['Point', 'LineString', 'Polygon'] as const;
export type GeometryKind = (typeof GEOMETRY_KINDS)[number];

export const MAX_VERTICES = 2000;

const longitude = z
  .number({ error: 'Longitude must be a number' })
  .min(-180, 'Longitude must be between -180 and 180')
  .max(180, 'Longitude must be between -180 and 180');
const latitude = z
  .number({ error: 'Latitude must be a number' })
  .min(-90, 'Latitude must be between -90 and 90')
  .max(90, 'Latitude must be between -90 and 90');

/** RFC 7946 position: longitude first, an optional altitude we keep but never need. */
export const PositionSchema = z.union([
  z.tuple([longitude, latitude]),
  z.tuple([longitude, latitude, z.number()]),
]);
export type Position = z.infer<typeof PositionSchema>;

const ringSchema = z
  .array(PositionSchema)
  .min(4, 'An area needs at least three corners')
  .refine((ring) => samePosition(ring[0], ring[ring.length - 1]), 'An area must end where it starts');

export const PointSchema = z.object({ type: z.literal('Point'), coordinates: PositionSchema });
export const LineStringSchema = z.object({
  type: z.literal('LineString'),
  coordinates: z.array(PositionSchema).min(2, 'A line needs at least two points'),
});
export const PolygonSchema = z.object({
  type: z.literal('Polygon'),
  coordinates: z.array(ringSchema).min(1, 'An area needs an outline'),
});
export const MultiPolygonSchema = z.object({
  type: z.literal('MultiPolygon'),
  coordinates: z.array(z.array(ringSchema).min(1)).min(1),
});

/** What residents and staff may send: a point, a line (a ditch) or an area. */
export const GeometryInputSchema = z
  .discriminatedUnion('type', [PointSchema, LineStringSchema, PolygonSchema], {
    error: 'Geometry must be a GeoJSON Point, LineString or Polygon',
  })
  .refine((g) => vertexCount(g) <= MAX_VERTICES, {
    message: `A shape may have at most ${MAX_VERTICES} points`,
    path: ['coordinates'],
  });
export type GeometryInput = z.infer<typeof GeometryInputSchema>;

/** Any geometry we hand out (areas can be multipolygons). */
export type Geometry =
  | z.infer<typeof PointSchema>
  | z.infer<typeof LineStringSchema>
  | z.infer<typeof PolygonSchema>
  | z.infer<typeof MultiPolygonSchema>;

function samePosition(a: Position | undefined, b: Position | undefined): boolean {
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

export const BBoxParamSchema = z.string().transform((text, ctx) => {
  const parsed = parseBBox(text);
  if (typeof parsed === 'string') {
    ctx.addIssue({ code: 'custom', message: parsed });
    return z.NEVER;
  }
  return parsed;
});
