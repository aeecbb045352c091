/**
 * Issue 11, defects 6 and 10: bounded bodies on every route (refused from Content-Length
 * before reading, chunked bodies cut off at the limit), a followed area held to a report's
 * shape limits, and text or parameters the database cannot take answered 400 naming the
 * field instead of 500.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_VERTICES } from '@groundswell/core';
import { schema } from '@groundswell/db';
import { sql } from '@groundswell/db/testing';
import { json, seedCategory, seedReport, testApp } from './helpers.ts';

let ctx: Awaited<ReturnType<typeof testApp>>;
const API_KEY = 'gs_hardening_input_key_000000000000000000';
const MB = 1024 * 1024;

const counts = async () => {
  const [row] = await ctx.database.rows<{ reports: number; supports: number; subscriptions: number }>(sql`
    select (select count(*)::int from reports) as reports, (select count(*)::int from report_supports) as supports, (select count(*)::int from subscriptions) as subscriptions`);
  return row!;
};

/** A body that counts what was read of it; nothing is produced until someone reads. */
function trackedBody(totalBytes: number, chunkBytes = 64 * 1024) {
  let read = 0;
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (read >= totalBytes) return controller.close();
        const n = Math.min(chunkBytes, totalBytes - read);
        read += n;
        controller.enqueue(new Uint8Array(n).fill(0x20));
      },
    },
    { highWaterMark: 0 },
  );
  return { body, read: () => read };
}

const post = (path: string, body: RequestInit['body'], headers: Record<string, string> = {}) =>
  ctx.app.request(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, duplex: 'half' } as RequestInit);
const postJson = (path: string, value: unknown) => post(path, JSON.stringify(value));
const fields = async (res: Response) => ((await json(res)).errors ?? []).map((e: { field: string }) => e.field);

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
/** Each public route that takes a body, with the content type it reads. */
const BODY_ROUTES: Array<[string, Record<string, string>]> = [
  ['/api/staff/login', {}],
  ['/api/reports/limit001/supports', {}],
  ['/api/subscriptions', {}],
  ['/open311/v2/requests.json', FORM],
  ['/api/reports', {}],
];

/** A closed ring of `n` corners around a point, `radius` degrees across. */
function ring(n: number, radius = 0.001): number[][] {
  const corners = Array.from({ length: n }, (_, i) => [-3.2 + radius * Math.cos((2 * Math.PI * i) / n), 56.4 + radius * Math.sin((2 * Math.PI * i) / n)]);
  return [...corners, corners[0]!];
}

beforeAll(async () => {
  ctx = await testApp();
  const cat = await seedCategory(ctx.database, 'litter');
  await seedReport(ctx.database, cat.id, { type: 'Point', coordinates: [-3.2, 56.4] }, { publicId: 'limit001' });
  await ctx.database.db.insert(schema.areas).values({ code: 'errol', name: 'Errol', kind: 'community_council', geom: { type: 'Polygon', coordinates: [ring(4, 0.5)] as never } });
  await ctx.database.rows(sql`insert into api_keys (name, prefix, key_hash) values ('CRM', 'gs_hardeni', ${createHash('sha256').update(API_KEY).digest('hex')})`);
});
afterAll(() => ctx?.close());

describe('one body limit for every route (defect 6)', () => {
  it('refuses an oversized Content-Length with 413 before reading a byte, on every public body route', async () => {
    const before = await counts();
    for (const [path, headers] of BODY_ROUTES) {
      const { body, read } = trackedBody(50 * MB);
      const res = await post(path, body, { ...headers, 'content-length': String(50 * MB) });
      expect(res.status, path).toBe(413);
      expect(res.headers.get('content-type'), path).toContain('application/problem+json');
      const problem = await json(res);
      expect(problem.code).toBe('payload_too_large');
      expect(problem.errors[0].field, path).toBe('header.content-length');
      expect(read(), path).toBe(0);
    }
    expect(await counts()).toEqual(before);
  });

  it('cuts off a chunked body (no Content-Length) at the limit while reading it', async () => {
    const before = await counts();
    for (const [path, headers] of BODY_ROUTES) {
      const { body, read } = trackedBody(8 * MB);
      const res = await post(path, body, headers);
      expect(res.status, path).toBe(413);
      expect((await json(res)).errors[0].field, path).toBe('body');
      expect(read(), path).toBeLessThanOrEqual(MB + 64 * 1024);
    }
    expect(await counts()).toEqual(before);
  });

  it('lets the routes that need more take more: an area import is not cut at 1 MB, a photo keeps its own limit', async () => {
    const area = await post('/api/staff/areas/import', trackedBody(5 * MB).body, { 'content-length': String(5 * MB) });
    // Refused for want of a session, not for its size.
    expect(area.status).not.toBe(413);
    expect((await post('/api/staff/areas/import', trackedBody(25 * MB).body, { 'content-length': String(25 * MB) })).status).toBe(413);
    const photo = await post('/api/reports/limit001/photos', trackedBody(30 * MB).body, { 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(30 * MB) });
    expect(photo.status).toBe(413);
    expect((await json(photo)).errors[0].field).toBe('photo');
  });

  it('refuses a syntactically huge JSON body by its size, before parsing it', async () => {
    const million = `{"email":"a@example.org","geometry":{"type":"Polygon","coordinates":[[${'[-3.2,56.4],'.repeat(1_000_000)}[-3.2,56.4]]]}}`;
    const before = await counts();
    const res = await post('/api/subscriptions', million);
    expect(res.status).toBe(413);
    expect((await counts()).subscriptions).toBe(before.subscriptions);
  });
});

