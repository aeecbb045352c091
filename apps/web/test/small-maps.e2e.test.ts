/**
 * Maps where people look (issue 12), on a phone against the real API with the demo data and
 * the configured base map unreachable (startTestServer points it at a closed port): the
 * report page first shows the server's picture of the report's place (ADR 0004), with the
 * report's line in it and no map library asked for; "Move the map" starts MapLibre, which draws
 * the line over the council's own base map, served by us as vector tiles with the village
 * names; the review step shows the drawn line; and the "base map could not load" notice never
 * covers the drawing area.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page, Request } from 'playwright-core';
import { startTestServer, type TestServer } from '@groundswell/api/test-server';
import { sql } from '@groundswell/db/testing';
import { axeProblems, buildWeb, launchBrowser, pastSimilarReports, phone, screenshot, tapFlowMap, waitForDrawing, watchErrors } from './phone.ts';

declare global {
  interface Window {
    __gsSmallMap?: import('maplibre-gl').Map;
  }
}

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  await buildWeb();
  server = await startTestServer({ demo: true });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The public demo line report nearest to a village, and that village with its place. */
async function lineReportNearAVillage(): Promise<{ id: string; village: string; at: [number, number] }> {
  const [row] = await server.database.rows<{ id: string; village: string; at: [number, number] }>(sql`
    select r.public_id as id, p.name as village, json_build_array(ST_X(p.geom), ST_Y(p.geom)) as at
    from reports r cross join lateral (select name, geom from places order by places.geom <-> r.point limit 1) p
    where r.geom_type = 'LineString' and r.state not in ('hidden') and r.merged_into_id is null
    order by ST_Distance(r.geom::geography, p.geom::geography) limit 1`);
  if (!row) throw new Error('the demo data has no line report');
  return row;
}

/** What the small map has drawn: its base (style and rendered layers) and the report's shape. */
function smallMapState(page: Page) {
  return page.evaluate(() => {
    const map = window.__gsSmallMap;
    if (!map?.isStyleLoaded() || !map.getLayer('place-line') || !map.areTilesLoaded()) return undefined;
    const names = (layer: string) => map.queryRenderedFeatures({ layers: [layer] }).map((f) => String(f.properties.name));
    return {
      style: map.getStyle().name,
      line: map.queryRenderedFeatures({ layers: ['place-line'] }).length,
      places: names('base-places'),
      ditches: map.queryRenderedFeatures({ layers: ['base-ditches'] }).length,
      interactive: map.getCanvas().getAttribute('tabindex'),
      label: map.getCanvas().getAttribute('aria-label'),
      describedBy: map.getCanvas().getAttribute('aria-describedby'),
    };
  });
}

