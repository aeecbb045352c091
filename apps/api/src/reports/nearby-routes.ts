import { createHash } from 'node:crypto';
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { DomainError, PublicIdParamSchema, PublicReportFeatureSchema } from '@groundswell/core';
import { addSupport, nearbyOpenReports } from '@groundswell/db';
import { createRouter, notFoundResponse, problemResponses } from '../http/router.ts';
import { requestLocale } from '../http/locale.ts';
import { rateLimit } from '../http/rate-limit.ts';
import { toFeature } from './present.ts';

const NEARBY_LIMIT = 5;

const NearbyQuery = z.object({
  lon: z.coerce.number({ error: 'lon must be a number' }).min(-180, 'lon must be between -180 and 180').max(180, 'lon must be between -180 and 180'),
  lat: z.coerce.number({ error: 'lat must be a number' }).min(-90, 'lat must be between -90 and 90').max(90, 'lat must be between -90 and 90'),
  category: z
    .string()
    .transform((s) => s.split(',').map((c) => c.trim()).filter(Boolean))
    .optional(),
});

const nearby = createRoute({
  method: 'get',
  path: '/api/reports/nearby',
  tags: ['Reports'],
  summary: 'Open reports near a place, nearest first (to offer "support this instead")',
  description: 'Within the configured distance (250 m by default), at most 5; lines and areas are measured by their nearest part.',
  request: { query: NearbyQuery },
  responses: {
    200: {
      description: 'FeatureCollection; each feature has `distanceMeters`',
      content: {
        'application/geo+json': {
          schema: z.object({
            type: z.literal('FeatureCollection'),
            features: z.array(PublicReportFeatureSchema.extend({ distanceMeters: z.number() })),
          }),
        },
      },
    },
    ...problemResponses,
  },
});

const SupportBody = z.object({
  deviceId: z
    .string()
    .regex(/^[A-Za-z0-9-]{16,64}$/, 'deviceId must be 16 to 64 letters, digits or dashes')
    .meta({ description: 'A random id the app keeps on the device, so one device counts once' }),
});

const support = createRoute({
  method: 'post',
  path: '/api/reports/{id}/supports',
  tags: ['Reports'],
  summary: '"This affects me too": support a report, once per device',
  request: {
    params: PublicIdParamSchema,
    body: { content: { 'application/json': { schema: SupportBody } }, required: true },
  },
  responses: {
    200: { description: 'Already supported from this device', content: { 'application/json': { schema: z.object({ supportCount: z.number(), added: z.boolean() }) } } },
    201: { description: 'Support added', content: { 'application/json': { schema: z.object({ supportCount: z.number(), added: z.boolean() }) } } },
    ...problemResponses,
    ...notFoundResponse,
  },
});

export function nearbyRoutes() {
  const router = createRouter();
  router.post('/api/reports/:id/supports', rateLimit({ name: 'support', limit: 120, windowSeconds: 3600 }));
  return router
    .openapi(nearby, async (c) => {
      const q = c.req.valid('query');
      const { database, config } = c.get('deps');
      const rows = await nearbyOpenReports(database, q, { meters: config.nearbyMeters, limit: NEARBY_LIMIT, ...(q.category ? { categories: q.category } : {}) });
      const locale = requestLocale(c);
      const features = rows.map((r) => ({ ...toFeature(r, locale, config.publicUrl), distanceMeters: r.distanceMeters }));
      return c.json({ type: 'FeatureCollection' as const, features }, 200, { 'content-type': 'application/geo+json' });
    })
    .openapi(support, async (c) => {
      const { id } = c.req.valid('param');
      const { deviceId } = c.req.valid('json');
      const { database, clock } = c.get('deps');
      // Only a hash of the device id is kept: it counts supports, it does not track people.
      const key = createHash('sha256').update(`device:${deviceId}`).digest('hex');
      const result = await addSupport(database, id, key, clock.now());
      if (result.outcome === 'not_found') throw new DomainError('not_found', `There is no public report ${id}`);
      if (result.outcome === 'closed') throw new DomainError('conflict', 'This report is already closed; please make a new report if the problem is back');
      return result.outcome === 'added'
        ? c.json({ supportCount: result.supportCount, added: true }, 201)
        : c.json({ supportCount: result.supportCount, added: false }, 200);
    });
}
