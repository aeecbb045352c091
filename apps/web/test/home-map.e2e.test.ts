/**
 * The resident's home screen on a phone, against the real API with the demo data (issue 12,
 * "fast on a phone" and "maps where people look"):
 * - the first screen does not wait for MapLibre: with the map library's chunk held back, the
 *   "Report a problem" button is painted and works, and the chunk is asked for only after the
 *   first paint;
 * - at the opening zoom the reports are counted in clusters from the report tiles, a legend (a
 *   button on a phone) names every state colour, zoomed in the reports are single, and list
 *   rows name the place (the list's GeoJSON is asked for when the list opens, not by the map).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page, Request } from 'playwright-core';
import { startTestServer, type TestServer } from '@groundswell/api/test-server';
import { PUBLIC_STATES } from '@groundswell/core/rules';
import type { ReportCollection } from '../src/api/types.ts';
import en from '../src/i18n/en.ts';
import { buildWeb, launchBrowser, phone, watchErrors } from './phone.ts';

const MAPLIBRE_CHUNK = /\/assets\/maplibre-[^/]+\.js$/;

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

async function phonePage(): Promise<{ page: Page; errors: string[] }> {
  const context = await phone(browser, { serviceWorkers: 'block' });
  const page = await context.newPage();
  return { page, errors: watchErrors(page) };
}

/** Waits until the home map has drawn its reports and settled. */
async function mapSettled(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const map = window.__gsMap;
      return !!map && map.isStyleLoaded() && !!map.getSource('reports-tiles') && map.loaded() && !map.isMoving() && map.areTilesLoaded();
    },
    undefined,
    { timeout: 30_000 },
  );
}

