import { z } from 'zod';
import { MAX_VERTICES, parseBBox, samePosition, vertexCount } from '../geometry.ts';
import { say } from '../problem-messages.ts';

const longitude = z
  .number({ error: say('longitude_number') })
  .min(-180, say('longitude_range'))
  .max(180, say('longitude_range'));
const latitude = z
  .number({ error: say('latitude_number') })
  .min(-90, say('latitude_range'))
  .max(90, say('latitude_range'));

/** RFC 7946 position: longitude first, an optional altitude we keep but never need. */
export const PositionSchema = z.union([z.tuple([longitude, latitude]), z.tuple([longitude, latitude, z.number()])]);

const ringSchema = z
  .array(PositionSchema)
  .min(4, say('area_corners'))
  .refine((ring) => samePosition(ring[0], ring[ring.length - 1]), say('area_closed'));

export const PointSchema = z.object({ type: z.literal('Point'), coordinates: PositionSchema });
export const LineStringSchema = z.object({
  type: z.literal('LineString'),
  coordinates: z.array(PositionSchema).min(2, say('line_points')),
});
export const PolygonSchema = z.object({
  type: z.literal('Polygon'),
  coordinates: z.array(ringSchema).min(1, say('area_outline')),
});
export const MultiPolygonSchema = z.object({
  type: z.literal('MultiPolygon'),
  coordinates: z.array(z.array(ringSchema).min(1)).min(1),
});

/** What residents and staff may send: a point, a line (a ditch) or an area. */
export const GeometryInputSchema = z
  .discriminatedUnion('type', [PointSchema, LineStringSchema, PolygonSchema], {
    error: say('geometry_kind'),
  })
  .refine((g) => vertexCount(g) <= MAX_VERTICES, {
    message: say('shape_vertices', { max: MAX_VERTICES }),
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
