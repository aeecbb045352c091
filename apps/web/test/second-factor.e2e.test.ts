/**
 * The second factor in real headless Chromium against the real API (issue 16): an
 * administrator sets up an authenticator app from the Security page (the key read off the
 * page, the code made by the same TOTP library an app would use), keeps the recovery codes,
 * signs out, and signs in again with her password and a code; a recovery code works once.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '@groundswell/api/test-server';
import { axeProblems, buildWeb, launchBrowser, watchErrors, webDir } from './phone.ts';

// The authenticator app's side: the otpauth library the API itself uses (a dependency of the API package).
interface Otpauth {
  Secret: { fromBase32(base32: string): unknown };
  TOTP: new (options: { secret: unknown; algorithm: string; digits: number; period: number }) => { generate(options: { timestamp: number }): string };
}
const { Secret, TOTP } = createRequire(join(webDir, '..', 'api', 'package.json'))('otpauth') as Otpauth;
const codeFor = (secret: string, at: number) => new TOTP({ secret: Secret.fromBase32(secret.replace(/\s/g, '')), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: at });

const ADMIN = 'admin@council.example';
const PASSWORD = 'carse-of-gowrie-demo';

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];
let secret: string;
let recovery: string[];

beforeAll(async () => {
  await buildWeb();
  server = await startTestServer({ demo: true, demoNow: new Date('2026-11-22T12:00:00Z') });
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-GB', serviceWorkers: 'block' });
  page = await context.newPage();
  errors = watchErrors(page);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const securityHeading = () => page.getByRole('heading', { name: 'Security', level: 1 });

async function signIn(email: string, password: string) {
  await page.getByRole('heading', { name: 'Sign in to the staff console' }).waitFor({ timeout: 15_000 });
  await expect.poll(() => page.getByRole('button', { name: 'Sign in' }).isEnabled()).toBe(true);
  await page.getByLabel('Work email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('an administrator and her authenticator app', () => {
  it('sets one up from the Security page and is shown her recovery codes once', async () => {
    await page.goto(`${server.url}/#/staff`);
    await signIn(ADMIN, PASSWORD);
    await page.locator('.c-triage').waitFor({ timeout: 15_000 });
    await page.getByRole('link', { name: 'Security' }).click();
    await page.getByRole('heading', { name: 'Security', level: 1 }).waitFor();
    expect(await page.getByText('Not set up: signing in needs only your password.').count()).toBe(1);
    // Where she is signed in: this browser, named by its browser and system.
    await expect.poll(() => page.locator('.c-security tbody tr').first().textContent()).toContain('(this browser)');

    await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
    await page.getByRole('img', { name: 'QR code holding the key for your authenticator app' }).waitFor();
    expect(await page.locator('.c-totp-qr svg').count()).toBe(1);
    secret = (await page.locator('#c-totp-secret').textContent())!;
    expect(secret).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{4})+$/);
    expect(await axeProblems(page)).toEqual([]);

    // A code that is not the app's is refused beside the field; the app's is taken.
    const now = Date.now();
    const wrong = codeFor(secret, now) === '000000' ? '111111' : '000000';
    await page.getByLabel('Code from your authenticator app').fill(wrong);
    await page.getByRole('button', { name: 'Turn on' }).click();
    await expect.poll(() => page.locator('#c-totp-code-error').textContent()).toBe('Not the code the app shows now');
    expect(await page.locator('#c-totp-code').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Code from your authenticator app').fill(codeFor(secret, Date.now()));
    await page.getByRole('button', { name: 'Turn on' }).click();
    const codes = page.getByRole('list', { name: 'Your recovery codes.' }).getByRole('listitem');
    await expect.poll(() => codes.count()).toBe(10);
    recovery = await codes.allTextContents();
    for (const c of recovery) expect(c).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);
    await expect.poll(() => page.getByText('On: signing in asks for a code from your app. Recovery codes left: 10.').count()).toBe(1);
    expect(await axeProblems(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/second-factor-setup.png' });
  });

  it('signs in again with her password and then a code from the app', async () => {
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await signIn(ADMIN, PASSWORD);
    // The password was right: the form asks for the code, keeping what she typed.
    const code = page.getByLabel('Code from your authenticator app');
    await code.waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('c-login-code');
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await axeProblems(page)).toEqual([]);
    // The step after the one that turned the app on (a phone a little ahead is believed; the same code twice is not).
    await code.fill(codeFor(secret, Date.now() + 30_000));
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Back where she signed out from.
    await securityHeading().waitFor({ timeout: 15_000 });
    expect(await page.locator('.c-user-name').textContent()).toBe('Signed in as Morag Admin (administrator)');
  });

  it('takes a recovery code once, in place of the app’s code', async () => {
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await signIn(ADMIN, PASSWORD);
    await page.getByLabel('Code from your authenticator app').fill(recovery[0]!);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await securityHeading().waitFor({ timeout: 15_000 });

    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await signIn(ADMIN, PASSWORD);
    await page.getByLabel('Code from your authenticator app').fill(recovery[0]!);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.locator('#c-login-code-error').textContent()).toBe('Not a current code from your app, nor an unused recovery code');
    await page.getByLabel('Code from your authenticator app').fill(recovery[1]!);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await securityHeading().waitFor({ timeout: 15_000 });
    await expect.poll(() => page.getByText('Recovery codes left: 8.', { exact: false }).count()).toBe(1);
    expect(errors).toEqual([]);
  });
});
