import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { NearbyCollectionSchema, PublicIdParamSchema, SupportResultSchema, commaList } from '@groundswell/core';
import { nearbyOpenReportFeatures } from '@groundswell/db';
import { createRouter, jsonResponse, notFoundResponse, problemResponses } from '../http/router.ts';
import { clientAddress } from '../http/client.ts';
import { requestLocale } from '../http/locale.ts';
import { rateLimit } from '../http/rate-limit.ts';
import { supportReport } from './support-report.ts';

const NEARBY_LIMIT = 5;

const NearbyQuery = z.object({
  lon: z.coerce.number({ error: 'lon must be a number' }).min(-180, 'lon must be between -180 and 180').max(180, 'lon must be between -180 and 180'),
  lat: z.coerce.number({ error: 'lat must be a number' }).min(-90, 'lat must be between -90 and 90').max(90, 'lat must be between -90 and 90'),
  category: commaList('category codes'),
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
          schema: NearbyCollectionSchema,
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
    200: jsonResponse(SupportResultSchema, 'Already supported from this device, or this address has added its share of supports to this report today'),
    201: jsonResponse(SupportResultSchema, 'Support added'),
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
      const rows = await nearbyOpenReportFeatures(
        database,
        q,
        { meters: config.nearbyMeters, limit: NEARBY_LIMIT, ...(q.category ? { categories: q.category } : {}) },
        { locale: requestLocale(c), baseUrl: config.publicUrl },
      );
      // Each Feature's text from PostgreSQL, its distance added as a last member.
      const features = rows.map((r) => `${r.f.slice(0, -1)},"distanceMeters":${Number(r.distanceMeters)}}`);
      return c.body(`{"type":"FeatureCollection","features":[${features.join(',')}]}`, 200, { 'content-type': 'application/geo+json' }) as never;
    })
    .openapi(support, async (c) => {
      const deps = c.get('deps');
      const result = await supportReport(deps, { id: c.req.valid('param').id, deviceId: c.req.valid('json').deviceId, address: clientAddress(c, deps.config.trustProxy) });
      return result.added ? c.json(result, 201) : c.json(result, 200);
    });
}
