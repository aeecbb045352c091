/**
 * Everything findable, in real headless Chromium against the real API over the demo data:
 * the home screen's "More" menu leads to "How we are doing" and to the open data page; every
 * address that page lists answers; Copy puts the address on the clipboard, or selects it
 * visibly when the browser refuses; the page passes axe and is Polish in Polish; the staff
 * console's menu leads to the planning dashboard.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '@groundswell/api/test-server';
import { axeProblems, buildWeb, launchBrowser, phone, watchErrors } from './phone.ts';

const PASSWORD = 'carse-of-gowrie-demo';
const OFFICER = 'waste@council.example';

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];

beforeAll(async () => {
  await buildWeb();
  server = await startTestServer({ demo: true });
  browser = await launchBrowser();
  context = await phone(browser, { permissions: ['clipboard-read', 'clipboard-write'], serviceWorkers: 'block' });
  page = await context.newPage();
  errors = watchErrors(page);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

const heading = (p: Page) => p.locator('h1.page-title').textContent();

/** The home screen's "More" menu, opened. */
async function openMore(p: Page, name = 'More') {
  await p.getByRole('button', { name }).click();
  await p.locator('#home-more-menu').waitFor();
}

/** The addresses the open data page shows, by the label of their field. */
function pageAddresses(p: Page): Promise<Array<{ label: string; url: string }>> {
  return p.locator('input.od-url').evaluateAll((inputs) => inputs.map((i) => ({ label: (i as HTMLInputElement).labels?.[0]?.textContent ?? '', url: (i as HTMLInputElement).value })));
}

/** The slippy-map tile holding a point, at a zoom. */
function tileAt(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const rad = (lat * Math.PI) / 180;
  return [Math.floor(((lon + 180) / 360) * n), Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n)];
}

