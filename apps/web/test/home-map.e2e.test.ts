/**
 * The resident's home screen on a phone, against the real API with the demo data (issue 12,
 * "fast on a phone" and "maps where people look"; ADR 0004):
 * - on a phone the map is first the server's picture of it, and the map library's chunk is not
 *   even asked for until the resident touches the map; the buttons work meanwhile; after the
 *   touch the interactive map opens at the picture's view, pans, and a tapped report opens;
 *   on a desktop MapLibre starts at once, after the first paint; the Polish picture is Polish;
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
import pl from '../src/i18n/pl.ts';
import { axeProblems, buildWeb, launchBrowser, phone, watchErrors } from './phone.ts';

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

async function phonePage(locale = 'en-GB'): Promise<{ page: Page; errors: string[] }> {
  const context = await phone(browser, { serviceWorkers: 'block', locale });
  const page = await context.newPage();
  return { page, errors: watchErrors(page) };
}

/** The picture's cluster counts inside its own box. */
async function pictureCounts(page: Page): Promise<number[]> {
  const src = await page.locator('[data-testid="map-picture"] img').getAttribute('src');
  const svg = await (await fetch(new URL(src!, server.url))).text();
  const [w, h] = [Number(/ width="(\d+)"/.exec(svg)![1]), Number(/ height="(\d+)"/.exec(svg)![1])];
  return [...svg.matchAll(/data-count="(\d+)"><circle cx="([-\d.]+)" cy="([-\d.]+)"/g)]
    .filter((m) => Number(m[2]) >= 0 && Number(m[2]) <= w && Number(m[3]) >= 0 && Number(m[3]) <= h)
    .map((m) => Number(m[1]));
}

/** Waits for the picture to have loaded (decoded, with a size). */
async function pictureShown(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const img = document.querySelector<HTMLImageElement>('[data-testid="map-picture"] img');
      return !!img && img.complete && img.naturalWidth > 0;
    },
    undefined,
    { timeout: 20_000 },
  );
}

