import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { type AuditEntry, AuditEntrySchema, RoutingRuleSchema, StaffAreaSchema, StaffCreateSchema, StaffUserSchema, TeamCreateSchema, TeamSchema, TeamUpdateSchema } from '@groundswell/core';
import { auditTrail, listApiKeys, listAreas, listRoutingRules, listStaff } from '@groundswell/db';
import { createRouter, staffCreated as created, staffErrorResponses, staffOk as ok, uploadedFeatureCollection } from '../http/router.ts';
import { requireAdmin } from './session.ts';
import { csvHeaders } from '../insight/csv.ts';
import { AUDIT_CSV_MAX_ROWS, auditCsv } from './audit-csv.ts';
import { addRoutingRule } from './add-routing-rule.ts';
import { createApiKey, revokeApiKey } from './api-keys.ts';
import { createStaff } from './create-staff.ts';
import { createTeam } from './create-team.ts';
import { updateTeam } from './update-team.ts';
import { disableStaff } from './disable-staff.ts';
import { importAreas } from './import-areas.ts';

const ApiKeySchema = z
  .object({ id: z.string(), name: z.string(), prefix: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable(), revokedAt: z.string().nullable() })
  .meta({ id: 'ApiKey' });

const audit = createRoute({
  method: 'get',
  path: '/api/staff/audit',
  tags: ['Admin'],
  summary: 'Every staff action, newest first, by staff member and date',
  request: { query: z.object({ staff: z.uuid().optional(), from: z.iso.date().optional(), to: z.iso.date().optional(), limit: z.coerce.number().int().min(1).max(1000).default(200) }) },
  responses: ok(z.object({ entries: z.array(AuditEntrySchema) })),
});
const auditCsvRoute = createRoute({
  method: 'get',
  path: '/api/staff/audit.csv',
  tags: ['Admin'],
  summary: "The audit log as CSV for the council's records, oldest first, by staff member and date range",
  request: { query: z.object({ staff: z.uuid().optional(), from: z.iso.date().optional(), to: z.iso.date().optional() }) },
  responses: { 200: { description: 'CSV (UTF-8 with a byte order mark)', content: { 'text/csv': { schema: z.string() } } }, ...staffErrorResponses },
});
const users = createRoute({
  method: 'get',
  path: '/api/staff/users',
  tags: ['Staff'],
  summary: 'Staff accounts, for assigning (any member of staff may read)',
  responses: ok(z.object({ users: z.array(StaffUserSchema) })),
});
const disableUser = createRoute({
  method: 'post',
  path: '/api/staff/users/{id}/disable',
  tags: ['Admin'],
  summary: 'Disable a staff account and end all its sessions',
  request: { params: z.object({ id: z.uuid() }) },
  responses: ok(z.object({ disabled: z.literal(true) })),
});
const keys = createRoute({
  method: 'get',
  path: '/api/staff/api-keys',
  tags: ['Admin'],
  summary: 'API keys (prefix, name, last used; never the key)',
  responses: ok(z.object({ keys: z.array(ApiKeySchema) })),
});
const revokeKey = createRoute({
  method: 'post',
  path: '/api/staff/api-keys/{id}/revoke',
  tags: ['Admin'],
  summary: 'Revoke an API key',
  request: { params: z.object({ id: z.uuid() }) },
  responses: ok(z.object({ revoked: z.literal(true) })),
});
const createUser = createRoute({
  method: 'post',
  path: '/api/staff/users',
  tags: ['Admin'],
  summary: 'Create a staff account',
  request: { body: { content: { 'application/json': { schema: StaffCreateSchema } }, required: true } },
  responses: created(z.object({ id: z.string() })),
});
const ImportSchema = z.object({
  kind: z.string().trim().min(1).max(50).default('ward'),
  nameProperty: z.string().min(1).default('name'),
  codeProperty: z.string().min(1).optional(),
  geojson: uploadedFeatureCollection('A GeoJSON geometry: an area is a Polygon or MultiPolygon'),
});
const importRoute = createRoute({
  method: 'post',
  path: '/api/staff/areas/import',
  tags: ['Admin'],
  summary: 'Import area boundaries from GeoJSON; invalid polygons are reported by feature and nothing is half-imported',
  request: { body: { content: { 'application/json': { schema: ImportSchema } }, required: true } },
  responses: ok(z.object({ imported: z.number().int() })),
});
const areas = createRoute({ method: 'get', path: '/api/staff/areas', tags: ['Staff'], summary: 'Areas (any member of staff may read)', responses: ok(z.object({ areas: z.array(StaffAreaSchema) })) });
const rules = createRoute({
  method: 'get',
  path: '/api/staff/routing-rules',
  tags: ['Admin'],
  summary: 'Routing rules: (area, category) to team',
  responses: ok(z.object({ rules: z.array(RoutingRuleSchema) })),
});
const addRule = createRoute({
  method: 'post',
  path: '/api/staff/routing-rules',
  tags: ['Admin'],
  summary: 'Add a routing rule',
  request: { body: { content: { 'application/json': { schema: z.object({ area: z.string().optional(), category: z.string().optional(), team: z.string() }) } }, required: true } },
  responses: created(z.object({ id: z.number().int() })),
});
const addTeam = createRoute({
  method: 'post',
  path: '/api/staff/teams',
  tags: ['Admin'],
  summary: 'Add a team: its code, its name in English and Polish, its shared mailbox',
  request: { body: { content: { 'application/json': { schema: TeamCreateSchema } }, required: true } },
  responses: created(TeamSchema),
});
const editTeam = createRoute({
  method: 'patch',
  path: '/api/staff/teams/{id}',
  tags: ['Admin'],
  summary: 'Rename a team (in each language) or change its mailbox; the code stays',
  request: { params: z.object({ id: z.coerce.number().int().positive() }), body: { content: { 'application/json': { schema: TeamUpdateSchema } }, required: true } },
  responses: ok(TeamSchema),
});
const apiKey = createRoute({
  method: 'post',
  path: '/api/staff/api-keys',
  tags: ['Admin'],
  summary: 'Create an API key for another system; the key is shown once and stored hashed',
  request: { body: { content: { 'application/json': { schema: z.object({ name: z.string().trim().min(1).max(200) }) } }, required: true } },
  responses: created(z.object({ id: z.string(), name: z.string(), key: z.string().meta({ description: 'Shown once; only its hash is kept' }) })),
});

