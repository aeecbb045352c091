import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff, schema } from '@groundswell/db';
import { sql } from '@groundswell/db/testing';
import { json, seedCategory, testApp } from './helpers.ts';
import { hashPassword } from '../src/staff/passwords.ts';

let ctx: Awaited<ReturnType<typeof testApp>>;
const ORIGIN = 'http://gs.test';
const sessions: Record<string, { cookie: string; csrf: string }> = {};

async function signIn(email: string) {
  const res = await ctx.app.request('/api/staff/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: ORIGIN },
    body: JSON.stringify({ email, password: 'correct horse battery' }),
  });
  expect(res.status).toBe(200);
  sessions[email] = { cookie: res.headers.get('set-cookie')!.split(';')[0]!, csrf: (await json(res)).csrfToken };
}
const as = (email: string, path: string, body?: unknown) =>
  ctx.app.request(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { cookie: sessions[email]!.cookie, 'x-csrf-token': sessions[email]!.csrf, origin: ORIGIN, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

const square = (w: number, s: number, e: number, n: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [w, s],
      [e, s],
      [e, n],
      [w, n],
      [w, s],
    ],
  ],
});

beforeAll(async () => {
  ctx = await testApp();
  await ctx.database.db.insert(schema.teams).values([
    { code: 'roads', name: 'Roads' },
    { code: 'north', name: 'North patrol' },
  ]);
  const hash = await hashPassword('correct horse battery');
  await createStaff(ctx.database, { email: 'boss@council.example', name: 'Boss', role: 'admin', passwordHash: hash, teamCodes: [] });
  await createStaff(ctx.database, { email: 'officer@council.example', name: 'Officer', role: 'officer', passwordHash: hash, teamCodes: ['roads'] });
  await signIn('boss@council.example');
  await signIn('officer@council.example');
  const pothole = await seedCategory(ctx.database, 'pothole', ['Point']);
  await ctx.database.rows(
    sql`update categories set default_team_id = (select id from teams where code = 'roads'), contact_required = '{"name":false,"email":false,"phone":false}' where id = ${pothole.id}`,
  );
});
afterAll(() => ctx?.close());