/** The resident touches the map: the interactive one starts. */
async function wakeMap(page: Page): Promise<void> {
  await pictureShown(page);
  const box = (await page.locator('[data-testid="map-picture"]').boundingBox())!;
  await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
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
  it('shows the picture of the map and never asks for MapLibre until the resident touches the map; the buttons work meanwhile', async () => {
    const { page, errors } = await phonePage();
    const asked: Request[] = [];
    page.on('request', (r) => {
      if (MAPLIBRE_CHUNK.test(new URL(r.url()).pathname)) asked.push(r);
    });

    // The page itself names no MapLibre file: nothing fetches it before the app asks.
    const html = await (await fetch(server.url)).text();
    expect(html).not.toMatch(/maplibre/);

    await page.goto(server.url);
    const report = page.getByRole('link', { name: en.home.report });
    await report.waitFor({ state: 'visible', timeout: 15_000 });
    await pictureShown(page);
    const picture = page.getByRole('img', { name: en.map.pictureAlt });
    expect(await picture.isVisible()).toBe(true);
    // The picture fills the map's box: the interactive map will take exactly its place.
    const pictureBox = (await picture.boundingBox())!;
    expect(pictureBox.width).toBe(390);
    expect(pictureBox.height).toBeGreaterThan(600);
    // It counts every public report, as the interactive map's clusters will.
    const all = (await (await fetch(`${server.url}/api/reports?limit=5000`)).json()) as ReportCollection;
    const counts = await pictureCounts(page);
    expect(counts.length).toBeGreaterThan(1);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(all.features.length);
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(1500);
    expect(asked).toEqual([]);
    expect(await page.evaluate(() => window.__gsMap)).toBeUndefined();
    expect(await axeProblems(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/home-picture.png' });
    // The list follows the picture's view until the map takes over: every report in it, no map library.
    const listed = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/reports');
    await page.getByRole('button', { name: new RegExp(`^${en.list.toggle}`) }).click();
    const inPicture = (await (await listed).json()) as ReportCollection;
    expect(inPicture.features.length).toBeGreaterThan(20);
    await expect.poll(() => page.locator('#report-list .report-item').count(), { timeout: 15_000 }).toBe(inPicture.features.length);
    await page.getByRole('button', { name: en.list.close }).click();
    expect(asked).toEqual([]);

    // The other actions work without the map (the report flow's own map loads MapLibre: it is for drawing).
    await page.getByRole('link', { name: en.home.mine }).click();
    await page.getByRole('heading', { level: 1, name: en.mine.heading }).waitFor({ timeout: 10_000 });
    await page.goBack();
    await report.waitFor({ state: 'visible' });
    await report.click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/report');
    await page.goBack();
    await report.waitFor({ state: 'visible' });
    expect(await page.evaluate(() => window.__gsMap)).toBeUndefined();

    // The touch: MapLibre loads and opens at the picture's view, then the picture goes.
    await wakeMap(page);
    await expect.poll(() => asked.length, { timeout: 15_000 }).toBeGreaterThan(0);
    await mapSettled(page);
    await expect.poll(() => page.locator('[data-testid="map-picture"]').count(), { timeout: 15_000 }).toBe(0);
    const mapBox = (await page.locator('.map.maplibregl-map').boundingBox())!;
    expect(mapBox).toEqual(pictureBox);
    await expect.poll(() => page.locator('.map-cluster').count(), { timeout: 10_000 }).toBe(counts.length);
    const live = (await page.locator('.map-cluster').allTextContents()).map(Number);
    expect(live.sort((a, b) => a - b)).toEqual([...counts].sort((a, b) => a - b));

    // It moves under a finger (a drag, here with the mouse MapLibre also reads).
    const before = await page.evaluate(() => window.__gsMap!.getCenter().toArray());
    await page.mouse.move(200, 400);
    await page.mouse.down();
    await page.mouse.move(120, 330, { steps: 8 });
    await page.mouse.up();
    await expect.poll(async () => (await page.evaluate(() => window.__gsMap!.getCenter().toArray()))[0]).not.toBe(before[0]);

    // A report tapped on the map opens.
    const point = all.features.find((f) => f.geometry.type === 'Point')!;
    await page.evaluate((center) => window.__gsMap!.jumpTo({ center, zoom: 16 }), point.geometry.coordinates as [number, number]);
    await mapSettled(page);
    const at = await page.evaluate(
      (c) => {
        const p = window.__gsMap!.project(c);
        const r = window.__gsMap!.getCanvas().getBoundingClientRect();
        return { x: r.left + p.x, y: r.top + p.y };
      },
      point.geometry.coordinates as [number, number],
    );
    await page.touchscreen.tap(at.x, at.y);
    await page.getByRole('button', { name: en.summary.close }).waitFor({ timeout: 10_000 });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('speaks Polish on the picture: its description and its button, which a keyboard presses to reach the map', async () => {
    const { page, errors } = await phonePage('pl-PL');
    await page.goto(server.url);
    await pictureShown(page);
    expect(await page.getByRole('img', { name: pl.map.pictureAlt }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: pl.map.moveMap }).isVisible()).toBe(true);
    expect(await axeProblems(page)).toEqual([]);
    await page.getByRole('button', { name: pl.map.moveMap }).press('Enter');
    await mapSettled(page);
    // The button has gone with the picture: the keyboard is on the map that replaced it.
    await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('maplibregl-canvas')), { timeout: 15_000 }).toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("starts MapLibre at once on a desktop, after the first paint, at the picture's place", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block', locale: 'en-GB' });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(server.url);
    await mapSettled(page);
    const timing = await page.evaluate(() => ({
      paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
      maplibre: performance.getEntriesByType('resource').find((e) => /\/assets\/maplibre-[^/]+\.js$/.test(e.name))?.startTime,
    }));
    expect(timing.paint).toBeGreaterThan(0);
    expect(timing.maplibre).toBeGreaterThan(timing.paint!);
    expect(errors).toEqual([]);
    await context.close();
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
    await wakeMap(page);
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
