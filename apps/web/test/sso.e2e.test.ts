/**
 * Single sign-on in real headless Chromium: the console's "Sign in with …" button takes an
 * officer to a real OpenID provider (oidc-provider, started here), through its own login and
 * consent pages, and back into triage, with her team now the one her directory group maps to.
 * Someone the council has no account for comes back to the sign-in page with a sentence
 * saying so; where local passwords are off, the sign-in page is the button alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '@groundswell/api/test-server';
import { startOidcProvider, type TestOidcProvider } from '@groundswell/api/test-oidc-provider';
import { buildWeb, launchBrowser, watchErrors } from './phone.ts';

let op: TestOidcProvider;
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  await buildWeb();
  op = await startOidcProvider({
    people: {
      // Kasia is in the waste team in the demo; her directory says she now works on roads.
      'kasia-sub': { email: 'waste@council.example', email_verified: true, name: 'Kasia Waste', groups: ['roads-officers'] },
      'stranger-sub': { email: 'stranger@council.example', email_verified: true, name: 'Someone Else', groups: ['roads-officers'] },
    },
  });
  server = await startTestServer({
    demo: true,
    demoNow: new Date('2026-11-22T12:00:00Z'),
    config: {
      sso: {
        issuer: op.issuer,
        clientId: op.clientId,
        clientSecret: op.clientSecret,
        displayName: 'Carse Council account',
        createStaff: 'off',
        groupsClaim: 'groups',
        groupMap: [{ group: 'roads-officers', team: 'roads' }],
      },
    },
  });
  op.register(`${server.url}/api/staff/sso/callback`);
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await op?.close();
});

function desktop(): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-GB', serviceWorkers: 'block' });
}

/** From the console's sign-in page through the provider's login and consent pages. */
async function signInAtProvider(page: Page, login: string) {
  await page.goto(`${server.url}/#/staff`);
  await page.getByRole('heading', { name: 'Sign in to the staff console' }).waitFor({ timeout: 15_000 });
  // Passwords are on here too, so the form stays below the button.
  await page.getByText('Or sign in with your email and password').waitFor();
  await page.getByRole('link', { name: 'Sign in with Carse Council account' }).click();
  await page.waitForURL((url) => url.origin === op.issuer, { timeout: 15_000 });
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('whatever the directory asks');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
}

describe('single sign-on in the console', () => {
  it('signs an officer in through the provider and lands in triage with the team from her group', async () => {
    const context = await desktop();
    const page = await context.newPage();
    const errors = watchErrors(page);
    await signInAtProvider(page, 'kasia-sub');
    await page.locator('.c-triage').waitFor({ timeout: 20_000 });
    expect(new URL(page.url()).origin).toBe(server.url);
    expect(new URL(page.url()).hash).toMatch(/^#\/staff(\?|$)/);
    await expect.poll(() => page.getByText('Signed in as Kasia Waste').count()).toBeGreaterThan(0);

    // Her teams are what the directory's group says: roads, no longer waste.
    const teams = await page.evaluate(async () => {
      const me = (await (await fetch('/api/staff/me')).json()) as { teamIds: number[] };
      const all = (await (await fetch('/api/staff/teams')).json()) as { teams: Array<{ id: number; code: string }> };
      return me.teamIds.map((id) => all.teams.find((t) => t.id === id)?.code);
    });
    expect(teams).toEqual(['roads']);
    // And triage shows the roads team's work: every listed report is the roads team's.
    const rows = page.locator('.c-item-meta');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    for (const meta of await rows.allTextContents()) expect(meta).toContain('Roads');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('brings someone without an account back to the sign-in page with a sentence that says so', async () => {
    const context = await desktop();
    const page = await context.newPage();
    const errors = watchErrors(page);
    await signInAtProvider(page, 'stranger-sub');
    await page.getByRole('heading', { name: 'Sign in to the staff console' }).waitFor({ timeout: 20_000 });
    expect(new URL(page.url()).hash).toBe('#/staff/login?sso_error=unknown');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Your council account has no staff console account yet. Ask an administrator to add you');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows only the button where local passwords are off', async () => {
    const ssoOnly = await startTestServer({
      config: { localPasswords: false, sso: { issuer: op.issuer, clientId: op.clientId, clientSecret: op.clientSecret, displayName: 'Council account', createStaff: 'off', groupMap: [] } },
    });
    const context = await desktop();
    const page = await context.newPage();
    const errors = watchErrors(page);
    try {
      await page.goto(`${ssoOnly.url}/#/staff`);
      await page.getByRole('heading', { name: 'Sign in to the staff console' }).waitFor({ timeout: 15_000 });
      const button = page.getByRole('link', { name: 'Sign in with Council account' });
      await button.waitFor();
      expect(await button.getAttribute('href')).toBe('/api/staff/sso/start');
      expect(await page.getByLabel('Work email').count()).toBe(0);
      expect(await page.getByLabel('Password').count()).toBe(0);
      expect(await page.getByRole('link', { name: 'Forgot your password?' }).count()).toBe(0);
      expect(await page.getByText('Or sign in with your email and password').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      await ssoOnly.close();
    }
  });
});
