/**
 * Issue 12, officers at 1366×768: the console's header is one row, in Polish (the longer
 * words) as in English, so the triage list keeps its eight reports in sight. Real API, demo
 * data, an administrator (the most links), headless Chromium.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '@groundswell/api/test-server';
import en from '../src/console/i18n/en.ts';
import pl from '../src/console/i18n/pl.ts';
import { axeProblems, buildWeb, launchBrowser, watchErrors } from './phone.ts';

const PASSWORD = 'carse-of-gowrie-demo';
const ADMIN = 'admin@council.example';

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

describe('the console header at 1366×768', () => {
  for (const [locale, words] of [
    ['pl-PL', pl],
    ['en-GB', en],
  ] as const) {
    it(`is one row in ${locale}, every link and button in sight`, async () => {
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale, serviceWorkers: 'block' });
      const page = await context.newPage();
      const errors = watchErrors(page);
      try {
        await page.goto(`${server.url}/#/staff`);
        await page.getByLabel(words.login.email).fill(ADMIN);
        await page.getByLabel(words.login.password, { exact: true }).fill(PASSWORD);
        await page.getByRole('button', { name: words.login.submit, exact: true }).click();
        await page.locator('.c-triage').waitFor({ timeout: 20_000 });
        await page.getByRole('link', { name: words.app.triage, exact: true }).waitFor();
        const layout = await page.evaluate(() => {
          const bar = document.querySelector('.c-topbar')!;
          const parts = [...bar.children].map((el) => el.getBoundingClientRect());
          const controls = [...bar.querySelectorAll('a, button')].map((el) => {
            const r = el.getBoundingClientRect();
            return { text: (el.textContent ?? '').trim(), top: r.top, bottom: r.bottom, left: r.left, right: r.right };
          });
          return { height: bar.getBoundingClientRect().height, tops: parts.map((r) => r.top), controls, overflow: bar.scrollWidth - bar.clientWidth };
        });
        // One row: a control is about 34 px tall; two rows would be 70 px or more.
        expect(layout.height, JSON.stringify(layout.controls)).toBeLessThan(52);
        const rowTop = Math.min(...layout.controls.map((c) => c.top));
        for (const c of layout.controls) {
          expect(c.top - rowTop, c.text).toBeLessThan(12);
          expect(c.left, c.text).toBeGreaterThanOrEqual(0);
          expect(c.right, c.text).toBeLessThanOrEqual(1366);
        }
        expect(layout.overflow).toBeLessThanOrEqual(0);
        expect(layout.controls.map((c) => c.text)).toContain(words.app.signOutEverywhere);
        await page.screenshot({ path: `/tmp/console-header-${locale}.png`, clip: { x: 0, y: 0, width: 1366, height: 80 } });
        expect(await axeProblems(page)).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});
