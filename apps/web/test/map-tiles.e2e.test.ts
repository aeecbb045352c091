/**
 * The maps draw reports from vector tiles, against the real API with the demo data:
 * - the resident's map at the opening zoom shows cluster circles with counts from
 *   `/tiles/reports/…` (every public report counted, no GeoJSON list asked for), a tap on a
 *   cluster zooms in, and zoomed in the reports are single points that open when tapped;
 * - the console's map draws from the staff tile route, with the officer's remit: its
 *   clusters count as many reports as the list's total, and it never reads the public tiles.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page, Response } from 'playwright-core';
import { startTestServer, type TestServer } from '@groundswell/api/test-server';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { ReportCollection } from '../src/api/types.ts';
import { buildWeb, launchBrowser, phone, watchErrors } from './phone.ts';

declare global {
  interface Window {
    __gsConsoleMap?: MapLibreMap;
  }
}

const PASSWORD = 'carse-of-gowrie-demo';
const OFFICER = 'waste@council.example';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  await buildWeb();
  server = await startTestServer({ demo: true, demoNow: new Date('2026-11-22T12:00:00Z') });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const settled = (page: Page, name: '__gsMap' | '__gsConsoleMap') =>
  page.waitForFunction(
    (n) => {
      const map = window[n as '__gsMap'];
      return !!map && map.isStyleLoaded() && map.loaded() && !map.isMoving() && map.areTilesLoaded();
    },
    name,
    { timeout: 30_000 },
  );
const sum = (counts: string[]) => counts.map(Number).reduce((a, b) => a + b, 0);

describe('the resident map on report tiles', () => {
  let page: Page;
  let errors: string[];
  const tiles: Response[] = [];
  const lists: string[] = [];

  beforeAll(async () => {
    const context = await phone(browser, { serviceWorkers: 'block' });
    page = await context.newPage();
    errors = watchErrors(page);
    page.on('response', (r) => {
      const path = new URL(r.url()).pathname;
      if (path.startsWith('/tiles/reports/')) tiles.push(r);
      if (path === '/api/reports') lists.push(r.url());
    });
    await page.goto(server.url);
    // On a phone the map is a picture until the resident asks for it (ADR 0004).
    await page.getByRole('button', { name: 'Move the map' }).click();
    await settled(page, '__gsMap');
  });
  afterAll(() => page?.context().close());

  it('shows cluster circles with counts from the tiles at the opening zoom, counting every public report', async () => {
    const all = (await (await fetch(`${server.url}/api/reports?limit=5000`)).json()) as ReportCollection;
    expect(tiles.length).toBeGreaterThan(0);
    for (const r of tiles) {
      expect(r.status()).toBe(200);
      expect(r.headers()['content-type']).toBe('application/vnd.mapbox-vector-tile');
      expect(['hit', 'miss']).toContain(r.headers()['x-tile-cache']);
    }
    const zoom = await page.evaluate(() => window.__gsMap!.getZoom());
    expect(zoom).toBeLessThan(14);
    await expect.poll(() => page.locator('.map-cluster').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(sum(await page.locator('.map-cluster').allTextContents())).toBe(all.features.length);
    // The map asked for no GeoJSON list: the tiles are all it read.
    expect(lists).toEqual([]);
    expect(await page.evaluate(() => window.__gsMap!.queryRenderedFeatures({ layers: ['reports-point'] }).length)).toBe(0);
  });

  it('zooms in when a cluster is tapped', async () => {
    const before = await page.evaluate(() => window.__gsMap!.getZoom());
    const biggest = page.locator('.map-cluster').filter({ hasNotText: /^1$/ }).first();
    await biggest.click();
    await settled(page, '__gsMap');
    expect(await page.evaluate(() => window.__gsMap!.getZoom())).toBeGreaterThan(before + 1);
  });

  it('draws single reports zoomed in, by state colour, and opens one when tapped', async () => {
    const all = (await (await fetch(`${server.url}/api/reports?limit=5000`)).json()) as ReportCollection;
    const point = all.features.find((f) => f.geometry.type === 'Point')!;
    const at = point.geometry.coordinates as [number, number];
    await page.evaluate((c) => window.__gsMap!.jumpTo({ center: c, zoom: 16 }), at);
    await settled(page, '__gsMap');
    await expect.poll(() => page.locator('.map-cluster').count(), { timeout: 10_000 }).toBe(0);
    const drawn = await page.evaluate(() => window.__gsMap!.queryRenderedFeatures({ layers: ['reports-point'] }).map((f) => [String(f.properties.id), String(f.properties.state)]));
    expect(drawn.map(([id]) => id)).toContain(point.properties.id);
    expect(drawn.find(([id]) => id === point.properties.id)![1]).toBe(point.properties.state);
    const xy = await page.evaluate((c) => {
      const map = window.__gsMap!;
      const p = map.project(c);
      const rect = map.getContainer().getBoundingClientRect();
      return { x: rect.left + p.x, y: rect.top + p.y };
    }, at);
    await page.touchscreen.tap(xy.x, xy.y);
    const panel = page.locator('aside.sheet-summary');
    await panel.waitFor({ state: 'visible', timeout: 5_000 });
    expect(await panel.locator(`a[href="#/reports/${point.properties.id}"]`).count()).toBe(1);
    await page.screenshot({ path: '/tmp/map-tiles-zoomed.png' });
    expect(errors).toEqual([]);
  });
});

describe('the console map on the staff tile route', () => {
  it("draws the officer's remit from /api/staff/tiles, as many reports as the list counts", async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-GB', serviceWorkers: 'block' });
    const page = await context.newPage();
    const errors = watchErrors(page);
    const staffTiles: Response[] = [];
    const publicTiles: string[] = [];
    page.on('response', (r) => {
      const path = new URL(r.url()).pathname;
      if (path.startsWith('/api/staff/tiles/reports/')) staffTiles.push(r);
      if (path.startsWith('/tiles/reports/')) publicTiles.push(r.url());
    });
    await page.goto(`${server.url}/#/staff?state=new,acknowledged,in_progress,action_scheduled,fixed,closed,duplicate,referred,hidden`);
    await page.getByLabel('Work email').fill(OFFICER);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.c-list-count').waitFor();
    await settled(page, '__gsConsoleMap');
    // The whole council in view: every report of the remit is counted in a cluster.
    await page.evaluate(() => window.__gsConsoleMap!.fitBounds([-3.45, 56.36, -2.95, 56.5], { duration: 0 }));
    await settled(page, '__gsConsoleMap');
    await expect.poll(() => page.locator('.c-cluster').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const total = Number(/of (\d+)/.exec((await page.locator('.c-list-count').textContent())!)![1]);
    expect(total).toBeGreaterThan(0);
    expect(sum(await page.locator('.c-cluster').allTextContents())).toBe(total);
    expect(staffTiles.length).toBeGreaterThan(0);
    for (const r of staffTiles) {
      expect(r.status()).toBe(200);
      expect(r.headers()['cache-control']).toContain('no-store');
    }
    expect(publicTiles).toEqual([]);
    await page.screenshot({ path: '/tmp/map-tiles-console.png' });
    expect(errors).toEqual([]);
    await context.close();
  });
});