describe('the open data page', () => {
  it('is linked from the home screen, as is How we are doing', async () => {
    await page.goto(server.url);
    await page.getByRole('link', { name: 'Report a problem' }).waitFor({ timeout: 15_000 });
    expect(await page.getByRole('button', { name: 'More' }).getAttribute('aria-expanded')).toBe('false');
    await openMore(page);
    expect(await page.getByRole('button', { name: 'More' }).getAttribute('aria-expanded')).toBe('true');
    expect(await axeProblems(page)).toEqual([]);
    // Escape closes the menu and leaves focus on its button.
    await page.keyboard.press('Escape');
    await page.locator('#home-more-menu').waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('More');

    await openMore(page);
    await page.getByRole('link', { name: 'How we are doing' }).click();
    await expect.poll(() => heading(page), { timeout: 20_000 }).toBe('How we are doing');
    expect(new URL(page.url()).hash).toBe('#/insight');

    await page.goBack();
    await page.getByRole('link', { name: 'Report a problem' }).waitFor({ timeout: 15_000 });
    await openMore(page);
    await page.getByRole('link', { name: 'Open data' }).click();
    await expect.poll(() => heading(page), { timeout: 20_000 }).toBe('Open data');
    expect(new URL(page.url()).hash).toBe('#/open-data');
    expect(await page.title()).toMatch(/^Open data · /);
  });

  it('lists every public endpoint with addresses on this site, each of which answers', async () => {
    const names = await page.locator('.od-endpoint h2').allTextContents();
    expect(names).toEqual(['GeoJSON', 'CSV', 'GeoPackage', 'Shapefile (zipped)', 'Ditch register', 'OGC API – Features', 'Vector tiles', 'Open311 GeoReport v2', 'Atom feed', 'API documentation']);
    // Two lines on QGIS for each.
    expect(await page.locator('.od-endpoint ol.od-steps li').count()).toBe(names.length * 2);

    const addresses = await pageAddresses(page);
    const paths = addresses.map((a) => a.url.replace(server.url, ''));
    expect(paths).toEqual([
      '/export/reports.geojson',
      '/export/reports.csv',
      '/export/reports.gpkg',
      '/export/reports.shp.zip',
      '/export/ditch-register.gpkg',
      '/export/ditch-register.csv',
      '/ogc',
      '/tiles/reports/{z}/{x}/{y}.mvt',
      '/tiles/reports.json',
      '/open311/v2/discovery.json',
      '/feeds/reports.atom',
      '/api/docs',
      '/api/openapi.json',
    ]);
    for (const a of addresses) expect(a.url.startsWith(`${server.url}/`), a.url).toBe(true);

    // The TileJSON names the same tile template, and its centre holds a tile with reports.
    const tilejson = (await (await fetch(addresses[8]!.url)).json()) as { tiles: string[]; center: [number, number, number] };
    expect(decodeURI(tilejson.tiles[0]!)).toBe(addresses[7]!.url);
    const [x, y] = tileAt(tilejson.center[0], tilejson.center[1], 12);

    for (const a of addresses) {
      const url = a.url.replace('{z}/{x}/{y}', `12/${x}/${y}`);
      const res = await fetch(url);
      const body = new Uint8Array(await res.arrayBuffer());
      expect(res.status, `${a.label} ${url}`).toBe(200);
      expect(body.length, `${a.label} ${url}`).toBeGreaterThan(0);
    }
  });

  it('copies an address to the clipboard', async () => {
    const geojson = page.getByRole('button', { name: 'Copy GeoJSON: Download address' });
    await geojson.click();
    const status = page.locator('.od-endpoint').first().locator('[role="status"]');
    await expect.poll(() => status.textContent()).toBe('Copied: GeoJSON: Download address.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${server.url}/export/reports.geojson`);

    await page.getByRole('button', { name: 'Copy OGC API – Features: Landing page address' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${server.url}/ogc`);
  });

  it('selects the address visibly when the browser will not copy', async () => {
    // As in a browser that refuses clipboard access.
    await page.evaluate(() => {
      navigator.clipboard.writeText = () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));
    });
    await page.getByRole('button', { name: 'Copy Vector tiles: Tile address' }).click();
    const field = page.getByLabel('Tile address', { exact: true });
    await expect.poll(() => field.evaluate((i) => document.activeElement === i)).toBe(true);
    const selected = await field.evaluate((i) => {
      const input = i as HTMLInputElement;
      return input.value.slice(input.selectionStart ?? 0, input.selectionEnd ?? 0);
    });
    expect(selected).toBe(`${server.url}/tiles/reports/{z}/{x}/{y}.mvt`);
    const section = page.locator('section[aria-labelledby="od-tiles-heading"]');
    expect(await section.locator('[role="status"]').first().textContent()).toMatch(/the address is selected, so copy it with Ctrl\+C/);
  });

  it('has no serious or critical accessibility problems and no page errors', async () => {
    expect(await page.locator('.od-endpoint').first().getAttribute('aria-labelledby')).toBe('od-geojson-heading');
    expect(await axeProblems(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('is Polish in Polish, and so is the menu that leads to it', async () => {
    const pl = await phone(browser, { locale: 'pl-PL', serviceWorkers: 'block' });
    try {
      const p = await pl.newPage();
      await p.goto(server.url);
      await p.getByRole('link', { name: 'Zgłoś problem' }).waitFor({ timeout: 15_000 });
      await openMore(p, 'Więcej');
      expect(await p.locator('#home-more-menu a').allTextContents()).toEqual(['Jak nam idzie', 'Otwarte dane', 'Twoje dane i prywatność', 'Jak słuchamy']);
      await p.getByRole('link', { name: 'Otwarte dane' }).click();
      await expect.poll(() => heading(p), { timeout: 20_000 }).toBe('Otwarte dane');
      expect(await p.evaluate(() => document.documentElement.lang)).toBe('pl');
      const text = (await p.locator('.page-body').textContent()) ?? '';
      expect(text).toContain('W QGIS');
      expect(text).toContain('Kafelki wektorowe');
      expect(text).toContain('danych osobowych');
      // None of the English wording is left.
      for (const english of ['Copy', 'In QGIS', 'Open data', 'Download address', 'Vector tiles', 'personal data', 'Layer ▸']) expect(text).not.toContain(english);
      expect(await p.getByRole('button', { name: /^Kopiuj GeoJSON/ }).count()).toBe(1);
      expect(await axeProblems(p)).toEqual([]);
    } finally {
      await pl.close();
    }
  });
});

describe('the staff console', () => {
  it('links the planning dashboard from its menu', async () => {
    const desktop = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-GB', serviceWorkers: 'block' });
    try {
      const p = await desktop.newPage();
      await p.goto(`${server.url}/#/staff`);
      await p.getByRole('heading', { name: 'Sign in to the staff console' }).waitFor({ timeout: 15_000 });
      await p.getByLabel('Work email').fill(OFFICER);
      await p.getByLabel('Password').fill(PASSWORD);
      await p.getByRole('button', { name: 'Sign in' }).click();
      const link = p.getByRole('navigation', { name: 'Staff console' }).getByRole('link', { name: 'Planning dashboard' });
      await link.waitFor({ timeout: 15_000 });
      expect(await link.getAttribute('href')).toBe('#/staff/insight');
      await link.click();
      await expect.poll(() => heading(p), { timeout: 20_000 }).toBe('Planning dashboard');
      // Signed in, so the figures load rather than the request to sign in.
      await p.locator('.chart-volume [role="img"]').first().waitFor({ timeout: 20_000 });
      expect(await p.getByText('Please sign in as council staff').count()).toBe(0);
    } finally {
      await desktop.close();
    }
  });
});
