import { createHash, randomBytes } from 'node:crypto';
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { DomainError, StaffCreateSchema } from '@groundswell/core';
import {
  addRoutingRule,
  auditTrail,
  createStaff,
  disableStaff,
  importAreas,
  insertApiKey,
  listApiKeys,
  listAreas,
  listRoutingRules,
  listStaff,
  recordAudit,
  revokeApiKey,
} from '@groundswell/db';
import { createRouter, problemResponses } from '../http/router.ts';
import { hashPassword } from './passwords.ts';
import { requireAdmin } from './session.ts';
import { areaFeatures } from './area-import.ts';

const ok = { 200: { description: 'OK', content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } }, ...problemResponses, 401: { description: 'Not signed in' }, 403: { description: 'Admins only' } };

const audit = createRoute({
  method: 'get',
  path: '/api/staff/audit',
  tags: ['Admin'],
  summary: 'Every staff action, newest first, by staff member and date',
  request: { query: z.object({ staff: z.uuid().optional(), from: z.iso.date().optional(), to: z.iso.date().optional(), limit: z.coerce.number().int().min(1).max(1000).default(200) }) },
  responses: ok,
});
const users = createRoute({ method: 'get', path: '/api/staff/users', tags: ['Staff'], summary: 'Staff accounts, for assigning (any member of staff may read)', responses: ok });
const disableUser = createRoute({
  method: 'post',
  path: '/api/staff/users/{id}/disable',
  tags: ['Admin'],
  summary: 'Disable a staff account and end all its sessions',
  request: { params: z.object({ id: z.uuid() }) },
  responses: ok,
});
const keys = createRoute({ method: 'get', path: '/api/staff/api-keys', tags: ['Admin'], summary: 'API keys (prefix, name, last used; never the key)', responses: ok });
const revokeKey = createRoute({
  method: 'post',
  path: '/api/staff/api-keys/{id}/revoke',
  tags: ['Admin'],
  summary: 'Revoke an API key',
  request: { params: z.object({ id: z.uuid() }) },
  responses: ok,
});
const createUser = createRoute({
  method: 'post',
  path: '/api/staff/users',
  tags: ['Admin'],
  summary: 'Create a staff account',
  request: { body: { content: { 'application/json': { schema: StaffCreateSchema } }, required: true } },
  responses: { ...ok, 201: { description: 'Created' } },
});
const ImportSchema = z.object({
  kind: z.string().trim().min(1).max(50).default('ward'),
  nameProperty: z.string().min(1).default('name'),
  codeProperty: z.string().min(1).optional(),
  geojson: z.object({ type: z.literal('FeatureCollection'), features: z.array(z.object({ type: z.literal('Feature'), properties: z.record(z.string(), z.unknown()).nullable(), geometry: z.unknown() })).min(1) }),
});
const importRoute = createRoute({
  method: 'post',
  path: '/api/staff/areas/import',
  tags: ['Admin'],
  summary: 'Import area boundaries from GeoJSON; invalid polygons are reported by feature and nothing is half-imported',
  request: { body: { content: { 'application/json': { schema: ImportSchema } }, required: true } },
  responses: ok,
});
const areas = createRoute({ method: 'get', path: '/api/staff/areas', tags: ['Staff'], summary: 'Areas (any member of staff may read)', responses: ok });
const rules = createRoute({ method: 'get', path: '/api/staff/routing-rules', tags: ['Admin'], summary: 'Routing rules: (area, category) to team', responses: ok });
const addRule = createRoute({
  method: 'post',
  path: '/api/staff/routing-rules',
  tags: ['Admin'],
  summary: 'Add a routing rule',
  request: { body: { content: { 'application/json': { schema: z.object({ area: z.string().optional(), category: z.string().optional(), team: z.string() }) } }, required: true } },
  responses: { ...ok, 201: { description: 'Created' } },
});
const apiKey = createRoute({
  method: 'post',
  path: '/api/staff/api-keys',
  tags: ['Admin'],
  summary: 'Create an API key for another system; the key is shown once and stored hashed',
  request: { body: { content: { 'application/json': { schema: z.object({ name: z.string().trim().min(1).max(200) }) } }, required: true } },
  responses: { ...ok, 201: { description: 'Created' } },
});

/** A new API key: a recognisable prefix plus 32 random bytes; only its sha256 is stored. */
export function newApiKey(): { key: string; prefix: string; keyHash: string } {
  const key = `gs_${randomBytes(32).toString('base64url')}`;
  return { key, prefix: key.slice(0, 10), keyHash: createHash('sha256').update(key).digest('hex') };
}