describe('home screen before the map library arrives', () => {
  it('paints "Report a problem" and lets the resident use it while the MapLibre chunk is held back', async () => {
    const { page, errors } = await phonePage();
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const asked: Request[] = [];
    await page.route(MAPLIBRE_CHUNK, async (route) => {
      asked.push(route.request());
      await held;
      await route.continue();
    });

    // The page itself names no MapLibre file: nothing fetches it before the app asks.
    const html = await (await fetch(server.url)).text();
    expect(html).not.toMatch(/maplibre/);

    await page.goto(server.url);
    const report = page.getByRole('link', { name: en.home.report });
    await report.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await page.evaluate(() => window.__gsMap)).toBeUndefined();
    // The map was wanted (it is on screen): its chunk is asked for and waiting.
    await expect.poll(() => asked.length, { timeout: 30_000 }).toBeGreaterThan(0);

    // The other actions work without the map too.
    await page.getByRole('link', { name: en.home.mine }).click();
    await page.getByRole('heading', { level: 1, name: en.mine.heading }).waitFor({ timeout: 10_000 });
    await page.goBack();
    await report.waitFor({ state: 'visible' });
    await report.click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/report');
    expect(await page.evaluate(() => window.__gsMap)).toBeUndefined();

    // Let it through: the map arrives under the app, which kept working meanwhile.
    release();
    await page.goBack();
    await mapSettled(page);
    const timing = await page.evaluate(() => ({
      paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
      maplibre: performance.getEntriesByType('resource').find((e) => /\/assets\/maplibre-[^/]+\.js$/.test(e.name))?.startTime,
    }));
    expect(timing.paint).toBeGreaterThan(0);
    expect(timing.maplibre).toBeGreaterThan(timing.paint!);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('home map: clusters, legend and list', () => {
  let page: Page;
  let errors: string[];
  let inView: ReportCollection;
  const listCalls: string[] = [];

  beforeAll(async () => {
    ({ page, errors } = await phonePage());
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/reports') listCalls.push(r.url());
    });
    await page.goto(server.url);
    await mapSettled(page);
    await page.waitForLoadState('networkidle');
  });
  afterAll(() => page?.context().close());

  it('counts every report in clusters from the report tiles at the opening zoom, without a GeoJSON list', async () => {
    // Every public report of the demo is in the opening view: the clusters must count them all.
    const all = (await (await fetch(`${server.url}/api/reports?limit=5000`)).json()) as ReportCollection;
    expect(all.features.length).toBeGreaterThan(20);
    const view = await page.evaluate(() => window.__gsMap!.getBounds().toArray().flat());
    for (const f of all.features.filter((x) => x.geometry.type === 'Point')) {
      const [lon, lat] = f.geometry.coordinates as [number, number];
      expect(lon >= view[0]! && lon <= view[2]! && lat >= view[1]! && lat <= view[3]!, f.properties.id).toBe(true);
    }
    await expect.poll(() => page.locator('.map-cluster').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const counts = (await page.locator('.map-cluster').allTextContents()).map(Number);
    for (const n of counts) expect(n).toBeGreaterThanOrEqual(1);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(all.features.length);
    const rendered = await page.evaluate(() => window.__gsMap!.queryRenderedFeatures({ layers: ['reports-cluster'] }).length);
    expect(rendered).toBe(counts.length);
    expect(listCalls).toEqual([]);
    await page.screenshot({ path: '/tmp/home-clusters.png' });
  });

  it('has a legend, behind a button on a phone, that names every state colour the map uses', async () => {
    const toggle = page.getByRole('button', { name: en.map.legend });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const legend = page.getByRole('region', { name: en.map.legendHeading });
    await legend.waitFor();
    const text = (await legend.textContent()) ?? '';
    for (const state of PUBLIC_STATES) expect(text).toContain(en.states[state]);
    expect(text).toContain(en.map.legendCluster);

    const paint = await page.evaluate(() => JSON.stringify(window.__gsMap!.getPaintProperty('reports-point', 'circle-color')));
    const colours = await legend.locator('li[data-colour]').evaluateAll((items) => items.map((li) => li.getAttribute('data-colour')!));
    expect(colours.length).toBe(7);
    for (const colour of colours.slice(0, -1)) expect(paint).toContain(colour);
    // Each state is painted in the colour its legend row shows.
    for (const state of PUBLIC_STATES) {
      const row = legend.locator('li', { hasText: en.states[state] });
      const colour = await row.getAttribute('data-colour');
      expect(paint).toMatch(new RegExp(`\\[[^\\]]*"${state}"[^\\]]*\\],"${colour}"`));
    }
    await page.screenshot({ path: '/tmp/home-legend.png' });
    await toggle.press('Escape');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
  });

  it('names the place in every list row of a report inside a named area', async () => {
    const toggle = page.getByRole('button', { name: new RegExp(`^${en.list.toggle}`) });
    await toggle.click();
    // The list asks for the reports of the view once it opens.
    await expect.poll(() => listCalls.length).toBeGreaterThan(0);
    inView = (await (await fetch(listCalls.at(-1)!)).json()) as ReportCollection;
    const rows = page.locator('#report-list .report-item');
    await expect.poll(() => rows.count()).toBe(inView.features.length);
    const newest = [...inView.features].sort((a, b) => b.properties.createdAt.localeCompare(a.properties.createdAt));
    const withPlace = newest.filter((f) => f.properties.areas.length > 0);
    expect(withPlace.length).toBeGreaterThan(0);
    expect(await page.locator('#report-list .item-place').count()).toBe(withPlace.length);
    for (const i of [0, 1, 2]) {
      const f = newest[i]!;
      if (f.properties.areas[0]) expect(await rows.nth(i).locator('.item-meta').textContent()).toContain(f.properties.areas[0]);
    }
    await page.getByRole('button', { name: en.list.close }).click();
  });

  it('shows single reports, no clusters, when zoomed in', async () => {
    const point = inView.features.find((f) => f.geometry.type === 'Point')!;
    await page.evaluate((center) => window.__gsMap!.jumpTo({ center, zoom: 16 }), point.geometry.coordinates as [number, number]);
    await mapSettled(page);
    await expect.poll(() => page.locator('.map-cluster').count(), { timeout: 10_000 }).toBe(0);
    const drawn = await page.evaluate(() => window.__gsMap!.queryRenderedFeatures({ layers: ['reports-point', 'reports-cluster'] }).map((f) => [f.layer.id, String(f.properties.id)]));
    expect(drawn.length).toBeGreaterThan(0);
    expect(drawn.every(([layer]) => layer === 'reports-point')).toBe(true);
    expect(drawn.map(([, id]) => id)).toContain(point.properties.id);
    expect(errors).toEqual([]);
  });
});