describe('a followed area has the shape limits of a report (defect 6)', () => {
  it('refuses more vertices than a report may have, naming body.geometry, and stores nothing', async () => {
    const before = await counts();
    const res = await postJson('/api/subscriptions', { email: 'many@example.org', geometry: { type: 'Polygon', coordinates: [ring(MAX_VERTICES + 1)] } });
    expect(res.status).toBe(400);
    expect(await fields(res)).toContain('body.geometry');
    expect((await counts()).subscriptions).toBe(before.subscriptions);
  });

  it('refuses an area larger than a report may be, and one whose edges cross', async () => {
    const huge = await postJson('/api/subscriptions', { email: 'huge@example.org', geometry: { type: 'Polygon', coordinates: [ring(16, 0.5)] } });
    expect(huge.status).toBe(400);
    expect(await fields(huge)).toEqual(['body.geometry']);
    const bowtie = [
      [-3.2, 56.4],
      [-3.19, 56.41],
      [-3.19, 56.4],
      [-3.2, 56.41],
      [-3.2, 56.4],
    ];
    const crossed = await postJson('/api/subscriptions', { email: 'bowtie@example.org', geometry: { type: 'Polygon', coordinates: [bowtie] } });
    expect(crossed.status).toBe(400);
    expect(await fields(crossed)).toEqual(['body.geometry']);
  });

  it('still takes a small drawn area', async () => {
    const res = await postJson('/api/subscriptions', { email: 'small@example.org', geometry: { type: 'Polygon', coordinates: [ring(MAX_VERTICES - 1)] } });
    expect(res.status).toBe(202);
  });
});

