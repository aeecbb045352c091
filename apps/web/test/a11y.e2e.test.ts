/**
 * Accessibility of every page a resident sees, checked with axe-core in real Chromium on a
 * phone: the home screen, each step of the report flow (with its errors showing), the
 * confirmation, the report page, "My reports" and "Following". No serious or critical
 * violation is allowed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import axe from 'axe-core';
import { startTestServer, type TestServer } from '@groundswell/api/test-server';
import { sql } from '@groundswell/db/testing';
import { buildWeb, launchBrowser, phone, photoWithGps, tapFlowMap, waitForDrawing, watchErrors } from './phone.ts';

declare global {
  interface Window {
    axe?: typeof axe;
  }
}

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];
const checked: string[] = [];

beforeAll(async () => {
  await buildWeb();
  server = await startTestServer({ demo: true });
  browser = await launchBrowser();
  // Beside an open ditch report, so that the "similar reports" step shows too.
  const [row] = await server.database.rows<{ g: string }>(sql`
    select st_asgeojson(r.geom) as g from reports r join categories c on c.id = r.category_id
    where c.code = 'blocked_ditch' and r.geom_type = 'LineString' and r.state in ('new', 'acknowledged', 'in_progress') order by r.id limit 1`);
  const [lon, lat] = (JSON.parse(row!.g) as { coordinates: [number, number][] }).coordinates[0]!;
  context = await phone(browser, { geolocation: { longitude: lon + 0.0002, latitude: lat - 0.0001, accuracy: 10 }, permissions: ['geolocation'] });
  page = await context.newPage();
  errors = watchErrors(page);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

interface Finding {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/** Runs axe on the page as it is now; returns the serious and critical violations. */
async function audit(name: string): Promise<Finding[]> {
  if (!(await page.evaluate(() => !!window.axe))) await page.evaluate(axe.source); // not a script tag: the CSP allows no inline script
  const violations = await page.evaluate(async () => {
    const result = await window.axe!.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact ?? '', help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
  checked.push(name);
  if (process.env.A11Y_DEBUG) console.log('AXE', name, JSON.stringify(violations.map((v) => [v.id, v.impact, v.targets.slice(0, 3)])));
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

async function expectClean(name: string) {
  const findings = await audit(name);
  expect(findings, `${name}: ${JSON.stringify(findings, null, 2)}`).toEqual([]);
}

const next = () => page.locator('button.flow-next').click();
const title = () => page.locator('h1.flow-title').textContent();

describe('accessibility (axe-core, no serious or critical violations)', () => {
  it('home screen, its list, My reports and Following', async () => {
    await page.goto(server.url);
    await page.getByRole('link', { name: 'Report a problem' }).waitFor({ timeout: 15_000 });
    // On a phone the map is first the server's picture (ADR 0004)...
    await page.locator('.map-picture img').first().waitFor({ timeout: 10_000 });
    await expectClean('home, the map as a picture');
    // ...and the interactive map once asked for, here with its base map unreachable (the notice).
    await page.getByRole('button', { name: 'Move the map' }).click();
    await page.locator('.notices .notice').first().waitFor({ timeout: 20_000 });
    await expectClean('home');
    await page.getByRole('button', { name: /^List/ }).click();
    await page.locator('#report-list').waitFor();
    await expectClean('home, list open');
    await page.keyboard.press('Escape');
    await page.getByRole('link', { name: 'My reports' }).click();
    await expect.poll(() => page.locator('h1.page-title').textContent()).toBe('My reports');
    await expectClean('my reports (empty)');
    await page.goto(`${server.url}/#/following`);
    await expect.poll(() => page.locator('h1.page-title').textContent()).toBe('Following');
    await expectClean('following (empty)');
  });

  it('every step of the report flow, with its errors, and the confirmation', async () => {
    await page.goto(`${server.url}/#/`);
    await page.getByRole('link', { name: 'Report a problem' }).click();
    await expect.poll(title, { timeout: 10_000 }).toBe('Where is the problem?');
    await page.locator('.flow-map canvas').waitFor();
    await next();
    await page.locator('.error-summary li').first().waitFor();
    await expectClean('where, with an error');
    await page.getByRole('button', { name: 'Use my location' }).click();
    await expect.poll(() => page.locator('.chosen').textContent()).toContain('Chosen place');
    await page.getByLabel('Search for a village, street or area').fill('Megginch');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.locator('.place-result').first().waitFor();
    await expectClean('where, with search results and a pin');
    await next();

    await expect.poll(title).toBe('What is the problem?');
    await expectClean('what');
    await page.getByRole('button', { name: 'Blocked ditch or drain' }).click();

    await expect.poll(title).toBe('Show it on the map');
    await waitForDrawing(page);
    await next();
    await page.locator('.error-summary li').first().waitFor();
    await expectClean('draw, with an error');
    // The place found by name is away from the ditch: draw beside the phone's position instead.
    await page.getByRole('button', { name: 'Back', exact: true }).click();
    await expect.poll(title).toBe('What is the problem?');
    await page.getByRole('button', { name: 'Back', exact: true }).click();
    await expect.poll(title).toBe('Where is the problem?');
    await page.getByRole('button', { name: 'Use my location' }).click();
    await expect.poll(() => page.locator('#where-locate-status').textContent()).toContain('Found your location');
    await next();
    await page.getByRole('button', { name: 'Blocked ditch or drain' }).click();
    await expect.poll(title).toBe('Show it on the map');
    await waitForDrawing(page);
    await tapFlowMap(page, [
      [-60, 30],
      [60, -30],
    ]);
    await expectClean('draw, while drawing a line');
    await page.getByRole('button', { name: 'Finish line' }).click();
    await expectClean('draw, with a finished line');
    await next();

    await expect.poll(title, { timeout: 10_000 }).toBe('Is it one of these?');
    await expectClean('similar reports');
    await page.getByRole('button', { name: 'Mine is different, continue' }).click();

    await expect.poll(title).toBe('Tell us about it');
    await next();
    await page.locator('.error-summary li').first().waitFor();
    await expectClean('details, with errors');
    await page.getByLabel(/Describe the problem/).fill('Reeds across the ditch');
    await page.getByRole('radio', { name: 'Partly blocked, water still flows' }).check();
    await page.locator('#q-backing_up').getByRole('radio', { name: 'Yes' }).check();
    await expectClean('details, answered, with a question shown by another');
    await next();

    await expect.poll(title).toBe('Add photos');
    await page.locator('#photo-camera').setInputFiles({ name: 'ditch.jpg', mimeType: 'image/jpeg', buffer: await photoWithGps(-3.23, 56.43) });
    await page.locator('.photo-item').waitFor();
    await expectClean('photos, with one photo');
    await next();

    await expect.poll(title).toBe('Your contact details');
    await next();
    await page.locator('.error-summary li').first().waitFor();
    await expectClean('contact, with an error');
    await page.getByLabel(/^Email/).fill('resident@example.org');
    await next();

    await expect.poll(title).toBe('Check and send');
    await expectClean('review');
    await page.getByRole('button', { name: 'Send report' }).click();
    await expect.poll(() => page.locator('h1.page-title').textContent(), { timeout: 20_000 }).toBe('Thank you, your report was sent');
    await expectClean('confirmation');

    await page.getByRole('link', { name: 'Your report’s page' }).click();
    await page.locator('h1#report-heading').waitFor();
    await page.locator('.photos img').first().waitFor();
    await expectClean('report page');
    await page.getByRole('button', { name: 'Follow', exact: true }).click();
    await page.locator('.follow .field-error').waitFor();
    await expectClean('report page, follow form with an error');

    await page.goto(`${server.url}/#/mine`);
    await expect.poll(() => page.locator('.card').count()).toBe(1);
    await expectClean('my reports (one sent)');
  });

  it('checked every page and threw no page errors', () => {
    expect(checked.length).toBeGreaterThanOrEqual(20);
    expect(errors).toEqual([]);
  });
});
