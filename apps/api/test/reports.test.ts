import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '@groundswell/db';
import { json, testApp, seedCategory, seedReport } from './helpers.ts';

let ctx: Awaited<ReturnType<typeof testApp>>;

beforeAll(async () => {
  ctx = await testApp();
  const litter = await seedCategory(ctx.database, 'litter');
  const ditch = await seedCategory(ctx.database, 'blocked_ditch', ['LineString']);
  await seedReport(ctx.database, litter.id, { type: 'Point', coordinates: [-3.21, 56.39] }, { publicId: 'point001' });
  const line = await seedReport(
    ctx.database,
    ditch.id,
    {
      type: 'LineString',
      coordinates: [
        [-3.25, 56.42],
        [-3.24, 56.43],
        [-3.23, 56.43],
      ],
    },
    { publicId: 'line0001', state: 'in_progress' },
  );
  await seedReport(
    ctx.database,
    litter.id,
    {
      type: 'Polygon',
      coordinates: [
        [
          [-3.3, 56.4],
          [-3.3, 56.41],
          [-3.29, 56.41],
          [-3.3, 56.4],
        ],
      ],
    },
    { publicId: 'poly0001', state: 'fixed' },
  );
  await seedReport(ctx.database, litter.id, { type: 'Point', coordinates: [-3.2, 56.4] }, { publicId: 'hidden01', state: 'hidden' });
  await seedReport(ctx.database, litter.id, { type: 'Point', coordinates: [2.35, 48.85] }, { publicId: 'paris001' });
  await ctx.database.db.insert(schema.reportContacts).values({ reportId: line.id, name: 'Private Person', email: 'private@example.org', phone: '07700 900123' });
  await ctx.database.db.insert(schema.reportEvents).values([
    { reportId: line.id, kind: 'created', actorType: 'resident', public: true, payload: {} },
    { reportId: line.id, kind: 'internal_note', actorType: 'staff', actorLabel: 'Drainage team', public: false, payload: { note: 'SECRET NOTE' } },
    { reportId: line.id, kind: 'public_answer', actorType: 'staff', actorLabel: 'Drainage team', public: true, payload: { message: 'We will clear it by Friday.' } },
  ]);
});
afterAll(() => ctx?.close());

const get = (path: string, init?: RequestInit) => ctx.app.request(path, init);

