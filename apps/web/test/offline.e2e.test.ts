/**
 * Offline on a phone, against the real API: the app is loaded once (the service worker
 * installs and keeps the shell), then the signal goes. A report with a photo is made and
 * waits in the outbox; the page is reloaded without signal (the worker serves the app); the
 * first send "reaches the server but the answer is lost"; the signal returns. Exactly one
 * report, with its photo, must arrive, and the outbox must empty.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '@groundswell/api/test-server';
import { sql } from '@groundswell/db/testing';
import { buildWeb, launchBrowser, phone, photoWithGps, screenshot, tapFlowMap, waitForDrawing, watchErrors } from './phone.ts';

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];

beforeAll(async () => {
  await buildWeb();
  server = await startTestServer({ demo: true });
  browser = await launchBrowser();
  context = await phone(browser);
  page = await context.newPage();
  errors = watchErrors(page);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

const description = `Bags of rubbish in the lay-by, no signal here ${Date.now()}`;

async function arrived(): Promise<{ publicId: string; photos: number }[]> {
  return server.database.rows(sql`
    select r.public_id as "publicId", (select count(*)::int from photos p where p.report_id = r.id) as photos
    from reports r where r.description = ${description}`);
}

/** The outbox in IndexedDB, read directly: [key, body, created?] of each entry. */
function outbox(p: Page) {
  return p.evaluate(
    () =>
      new Promise<{ key: string; body: unknown; created: boolean; photos: number }[]>((resolve, reject) => {
        const open = indexedDB.open('groundswell');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('outbox')) return resolve([]);
          const all = db.transaction('outbox').objectStore('outbox').getAll();
          all.onsuccess = () =>
            resolve((all.result as { key: string; body: unknown; created?: unknown; photos: Blob[] }[]).map((e) => ({ key: e.key, body: e.body, created: !!e.created, photos: e.photos.length })));
          all.onerror = () => reject(all.error);
        };
      }),
  );
}

const next = () => page.locator('button.flow-next').click();
const title = () => page.locator('h1.flow-title').textContent();

describe('offline', () => {
  it('installs the service worker, which keeps the shell and what the app needs to start', async () => {
    await page.goto(server.url);
    await page.getByRole('link', { name: 'Report a problem' }).waitFor({ timeout: 15_000 });
    await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => page.evaluate(async () => !!(await caches.match('/api/config')) && !!(await caches.match('/api/categories'))), { timeout: 20_000 }).toBe(true);
    const manifest = await page.evaluate(async () => (await fetch('/manifest.webmanifest')).json());
    expect(manifest).toMatchObject({ short_name: 'Groundswell', display: 'standalone', start_url: '/' });
    expect((manifest as { icons: { sizes: string }[] }).icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
  });

  it('makes a report with a photo without signal; it waits to send', async () => {
    await context.setOffline(true);
    await expect.poll(() => page.locator('.notice-offline').isVisible()).toBe(true);
    await page.getByRole('link', { name: 'Report a problem' }).click();
    await expect.poll(title, { timeout: 10_000 }).toBe('Where is the problem?');
    // No GPS, no place search without signal: the map.
    await page.locator('.flow-map canvas').waitFor();
    await tapFlowMap(page, [[0, 0]]);
    await expect.poll(() => page.locator('.chosen').textContent()).toContain('Chosen place');
    await screenshot(page, 'offline-where');
    await next();
    await page.getByRole('button', { name: 'Litter' }).click();
    await expect.poll(title).toBe('Show it on the map');
    await waitForDrawing(page);
    await expect.poll(() => page.locator('.step-draw .chosen').textContent()).toContain('Placed: A point at');
    await next();
    // Nearby reports cannot be asked for: straight on to the details.
    await expect.poll(title).toBe('Tell us about it');
    await page.getByLabel(/Describe the problem/).fill(description);
    await next();
    await expect.poll(title).toBe('Add photos');
    await page.locator('#photo-gallery').setInputFiles({ name: 'layby.jpg', mimeType: 'image/jpeg', buffer: await photoWithGps(-3.2, 56.42) });
    await page.locator('.photo-item').waitFor();
    await next();
    await expect.poll(title).toBe('Your contact details');
    await next();
    await expect.poll(title).toBe('Check and send');
    expect(await page.locator('.step-review').textContent()).toContain('You are offline: the report will be kept on this device');
    await page.getByRole('button', { name: 'Send report' }).click();

    await expect.poll(() => page.locator('h1.page-title').textContent()).toBe('Your report is saved and waiting to send');
    expect(await page.locator('.outbox-status').textContent()).toContain('Waiting to send');
    await screenshot(page, 'offline-waiting');
    const entries = await outbox(page);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ created: false, photos: 1 });
    expect(entries[0]!.key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(await arrived()).toEqual([]);
  });

  it('reloads without signal: the service worker serves the app, and the report still waits', async () => {
    await page.reload();
    // Still on the confirmation page, which reads the outbox again.
    await expect.poll(() => page.locator('h1.page-title').textContent(), { timeout: 15_000 }).toBe('Your report is saved and waiting to send');
    await page.getByRole('link', { name: 'Back to the map' }).first().click();
    await page.getByRole('link', { name: 'My reports (1 waiting)' }).click();
    await expect.poll(() => page.locator('h1.page-title').textContent()).toBe('My reports');
    expect(await page.locator('.card[data-state="waiting"]').textContent()).toContain('Waiting to send');
    await screenshot(page, 'offline-mine');
    expect(await arrived()).toEqual([]);
  });

  it('sends it exactly once when the signal returns, even though a first attempt reached the server unanswered', async () => {
    // The first attempt got through, but its answer was lost on the way back: the server has
    // the report under this entry's Idempotency-Key, the phone does not know.
    const [entry] = await outbox(page);
    const first = await fetch(`${server.url}/api/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': entry!.key },
      body: JSON.stringify(entry!.body),
    });
    expect(first.status).toBe(201);
    const { id } = (await first.json()) as { id: string };
    expect(await arrived()).toEqual([{ publicId: id, photos: 0 }]);

    await context.setOffline(false);
    // The `online` event sends it: the server replays its first answer, the photo follows.
    await expect.poll(arrived, { timeout: 20_000, interval: 250 }).toEqual([{ publicId: id, photos: 1 }]);
    await expect.poll(() => outbox(page), { timeout: 10_000 }).toEqual([]);
    await expect.poll(() => page.locator('section[aria-labelledby="sent-heading"]').textContent()).toContain(id);
    expect(await page.locator('.card[data-state="waiting"]').count()).toBe(0);
    await screenshot(page, 'offline-sent');

    // And it stays once: more `online` events and a reload send nothing more.
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await page.reload();
    await expect.poll(() => page.locator('section[aria-labelledby="sent-heading"]').textContent(), { timeout: 15_000 }).toContain(id);
    await page.waitForTimeout(1000);
    expect(await arrived()).toEqual([{ publicId: id, photos: 1 }]);
    expect(errors).toEqual([]);
  });
});
