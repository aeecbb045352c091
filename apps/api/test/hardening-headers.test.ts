/**
 * Hardening, "what a security reviewer expects": a Content-Security-Policy the web app and
 * the docs UI work under (no inline script anywhere), a Permissions-Policy granting only
 * geolocation, HSTS only over https, and `Cache-Control: no-store` on sign-in and session
 * answers. That the built app really runs under this CSP is shown by the browser tests
 * (apps/web/test/*.e2e.test.ts), which fail on console and page errors.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff } from '@groundswell/db';
import { json, testApp } from './helpers.ts';
import { hashPassword } from '../src/staff/passwords.ts';

const MAP_STYLE = 'https://maps.example.net/styles/ditches/style.json';
const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));
const WEB_SOURCE = fileURLToPath(new URL('../../web/index.html', import.meta.url));

let http: Awaited<ReturnType<typeof testApp>>;
let https: Awaited<ReturnType<typeof testApp>>;

beforeAll(async () => {
  http = await testApp({ mapStyleUrl: MAP_STYLE, ...(existsSync(`${WEB_DIST}/index.html`) ? { webDist: WEB_DIST } : {}) });
  https = await testApp({ publicUrl: 'https://reports.council.example', mapStyleUrl: MAP_STYLE });
  await createStaff(http.database, { email: 'officer@council.example', name: 'Officer', role: 'officer', passwordHash: await hashPassword('correct horse battery'), teamCodes: [] });
});
afterAll(async () => {
  await http?.close();
  await https?.close();
});

/** The CSP as a map from directive to its sources. */
function csp(res: Response): Record<string, string[]> {
  const header = res.headers.get('content-security-policy');
  expect(header, 'a Content-Security-Policy header').toBeTruthy();
  return Object.fromEntries(
    header!
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

/** Every `<script>` in a page: none may be inline. */
const inlineScripts = (html: string) => [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)].filter(([, attrs, body]) => !/\bsrc=/.test(attrs!) || body!.trim() !== '');

describe('Content-Security-Policy', () => {
  it('allows scripts from this server only, and what MapLibre and the base map need', async () => {
    const policy = csp(await http.app.request('/api/openapi.json'));
    expect(policy['script-src']).toEqual(["'self'"]);
    expect(policy['default-src']).toEqual(["'self'"]);
    expect(policy['object-src']).toEqual(["'none'"]);
    expect(policy['worker-src']).toEqual(expect.arrayContaining(["'self'", 'blob:']));
    expect(policy['img-src']).toEqual(expect.arrayContaining(["'self'", 'data:', 'blob:', 'https://maps.example.net']));
    expect(policy['connect-src']).toEqual(["'self'", 'https://maps.example.net']);
    expect(policy['frame-ancestors']).toEqual(["'self'"]);
    expect(policy['upgrade-insecure-requests']).toBeUndefined();
  });

  it('follows MAP_STYLE_URL, and asks for https upgrades only when served over https', async () => {
    const policy = csp(await https.app.request('/health'));
    expect(policy['connect-src']).toContain('https://maps.example.net');
    expect(policy['upgrade-insecure-requests']).toEqual([]);
  });

  it('is sent with the docs UI, which has no inline script and starts from a served file', async () => {
    const page = await http.app.request('/api/docs');
    expect(page.status).toBe(200);
    csp(page);
    const html = await page.text();
    expect(inlineScripts(html)).toEqual([]);
    expect(html).toContain('src="/api/docs/init.js"');
    const init = await http.app.request('/api/docs/init.js');
    expect(init.headers.get('content-type')).toMatch(/javascript/);
    expect(await init.text()).toContain('SwaggerUIBundle');
    expect((await http.app.request('/api/docs/assets/swagger-ui-bundle.js')).status).toBe(200);
  });

  it('has no inline script to block in the web app (source, and the build when there is one)', async () => {
    expect(inlineScripts(readFileSync(WEB_SOURCE, 'utf8'))).toEqual([]);
    if (!existsSync(`${WEB_DIST}/index.html`)) return;
    const page = await http.app.request('/');
    expect(page.status).toBe(200);
    expect(csp(page)['script-src']).toEqual(["'self'"]);
    expect(inlineScripts(await page.text())).toEqual([]);
  });
});

describe('other security headers', () => {
  it('grants geolocation to the app itself and no camera, microphone or payment', async () => {
    const res = await http.app.request('/');
    const policy = res.headers.get('permissions-policy')!;
    expect(policy).toContain('geolocation=(self)');
    for (const feature of ['camera=()', 'microphone=()', 'payment=()']) expect(policy).toContain(feature);
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('sends HSTS only when the public address is https', async () => {
    expect((await http.app.request('/health')).headers.get('strict-transport-security')).toBeNull();
    expect((await https.app.request('/health')).headers.get('strict-transport-security')).toMatch(/^max-age=\d{7,}/);
  });
});

describe('Cache-Control on sign-in and session answers', () => {
  const post = (path: string, body: unknown, cookie?: string, csrf?: string) =>
    http.app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://gs.test', ...(cookie ? { cookie } : {}), ...(csrf ? { 'x-csrf-token': csrf } : {}) },
      body: JSON.stringify(body),
    });

  it('is no-store for a failed and a good sign-in, the session, and signing out', async () => {
    const wrong = await post('/api/staff/login', { email: 'officer@council.example', password: 'not the password' });
    expect(wrong.status).toBeGreaterThanOrEqual(400);
    expect(wrong.headers.get('cache-control')).toBe('no-store');
    const anonymous = await http.app.request('/api/staff/me');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('cache-control')).toBe('no-store');

    const good = await post('/api/staff/login', { email: 'officer@council.example', password: 'correct horse battery' });
    expect(good.status).toBe(200);
    expect(good.headers.get('cache-control')).toBe('no-store');
    const cookie = good.headers.get('set-cookie')!.split(';')[0]!;
    const me = await http.app.request('/api/staff/me', { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(me.headers.get('cache-control')).toBe('no-store');
    const out = await post('/api/staff/logout', {}, cookie, (await json(me)).csrfToken);
    expect(out.status).toBe(200);
    expect(out.headers.get('cache-control')).toBe('no-store');
  });

  it('leaves public open data cacheable', async () => {
    expect((await http.app.request('/api/categories')).headers.get('cache-control')).toMatch(/public/);
  });
});
