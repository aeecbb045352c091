/**
 * Issue 12, "My reports on any device", in real headless Chromium as a phone, against the
 * real API over a fresh demo database. Rhona made a report with her email and follows an
 * area; on a second phone she asks for a sign-in link from "My reports", reads it from the
 * email the job queue writes, and sees the report and both follows. She stops all emails,
 * then erases her contact details: the report stays public and unchanged, her details and
 * follows are gone, and she is signed out. The link works once; the page speaks Polish too.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { sql } from '@groundswell/db/testing';
import { startTestServer, type TestServer } from '@groundswell/api/test-server';
import { axeProblems, buildWeb, launchBrowser, phone, watchErrors } from './phone.ts';

const RHONA = 'Rhona.Reporter@example.org';
const SIGNED_IN_AS = 'Signed in as rhona.reporter@example.org';

let server: TestServer;
let browser: Browser;
let reportId: string;

/** The emails written so far to one address, oldest first, quoted-printable undone. */
function mailsTo(email: string): string[] {
  const dir = join(server.dataDir, 'mail');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .filter((m) => new RegExp(`^To: ${email.replace(/\./g, '\\.')}$`, 'im').test(m))
    .map((m) => m.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))));
}

/** Mail is sent by the job queue: waits for the `count`th email to the address holding `pattern`, and returns that match. */
async function linkIn(email: string, pattern: RegExp, count = 1): Promise<string> {
  const matching = () => mailsTo(email).filter((m) => pattern.test(m));
  // Not expect.poll: the set-up waits for the follow confirmation too, outside any test.
  for (let i = 0; i < 200 && matching().length < count; i++) await new Promise((r) => setTimeout(r, 100));
  expect(matching()).toHaveLength(count);
  return pattern.exec(matching()[count - 1]!)![0];
}

const publicFace = async () => Promise.all([`/api/reports/${reportId}`, `/feeds/reports/${reportId}.atom`].map(async (p) => (await fetch(`${server.url}${p}`)).text()));