export function staffAdminRoutes() {
  const router = createRouter();
  const adminOnly = requireAdmin();
  // Explicit paths: in Hono '/x/*' also matches '/x', which must stay readable below.
  for (const path of [
    '/api/staff/audit',
    '/api/staff/audit.csv',
    '/api/staff/areas/import',
    '/api/staff/routing-rules',
    '/api/staff/api-keys',
    '/api/staff/api-keys/:id/revoke',
    '/api/staff/users/:id/disable',
    '/api/staff/teams/:id',
  ])
    router.use(path, adminOnly);
  // Every officer may see who works here (to assign) and the areas (to filter); only admins change them.
  for (const path of ['/api/staff/users', '/api/staff/areas', '/api/staff/teams']) router.use(path, async (c, next) => (c.req.method === 'GET' ? next() : adminOnly(c, next)));
  return router
    .openapi(audit, async (c) => {
      const q = c.req.valid('query');
      const entries = await auditTrail(c.get('deps').database, { limit: q.limit, ...(q.staff ? { staffId: q.staff } : {}), ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}) });
      return c.json({ entries }, 200);
    })
    .openapi(auditCsvRoute, async (c) => {
      const q = c.req.valid('query');
      const entries = await auditTrail(c.get('deps').database, {
        limit: AUDIT_CSV_MAX_ROWS,
        ...(q.staff ? { staffId: q.staff } : {}),
        ...(q.from ? { from: q.from } : {}),
        ...(q.to ? { to: q.to } : {}),
      });
      const name = `audit-${q.from ?? 'start'}-to-${q.to ?? 'now'}.csv`;
      return c.body(auditCsv(entries as AuditEntry[]), 200, csvHeaders(name));
    })
    .openapi(users, async (c) => c.json({ users: await listStaff(c.get('deps').database) }, 200))
    .openapi(disableUser, async (c) => {
      await disableStaff(c.get('deps'), c.get('staff'), c.req.valid('param').id);
      return c.json({ disabled: true }, 200);
    })
    .openapi(keys, async (c) => c.json({ keys: await listApiKeys(c.get('deps').database) }, 200))
    .openapi(revokeKey, async (c) => {
      await revokeApiKey(c.get('deps'), c.get('staff'), c.req.valid('param').id);
      return c.json({ revoked: true }, 200);
    })
    .openapi(createUser, async (c) => c.json(await createStaff(c.get('deps'), c.get('staff'), c.req.valid('json')), 201))
    .openapi(importRoute, async (c) => c.json(await importAreas(c.get('deps'), c.get('staff'), c.req.valid('json')), 200))
    .openapi(areas, async (c) => c.json({ areas: await listAreas(c.get('deps').database) }, 200))
    .openapi(rules, async (c) => c.json({ rules: await listRoutingRules(c.get('deps').database) }, 200))
    .openapi(addRule, async (c) => c.json(await addRoutingRule(c.get('deps'), c.get('staff'), c.req.valid('json')), 201))
    .openapi(addTeam, async (c) => c.json(await createTeam(c.get('deps'), c.get('staff'), c.req.valid('json')), 201))
    .openapi(editTeam, async (c) => c.json(await updateTeam(c.get('deps'), c.get('staff'), c.req.valid('param').id, c.req.valid('json')), 200))
    .openapi(apiKey, async (c) => c.json(await createApiKey(c.get('deps'), c.get('staff'), c.req.valid('json').name), 201));
}
