import { z } from 'zod';
import { LOCALES } from '../categories.ts';
import { MAX_VERTICES, vertexCount } from '../geometry.ts';
import { PolygonSchema } from './geometry.ts';
import { PublicIdSchema } from './reports.ts';
import { say } from '../problem-messages.ts';

/** An area drawn to follow: the same vertex limit as a report's shape (its size is checked by PostGIS). */
export const FollowedAreaSchema = PolygonSchema.refine((g) => vertexCount(g) <= MAX_VERTICES, say('area_vertices', { max: MAX_VERTICES }));

/** Follow a report, a named area or an area drawn on the map: exactly one of them. */
export const SubscriptionInputSchema = z
  .object({
    email: z.email(say('email_format')).max(320),
    locale: z.enum(LOCALES).default('en'),
    report: PublicIdSchema.optional(),
    area: z.string().min(1).max(100).optional(),
    geometry: FollowedAreaSchema.optional(),
  })
  .refine((s) => [s.report, s.area, s.geometry].filter((x) => x !== undefined).length === 1, {
    message: say('follow_one_thing'),
    path: ['report'],
  })
  .meta({ id: 'SubscriptionInput' });
export type SubscriptionInput = z.infer<typeof SubscriptionInputSchema>;