beforeAll(async () => {
  await buildWeb();
  server = await startTestServer({ demo: true, demoNow: new Date('2026-11-22T12:00:00Z') });
  browser = await launchBrowser();
  // Her first phone, through the API as it sends: a report with her email, and a followed area confirmed by its link.
  const [spot] = await server.database.rows<{ lon: number; lat: number }>(sql`select ST_X(p) as lon, ST_Y(p) as lat from (select ST_PointOnSurface(geom) as p from areas where code = 'cc-errol') a`);
  const body = {
    category: 'litter',
    geometry: { type: 'Point', coordinates: [spot!.lon, spot!.lat] },
    description: 'Fly-tipped mattress by the gate',
    contact: { email: RHONA, name: 'Rhona Reporter' },
    locale: 'en',
  };
  const res = await fetch(`${server.url}/api/reports`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': 'me-e2e-report' }, body: JSON.stringify(body) });
  expect(res.status).toBe(201);
  reportId = ((await res.json()) as { id: string }).id;
  const follow = await fetch(`${server.url}/api/subscriptions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: RHONA, area: 'cc-errol', locale: 'en' }),
  });
  expect(follow.status).toBe(202);
  const confirm = await linkIn(RHONA, /http:\/\/\S+\/api\/subscriptions\/confirm\?token=[A-Za-z0-9_-]+/);
  expect((await fetch(confirm)).status).toBe(200);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

let context: BrowserContext;
let page: Page;
let errors: string[];
let link: string;
let before: string[];

describe('my reports on any device', () => {
  it('asks for a sign-in link from My reports on a second phone, with errors beside the field and the same answer for any address', async () => {
    context = await phone(browser, { serviceWorkers: 'block' });
    page = await context.newPage();
    errors = watchErrors(page);
    await page.goto(`${server.url}/#/mine`);
    await page.getByRole('heading', { name: 'My reports' }).waitFor({ timeout: 15_000 });
    await page.getByRole('link', { name: 'See your reports from any device' }).click();
    await page.getByRole('heading', { name: 'Your reports on any device' }).waitFor({ timeout: 15_000 });
    expect(new URL(page.url()).hash).toBe('#/me');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Your reports on any device');

    await page.getByRole('button', { name: 'Email me a link' }).click();
    expect(await page.locator('#me-email-error').textContent()).toContain('Enter your email address');
    expect(await page.locator('#me-email').getAttribute('aria-describedby')).toBe('me-email-hint me-email-error');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('me-email');
    await page.locator('#me-email').fill('rhona at example');
    await page.getByRole('button', { name: 'Email me a link' }).click();
    expect(await page.locator('#me-email-error').textContent()).toContain('Enter an email address like name@example.org');
    expect(await axeProblems(page)).toEqual([]);

    await page.locator('#me-email').fill(` ${RHONA.toLowerCase()} `);
    await page.getByRole('button', { name: 'Email me a link' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'sign-in link' }).textContent())
      .toBe('If we have reports or follows for rhona.reporter@example.org, a sign-in link is on its way. It works once, for 30 minutes. Check your inbox, and the spam folder too.');
    expect(await page.locator('#me-email-error').count()).toBe(0);
    await page.screenshot({ path: '/tmp/me-asked.png' });

    // An address nothing was made with: the same words, and no email.
    await page.locator('#me-email').fill('nobody@example.org');
    await page.getByRole('button', { name: 'Email me a link' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'sign-in link' }).textContent()).toContain('for nobody@example.org, a sign-in link is on its way');
    link = await linkIn(RHONA.toLowerCase(), /http:\/\/\S+\/#\/me\/sign-in\?token=[A-Za-z0-9_-]+/);
    expect(link.startsWith(`${server.url}/#/me/sign-in?token=`)).toBe(true);
    expect(mailsTo('nobody@example.org')).toEqual([]);
  });

  it('opens the link: the token leaves the address, and her report and both follows are listed', async () => {
    before = await publicFace();
    await page.goto(link);
    await expect.poll(() => page.locator('.me-who').textContent(), { timeout: 15_000 }).toContain(SIGNED_IN_AS);
    expect(new URL(page.url()).hash).toBe('#/me');
    const reports = page.locator('section[aria-labelledby="me-reports-heading"] .card');
    expect(await reports.count()).toBe(1);
    expect(await reports.getByRole('link', { name: 'Litter' }).getAttribute('href')).toBe(`#/reports/${reportId}`);
    expect(await reports.textContent()).toContain(reportId);
    expect(await reports.textContent()).toContain('New');
    const follows = page.locator('section[aria-labelledby="me-follows-heading"] .card');
    await expect.poll(() => follows.allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('Area: Errol'), expect.stringContaining(`Report ${reportId}`)]));
    expect(await follows.count()).toBe(2);
    expect(await axeProblems(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/me-signed-in.png', fullPage: true });
  });

  it('does not take the same link twice', async () => {
    const other = await phone(browser, { serviceWorkers: 'block' });
    const p = await other.newPage();
    await p.goto(link);
    await expect.poll(() => p.getByRole('alert').filter({ hasText: 'link' }).textContent(), { timeout: 15_000 }).toBe('This link has expired or has already been used. Ask for a new one below.');
    expect(new URL(p.url()).hash).toBe('#/me');
    expect(await p.locator('#me-email').count()).toBe(1);
    await other.close();
  });

  it('stops all emails after asking', async () => {
    await page.getByRole('button', { name: 'Stop all emails' }).click();
    expect(await page.getByRole('alert').filter({ hasText: 'Stop all emails to' }).textContent()).toBe(
      'Stop all emails to rhona.reporter@example.org? You will no longer hear when your reports or the things you follow change.',
    );
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Yes, stop all emails');
    await page.getByRole('button', { name: 'Yes, stop all emails' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'All emails stopped' }).textContent()).toBe('All emails stopped. Follows ended: 2.');
    expect(await page.locator('section[aria-labelledby="me-follows-heading"]').textContent()).toContain('You do not follow anything with this address.');
    expect(await page.locator('section[aria-labelledby="me-emails-heading"]').textContent()).toContain('We send no emails to this address.');
    const live = await server.database.rows(sql`select 1 from subscriptions where lower(email) = ${RHONA.toLowerCase()} and unsubscribed_at is null`);
    expect(live).toEqual([]);
    expect(await axeProblems(page)).toEqual([]);
  });

  it('signs out on this phone, and a new link signs her in again', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'signed out' }).textContent()).toBe('You are signed out on this device.');
    expect(await page.locator('.me-who').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Your reports on any device');
    await page.locator('#me-email').fill(RHONA);
    await page.getByRole('button', { name: 'Email me a link' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'sign-in link' }).textContent()).toContain(`for ${RHONA},`);
    const second = await linkIn(RHONA.toLowerCase(), /http:\/\/\S+\/#\/me\/sign-in\?token=[A-Za-z0-9_-]+/, 2);
    expect(second).not.toBe(link);
    await page.goto(second);
    await expect.poll(() => page.locator('.me-who').textContent(), { timeout: 15_000 }).toContain(SIGNED_IN_AS);
    expect(new URL(page.url()).hash).toBe('#/me');
  });

  it('erases her contact details after saying what stays and what goes; the report stays public and unchanged', async () => {
    const erase = page.locator('section[aria-labelledby="me-erase-heading"]');
    expect(await erase.textContent()).toContain('The reports stay on the map as they are, without your details');
    expect(await erase.textContent()).toContain('this cannot be undone');
    await erase.getByRole('button', { name: 'Erase my contact details' }).click();
    expect(await page.getByRole('alert').filter({ hasText: 'Erase your contact details' }).textContent()).toContain('every report listed above');
    await page.screenshot({ path: '/tmp/me-erase-confirm.png' });
    await page.getByRole('button', { name: 'Yes, erase them' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'contact details were removed' }).textContent())
      .toBe('Done: your contact details were removed. Reports: 1. Follows deleted: 2. You are signed out.');
    expect(await page.locator('#me-email').count()).toBe(1);

    expect(await server.database.rows(sql`select 1 from report_contacts c join reports r on r.id = c.report_id where r.public_id = ${reportId}`)).toEqual([]);
    expect(await server.database.rows(sql`select 1 from subscriptions where lower(email) = ${RHONA.toLowerCase()}`)).toEqual([]);
    expect(await publicFace()).toEqual(before);
    // Signed out for good on this phone: a reload asks for a link again.
    await page.reload();
    await page.locator('#me-email').waitFor({ timeout: 15_000 });
    expect(await page.locator('.me-who').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('speaks Polish', async () => {
    const pl = await phone(browser, { locale: 'pl-PL', serviceWorkers: 'block' });
    const p = await pl.newPage();
    await p.goto(`${server.url}/#/me`);
    await p.getByRole('heading', { name: 'Twoje zgłoszenia na każdym urządzeniu' }).waitFor({ timeout: 15_000 });
    await p.getByRole('button', { name: 'Wyślij mi link' }).click();
    expect(await p.locator('#me-email-error').textContent()).toContain('Podaj swój adres e-mail');
    expect(await axeProblems(p)).toEqual([]);
    await pl.close();
  });
});
