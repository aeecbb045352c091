import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { STREET_SOURCES } from '@groundswell/core';
import { createRouter, staffOk, uploadedFeatureCollection } from '../http/router.ts';
import { requireAdmin } from '../staff/session.ts';
import { importStreets } from './import-streets.ts';

const StreetCollectionSchema = uploadedFeatureCollection('A LineString or MultiLineString in WGS84');

const importRoute = createRoute({
  method: 'post',
  path: '/api/staff/streets/import',
  tags: ['Admin'],
  summary: 'Import a street register from GeoJSON (OS Open USRN: properties usrn and name; OpenStreetMap ways: name and @id or osm_id); then every report takes its nearest street within 50 m',
  request: {
    query: z.object({ source: z.enum(STREET_SOURCES).default('usrn').meta({ description: 'usrn (OS Open USRN) or osm (OpenStreetMap ways)' }) }),
    body: { content: { 'application/json': { schema: StreetCollectionSchema } }, required: true },
  },
  responses: staffOk(z.object({ imported: z.number().int(), reportsUpdated: z.number().int() })),
});

export function streetRoutes() {
  const router = createRouter();
  router.use('/api/staff/streets/import', requireAdmin());
  return router.openapi(importRoute, async (c) => c.json(await importStreets(c.get('deps'), c.get('staff'), { source: c.req.valid('query').source, features: c.req.valid('json').features }), 200));
}
