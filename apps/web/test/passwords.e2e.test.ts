/**
 * The console's password pages in real headless Chromium, against the real API over a fresh
 * test database with the demo staff. An officer who forgot her password asks for a link,
 * reads it from the email the job queue writes, and sets a new password with it; the link
 * works once and the old password stops working. Signed in, she changes her password from
 * the header and her other browser is signed out. An administrator resets another officer's
 * password from the users page: his sessions end and a link is emailed to him.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '@groundswell/api/test-server';
import { axeProblems, buildWeb, launchBrowser } from './phone.ts';

const DEMO_PASSWORD = 'carse-of-gowrie-demo';
const OFFICER = 'waste@council.example';
const OTHER_OFFICER = 'roads@council.example';
const ADMIN = 'admin@council.example';
/** Kasia's password after the emailed link, then after she changes it herself. */
const FROM_LINK = 'kinnoull-hill-at-dawn-1';
const CHANGED = 'tay-bridge-in-the-fog-2';

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

function desktop(): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-GB', serviceWorkers: 'block' });
}

/**
 * Uncaught exceptions and console errors. Chromium logs every 4xx answer as "Failed to load
 * resource"; the wrong passwords and spent links here are such answers on purpose. The test
 * server points the map style at port 9 on purpose too, so that no map loads from outside.
 */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() !== 'error' || m.location().url.startsWith('http://127.0.0.1:9/')) return;
    if (!/^Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) errors.push(`${m.text()} (${m.location().url})`);
  });
  return errors;
}

async function openPage(context: BrowserContext): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  return { page, errors: watchErrors(page) };
}

const signInHeading = (page: Page) => page.getByRole('heading', { name: 'Sign in to the staff console' });

async function signIn(page: Page, email: string, password: string) {
  // The previous try has finished (it clears the password when it fails).
  await expect.poll(() => page.getByRole('button', { name: 'Sign in' }).isEnabled()).toBe(true);
  await page.getByLabel('Work email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** A fresh browser signed in at the triage page. */
async function signedIn(email: string, password: string): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await desktop();
  const { page, errors } = await openPage(context);
  await page.goto(`${server.url}/#/staff`);
  await signInHeading(page).waitFor({ timeout: 15_000 });
  await signIn(page, email, password);
  await page.locator('.c-triage').waitFor({ timeout: 15_000 });
  return { context, page, errors };
}

/** An action that asks the server: the category filter, behind "More filters". */
async function filterByLitter(page: Page) {
  await page.getByRole('button', { name: 'More filters' }).click();
  await page.locator('#c-f-category').selectOption('litter');
}

async function expectWrongPassword(page: Page, email: string, password: string) {
  await signIn(page, email, password);
  await expect.poll(() => page.getByRole('alert').textContent()).toContain('That email and password do not match an account');
}

/** The emails written so far to one address, oldest first, quoted-printable undone. */
function mailsTo(email: string): string[] {
  const dir = join(server.dataDir, 'mail');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .filter((m) => new RegExp(`^To: ${email.replace(/\./g, '\\.')}$`, 'm').test(m))
    .map((m) => m.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))));
}

/** Mail is sent by the job queue: waits for the `count`th email to the address and returns it with its reset link. */
async function resetMail(email: string, count: number): Promise<{ mail: string; link: string }> {
  await expect.poll(() => mailsTo(email).length, { timeout: 20_000 }).toBe(count);
  const mail = mailsTo(email)[count - 1]!;
  const link = /https?:\/\/\S+\/#\/staff\/reset\?token=[A-Za-z0-9_-]+/.exec(mail)?.[0];
  if (!link) throw new Error(`no reset link in the email:\n${mail}`);
  return { mail, link };
}

// Kasia's browser through the first blocks: signed out, then signed in by the emailed link.
let context: BrowserContext;
let page: Page;
let errors: string[];
let link: string;
// Her second browser, signed in with the password from the link until she changes it.
let second: { context: BrowserContext; page: Page; errors: string[] };

