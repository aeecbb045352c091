/**
 * Issue 12, "everything findable": `/robots.txt` is a real robots file, and a path that is
 * neither the app's page, nor a built file, nor an API or open-data path answers 404 (a short
 * HTML page with a link home), not the app's HTML with 200. The app routes by hash, so `/` and
 * `/index.html` are its only pages.
 */
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from './helpers.ts';

const ROBOTS = fileURLToPath(new URL('../../web/public/robots.txt', import.meta.url));
const INDEX = '<!doctype html><html lang="en"><head><title>Groundswell</title></head><body><div id="root"></div></body></html>';

let t: Awaited<ReturnType<typeof testApp>>;

beforeAll(async () => {
  const dist = mkdtempSync(join(tmpdir(), 'gs-web-dist-'));
  mkdirSync(join(dist, 'assets'));
  mkdirSync(join(dist, 'icons'));
  writeFileSync(join(dist, 'index.html'), INDEX);
  writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log(1);');
  writeFileSync(join(dist, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  writeFileSync(join(dist, 'manifest.webmanifest'), '{"name":"Groundswell"}');
  writeFileSync(join(dist, 'icons', 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  // The real file: Vite copies apps/web/public into dist as it is.
  copyFileSync(ROBOTS, join(dist, 'robots.txt'));
  writeFileSync(join(dist, '.build-stamp'), 'abc\n');
  t = await testApp({ webDist: dist });
});
afterAll(() => t?.close());

const get = (path: string) => t.app.request(path);

describe('the app page and its files', () => {
  it('serves the page at / and /index.html, revalidated on every visit', async () => {
    for (const path of ['/', '/index.html']) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toContain('<div id="root">');
    }
  });

  it('serves hashed assets for a year, and the worker, manifest and icons as they are', async () => {
    const asset = await get('/assets/index-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    const sw = await get('/sw.js');
    expect(sw.status).toBe(200);
    expect(sw.headers.get('cache-control')).toBe('no-cache');
    expect((await get('/manifest.webmanifest')).status).toBe(200);
    expect((await get('/icons/icon.svg')).status).toBe(200);
  });
});

describe('robots.txt', () => {
  it('is a plain-text robots file that keeps crawlers off staff answers, exports and tiles', async () => {
    const res = await get('/robots.txt');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const lines = (await res.text()).split('\n').map((l) => l.trim());
    expect(lines).toContain('User-agent: *');
    expect(lines).toContain('Allow: /');
    expect(lines).toContain('Disallow: /api/staff');
    expect(lines).toContain('Disallow: /export/');
    // No sitemap exists, so none is named.
    expect(lines.some((l) => /^sitemap:/i.test(l))).toBe(false);
  });
});

describe('a path that is nothing here', () => {
  it('answers 404 with a short page that links home, not the app with 200', async () => {
    for (const path of ['/staff', '/reports/abc123', '/wp-login.php', '/assets/gone-000.js', '/icons', '/index.htm', '/.build-stamp']) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await res.text();
      expect(html).not.toContain('<div id="root">');
      expect(html).toContain('href="/"');
      expect(html).toContain('noindex');
    }
  });

  it('keeps problem+json for unknown API and open-data paths', async () => {
    for (const path of ['/api/nothing', '/ogc/nothing', '/open311/nothing', '/feeds/nothing']) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
  });

  it('answers HEAD as GET does', async () => {
    expect((await t.app.request('/nowhere', { method: 'HEAD' })).status).toBe(404);
    expect((await t.app.request('/', { method: 'HEAD' })).status).toBe(200);
  });
});
