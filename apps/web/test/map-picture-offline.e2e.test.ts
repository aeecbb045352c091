/**
 * ADR 0004 and issue 12: the picture of the map that phones see first is kept by the service
 * worker (NetworkFirst, as the report tiles), so with no signal the home screen and a report
 * looked at before still show their maps, and still without the map library.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '@groundswell/api/test-server';
import { sql } from '@groundswell/db/testing';
import { buildWeb, launchBrowser, phone, watchErrors } from './phone.ts';

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  await buildWeb();
  server = await startTestServer({ demo: true });
  browser = await launchBrowser();
  context = await phone(browser);
  page = await context.newPage();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

/** The picture on screen has loaded, and what it was loaded from. */
async function pictureShown(p: Page, scope = '[data-testid="map-picture"]'): Promise<string> {
  await p.waitForFunction(
    (s) => {
      const img = document.querySelector<HTMLImageElement>(`${s} img`);
      return !!img && img.complete && img.naturalWidth > 0;
    },
    scope,
    { timeout: 30_000 },
  );
  return (await p.locator(`${scope} img`).getAttribute('src'))!;
}

const cachedPictures = (p: Page) =>
  p.evaluate(async () => {
    const cache = await caches.open('gs-map-pictures');
    return (await cache.keys()).map((r) => new URL(r.url).pathname + new URL(r.url).search);
  });

describe('the picture of the map without signal', () => {
  it('shows the home picture and a report page picture offline, from the service worker', async () => {
    const errors = watchErrors(page);
    const maplibre: string[] = [];
    page.on('request', (r) => {
      if (/\/assets\/maplibre-[^/]+\.js$/.test(new URL(r.url()).pathname) && !r.serviceWorker()) maplibre.push(r.url());
    });
    const [report] = await server.database.rows<{ id: string }>(sql`select public_id as id from reports where state <> 'hidden' and geom_type = 'Polygon' order by id limit 1`);

    await page.goto(server.url);
    await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller), { timeout: 30_000 }).toBe(true);
    // Now under the worker: these pictures go through it and are kept.
    await page.reload();
    const home = await pictureShown(page);
    await page.goto(`${server.url}/#/reports/${report!.id}`);
    const place = await pictureShown(page, '.small-map');
    expect(place).toContain(`report=${report!.id}`);
    await expect.poll(() => cachedPictures(page), { timeout: 20_000 }).toEqual(expect.arrayContaining([home, place]));

    await context.setOffline(true);
    try {
      await page.goto(server.url);
      await expect.poll(() => page.locator('.notice-offline').isVisible(), { timeout: 15_000 }).toBe(true);
      expect(await pictureShown(page)).toBe(home);
      await page.goto(`${server.url}/#/reports/${report!.id}`);
      await page.locator('h1#report-heading').waitFor({ timeout: 15_000 });
      expect(await pictureShown(page, '.small-map')).toBe(place);
      await page.screenshot({ path: '/tmp/map-picture-offline.png' });
    } finally {
      await context.setOffline(false);
    }
    // The page itself never asked for the map library: nobody touched the map.
    expect(maplibre).toEqual([]);
    expect(errors).toEqual([]);
  });
});
