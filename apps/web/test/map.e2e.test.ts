/**
 * The web shell in real headless Chromium on a phone-sized screen, against a stub of the
 * API contract (the full-stack test lives with the API). The base map style is unreachable,
 * as it is in a field without signal: the app must fall back to its plain style, say so,
 * and still draw and open reports.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ensureBuilt } from './ensure-build.ts';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { LINE_VERTEX, startStubApi, UNREACHABLE_STYLE, XSS, type StubApi } from './stub-api.ts';

declare global {
  interface Window {
    __gsMap?: MapLibreMap;
  }
}

const webDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const LAYERS = ['reports-fill', 'reports-outline', 'reports-line', 'reports-point'];

let api: StubApi;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const dialogs: string[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}. Install it (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  }
  const dist = await ensureBuilt(webDir);
  api = await startStubApi(dist);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true, locale: 'en-GB' });
  page = await context.newPage();
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
});

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

/** Ids of the reports MapLibre has drawn, per layer. */
function renderedIds(p: Page) {
  return p.evaluate((layers) => {
    const map = window.__gsMap;
    if (!map?.isStyleLoaded() || layers.some((id) => !map.getLayer(id))) return undefined;
    const out: Record<string, string[]> = {};
    for (const id of layers) out[id] = map.queryRenderedFeatures({ layers: [id] }).map((f) => String(f.properties.id));
    return out;
  }, LAYERS);
}

/** The counts on the cluster circles the map shows (HTML markers over the report tiles' clusters). */
async function clusterCounts(p: Page): Promise<number[]> {
  return (await p.locator('.map-cluster').allTextContents()).map(Number);
}

/** Moves the map to `center` at `zoom` and answers once it has settled and drawn. */
async function jumpTo(p: Page, center: [number, number], zoom: number): Promise<void> {
  await p.evaluate(([c, z]) => window.__gsMap!.jumpTo({ center: c as [number, number], zoom: z as number }), [center, zoom] as const);
  await p.waitForFunction(() => {
    const map = window.__gsMap!;
    return map.loaded() && !map.isMoving() && map.areTilesLoaded();
  });
}

describe('web shell on a phone, offline base map', () => {
  it('falls back to the plain style with a polite notice and still draws every report', async () => {
    await page.goto(api.url);

    const notice = page.locator('.notices .notice');
    await expect.poll(() => notice.textContent(), { timeout: 15_000 }).toContain('The background map could not load; reports are still shown.');
    expect(await page.locator('.notices').getAttribute('role')).toBe('status');
    expect(await page.locator('canvas.maplibregl-canvas').count()).toBe(1);
    expect(await page.locator('.map').getAttribute('aria-label')).toMatch(/map/i);

    // Zoomed out, the report tiles count every report in clusters; the map asks for no GeoJSON list.
    await expect.poll(async () => (await clusterCounts(page)).reduce((a, b) => a + b, 0), { timeout: 20_000 }).toBe(3);
    expect(api.requests.some((r) => r.startsWith('/tiles/reports/'))).toBe(true);
    expect(api.requests.filter((r) => r.startsWith('/api/reports?'))).toEqual([]);
    // Zoomed in, each report is drawn with its shape.
    const shown: Record<string, string[]> = {};
    for (const center of [[-3.33, 56.445], LINE_VERTEX, [-3.12, 56.44]] as Array<[number, number]>) {
      await jumpTo(page, center, 15);
      for (const [layer, ids] of Object.entries((await renderedIds(page)) ?? {})) shown[layer] = [...new Set([...(shown[layer] ?? []), ...ids])].sort();
    }
    expect(shown).toEqual({ 'reports-fill': ['GS-1003'], 'reports-outline': ['GS-1003'], 'reports-line': ['GS-1002'], 'reports-point': ['GS-1001'] });
    expect(await page.locator('.map-cluster').count()).toBe(0);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('.site-name').textContent()).toContain('Carse of Gowrie Council');
  });

  it('opens the summary panel when tapping near the ditch line, showing its description as text', async () => {
    await jumpTo(page, LINE_VERTEX, 15);
    const target = await page.evaluate((vertex) => {
      const map = window.__gsMap!;
      const p = map.project(vertex);
      const rect = map.getContainer().getBoundingClientRect();
      return { x: rect.left + p.x, y: rect.top + p.y };
    }, LINE_VERTEX);
    // A few pixels off the line: a fingertip is not a pixel.
    await page.touchscreen.tap(target.x, target.y + 6);

    const panel = page.locator('aside.sheet-summary');
    await panel.waitFor({ state: 'visible', timeout: 5_000 });
    expect(await panel.locator('h2').textContent()).toBe('Blocked drainage ditch');
    expect(await panel.textContent()).toContain('In progress');
    expect(await panel.locator('.description').textContent()).toContain(XSS);
    expect(await panel.textContent()).toContain('5');
    expect(await panel.locator('a[href="#/reports/GS-1002"]').count()).toBe(1);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.evaluate(() => !!document.activeElement?.closest('aside.sheet-summary'))).toBe(true);

    await page.screenshot({ path: '/tmp/web-shell.png' });

    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached', timeout: 2_000 });
  });

  it('reaches every report without the map through the list', async () => {
    const bounds = [-3.4, 56.38, -3.0, 56.48];
    await page.evaluate((b) => window.__gsMap!.fitBounds(b as [number, number, number, number], { duration: 0 }), bounds);
    const toggle = page.getByRole('button', { name: /^List/ });
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const items = page.locator('#report-list .report-item');
    await expect.poll(() => items.count()).toBe(3);
    expect(await toggle.textContent()).toContain('List (3)');
    // The list asked for the visible area, not the whole world, once it was opened.
    const reportCalls = api.requests.filter((r) => r.startsWith('/api/reports?'));
    expect(reportCalls.length).toBeGreaterThan(0);
    const bbox = new URL(reportCalls.at(-1)!, api.url).searchParams.get('bbox')!.split(',').map(Number);
    expect(bbox).toHaveLength(4);
    expect(bbox[0]).toBeLessThanOrEqual(-3.39);
    expect(bbox[2]).toBeGreaterThanOrEqual(-3.01);
    // Newest first.
    expect(await items.first().textContent()).toContain('Blocked drainage ditch');
    await page.screenshot({ path: '/tmp/web-shell-list.png' });

    await items.filter({ hasText: 'Fly-tipping' }).click();
    const panel = page.locator('aside.sheet-summary');
    await panel.waitFor({ state: 'visible' });
    expect(await panel.textContent()).toContain('Fixed');
    await panel.getByRole('button', { name: 'Close report summary' }).click();
    await panel.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Close list' }).click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
  });
});

