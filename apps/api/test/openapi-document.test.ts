import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff } from '@groundswell/db';
import { json, testApp } from './helpers.ts';
import { SIGNED_OUT_PATHS } from '../src/staff/auth-routes.ts';
import { hashPassword } from '../src/staff/passwords.ts';

// Issue 12, "everything findable": the OpenAPI document names every operation, declares how
// staff operations are secured (and says so truthfully), and /api/docs leads to the OGC API
// and Open311 descriptions. `pnpm lint:openapi` holds the same document to Redocly's rules.

let ctx: Awaited<ReturnType<typeof testApp>>;
const ORIGIN = 'http://gs.test';
const PASSWORD = 'correct horse battery';
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

interface Operation {
  operationId?: string;
  security?: Array<Record<string, string[]>>;
  responses: Record<string, unknown>;
}
interface Doc {
  paths: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>;
  components: { securitySchemes: Record<string, { type: string; in: string; name: string }> };
}

let doc: Doc;
const operations = () => Object.entries(doc.paths).flatMap(([path, item]) => METHODS.flatMap((method) => (item[method] ? [{ path, method, op: item[method]! }] : [])));
const staffOperations = () => operations().filter((o) => o.path.startsWith('/api/staff/'));
/** A request path for a documented path: any value fills a parameter, since the session is checked first. */
const concrete = (path: string) => path.replace(/\{[^}]+\}/g, 'abcd1234');

beforeAll(async () => {
  ctx = await testApp();
  doc = await json(await ctx.app.request('/api/openapi.json'));
  await createStaff(ctx.database, { email: 'docs@council.example', name: 'Docs Reader', role: 'admin', passwordHash: await hashPassword(PASSWORD), teamCodes: [] });
});
afterAll(() => ctx?.close());

describe('OpenAPI document', () => {
  it('gives every operation a unique operationId', () => {
    const ids = operations().map((o) => o.op.operationId);
    expect(ids.length).toBeGreaterThan(50);
    for (const { path, method, op } of operations()) expect(op.operationId, `${method} ${path}`).toMatch(/^[A-Za-z][A-Za-z0-9_]*$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(doc.paths['/api/reports/{id}']?.get?.operationId).toBe('getReportsById');
  });

  it('declares the session cookie and the CSRF header, and applies them to every signed-in staff operation', () => {
    expect(doc.components.securitySchemes.staffSession).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'gs_session' });
    expect(doc.components.securitySchemes.csrfToken).toMatchObject({ type: 'apiKey', in: 'header', name: 'X-CSRF-Token' });
    // The routes a signed-out visitor may use are the ones the session guard lets through.
    const signedOut = [...SIGNED_OUT_PATHS];
    expect(signedOut).toEqual(expect.arrayContaining(['/api/staff/login', '/api/staff/password/forgot', '/api/staff/password/reset']));
    expect(staffOperations().length).toBeGreaterThan(20);
    for (const { path, method, op } of staffOperations()) {
      const where = `${method} ${path}`;
      if (signedOut.includes(path)) expect(op.security, where).toEqual([]);
      else if (method === 'get') expect(op.security, where).toEqual([{ staffSession: [] }]);
      else expect(op.security, where).toEqual([{ staffSession: [], csrfToken: [] }]);
    }
    // Public operations say explicitly that they need nothing.
    expect(doc.paths['/api/reports']?.post?.security).toEqual([]);
  });

  it('is truthful: a secured staff operation refuses a request without a session, a change without the CSRF token', async () => {
    const login = await ctx.app.request('/api/staff/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN },
      body: JSON.stringify({ email: 'docs@council.example', password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    for (const { path, method, op } of staffOperations()) {
      const where = `${method} ${path}`;
      const init = { method: method.toUpperCase(), headers: { 'content-type': 'application/json', origin: ORIGIN }, body: method === 'get' ? undefined : '{}' };
      const signedOut = await ctx.app.request(concrete(path), init);
      // An operation documented as open to anyone does not ask for a session.
      if (op.security?.length === 0) {
        expect(signedOut.status, where).not.toBe(401);
        continue;
      }
      expect(signedOut.status, where).toBe(401);
      if (method === 'get') continue;
      const withSession = await ctx.app.request(concrete(path), { ...init, headers: { ...init.headers, cookie } });
      expect(withSession.status, where).toBe(403);
      expect((await json(withSession)).errors?.[0]?.field, where).toBe('header.x-csrf-token');
    }
  });

  it('documents a 4xx answer for every operation', () => {
    for (const { path, method, op } of operations())
      expect(
        Object.keys(op.responses).some((s) => s.startsWith('4')),
        `${method} ${path}`,
      ).toBe(true);
  });

  it('has no `nullable` without a `type` anywhere', () => {
    const bad: string[] = [];
    const walk = (node: unknown, at: string) => {
      if (Array.isArray(node)) {
        for (const [i, n] of node.entries()) walk(n, `${at}/${i}`);
      } else if (node && typeof node === 'object') {
        const o = node as Record<string, unknown>;
        if ('nullable' in o && !('type' in o)) bad.push(at);
        for (const [k, v] of Object.entries(o)) walk(v, `${at}/${k}`);
      }
    };
    walk(doc, '#');
    expect(bad).toEqual([]);
  });
});

describe('/api/docs', () => {
  it('links the OGC API and Open311 descriptions, and each link answers', async () => {
    const html = await (await ctx.app.request('/api/docs')).text();
    for (const href of ['/api/openapi.json', '/ogc/api', '/ogc/api.html', '/open311/v2/discovery.json', '/open311/v2/services.json']) {
      expect(html).toContain(`href="${href}"`);
      expect((await ctx.app.request(href)).status, href).toBe(200);
    }
    const init = await (await ctx.app.request('/api/docs/init.js')).text();
    expect(init).toContain("url: '/ogc/api'");
    for (const script of html.matchAll(/<script src="([^"]+)"/g)) expect((await ctx.app.request(script[1]!)).status, script[1]).toBe(200);
    const ogc = await json(await ctx.app.request('/ogc/api'));
    expect(ogc.security).toEqual([]);
  });
});