const overlaps = (a: { x: number; y: number; width: number; height: number }, b: { x: number; y: number; width: number; height: number }) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('maps where people look, with the base map unreachable', () => {
  it("shows the report page's words and a picture of the report's line first, and MapLibre's small map, movable, when asked", async () => {
    const report = await lineReportNearAVillage();
    // No service worker: its precache would fetch the chunk itself, out of the page's sight.
    const context = await phone(browser, { serviceWorkers: 'block' });
    const page = await context.newPage();
    const errors = watchErrors(page);
    const baseTiles: Request[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/tiles/base/')) baseTiles.push(r);
    });
    // The build puts MapLibre in a chunk of its own (vite.config.ts): it must not be asked for until the resident asks.
    let askedLibrary = false;
    await page.route(/\/assets\/maplibre-[\w-]+\.js$/, async (route) => {
      askedLibrary = true;
      await route.continue();
    });
    try {
      await page.goto(`${server.url}/#/reports/${report.id}`);
      await page.locator('h1#report-heading').waitFor({ timeout: 15_000 });
      expect(await page.locator('#report-where').textContent()).toMatch(/\S/);
      expect(await page.getByRole('button', { name: 'Follow', exact: true }).isVisible()).toBe(true);
      expect(await page.getByRole('link', { name: 'Back to the map' }).isVisible()).toBe(true);

      // The picture: an image named as the map was, described by the words, drawn by our server with the line in it.
      const picture = page.getByRole('img', { name: 'Map of the reported place' });
      await page.waitForFunction(
        () => {
          const img = document.querySelector<HTMLImageElement>('.small-map img');
          return !!img && img.complete && img.naturalWidth > 0;
        },
        undefined,
        { timeout: 20_000 },
      );
      expect(await picture.getAttribute('aria-describedby')).toBe('report-where');
      const src = (await picture.getAttribute('src'))!;
      expect(src).toContain(`report=${report.id}`);
      const svg = await (await fetch(new URL(src, server.url))).text();
      expect(svg).toMatch(/<g class="highlight"><path d="M [^"]+" fill="none" stroke="#ffffff"/);
      const [w, h] = [Number(/ width="(\d+)"/.exec(svg)![1]), Number(/ height="(\d+)"/.exec(svg)![1])];
      const pictureBox = (await picture.boundingBox())!;
      // Measured from the page's heading: the report panel scrolls on its own, and moving the keyboard's
      // focus to the map scrolls it into view, which moves everything alike; a layout jump would not.
      const heading = page.locator('h1#report-heading');
      const pictureFromHeading = pictureBox.y - (await heading.boundingBox())!.y;
      expect(Math.abs(pictureBox.width - w)).toBeLessThanOrEqual(1);
      expect(Math.abs(pictureBox.height - h)).toBeLessThanOrEqual(1);
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(1000);
      expect(askedLibrary).toBe(false);
      expect(await page.locator('.small-map canvas').count()).toBe(0);
      expect(await axeProblems(page)).toEqual([]);
      await screenshot(page, 'report-page-picture');

      // From the keyboard (the point and area test below taps it).
      await page.getByRole('button', { name: 'Move the map' }).press('Enter');
      await expect
        .poll(() => smallMapState(page), { timeout: 30_000 })
        .toMatchObject({ style: 'Groundswell offline', interactive: '0', label: 'Map of the reported place', describedBy: 'report-where' });
      expect(askedLibrary).toBe(true);
      await expect.poll(async () => (await smallMapState(page))?.line, { timeout: 10_000 }).toBeGreaterThan(0);
      // The same place, the same size: the picture made way without a jump.
      await expect.poll(() => page.locator('.small-map img').count(), { timeout: 15_000 }).toBe(0);
      const canvasBox = (await page.locator('.small-map canvas').boundingBox())!;
      expect(Math.abs(canvasBox.width - pictureBox.width)).toBeLessThanOrEqual(1);
      expect(Math.abs(canvasBox.y - (await heading.boundingBox())!.y - pictureFromHeading)).toBeLessThanOrEqual(1);
      // The focused map is wholly in view.
      expect(canvasBox.y + canvasBox.height).toBeLessThanOrEqual(page.viewportSize()!.height + 1);
      // Moved to the nearest village (which of the demo's reports is public, and so how far its
      // nearest village is from the report's own view, changes with the hour the demo is made at),
      // the village is in the base tiles loaded there…
      await page.evaluate((at) => window.__gsSmallMap!.jumpTo({ center: at }), report.at);
      const tileNames = () => page.evaluate(() => window.__gsSmallMap!.querySourceFeatures('council-base', { sourceLayer: 'places' }).map((f) => String(f.properties.name)));
      await expect.poll(tileNames, { timeout: 10_000 }).toContain(report.village);
      // …and its name is drawn (labels need no glyph server).
      await expect.poll(async () => (await smallMapState(page))?.places, { timeout: 10_000 }).toContain(report.village);
      // The base tiles came from our server, and answered.
      expect(baseTiles.length).toBeGreaterThan(0);
      expect(baseTiles.every((r) => new URL(r.url()).origin === server.url)).toBe(true);
      const answered = await Promise.all(baseTiles.map(async (r) => (await r.response())?.status()));
      expect(answered.every((s) => s === 200 || s === 304)).toBe(true);
      // Asked for, it moves: zoom buttons.
      expect(await page.locator('.small-map .maplibregl-ctrl-zoom-in').count()).toBe(1);
      // The button that asked has gone: the focus is on the map that replaced it.
      expect(await page.evaluate(() => !!document.activeElement?.closest('.small-map') && document.activeElement.classList.contains('maplibregl-canvas'))).toBe(true);
      await screenshot(page, 'report-page-small-map');
      expect(errors).toEqual([]);
    } finally {
      await page.unrouteAll({ behavior: 'ignoreErrors' });
      await context.close();
    }
  });

  it('draws a point report as a dot at its place and an area report as an area, each in its category colour', async () => {
    const rows = await server.database.rows<{ id: string; type: string; x: number; y: number; colour: string }>(sql`
      select distinct on (r.geom_type) r.public_id as id, r.geom_type as type, ST_X(r.point) as x, ST_Y(r.point) as y, c.color as colour
      from reports r join categories c on c.id = r.category_id
      where r.geom_type in ('Point', 'Polygon') and r.state <> 'hidden' and r.merged_into_id is null order by r.geom_type, r.id`);
    expect(rows.map((r) => r.type)).toEqual(['Point', 'Polygon']);
    const context = await phone(browser);
    const page = await context.newPage();
    const errors = watchErrors(page);
    try {
      for (const row of rows) {
        await page.goto(`${server.url}/#/reports/${row.id}`);
        await page.locator('h1#report-heading').waitFor({ timeout: 15_000 });
        await page.getByRole('button', { name: 'Move the map' }).click();
        const layer = row.type === 'Point' ? 'place-point' : 'place-fill';
        const drawn = () =>
          page.evaluate(
            ([layer, id]) => {
              const map = window.__gsSmallMap;
              if (!map?.isStyleLoaded() || !map.getLayer(layer!) || !document.querySelector('.small-map')?.contains(map.getContainer())) return undefined;
              const c = map.getCenter();
              const paint = map.getPaintProperty(layer!, layer === 'place-point' ? 'circle-color' : 'fill-color');
              return { id, n: map.queryRenderedFeatures({ layers: [layer!] }).length, colour: paint, center: [c.lng, c.lat] };
            },
            [layer, row.id],
          );
        await expect.poll(async () => (await drawn())?.n ?? 0, { timeout: 20_000 }).toBeGreaterThan(0);
        const state = (await drawn())!;
        expect(state.colour).toBe(row.colour);
        if (row.type === 'Point') {
          expect(state.center[0]).toBeCloseTo(Number(row.x), 5);
          expect(state.center[1]).toBeCloseTo(Number(row.y), 5);
        }
      }
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('keeps the notice off the drawing area, and shows the drawn line on the review step', async () => {
    const [ditch] = await server.database.rows<{ x: number; y: number }>(sql`
      select ST_X(r.point) as x, ST_Y(r.point) as y from reports r join categories c on c.id = r.category_id
      where c.code = 'blocked_ditch' and r.geom_type = 'LineString' order by r.id limit 1`);
    const here = { longitude: Number(ditch!.x) + 0.0003, latitude: Number(ditch!.y) + 0.0002, accuracy: 8 };
    const context = await phone(browser, { geolocation: here, permissions: ['geolocation'] });
    const page = await context.newPage();
    const errors = watchErrors(page);
    const heading = page.locator('h1.flow-title');
    const next = () => page.locator('button.flow-next').click();
    try {
      await page.goto(`${server.url}/#/report`);
      await expect.poll(() => heading.textContent(), { timeout: 15_000 }).toBe('Where is the problem?');
      await page.getByRole('button', { name: 'Use my location' }).click();
      await expect.poll(() => page.locator('.chosen').textContent()).toContain('Chosen place');
      await next();
      await expect.poll(() => heading.textContent()).toBe('What is the problem?');
      await page.getByRole('button', { name: 'Blocked ditch or drain' }).click();
      await expect.poll(() => heading.textContent()).toBe('Show it on the map');
      await waitForDrawing(page);

      // The notice is shown, above the map: not on its canvas, where the resident draws.
      const notice = page.locator('.map-badge');
      await expect.poll(() => notice.textContent(), { timeout: 15_000 }).toContain('The background map could not load');
      expect(await notice.isVisible()).toBe(true);
      const noticeBox = (await notice.boundingBox())!;
      const canvasBox = (await page.locator('.flow-map canvas.maplibregl-canvas').boundingBox())!;
      expect(canvasBox.height).toBeGreaterThan(150);
      expect(overlaps(noticeBox, canvasBox)).toBe(false);
      expect(noticeBox.y + noticeBox.height).toBeLessThanOrEqual(canvasBox.y + 1);
      await screenshot(page, 'draw-with-notice');

      await tapFlowMap(page, [
        [-80, 40],
        [80, -40],
      ]);
      await page.getByRole('button', { name: 'Finish line' }).click();
      await expect.poll(() => page.locator('.step-draw .chosen').textContent()).toMatch(/^Line drawn: 2 points/);
      await next();

      await expect.poll(() => heading.textContent(), { timeout: 10_000 }).not.toBe('Show it on the map');
      await pastSimilarReports(page);
      await page.getByLabel(/Describe the problem/).fill(`Reeds in the ditch ${Date.now()}`);
      await page.getByRole('radio', { name: 'Partly blocked, water still flows' }).check();
      await page.locator('#q-backing_up').getByRole('radio', { name: 'No' }).check();
      await next();
      await expect.poll(() => heading.textContent()).toBe('Add photos');
      await next();
      await expect.poll(() => heading.textContent()).toBe('Your contact details');
      await page.getByLabel(/^Email/).fill('resident@example.org');
      await next();
      await expect.poll(() => heading.textContent()).toBe('Check and send');
      // The notice belongs to the map steps only.
      expect(await notice.isVisible()).toBe(false);

      await expect.poll(() => smallMapState(page), { timeout: 30_000 }).toMatchObject({ style: 'Groundswell offline', label: 'Map of the reported place', describedBy: 'review-where' });
      await expect.poll(async () => (await smallMapState(page))?.line, { timeout: 10_000 }).toBeGreaterThan(0);
      expect(await page.locator('#review-where').textContent()).toMatch(/\S/);
      // The line drawn is the line shown: its two points, in the category's colour.
      const shown = await page.evaluate(() => {
        const map = window.__gsSmallMap!;
        const source = map.getStyle().sources['place-shape'] as { data: { geometry: { type: string; coordinates: number[][] } } };
        return { geometry: source.data.geometry, colour: map.getPaintProperty('place-line', 'line-color') };
      });
      expect(shown.geometry.type).toBe('LineString');
      expect(shown.geometry.coordinates).toHaveLength(2);
      expect(shown.colour).toMatch(/^#[0-9a-f]{6}$/i);
      await screenshot(page, 'review-small-map');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
