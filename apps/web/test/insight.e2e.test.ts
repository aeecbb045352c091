/**
 * "How we are doing" (`#/insight`) in real headless Chromium against the real API over the
 * demo data: the charts draw with their text summaries and data tables, the hexagon layer
 * of hot spots renders in MapLibre, and the ditch network is drawn by condition.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startTestServer, type TestServer } from '@groundswell/api/test-server';
import { ensureBuilt } from './ensure-build.ts';

const webDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

interface RenderedMap {
  isStyleLoaded(): boolean;
  getLayer(id: string): unknown;
  queryRenderedFeatures(options: { layers: string[] }): Array<{ properties: Record<string, unknown> }>;
}
type InsightWindow = Window & { __gsInsight?: { hotspots?: RenderedMap; network?: RenderedMap } };

let server: TestServer;
let browser: Browser;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}. Install it (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  await ensureBuilt(webDir);
  server = await startTestServer({ demo: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, locale: 'en-GB' });
  page.on('pageerror', (e) => errors.push(e.message));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the public insight page', () => {
  it('draws the monthly chart with a text summary and a data table of the same numbers', async () => {
    await page.goto(`${server.url}/#/insight`);
    await expect.poll(() => page.locator('h1.page-title').textContent(), { timeout: 20_000 }).toBe('How we are doing');
    const chart = page.locator('.chart-volume [role="img"]').first();
    await chart.waitFor({ timeout: 20_000 });
    expect(await chart.getAttribute('aria-label')).toMatch(/Bar chart of reports received per month/);
    // Plot draws one rect per month and category with reports.
    expect(await page.locator('.chart-volume svg rect').count()).toBeGreaterThan(12);

    const volume = await (await fetch(`${server.url}/api/insight/volume?by=category`)).json();
    const section = page.locator('section[aria-labelledby="volume-heading"]');
    expect(await section.locator('.insight-summary').textContent()).toContain(`${volume.total} reports in ${volume.months.length} months`);
    await section.locator('details.insight-table summary').click();
    const rows = section.locator('details.insight-table tbody tr');
    expect(await rows.count()).toBe(volume.months.length);
    const lastRow = (await rows.last().locator('td').allTextContents()).map((s) => Number(s.replace(/,/g, '')));
    expect(lastRow.at(-1)).toBe(volume.totals.at(-1));
    expect(await section.locator('a.insight-csv').getAttribute('href')).toMatch(/\/api\/insight\/volume\?by=category&?.*format=csv/);
  });

  it('draws the response-time and channel charts with their summaries', async () => {
    await page.locator('.chart-timing svg').first().waitFor({ timeout: 20_000 });
    expect(await page.locator('section[aria-labelledby="timing-heading"] .insight-summary').textContent()).toMatch(/resolved in [\d.]+ days \(median\)/);
    await page.locator('.chart-channels svg').first().waitFor({ timeout: 20_000 });
    expect(await page.locator('section[aria-labelledby="channels-heading"] .insight-summary').textContent()).toMatch(/Online \(web\) reports were \d+% of all/);
  });

  it('renders the hexagon layer of hot spots with a legend, and the ditch network by condition', async () => {
    const hexagons = () =>
      page.evaluate(() => {
        const map = (window as InsightWindow).__gsInsight?.hotspots;
        if (!map?.isStyleLoaded() || !map.getLayer('hexagons-fill')) return -1;
        return map.queryRenderedFeatures({ layers: ['hexagons-fill'] }).length;
      });
    await page.locator('#hotspots-heading').scrollIntoViewIfNeeded();
    await expect.poll(hexagons, { timeout: 30_000 }).toBeGreaterThan(0);
    const api = await (await fetch(`${server.url}/api/insight/hexagons`)).json();
    expect(api.features.length).toBeGreaterThan(0);
    expect(await page.locator('section[aria-labelledby="hotspots-heading"] .insight-legend li').count()).toBeGreaterThan(0);
    expect(await page.locator('section[aria-labelledby="hotspots-heading"] .insight-summary').textContent()).toContain(`${api.total} reports in ${api.period.from}`);

    const segments = () =>
      page.evaluate(() => {
        const map = (window as InsightWindow).__gsInsight?.network;
        if (!map?.isStyleLoaded() || !map.getLayer('assets-clear')) return [];
        const layers = ['assets-clear', 'assets-partly_blocked', 'assets-blocked', 'assets-collapsed', 'assets-unknown'];
        return [...new Set(map.queryRenderedFeatures({ layers }).map((f) => String(f.properties.condition)))].sort();
      });
    await page.locator('#network-heading').scrollIntoViewIfNeeded();
    await expect.poll(async () => (await segments()).length, { timeout: 30_000 }).toBeGreaterThan(2);
    // The at-risk list, and a segment's history from it.
    await page.locator('.insight-risk button.insight-link').first().click();
    await expect.poll(() => page.locator('.insight-history li').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });

  it('asks for a staff session before the planning dashboard', async () => {
    await page.goto(`${server.url}/#/staff/insight`);
    await expect.poll(() => page.locator('[role="alert"]').first().textContent(), { timeout: 20_000 }).toMatch(/sign in as council staff/);
  });
});