describe('text the database cannot store is a 400 naming the field (defect 10)', () => {
  const report = { category: 'litter', geometry: { type: 'Point', coordinates: [-3.2, 56.4] }, contact: { email: 'r@example.org' } };

  it('in a JSON body: a NUL or a lone surrogate, in a value or a key, anywhere', async () => {
    const before = await counts();
    const cases: Array<[string, unknown, string]> = [
      ['/api/reports', { ...report, description: 'Blocked\u0000drain' }, 'body.description'],
      ['/api/reports', { ...report, description: 'Blocked \uD800 drain' }, 'body.description'],
      ['/api/reports', { ...report, description: 'ok', contact: { email: 'r@example.org', name: 'Ann\uDC00' } }, 'body.contact.name'],
      ['/api/reports', { ...report, description: 'ok', answers: { depth: ['deep', 'x\u0000'] } }, 'body.answers.depth.1'],
      ['/api/reports', { ...report, description: 'ok', answers: { 'a\u0000b': 'x' } }, 'body.answers.a\uFFFDb'],
      ['/api/subscriptions', { email: 'a\u0000@example.org', report: 'limit001' }, 'body.email'],
      ['/api/reports/limit001/supports', { deviceId: '\uD800'.repeat(20) }, 'body.deviceId'],
      ['/api/staff/login', { email: 'officer@example.org', password: 'pass\u0000word' }, 'body.password'],
      ['/api/staff/reports/limit001/notes', { note: 'internal \u0000' }, 'body.note'],
    ];
    for (const [path, body, field] of cases) {
      const res = await postJson(path, body);
      expect(res.status, `${path} ${field}`).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(await fields(res), path).toEqual([field]);
    }
    expect(await counts()).toEqual(before);
  });

  it('in a query parameter or a path, on the API, OGC, feeds, exports and Open311', async () => {
    const cases: Array<[string, string]> = [
      ['/api/places?q=ditch%00', 'query.q'],
      ['/api/reports?category=%00', 'query.category'],
      ['/api/reports?category=%ED%A0%80', 'query.category'],
      ['/ogc/collections/reports/items?category=a%00b', 'query.category'],
      ['/ogc/collections/areas/items/%00', 'path'],
      ['/feeds/reports.atom?area=%00', 'query.area'],
      ['/export/reports.geojson?area=%00', 'query.area'],
      ['/api/insight/volume?team=%00', 'query.team'],
      ['/open311/v2/requests.json?service_code=%00', 'query.service_code'],
      ['/open311/v2/services/%ED%A0%80.json', 'path'],
      ['/open311/v2/requests/%.json', 'path'],
    ];
    for (const [url, field] of cases) {
      const res = await ctx.app.request(url);
      expect(res.status, url).toBe(400);
      expect(await fields(res), url).toEqual([field]);
    }
  });

  it('in an Open311 form field, and nothing is stored', async () => {
    const before = await counts();
    const form = `api_key=${API_KEY}&service_code=litter&lat=56.4&long=-3.2&description=Blocked%00drain`;
    const res = await post('/open311/v2/requests.json', form, FORM);
    expect(res.status).toBe(400);
    expect(await fields(res)).toEqual(['body.description']);
    expect(await counts()).toEqual(before);
  });

  it('walks a deeply nested body in time proportional to its size, and answers 4xx', async () => {
    const started = performance.now();
    for (const path of ['/api/reports', '/api/subscriptions', '/api/staff/login']) {
      const res = await post(path, `${'['.repeat(200_000)}"\\u0000"${']'.repeat(200_000)}`);
      expect(res.status, path).toBe(400);
      expect(await fields(res)).toEqual([`body${'.0'.repeat(20)}.…`]);
    }
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('keeps right-to-left marks, zero-width joiners and emoji exactly as sent', async () => {
    const description = 'Blocked \u202Eeno-gnol\u202C drain, \u200Fעברית\u200E, 👩‍👧 🌊';
    const res = await postJson('/api/reports', { ...report, description, contact: { email: 'r@example.org', name: '\u202EnnA' } });
    expect(res.status).toBe(201);
    const { id } = await json(res);
    const stored = await json(await ctx.app.request(`/api/reports/${id}`));
    expect(stored.properties.description).toBe(description);
    const search = await ctx.app.request(`/api/places?q=${encodeURIComponent('\u202Eerrol')}`);
    expect(search.status).toBe(200);
  });
});

describe('parameters parsed and bounded at the edge (defect 10)', () => {
  it('a since that is not a date is a 400 naming it, on the map list and the exports', async () => {
    for (const bad of ['-1', '1', '2026-02-30', '2026-13-01', '2026-01-31T25:00:00Z', 'yesterday']) {
      for (const path of ['/api/reports', '/export/reports.geojson', '/export/reports.csv']) {
        const res = await ctx.app.request(`${path}?since=${bad}`);
        expect(res.status, `${path} since=${bad}`).toBe(400);
        expect(await fields(res)).toEqual(['query.since']);
      }
    }
    const until = await ctx.app.request('/export/reports.csv?until=-1');
    expect(await fields(until)).toEqual(['query.until']);
    for (const good of ['2026-01-31', '2026-01-31T09:00:00Z', '2026-01-31T09:00:00.123%2B01:00']) {
      expect((await ctx.app.request(`/api/reports?since=${good}`)).status, good).toBe(200);
      const res = await ctx.app.request(`/export/reports.geojson?since=${good}`);
      expect(res.status, good).toBe(200);
      await res.arrayBuffer();
    }
  });

  it('an OGC offset or limit beyond a safe (64-bit) integer is a 400 naming it; a large limit is still clamped', async () => {
    for (const [param, value] of [
      ['offset', '99999999999999999999'],
      ['offset', '9'.repeat(400)],
      ['limit', '9'.repeat(400)],
      ['limit', '18446744073709551616'],
    ] as const) {
      const res = await ctx.app.request(`/ogc/collections/reports/items?${param}=${value}`);
      expect(res.status, `${param}=${value.slice(0, 20)}`).toBe(400);
      expect(await fields(res)).toEqual([`query.${param}`]);
    }
    expect((await ctx.app.request('/ogc/collections/reports/items?offset=9007199254740991')).status).toBe(200);
    expect((await ctx.app.request('/ogc/collections/reports/items?limit=999999')).status).toBe(200);
  });

  it('a bbox of huge numbers is a 400 naming it', async () => {
    for (const path of ['/api/reports', '/ogc/collections/areas/items', '/feeds/reports.atom', '/export/reports.geojson']) {
      const res = await ctx.app.request(`${path}?bbox=-1e308,-1e308,1e308,1e308`);
      expect(res.status, path).toBe(400);
      expect(await fields(res), path).toEqual(['query.bbox']);
    }
  });
});
