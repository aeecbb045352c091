/**
 * The Teams admin page (issue 12: teams get names per language), in real headless Chromium
 * against the real API over the demo: an administrator gives a team its Polish name and
 * mailbox, adds a team (a bad code is refused beside its field), and the API then has both.
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
  server = await startTestServer({ demo: true, demoNow: new Date('2026-11-22T12:00:00Z') });
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-GB', serviceWorkers: 'block' });
  page = await context.newPage();
  errors = watchErrors(page);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('teams admin', () => {
  it('names a team in Polish, sets its mailbox and adds a team', async () => {
    await page.goto(`${server.url}/#/staff/admin/teams`);
    await page.getByRole('heading', { name: 'Sign in to the staff console' }).waitFor({ timeout: 15_000 });
    await expect.poll(() => page.getByRole('button', { name: 'Sign in' }).isEnabled()).toBe(true);
    await page.getByLabel('Work email').fill('admin@council.example');
    await page.getByLabel('Password', { exact: true }).fill('carse-of-gowrie-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Teams', level: 2 }).waitFor({ timeout: 15_000 });

    const table = page.getByRole('region', { name: 'Teams' }).getByRole('table');
    const first = table.getByRole('row').nth(1);
    const teamName = (await first.getByRole('cell').nth(1).textContent())!;
    await page.getByRole('button', { name: `Edit ${teamName}` }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('c-team-name');
    expect(await page.getByLabel('Code', { exact: true }).isDisabled()).toBe(true);
    await page.getByLabel('Name in Polish').fill('Zespół testowy ąęł');
    await page.getByLabel('Team mailbox').fill('team@council.example');
    await page.getByRole('button', { name: 'Save the changes' }).click();
    await expect.poll(() => page.locator('.c-alert-ok').textContent()).toBe(`${teamName} saved.`);
    await expect.poll(() => table.getByRole('row').filter({ hasText: teamName }).textContent()).toContain('Zespół testowy ąęł');

    // A new team: a code with spaces is refused beside the field, then corrected.
    await page.getByLabel('Code', { exact: true }).fill('Winter Gritting');
    await page.getByLabel('Name', { exact: true }).fill('Winter gritting');
    await page.getByRole('button', { name: 'Add the team' }).click();
    await expect.poll(() => page.locator('#c-team-code').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Code', { exact: true }).fill('gritting');
    await page.getByRole('button', { name: 'Add the team' }).click();
    await expect.poll(() => page.locator('.c-alert-ok').textContent()).toBe('Winter gritting saved.');
    await expect.poll(() => table.getByRole('row').filter({ hasText: 'gritting' }).count()).toBe(1);

    const problems = await axeProblems(page);
    expect(problems).toEqual([]);
    const teams = (await page.evaluate(async () => (await fetch('/api/staff/teams')).json())) as { teams: Array<{ code: string; name: string; names: Record<string, string>; email: string | null }> };
    expect(teams.teams.find((t) => t.name === teamName)).toMatchObject({ names: { pl: 'Zespół testowy ąęł' }, email: 'team@council.example' });
    expect(teams.teams.find((t) => t.code === 'gritting')).toMatchObject({ name: 'Winter gritting', names: {}, email: null });
    expect(errors).toEqual([]);
  });
});
