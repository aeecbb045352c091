import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getRequestListener } from '@hono/node-server';
import { seedCategory, testApp } from './helpers.ts';

/**
 * @hono/node-server writes a Response made from a string in one go, unless something reads
 * its body or copies it first; then it becomes a full web Response whose body is a stream,
 * read back chunk by chunk (issue 15, S5: a tenth of a report's CPU). The middleware that
 * add headers after a route (CORS, Vary, the request id, cache-control) set them in place.
 * The light Response keeps its unread body under node-server's `cache` symbol.
 */
const light = (res: Response) => Object.getOwnPropertySymbols(res).some((s) => s.description === 'cache');

describe('answers stay light through the middleware', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  beforeAll(async () => {
    // What serve() does at start: the global Response becomes node-server's light one.
    getRequestListener(() => new Response(null));
    t = await testApp();
    await seedCategory(t.database, 'litter', ['Point']);
  });
  afterAll(() => t.close());

  const post = (body: unknown) =>
    t.app.fetch(new Request('http://gs.test/api/reports', { method: 'POST', headers: { 'content-type': 'application/json', origin: 'https://elsewhere.example' }, body: JSON.stringify(body) }));

  it('a new report: 201, light, with CORS, Vary and the request id', async () => {
    const res = await post({
      category: 'litter',
      geometry: { type: 'Point', coordinates: [-3.43, 56.39] },
      description: 'Bags of rubbish dumped by the bench',
      contact: { email: 'a@example.org' },
      locale: 'en',
    });
    expect(res.status).toBe(201);
    expect(light(res)).toBe(true);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('vary')).toBe('Accept-Encoding');
    expect(res.headers.get('x-request-id')).toMatch(/^[\w-]{36}$/);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(((await res.json()) as { state: string }).state).toBe('new');
  });

  it('a refused report (problem+json) and an unknown path stay light too', async () => {
    const bad = await post({ category: 'litter' });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(light(bad)).toBe(true);
    expect(bad.headers.get('access-control-allow-origin')).toBe('*');
    const missing = await t.app.fetch(new Request('http://gs.test/api/nothing-here'));
    expect(missing.status).toBe(404);
    expect(light(missing)).toBe(true);
  });

  it('a private answer keeps no-store, set in place', async () => {
    const res = await t.app.fetch(new Request('http://gs.test/api/me'));
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(light(res)).toBe(true);
  });

  it('the preflight is still answered by hono’s cors', async () => {
    const res = await t.app.fetch(
      new Request('http://gs.test/api/reports', {
        method: 'OPTIONS',
        headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      }),
    );
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-methods')).toBe('GET,POST,OPTIONS');
    expect(res.headers.get('access-control-allow-headers')).toBe('content-type');
  });

  it('a client that asks for gzip still gets it, with one Vary', async () => {
    const res = await t.app.fetch(new Request('http://gs.test/api/openapi.json', { headers: { 'accept-encoding': 'gzip' } }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('vary')).toBe('Accept-Encoding');
    expect((JSON.parse(await new Response(res.body!.pipeThrough(new DecompressionStream('gzip'))).text()) as { openapi: string }).openapi).toMatch(/^3\./);
  });

  it('exposed headers reach the tiles as before', async () => {
    const res = await t.app.fetch(new Request('http://gs.test/tiles/reports/12/2021/1270.mvt', { headers: { origin: 'https://elsewhere.example' } }));
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-expose-headers')).toBe('etag,x-tile-cache');
  });
});