describe('GET /api/reports', () => {
  it('returns points, lines and polygons in the bbox as RFC 7946 GeoJSON', async () => {
    const res = await get('/api/reports?bbox=-3.4,56.38,-3.0,56.48');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/geo+json');
    const body = await json(res);
    expect(body.type).toBe('FeatureCollection');
    expect(body.features.map((f: { id: string }) => f.id).sort()).toEqual(['line0001', 'point001', 'poly0001']);
    expect(new Set(body.features.map((f: { geometry: { type: string } }) => f.geometry.type))).toEqual(new Set(['Point', 'LineString', 'Polygon']));
    for (const f of body.features) {
      expect(f.type).toBe('Feature');
      expect(f).not.toHaveProperty('crs');
      const [lon, lat] = JSON.stringify(f.geometry.coordinates)
        .match(/-?\d+(\.\d+)?/g)!
        .map(Number);
      expect(lon).toBeLessThan(-3); // longitude first
      expect(lat).toBeGreaterThan(56);
    }
    expect(body.features.find((f: { id: string }) => f.id === 'poly0001').properties.status).toBe('closed');
  });

  it('filters by category and state, and says when a limit truncates', async () => {
    const byCat = await json(await get('/api/reports?category=blocked_ditch'));
    expect(byCat.features.map((f: { id: string }) => f.id)).toEqual(['line0001']);
    const byState = await json(await get('/api/reports?state=fixed,in_progress'));
    expect(byState.features).toHaveLength(2);
    const limited = await json(await get('/api/reports?limit=1'));
    expect(limited.numberReturned).toBe(1);
    expect(limited.truncated).toBe(true);
    const all = await json(await get('/api/reports'));
    const exactly = await json(await get(`/api/reports?limit=${all.numberReturned}`));
    expect(exactly.features.map((f: { id: string }) => f.id)).toEqual(all.features.map((f: { id: string }) => f.id));
    expect(exactly.truncated).toBe(false);
    // Nowhere near the county: an empty collection, not `[null]`.
    const none = await get('/api/reports?bbox=10,10,10.1,10.1');
    expect(await none.text()).toBe('{"type":"FeatureCollection","features":[],"numberReturned":0,"truncated":false}');
  });

  it.each([
    ['bbox=1,2,3', 'query.bbox'],
    ['bbox=-3.4,200,-3.0,56.48', 'query.bbox'],
    ['state=lost', 'query.state'],
    ['state=hidden', 'query.state'],
    ['limit=-1', 'query.limit'],
    ['limit=abc', 'query.limit'],
    ['since=yesterday', 'query.since'],
  ])('rejects %s with a 400 problem naming %s', async (query, field) => {
    const res = await get(`/api/reports?${query}`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const problem = await json(res);
    expect(problem).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(problem.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(problem.detail).toContain(field);
  });
});

describe('GET /api/reports/{id}', () => {
  it('shows the public timeline without internal notes or contact details', async () => {
    const res = await get('/api/reports/line0001');
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.properties.state).toBe('in_progress');
    expect(body.timeline.map((e: { kind: string }) => e.kind)).toEqual(['created', 'public_answer']);
    expect(body.timeline[1]).toMatchObject({ actor: 'Drainage team', message: 'We will clear it by Friday.' });
    const text = JSON.stringify(body);
    for (const secret of ['SECRET NOTE', 'Private Person', 'private@example.org', '07700 900123']) expect(text).not.toContain(secret);
  });

  it('404s for hidden and unknown reports, 400s for a malformed id', async () => {
    expect((await get('/api/reports/hidden01')).status).toBe(404);
    const missing = await get('/api/reports/nosuch99');
    expect(missing.status).toBe(404);
    expect((await json(missing)).code).toBe('not_found');
    const bad = await get('/api/reports/NOT%20VALID');
    expect(bad.status).toBe(400);
    expect((await json(bad)).errors[0].field).toBe('path.id');
  });
});

describe('the rest of the foundation', () => {
  it('answers /health once the database answers', async () => {
    const res = await get('/health');
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ status: 'ok' });
    expect(res.headers.get('x-request-id')).toMatch(/^[\w-]+$/);
  });

  it('keeps a caller-supplied request id', async () => {
    const res = await get('/health', { headers: { 'x-request-id': 'lb-1234' } });
    expect(res.headers.get('x-request-id')).toBe('lb-1234');
  });

  it('lists categories with their geometry types', async () => {
    const body = await json(await get('/api/categories'));
    expect(body.map((c: { code: string }) => c.code).sort()).toEqual(['blocked_ditch', 'litter']);
    expect(body.find((c: { code: string }) => c.code === 'blocked_ditch').geometryTypes).toEqual(['LineString']);
  });

  it('documents every public route in the OpenAPI document', async () => {
    const doc = await json(await get('/api/openapi.json'));
    expect(doc.openapi).toBe('3.0.3');
    for (const path of ['/health', '/api/categories', '/api/reports', '/api/reports/{id}', '/api/config']) expect(doc.paths).toHaveProperty(path);
    const params = doc.paths['/api/reports'].get.parameters.map((p: { name: string }) => p.name);
    expect(params).toEqual(expect.arrayContaining(['bbox', 'category', 'state', 'since', 'limit']));
    const docs = await get('/api/docs');
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger-ui-bundle.js');
    expect((await get('/api/docs/assets/swagger-ui-bundle.js')).status).toBe(200);
  });

  it('compresses responses for clients that accept gzip', async () => {
    const res = await get('/api/docs/assets/swagger-ui-bundle.js', { headers: { 'accept-encoding': 'gzip' } });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    const raw = await get('/api/docs/assets/swagger-ui-bundle.js');
    expect(raw.headers.get('content-encoding')).toBeNull();
    expect((await res.arrayBuffer()).byteLength).toBeLessThan((await raw.arrayBuffer()).byteLength / 2);
  });

  it('answers unknown API paths with a problem, not HTML', async () => {
    const res = await get('/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });

  it('gives the web app its settings, bounded by the council areas', async () => {
    const body = await json(await get('/api/config'));
    expect(body.locales).toEqual(['en', 'pl']);
    expect(body.bounds).toHaveLength(4);
  });
});
