/**
 * Shared by the end-to-end tests that drive the real API: Debian's Chromium as a phone
 * (390×844, touch), the built app served by `startTestServer`, a generated photo with a GPS
 * position in its EXIF, and small helpers to read the report flow's map.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import axe from 'axe-core';
import { expect } from 'vitest';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { ensureBuilt } from './ensure-build.ts';

declare global {
  interface Window {
    axe?: typeof axe;
    __gsMap?: MapLibreMap;
    __gsFlowMap?: MapLibreMap;
  }
}

export const webDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function buildWeb(): Promise<void> {
  await ensureBuilt(webDir);
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}. Install it (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
}

/** A phone: 390×844 CSS pixels, touch, mobile. */
export function phone(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true, locale: 'en-GB', ...options });
}

/** Collects uncaught page errors, so a test can assert there were none. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** A small JPEG (640×480, green) whose EXIF says where it was taken. Made with sharp, which the API depends on. */
export async function photoWithGps(lon: number, lat: number): Promise<Buffer> {
  const require = createRequire(join(webDir, '..', 'api', 'package.json'));
  const sharp = require('sharp') as (options: object) => {
    withExif(exif: object): { jpeg(o: object): { toBuffer(): Promise<Buffer> } };
  };
  const dms = (v: number) => {
    const a = Math.abs(v);
    const d = Math.floor(a);
    const m = Math.floor((a - d) * 60);
    const s = Math.round(((a - d) * 60 - m) * 60 * 100);
    return `${d}/1 ${m}/1 ${s}/100`;
  };
  return sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 46, g: 125, b: 70 } } })
    .withExif({ IFD3: { GPSLatitudeRef: lat < 0 ? 'S' : 'N', GPSLatitude: dms(lat), GPSLongitudeRef: lon < 0 ? 'W' : 'E', GPSLongitude: dms(lon) } })
    .jpeg({ quality: 80 })
    .toBuffer();
}

/** Waits until the report flow's map has terra-draw's layers (drawing can start). */
export async function waitForDrawing(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const map = window.__gsFlowMap;
      return !!map && map.isStyleLoaded() && (map.getStyle().layers ?? []).some((l) => l.id.startsWith('td-'));
    },
    undefined,
    { timeout: 20_000 },
  );
}

/**
 * From the step after the drawing to "Tell us about it". The similar-reports step comes only
 * when its check, answered asynchronously, finds some: wait for whichever heading comes, and
 * pass the similar reports by when they came.
 */
export async function pastSimilarReports(page: Page): Promise<void> {
  const heading = page.locator('h1.flow-title');
  await expect.poll(() => heading.textContent()).toMatch(/^(Is it one of these\?|Tell us about it)$/);
  if ((await heading.textContent()) === 'Is it one of these?') await page.getByRole('button', { name: 'Mine is different, continue' }).click();
  await expect.poll(() => heading.textContent()).toBe('Tell us about it');
}

/** The page position of a map pixel offset from the flow map's centre. */
export async function flowMapPoint(page: Page, dx: number, dy: number): Promise<{ x: number; y: number }> {
  return page.evaluate(
    ([dx, dy]) => {
      const rect = window.__gsFlowMap!.getCanvas().getBoundingClientRect();
      return { x: rect.left + rect.width / 2 + dx!, y: rect.top + rect.height / 2 + dy! };
    },
    [dx, dy],
  );
}

/** Taps the flow map at offsets from its centre, pausing between taps as a finger does. */
export async function tapFlowMap(page: Page, offsets: [number, number][]): Promise<void> {
  for (const [dx, dy] of offsets) {
    const p = await flowMapPoint(page, dx, dy);
    await page.touchscreen.tap(p.x, p.y);
    await page.waitForTimeout(350);
  }
}

let shot = 0;
/** A phone screenshot in /tmp, numbered in the order taken. */
export async function screenshot(page: Page, name: string): Promise<void> {
  shot += 1;
  await page.screenshot({ path: `/tmp/flow-${String(shot).padStart(2, '0')}-${name}.png` });
}

/** axe-core on the page as it is now: the serious and critical violations (expected: none). */
export async function axeProblems(page: Page): Promise<{ id: string; targets: string[] }[]> {
  if (!(await page.evaluate(() => !!window.axe))) await page.evaluate(axe.source); // not a script tag: the CSP allows no inline script
  return page.evaluate(async () => {
    const result = await window.axe!.run(document, { resultTypes: ['violations'] });
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
}