describe('web shell on a phone, offline base map', () => {
  it('shows the report page with its public timeline, messages as text', async () => {
    await page.evaluate(() => {
      location.hash = '#/reports/GS-1002';
    });
    const heading = page.locator('h1#report-heading');
    await heading.waitFor({ state: 'visible', timeout: 5_000 });
    expect(await heading.textContent()).toBe('Blocked drainage ditch');
    const timeline = page.locator('ol.timeline > li');
    expect(await timeline.count()).toBe(5);
    expect(await page.locator('.timeline-message').textContent()).toContain(XSS);
    expect(await page.locator('.report').textContent()).toContain('Is water on the road?');
    expect(await page.locator('.report').textContent()).toContain('State changed to “Acknowledged”');
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    await page.screenshot({ path: '/tmp/web-shell-report.png', fullPage: true });

    await page.getByRole('link', { name: 'Back to the map' }).click();
    await heading.waitFor({ state: 'detached' });
    expect(await page.locator('.map-screen').isVisible()).toBe(true);
  });

  it('switches to Polish, including lang, states and category names', async () => {
    await page.getByRole('button', { name: /^PL/ }).click();
    expect(await page.locator('html').getAttribute('lang')).toBe('pl');
    await page.getByRole('button', { name: 'Lista (3)' }).click();
    const list = page.locator('#report-list');
    expect(await list.textContent()).toContain('Zablokowany rów melioracyjny');
    expect(await list.textContent()).toContain('W realizacji');
    await page.screenshot({ path: '/tmp/web-shell-pl.png' });
    await page.keyboard.press('Escape');
    await list.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: /^EN/ }).click();
  });

  it('gives up on a base map style that never answers after about 4 s', async () => {
    api.config.mapStyleUrl = api.hangingStyleUrl;
    const slow = await context.newPage();
    slow.on('pageerror', (error) => pageErrors.push(error.message));
    try {
      const started = Date.now();
      await slow.goto(api.url);
      const notice = slow.locator('.notices .notice');
      await notice.waitFor({ state: 'visible', timeout: 15_000 });
      const waited = Date.now() - started;
      expect(waited).toBeGreaterThanOrEqual(3_500);
      expect(await notice.textContent()).toContain('The background map could not load');
      await expect.poll(async () => (await clusterCounts(slow)).reduce((a, b) => a + b, 0), { timeout: 20_000 }).toBe(3);

      await notice.getByRole('button', { name: 'Dismiss notice' }).click();
      await notice.waitFor({ state: 'detached' });
    } finally {
      api.config.mapStyleUrl = UNREACHABLE_STYLE;
      await slow.close();
    }
  });

  it('never ran script from resident input and threw no page errors', () => {
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