export function staffAdminRoutes() {
  const router = createRouter();
  const adminOnly = requireAdmin();
  // Explicit paths: in Hono '/x/*' also matches '/x', which must stay readable below.
  for (const path of ['/api/staff/audit', '/api/staff/areas/import', '/api/staff/routing-rules', '/api/staff/api-keys', '/api/staff/api-keys/:id/revoke', '/api/staff/users/:id/disable']) router.use(path, adminOnly);
  // Every officer may see who works here (to assign) and the areas (to filter); only admins change them.
  for (const path of ['/api/staff/users', '/api/staff/areas']) router.use(path, async (c, next) => (c.req.method === 'GET' ? next() : adminOnly(c, next)));
  return router
    .openapi(audit, async (c) => {
      const q = c.req.valid('query');
      const entries = await auditTrail(c.get('deps').database, { limit: q.limit, ...(q.staff ? { staffId: q.staff } : {}), ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}) });
      return c.json({ entries }, 200);
    })
    .openapi(users, async (c) => c.json({ users: await listStaff(c.get('deps').database) }, 200))
    .openapi(disableUser, async (c) => {
      const { id } = c.req.valid('param');
      const { database, clock } = c.get('deps');
      if (id === c.get('staff').id) throw new DomainError('conflict', 'You cannot disable your own account');
      if (!(await disableStaff(database, id, clock.now()))) throw new DomainError('not_found', 'No such staff account');
      await recordAudit(database, { staffId: c.get('staff').id, action: 'staff_disabled', targetType: 'staff', targetId: id, at: clock.now() });
      return c.json({ disabled: true }, 200);
    })
    .openapi(keys, async (c) => c.json({ keys: await listApiKeys(c.get('deps').database) }, 200))
    .openapi(revokeKey, async (c) => {
      const { id } = c.req.valid('param');
      const { database, clock } = c.get('deps');
      if (!(await revokeApiKey(database, id, clock.now()))) throw new DomainError('not_found', 'No such API key');
      await recordAudit(database, { staffId: c.get('staff').id, action: 'api_key_revoked', targetType: 'api_key', targetId: id, at: clock.now() });
      return c.json({ revoked: true }, 200);
    })
    .openapi(createUser, async (c) => {
      const input = c.req.valid('json');
      const { database, clock } = c.get('deps');
      const result = await createStaff(database, { email: input.email, name: input.name, role: input.role, teamCodes: input.teams, passwordHash: await hashPassword(input.password) }).catch((err: { code?: string; cause?: { code?: string } }) => {
        if (err.code === '23505' || err.cause?.code === '23505') throw new DomainError('conflict', 'There is already an account with this email', [{ field: 'body.email', message: 'Already used' }]);
        throw err;
      });
      if ('unknownTeams' in result) throw new DomainError('validation_failed', `Unknown team ${result.unknownTeams.join(', ')}`, [{ field: 'body.teams', message: 'Unknown team' }]);
      await recordAudit(database, { staffId: c.get('staff').id, action: 'staff_created', targetType: 'staff', targetId: result.id, payload: { email: input.email, role: input.role, teams: input.teams }, at: clock.now() });
      return c.json({ id: result.id }, 201);
    })
    .openapi(importRoute, async (c) => {
      const input = c.req.valid('json');
      const { database, clock } = c.get('deps');
      const features = areaFeatures(input.geojson.features, input.nameProperty, input.codeProperty);
      const result = await importAreas(database, input.kind, features);
      if (result.problems.length) {
        throw new DomainError(
          'validation_failed',
          `${result.problems.length} of ${features.length} areas have problems; nothing was imported`,
          result.problems.map((p) => ({ field: `geojson.features.${p.index}`, message: `${p.name}: ${p.message}` })),
        );
      }
      await recordAudit(database, { staffId: c.get('staff').id, action: 'areas_imported', payload: { kind: input.kind, count: result.imported }, at: clock.now() });
      return c.json({ imported: result.imported }, 200);
    })
    .openapi(areas, async (c) => c.json({ areas: await listAreas(c.get('deps').database) }, 200))
    .openapi(rules, async (c) => c.json({ rules: await listRoutingRules(c.get('deps').database) }, 200))
    .openapi(addRule, async (c) => {
      const input = c.req.valid('json');
      const { database, clock } = c.get('deps');
      const id = await addRoutingRule(database, input);
      if (!id) throw new DomainError('validation_failed', 'Unknown area, category or team', [{ field: 'body', message: 'Check the codes' }]);
      await recordAudit(database, { staffId: c.get('staff').id, action: 'routing_rule_added', targetType: 'routing_rule', targetId: String(id), payload: input, at: clock.now() });
      return c.json({ id }, 201);
    })
    .openapi(apiKey, async (c) => {
      const { name } = c.req.valid('json');
      const { database, clock } = c.get('deps');
      const k = newApiKey();
      const { id } = await insertApiKey(database, { name, prefix: k.prefix, keyHash: k.keyHash, createdBy: c.get('staff').id });
      await recordAudit(database, { staffId: c.get('staff').id, action: 'api_key_created', targetType: 'api_key', targetId: id, payload: { name, prefix: k.prefix }, at: clock.now() });
      return c.json({ id, name, key: k.key }, 201);
    });
}
