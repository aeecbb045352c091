/**
 * Residents' data in the console (issue 16), in real headless Chromium against the real API
 * over the demo: an administrator finds what is held about a resident who reported with an
 * email address, downloads it, and erases it; the report stays on the public map, anonymous.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '@groundswell/api/test-server';
import { axeProblems, buildWeb, launchBrowser, watchErrors } from './phone.ts';

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];
let reportId: string;

beforeAll(async () => {
  await buildWeb();
  server = await startTestServer({ demo: true, demoNow: new Date('2026-11-22T12:00:00Z') });
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-GB', serviceWorkers: 'block' });
  page = await context.newPage();
  errors = watchErrors(page);
  // A resident reports through the public API with her email address.
  const res = await fetch(`${server.url}/api/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': 'resident-data-e2e-1' },
    body: JSON.stringify({
      category: 'litter',
      geometry: { type: 'Point', coordinates: [-3.2186, 56.3942] },
      description: 'Rubbish dumped in the lay-by again',
      answers: {},
      contact: { name: 'Ewa Mieszkanka', email: 'Ewa.M@example.org', phone: '07700 900321' },
      locale: 'en',
    }),
  });
  if (res.status !== 201) throw new Error(`report not made: ${res.status} ${await res.text()}`);
  reportId = ((await res.json()) as { id: string }).id;
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("residents' data", () => {
  it('finds, downloads and erases what is held about a resident', async () => {
    await page.goto(`${server.url}/#/staff/admin/data`);
    await page.getByRole('heading', { name: 'Sign in to the staff console' }).waitFor({ timeout: 15_000 });
    await expect.poll(() => page.getByRole('button', { name: 'Sign in' }).isEnabled()).toBe(true);
    await page.getByLabel('Work email').fill('admin@council.example');
    await page.getByLabel('Password', { exact: true }).fill('carse-of-gowrie-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Residents’ data', level: 2 }).waitFor({ timeout: 15_000 });

    // Nothing typed: said beside the field.
    await page.getByRole('button', { name: 'Find' }).click();
    expect(await page.locator('#c-data-subject-error').textContent()).toBe('Give an email address or a phone number');

    await page.getByLabel('Email address or phone number').fill('ewa.m@EXAMPLE.org');
    await page.getByRole('button', { name: 'Find' }).click();
    const results = page.getByRole('region', { name: 'What is held' });
    // Her report, and the follow of it she agreed to when she sent it.
    await expect.poll(() => results.getByRole('status').textContent()).toBe('Found. Reports with these contact details: 1. Follows: 1.');
    expect(await results.getByRole('table', { name: 'Reports made with these contact details' }).textContent()).toContain('Ewa Mieszkanka, Ewa.M@example.org, 07700 900321');
    expect(await accessibilityOk()).toBe(true);

    const href = await page.getByRole('link', { name: 'Download as a file (JSON)' }).getAttribute('href');
    const file = await page.evaluate(async (h) => (await fetch(h!)).json(), href);
    expect(file.reports.map((r: { id: string }) => r.id)).toEqual([reportId]);

    // The same person found by phone, written differently.
    await page.getByLabel('Email address or phone number').fill('+44 7700 900321');
    await page.getByRole('button', { name: 'Find' }).click();
    await expect.poll(() => results.getByRole('status').textContent()).toBe('Found. Reports with these contact details: 1. Follows: 0.');

    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Erase these personal data' }).click();
    await expect.poll(() => page.locator('.c-alert-ok[role="status"]').textContent()).toBe('Erased. Contact details removed from reports: 1. Follows removed: 0.');
    await expect.poll(() => results.getByRole('status').textContent()).toBe('Found. Reports with these contact details: 0. Follows: 0.');

    // The report itself is still public.
    const publicReport = await (await fetch(`${server.url}/api/reports/${reportId}`)).json();
    expect(publicReport.description ?? publicReport.properties?.description).toContain('Rubbish dumped in the lay-by');
    expect(JSON.stringify(publicReport)).not.toMatch(/Ewa|example\.org|900321/);
    expect(errors).toEqual([]);
  });
});

async function accessibilityOk(): Promise<boolean> {
  const problems = await axeProblems(page);
  if (problems.length) console.error(problems);
  return problems.length === 0;
}
