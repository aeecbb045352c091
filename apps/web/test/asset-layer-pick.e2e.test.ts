/**
 * Picking the lamp (issue 14): a resident reporting a street light fault on a phone is
 * offered the nearest lamp of the council's WFS layer (a recorded GetFeature answer served by
 * a local HTTP server), picks the next one instead, and the report arrives with it.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '@groundswell/api/test-server';
import { sql } from '@groundswell/db/testing';
import { buildWeb, launchBrowser, pastSimilarReports, phone, screenshot, waitForDrawing, watchErrors } from './phone.ts';

type Lamp = { geometry: { coordinates: [number, number] }; properties: { unit_no: string } };
const RECORDED = JSON.parse(readFileSync(new URL('../../api/test/fixtures/asset-layers/wfs-street-lights.json', import.meta.url), 'utf8')) as { features: Lamp[] } & Record<string, unknown>;

let server: TestServer;
let browser: Browser;
let wfs: Server;

beforeAll(async () => {
  await buildWeb();
  server = await startTestServer({ demo: true });
  browser = await launchBrowser();
  wfs = createServer((req, res) => {
    const p = new URL(req.url!, 'http://wfs.test').searchParams;
    const [s, w, n, e] = (p.get('BBOX') ?? '').split(',').map(Number) as [number, number, number, number];
    const ok = p.get('REQUEST') === 'GetFeature' && p.get('OUTPUTFORMAT') === 'application/json' && p.get('BBOX')?.endsWith('urn:ogc:def:crs:EPSG::4326');
    const features = RECORDED.features.filter(
      ({
        geometry: {
          coordinates: [x, y],
        },
      }) => x >= w && x <= e && y >= s && y <= n,
    );
    res.writeHead(ok ? 200 : 400, { 'content-type': 'application/json' }).end(JSON.stringify({ ...RECORDED, features }));
  });
  await new Promise<void>((r) => wfs.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(wfs.address() as AddressInfo).port}/geoserver/wfs`;
  await server.database.rows(sql`insert into asset_layers (name, kind, url, collection, id_field, name_field, category_codes, snap_metres)
    values ('Street lights', 'wfs', ${url}, 'council:street_lights', 'unit_no', 'street', '{street_light}', 30)`);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  wfs?.close();
});

const heading = (page: Page) => page.locator('h1.flow-title');
const next = (page: Page) => page.locator('button.flow-next').click();

describe('picking the lamp', () => {
  it('offers the nearest lamp, and the resident picks the next one', async () => {
    const lamp = RECORDED.features.find((f) => f.properties.unit_no === 'LP-104')!;
    const here: [number, number] = [lamp.geometry.coordinates[0] + 0.00003, lamp.geometry.coordinates[1] + 0.00002];
    const context = await phone(browser, { geolocation: { longitude: here[0], latitude: here[1], accuracy: 5 }, permissions: ['geolocation'] });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}/#/report`);
    await expect.poll(() => heading(page).textContent(), { timeout: 15_000 }).toBe('Where is the problem?');
    await page.getByRole('button', { name: 'Use my location' }).click();
    await expect.poll(() => page.locator('.chosen').textContent()).toContain('Chosen place');
    await next(page);
    await expect.poll(() => heading(page).textContent()).toBe('What is the problem?');
    await page.getByRole('button', { name: 'Street light fault' }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Show it on the map');
    await waitForDrawing(page);
    if ((await page.locator('.step-draw .chosen').textContent())?.startsWith('Nothing')) await page.getByRole('button', { name: 'Add a point at the cross' }).click();
    await expect.poll(() => page.locator('.asset-choice legend').textContent(), { timeout: 15_000 }).toBe('Is it this one? LP-104 (Street lights)');
    expect(await page.getByRole('radio', { name: /^LP-104 High Street/ }).isChecked()).toBe(true);
    await screenshot(page, 'asset-offered');
    await page.getByRole('radio', { name: /^LP-105 High Street/ }).check();
    await next(page);
    await pastSimilarReports(page);
    const description = `Lamp out by the church ${Date.now()}`;
    await page.getByLabel(/Describe the problem/).fill(description);
    await page.getByRole('radio', { name: 'It is not working' }).check();
    await next(page);
    await expect.poll(() => heading(page).textContent()).toBe('Add photos');
    await next(page);
    await expect.poll(() => heading(page).textContent()).toBe('Your contact details');
    await page.getByLabel(/^Email/).fill('resident@example.org');
    await next(page);
    await expect.poll(() => heading(page).textContent()).toBe('Check and send');
    await page.getByRole('button', { name: 'Send report' }).click();
    await expect.poll(() => page.locator('h1.page-title').textContent(), { timeout: 20_000 }).toBe('Thank you, your report was sent');
    const rows = await server.database.rows<{ asset: { id: string; name: string; layer: string; verified: boolean } }>(
      sql`select external_asset as asset from reports where description = ${description}`,
    );
    expect(rows).toEqual([{ asset: { layer: 'Street lights', id: 'LP-105', name: 'High Street', verified: true } }]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
