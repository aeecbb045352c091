import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { DomainError, PublicIdParamSchema, PublicReportDetailSchema, ReportCollectionSchema, ReportCreatedSchema, ReportInputSchema, ReportQuerySchema } from '@groundswell/core';
import { getPublicReport, getPublicTimeline, listPublicReportFeatures } from '@groundswell/db';
import { createRouter, notFoundResponse, problemResponses } from '../http/router.ts';
import { requestLocale } from '../http/locale.ts';
import { rateLimitHeaders, rateLimitWindow } from '../http/rate-limit.ts';
import { toFeature, toPublicEvent } from './present.ts';
import { createReport } from './create.ts';

const GEOJSON = 'application/geo+json';

const list = createRoute({
  method: 'get',
  path: '/api/reports',
  tags: ['Reports'],
  summary: 'Public reports as a GeoJSON FeatureCollection',
  description: 'Personal data is never included. Newest change first; `truncated` says when more matched than `limit`.',
  request: { query: ReportQuerySchema },
  responses: {
    200: { description: 'RFC 7946 FeatureCollection', content: { [GEOJSON]: { schema: ReportCollectionSchema } } },
    ...problemResponses,
  },
});

const one = createRoute({
  method: 'get',
  path: '/api/reports/{id}',
  tags: ['Reports'],
  summary: 'One public report with its public timeline',
  request: { params: PublicIdParamSchema },
  responses: {
    200: { description: 'A GeoJSON Feature with a `timeline` member', content: { [GEOJSON]: { schema: PublicReportDetailSchema } } },
    ...problemResponses,
    ...notFoundResponse,
  },
});

const IdempotencyHeader = z.object({
  'idempotency-key': z
    .string()
    .regex(/^[\x21-\x7e]{1,200}$/, 'Idempotency-Key must be 1 to 200 visible ASCII characters')
    .optional()
    .meta({ description: 'A unique key per report (a UUID); a retry with the same key returns the first response and creates nothing new' }),
});

const create = createRoute({
  method: 'post',
  path: '/api/reports',
  tags: ['Reports'],
  summary: 'Create a report',
  description:
    'Geometry is GeoJSON in WGS84 (Point, LineString or Polygon, as the category allows). Every rule that fails is named in `errors`. Send an `Idempotency-Key` so that retries from a weak connection create one report.',
  request: { headers: IdempotencyHeader, body: { content: { 'application/json': { schema: ReportInputSchema } }, required: true } },
  responses: {
    201: { description: 'Created; `Location` is the report', content: { 'application/json': { schema: ReportCreatedSchema } } },
    ...problemResponses,
  },
});

const CREATE_LIMIT = { name: 'create-report', limit: 60, windowSeconds: 3600 };

export function reportRoutes() {
  const router = createRouter();
  return router
    .openapi(create, async (c) => {
      const input = c.req.valid('json');
      const { 'idempotency-key': idempotencyKey } = c.req.valid('header');
      // Counted in the report's own first statement, not by the rateLimit middleware: one round trip fewer.
      const rateLimit = rateLimitWindow(c, CREATE_LIMIT);
      const { report, replayed, rateLimitCount } = await createReport(c.get('deps'), input, { idempotencyKey, channel: 'web', actor: { type: 'resident' }, rateLimit });
      rateLimitHeaders(c, CREATE_LIMIT, rateLimitCount);
      if (replayed) c.header('idempotent-replayed', 'true');
      return c.json(report, 201, { location: report.url });
    })
    .openapi(list, async (c) => {
      const q = c.req.valid('query');
      const { database, config } = c.get('deps');
      const { features, count, truncated } = await listPublicReportFeatures(
        database,
        {
          limit: q.limit,
          ...(q.bbox ? { bbox: q.bbox } : {}),
          ...(q.category ? { categories: q.category } : {}),
          ...(q.state ? { states: q.state } : {}),
          ...(q.since ? { since: q.since } : {}),
        },
        { locale: requestLocale(c), baseUrl: config.publicUrl },
      );
      // Feature texts joined by PostgreSQL, written as they are: a thousand of them are never parsed here.
      const body = `{"type":"FeatureCollection","features":[${features}],"numberReturned":${count},"truncated":${truncated}}`;
      return c.body(body, 200, { 'content-type': GEOJSON }) as never;
    })
    .openapi(one, async (c) => {
      const { id } = c.req.valid('param');
      const { database, config } = c.get('deps');
      const row = await getPublicReport(database, id);
      if (!row) throw new DomainError('not_found', `There is no public report ${id}`);
      const locale = requestLocale(c);
      const timeline = (await getPublicTimeline(database, id)).map((e) => toPublicEvent(e, config.publicStaffName, locale));
      return c.json({ ...toFeature(row, locale, config.publicUrl), timeline }, 200, { 'content-type': GEOJSON });
    });
}
