/**
 * The Hand-off admin page (issue 14), in real headless Chromium against the real API over the
 * demo: an administrator adds a webhook target (its secret is then only "stored"), hands a
 * category to it, and finds an empty dead-letter list; the page passes axe.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '@groundswell/api/test-server';
import { axeProblems, buildWeb, launchBrowser, watchErrors } from './phone.ts';

let server: TestServer;
let browser: Browser;
let page: Page;
let errors: string[];

beforeAll(async () => {
  await buildWeb();
  server = await startTestServer({ demo: true, demoNow: new Date('2026-11-22T12:00:00Z'), config: { handoffSecretKey: Buffer.alloc(32, 9) } });
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-GB', serviceWorkers: 'block' });
  page = await context.newPage();
  errors = watchErrors(page);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('hand-off admin', () => {
  it('adds a webhook target with a write-only secret and hands a category to it', async () => {
    await page.goto(`${server.url}/#/staff/admin/handoff`);
    await page.getByRole('heading', { name: 'Sign in to the staff console' }).waitFor({ timeout: 15_000 });
    await expect.poll(() => page.getByRole('button', { name: 'Sign in' }).isEnabled()).toBe(true);
    await page.getByLabel('Work email').fill('admin@council.example');
    await page.getByLabel('Password', { exact: true }).fill('carse-of-gowrie-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Hand-off', level: 2 }).waitFor({ timeout: 15_000 });
    await page.getByText('No targets yet.').waitFor();

    await page.getByLabel('Name', { exact: true }).fill('Works system');
    await page.getByLabel('Method').selectOption('webhook');
    await page.getByLabel('Webhook URL').fill('https://works.example/hook');
    await page.getByLabel(/^Secret/).fill('shared-secret-123');
    await page.getByRole('button', { name: 'Add target' }).click();
    const targets = page.getByRole('region', { name: 'Targets' }).getByRole('table');
    await expect.poll(() => targets.getByRole('row').filter({ hasText: 'Works system' }).textContent()).toContain('stored');
    expect(await page.locator('body').textContent()).not.toContain('shared-secret-123');

    await page.getByLabel('Category').selectOption('fly_tipping');
    await page.getByLabel('Target', { exact: true }).selectOption({ label: 'Works system' });
    await page.getByRole('button', { name: 'Add rule' }).click();
    const rules = page.getByRole('region', { name: 'Rules' }).getByRole('table');
    await expect.poll(() => rules.getByRole('row').filter({ hasText: 'Works system' }).count()).toBe(1);
    await page.getByText('Nothing here.').waitFor();

    expect(await axeProblems(page)).toEqual([]);
    const api = (await page.evaluate(async () => (await fetch('/api/staff/handoff/rules')).json())) as { rules: Array<{ category: string; target: string }> };
    expect(api.rules).toEqual([expect.objectContaining({ category: 'fly_tipping', target: 'Works system' })]);
    expect(errors).toEqual([]);
  });
});
