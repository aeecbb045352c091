import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { DomainError, PublicReportDetailSchema, ReportCollectionSchema, ReportQuerySchema } from '@groundswell/core';
import { getPublicReport, getPublicTimeline, listPublicReports } from '@groundswell/db';
import { createRouter, notFoundResponse, problemResponses } from '../http/router.ts';
import { requestLocale } from '../http/locale.ts';
import { toFeature, toPublicEvent } from './present.ts';

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

const PublicIdParam = z.object({
  id: z.string().regex(/^[a-z0-9]{4,32}$/, 'A report id is 4 to 32 lowercase letters and digits'),
});

const one = createRoute({
  method: 'get',
  path: '/api/reports/{id}',
  tags: ['Reports'],
  summary: 'One public report with its public timeline',
  request: { params: PublicIdParam },
  responses: {
    200: { description: 'A GeoJSON Feature with a `timeline` member', content: { [GEOJSON]: { schema: PublicReportDetailSchema } } },
    ...problemResponses,
    ...notFoundResponse,
  },
});

export function reportRoutes() {
  return createRouter()
    .openapi(list, async (c) => {
      const q = c.req.valid('query');
      const { database, config } = c.get('deps');
      const { rows, truncated } = await listPublicReports(database, {
        limit: q.limit,
        ...(q.bbox ? { bbox: q.bbox } : {}),
        ...(q.category ? { categories: q.category } : {}),
        ...(q.state ? { states: q.state } : {}),
        ...(q.since ? { since: q.since } : {}),
      });
      const locale = requestLocale(c);
      const features = rows.map((r) => toFeature(r, locale, config.publicUrl));
      c.header('content-type', GEOJSON);
      return c.json({ type: 'FeatureCollection' as const, features, numberReturned: features.length, truncated }, 200, { 'content-type': GEOJSON });
    })
    .openapi(one, async (c) => {
      const { id } = c.req.valid('param');
      const { database, config } = c.get('deps');
      const row = await getPublicReport(database, id);
      if (!row) throw new DomainError('not_found', `There is no public report ${id}`);
      const timeline = (await getPublicTimeline(database, id)).map(toPublicEvent);
      return c.json({ ...toFeature(row, requestLocale(c), config.publicUrl), timeline }, 200, { 'content-type': GEOJSON });
    });
}