describe('forgotten password', () => {
  it('asks for a link from the sign-in page and gets the same answer whether or not the address has an account', async () => {
    context = await desktop();
    ({ page, errors } = await openPage(context));
    await page.goto(`${server.url}/#/staff`);
    await signInHeading(page).waitFor({ timeout: 15_000 });
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByRole('heading', { name: 'Forgot your password?' }).waitFor();
    expect(new URL(page.url()).hash).toBe('#/staff/forgot');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('c-forgot-title');

    // Nothing typed: the message is beside the field, and the field has focus.
    await page.getByRole('button', { name: 'Email me a link' }).click();
    expect(await page.locator('#c-forgot-email-error').textContent()).toContain('Enter your work email address');
    expect(await page.locator('#c-forgot-email').getAttribute('aria-describedby')).toBe('c-forgot-email-error');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('c-forgot-email');
    expect(await axeProblems(page)).toEqual([]);

    await page.getByLabel('Work email').fill(OFFICER);
    await page.getByRole('button', { name: 'Email me a link' }).click();
    const sent = page.getByRole('status');
    await expect.poll(() => sent.textContent()).toBe(`If ${OFFICER} has a staff account, a link to choose a new password is on its way. Check your inbox, and the spam folder too.`);
    expect(await axeProblems(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/passwords-forgot.png' });

    // An address without an account: the very same words, and no email.
    await page.getByRole('link', { name: 'Back to sign in' }).click();
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    // The sign-in form has a "Work email" field too: fill the one on the new page.
    await page.getByRole('heading', { name: 'Forgot your password?' }).waitFor();
    await page.getByLabel('Work email').fill('nobody@council.example');
    await page.getByRole('button', { name: 'Email me a link' }).click();
    await expect.poll(() => sent.textContent()).toBe('If nobody@council.example has a staff account, a link to choose a new password is on its way. Check your inbox, and the spam folder too.');

    const emailed = await resetMail(OFFICER, 1);
    link = emailed.link;
    const { mail } = emailed;
    expect(mail).toContain('Hello Kasia Waste,');
    expect(mail).toContain('Someone (we hope you) asked to set a new password');
    expect(link.startsWith(`${server.url}/#/staff/reset?token=`)).toBe(true);
    expect(mailsTo('nobody@council.example')).toEqual([]);
  });

  it('sets a new password with the emailed link: a mismatch is shown beside the field, then she is signed in', async () => {
    await page.goto(link);
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await page.locator('#c-reset-password').fill(FROM_LINK);
    await page.locator('#c-reset-repeat').fill(`${FROM_LINK}x`);
    await page.getByRole('button', { name: 'Set the password' }).click();
    expect(await page.locator('#c-reset-repeat-error').textContent()).toBe('The two passwords are not the same');
    expect(await page.locator('#c-reset-repeat').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#c-reset-repeat').getAttribute('aria-describedby')).toBe('c-reset-repeat-error');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('c-reset-repeat');
    expect(await page.locator('#c-reset-password-error').count()).toBe(0);
    expect(await axeProblems(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/passwords-reset.png' });

    await page.locator('#c-reset-repeat').fill(FROM_LINK);
    await page.getByRole('button', { name: 'Set the password' }).click();
    // The page signs her in and takes her to triage, the token gone from the address.
    await page.locator('.c-triage').waitFor({ timeout: 15_000 });
    expect(new URL(page.url()).hash).toBe('#/staff');
    expect(await page.locator('.c-user-name').textContent()).toBe('Signed in as Kasia Waste (officer)');
  });

  it('no longer takes the old password, and the link does not work a second time', async () => {
    const other = await desktop();
    const { page: p, errors: e } = await openPage(other);
    await p.goto(`${server.url}/#/staff`);
    await signInHeading(p).waitFor({ timeout: 15_000 });
    await expectWrongPassword(p, OFFICER, DEMO_PASSWORD);

    await p.goto(link);
    await p.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await p.locator('#c-reset-password').fill(CHANGED);
    await p.locator('#c-reset-repeat').fill(CHANGED);
    await p.getByRole('button', { name: 'Set the password' }).click();
    await expect.poll(() => p.getByRole('alert').textContent()).toBe('This link has expired or has already been used.');
    expect(await p.locator('#c-reset-password').count()).toBe(0);
    expect(await p.getByRole('link', { name: 'Ask for a new link' }).getAttribute('href')).toBe('#/staff/forgot');

    // The password from the link is the one that works; this browser stays signed in for the next block.
    await p.goto(`${server.url}/#/staff/login`);
    await signInHeading(p).waitFor();
    await signIn(p, OFFICER, FROM_LINK);
    await p.locator('.c-triage').waitFor({ timeout: 15_000 });
    second = { context: other, page: p, errors: e };
  });
});

describe('changing the password', () => {
  it('refuses a wrong current password beside its field, changes it with the right one and signs her other browser out', async () => {
    await page.getByRole('link', { name: 'Change password' }).click();
    await page.getByRole('heading', { name: 'Change your password' }).waitFor();
    expect(new URL(page.url()).hash).toBe('#/staff/password');
    expect(await page.getByRole('link', { name: 'Change password' }).getAttribute('aria-current')).toBe('page');

    await page.locator('#c-change-current').fill('not-my-password-at-all');
    await page.locator('#c-change-password').fill(CHANGED);
    await page.locator('#c-change-repeat').fill(CHANGED);
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => page.locator('#c-change-current-error').textContent()).toBe('Not your current password');
    expect(await page.locator('#c-change-current').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#c-change-current').getAttribute('aria-describedby')).toBe('c-change-current-error');
    expect(await page.getByRole('alert').textContent()).toContain('That is not your current password');
    expect(await axeProblems(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/passwords-change.png' });

    await page.locator('#c-change-current').fill(FROM_LINK);
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Your password has been changed. Sessions ended elsewhere: 1.');
    expect(await page.locator('#c-change-current-error').count()).toBe(0);
    expect(await page.locator('#c-change-current').inputValue()).toBe('');
    expect(await axeProblems(page)).toEqual([]);

    // Her other browser: its next action finds the session gone and goes to sign in.
    await filterByLitter(second.page);
    await signInHeading(second.page).waitFor({ timeout: 15_000 });
    expect(await second.page.getByRole('status').textContent()).toBe('Your session has ended. Please sign in again.');
    await expectWrongPassword(second.page, OFFICER, FROM_LINK);
    await signIn(second.page, OFFICER, CHANGED);
    await second.page.locator('.c-triage').waitFor({ timeout: 15_000 });

    // This browser is still signed in.
    await page.getByRole('link', { name: 'Triage' }).click();
    await page.locator('.c-triage').waitFor({ timeout: 15_000 });
    expect(await page.locator('.c-user-name').textContent()).toBe('Signed in as Kasia Waste (officer)');
    expect(errors).toEqual([]);
    expect(second.errors).toEqual([]);
    await second.context.close();
    await context.close();
  });
});

describe('an administrator resets an officer’s password', () => {
  it('ends his sessions, stops his password and emails him a link', async () => {
    const officer = await signedIn(OTHER_OFFICER, DEMO_PASSWORD);
    const admin = await signedIn(ADMIN, DEMO_PASSWORD);
    await admin.page.getByRole('link', { name: 'Admin' }).click();
    await admin.page.getByRole('heading', { name: 'Staff accounts' }).waitFor({ timeout: 15_000 });
    // No reset button for her own account: she changes her own password instead.
    await admin.page.getByRole('button', { name: 'Send password reset to Iain Roads' }).waitFor();
    expect(await admin.page.getByRole('button', { name: 'Send password reset to Morag Admin' }).count()).toBe(0);

    const confirmed: string[] = [];
    admin.page.once('dialog', (d) => {
      confirmed.push(d.message());
      void d.accept();
    });
    await admin.page.getByRole('button', { name: 'Send password reset to Iain Roads' }).click();
    await expect.poll(() => admin.page.getByRole('status').filter({ hasText: 'Iain Roads' }).textContent()).toBe(`The password of Iain Roads was reset and a link was emailed to ${OTHER_OFFICER}.`);
    expect(confirmed).toEqual([expect.stringContaining('Reset the password of Iain Roads?')]);
    expect(await axeProblems(admin.page)).toEqual([]);

    // His browser: the next action goes to sign in, and the old password is refused.
    await filterByLitter(officer.page);
    await signInHeading(officer.page).waitFor({ timeout: 15_000 });
    expect(await officer.page.getByRole('status').textContent()).toBe('Your session has ended. Please sign in again.');
    await expectWrongPassword(officer.page, OTHER_OFFICER, DEMO_PASSWORD);

    const { mail, link: his } = await resetMail(OTHER_OFFICER, 1);
    expect(mail).toContain('Hello Iain Roads,');
    expect(mail).toContain('An administrator has reset your password');
    // The link works for him.
    await officer.page.goto(his);
    await officer.page.locator('#c-reset-password').fill('perth-harbour-at-night-3');
    await officer.page.locator('#c-reset-repeat').fill('perth-harbour-at-night-3');
    await officer.page.getByRole('button', { name: 'Set the password' }).click();
    await officer.page.locator('.c-triage').waitFor({ timeout: 15_000 });
    expect(await officer.page.locator('.c-user-name').textContent()).toBe('Signed in as Iain Roads (officer)');

    expect(officer.errors).toEqual([]);
    expect(admin.errors).toEqual([]);
    await officer.context.close();
    await admin.context.close();
  });
});