describe('administration', () => {
  it('keeps officers out of admin routes, but lets them read colleagues and areas', async () => {
    for (const path of ['/api/staff/audit', '/api/staff/routing-rules', '/api/staff/api-keys']) expect((await as('officer@council.example', path)).status).toBe(403);
    expect((await as('officer@council.example', '/api/staff/api-keys', { name: 'x' })).status).toBe(403);
    expect((await as('officer@council.example', '/api/staff/users', { email: 'x@council.example', name: 'X', role: 'admin', password: 'a long enough password' })).status).toBe(403);
    expect((await as('officer@council.example', '/api/staff/areas/import', { kind: 'ward', geojson: { type: 'FeatureCollection', features: [] } })).status).toBe(403);
    const users = await json(await as('officer@council.example', '/api/staff/users'));
    expect(users.users.map((u: { email: string }) => u.email).sort()).toEqual(['boss@council.example', 'officer@council.example']);
    expect(JSON.stringify(users)).not.toContain('argon2');
    expect((await as('officer@council.example', '/api/staff/areas')).status).toBe(200);
  });

  it('imports areas all or nothing, naming each bad feature', async () => {
    const geojson = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { WARD: 'Carse North' }, geometry: square(-3.4, 56.43, -3.0, 56.48) },
        {
          type: 'Feature',
          properties: { WARD: 'Bow Tie' },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [-3.4, 56.38],
                [-3.0, 56.43],
                [-3.0, 56.38],
                [-3.4, 56.43],
                [-3.4, 56.38],
              ],
            ],
          },
        },
        {
          type: 'Feature',
          properties: { WARD: 'A Line' },
          geometry: {
            type: 'LineString',
            coordinates: [
              [-3.3, 56.4],
              [-3.2, 56.41],
            ],
          },
        },
      ],
    };
    const bad = await as('boss@council.example', '/api/staff/areas/import', { kind: 'ward', nameProperty: 'WARD', geojson });
    expect(bad.status).toBe(400);
    const problem = await json(bad);
    expect(problem.errors.map((e: { field: string }) => e.field)).toEqual(['geojson.features.1', 'geojson.features.2']);
    expect(problem.errors[0].message).toMatch(/^Bow Tie: invalid shape: Self-intersection/);
    expect((await ctx.database.rows(sql`select 1 from areas`)).length).toBe(0);
    const good = await as('boss@council.example', '/api/staff/areas/import', {
      kind: 'ward',
      nameProperty: 'WARD',
      geojson: { ...geojson, features: [geojson.features[0], { type: 'Feature', properties: { WARD: 'Carse South' }, geometry: square(-3.4, 56.38, -3.0, 56.43) }] },
    });
    expect(await json(good)).toEqual({ imported: 2 });
    expect((await json(await as('boss@council.example', '/api/staff/areas'))).areas.map((a: { code: string }) => a.code)).toEqual(['carse-north', 'carse-south']);
  });

  it('routes a new report by its (area, category) rule, else to the category team', async () => {
    expect((await as('boss@council.example', '/api/staff/routing-rules', { area: 'carse-north', category: 'pothole', team: 'north' })).status).toBe(201);
    const report = async (lat: number) => {
      const res = await ctx.app.request('/api/reports', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ category: 'pothole', geometry: { type: 'Point', coordinates: [-3.2, lat] }, description: 'Deep pothole' }),
      });
      const { id } = await json(res);
      const [row] = await ctx.database.rows<{ team: string; area: string }>(
        sql`select t.code as team, a.code as area from reports r left join teams t on t.id = r.team_id left join areas a on a.id = r.area_id where r.public_id = ${id}`,
      );
      return row;
    };
    expect(await report(56.45)).toEqual({ team: 'north', area: 'carse-north' });
    expect(await report(56.4)).toEqual({ team: 'roads', area: 'carse-south' });
  });

  it('creates staff and API keys, shown once and stored hashed, and audits both', async () => {
    const created = await as('boss@council.example', '/api/staff/users', { email: 'new@council.example', name: 'New Officer', role: 'officer', teams: ['roads'], password: 'a long enough password' });
    expect(created.status).toBe(201);
    expect((await as('boss@council.example', '/api/staff/users', { email: 'new@council.example', name: 'Again', role: 'officer', teams: [], password: 'a long enough password' })).status).toBe(409);
    const key = await json(await as('boss@council.example', '/api/staff/api-keys', { name: 'Council CRM' }));
    expect(key.key).toMatch(/^gs_[\w-]{40,}$/);
    const stored = await ctx.database.rows<{ key_hash: string }>(sql`select key_hash from api_keys`);
    expect(JSON.stringify(stored)).not.toContain(key.key);
    const listed = await json(await as('boss@council.example', '/api/staff/api-keys'));
    expect(listed.keys).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain(key.key);
    expect((await as('boss@council.example', `/api/staff/api-keys/${key.id}/revoke`, {})).status).toBe(200);
    expect((await json(await as('boss@council.example', '/api/staff/api-keys'))).keys[0].revokedAt).not.toBeNull();
    const audit = await json(await as('boss@council.example', '/api/staff/audit'));
    expect(audit.entries.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['staff_created', 'api_key_created', 'api_key_revoked', 'areas_imported', 'routing_rule_added']));
  });

  it('disables an account and ends its sessions at once', async () => {
    const me = await json(await as('officer@council.example', '/api/staff/me'));
    expect((await as('officer@council.example', `/api/staff/users/${me.id}/disable`, {})).status).toBe(403);
    expect((await as('boss@council.example', `/api/staff/users/${me.id}/disable`, {})).status).toBe(200);
    expect((await as('officer@council.example', '/api/staff/me')).status).toBe(401);
    const again = await ctx.app.request('/api/staff/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN },
      body: JSON.stringify({ email: 'officer@council.example', password: 'correct horse battery' }),
    });
    expect(again.status).toBe(401);
  });
});
