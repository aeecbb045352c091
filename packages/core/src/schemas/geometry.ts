import { z } from 'zod';
import { MAX_VERTICES, parseBBox, samePosition, vertexCount } from '../geometry.ts';

const longitude = z.number({ error: 'Longitude must be a number' }).min(-180, 'Longitude must be between -180 and 180').max(180, 'Longitude must be between -180 and 180');
const latitude = z.number({ error: 'Latitude must be a number' }).min(-90, 'Latitude must be between -90 and 90').max(90, 'Latitude must be between -90 and 90');

/** RFC 7946 position: longitude first, an optional altitude we keep but never need. */
export const PositionSchema = z.union([z.tuple([longitude, latitude]), z.tuple([longitude, latitude, z.number()])]);

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

export const BBoxParamSchema = z.string().transform((text, ctx) => {
  const parsed = parseBBox(text);
  if (typeof parsed === 'string') {
    ctx.addIssue({ code: 'custom', message: parsed });
    return z.NEVER;
  }
  return parsed;
});
