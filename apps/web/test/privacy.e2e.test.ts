/**
 * The privacy page in real headless Chromium against the real API (issue 16): reached from the
 * home screen's "More" menu, it names the controller and the periods the server applies (here
 * a council that keeps contact details 18 months), in English and in Polish, and passes axe.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '@groundswell/api/test-server';
import { axeProblems, buildWeb, launchBrowser, phone, watchErrors } from './phone.ts';

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];

beforeAll(async () => {
  await buildWeb();
  server = await startTestServer({
    config: { contactRetentionMonths: 18, privacy: { controller: 'Perth and Kinross Council', contact: 'dpo@council.example', policyUrl: null } },
  });
  browser = await launchBrowser();
  context = await phone(browser, { serviceWorkers: 'block' });
  page = await context.newPage();
  errors = watchErrors(page);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

describe('the privacy page', () => {
  it('is one tap from the home screen and says what is kept, for how long, and who to write to', async () => {
    await page.goto(server.url);
    await page.getByRole('button', { name: 'More' }).click();
    await page.getByRole('link', { name: 'Your data and privacy' }).click();
    await page.getByRole('heading', { name: 'Your data and privacy', level: 1 }).waitFor();
    expect(new URL(page.url()).hash).toBe('#/privacy');
    await page.getByText('Responsible for your data (the data controller): Perth and Kinross Council.').waitFor();
    expect(await page.getByText('write to dpo@council.example').count()).toBe(1);
    const contact = page.locator('section', { has: page.getByRole('heading', { name: 'Your name, email and phone number on a report' }) });
    expect(await contact.textContent()).toContain('for 18 months after it is closed');
    const follows = page.locator('section', { has: page.getByRole('heading', { name: 'Your email when you follow a report or an area' }) });
    expect(await follows.textContent()).toContain('removed after 7 days');
    // Listening (issue 13) is on the page too: what is kept of a public post, and for how long.
    const listening = page.locator('section', { has: page.getByRole('heading', { name: 'What you say about the area in public' }) });
    expect(await listening.textContent()).toContain('deleted after 30 days');
    expect(await page.getByRole('heading', { level: 2 }).count()).toBe(9);
    expect(await page.getByRole('link', { name: /See your reports and follows/ }).getAttribute('href')).toBe('#/me');
    expect(await axeProblems(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/privacy-page.png', fullPage: true });
  });

  it('speaks Polish, with Polish plural forms', async () => {
    const pl = await phone(browser, { locale: 'pl-PL', serviceWorkers: 'block' });
    const p = await pl.newPage();
    const e = watchErrors(p);
    await p.goto(`${server.url}/#/privacy`);
    await p.getByRole('heading', { name: 'Twoje dane i prywatność', level: 1 }).waitFor();
    const contact = p.locator('section', { has: p.getByRole('heading', { name: 'Twoje imię i nazwisko, e-mail i telefon w zgłoszeniu' }) });
    await expect.poll(() => contact.textContent()).toContain('przez 18 miesięcy po jego zamknięciu');
    expect(await p.locator('section', { has: p.getByRole('heading', { name: 'Logowanie do „Moich zgłoszeń”' }) }).textContent()).toContain('przez 30 minut');
    expect(e).toEqual([]);
    await pl.close();
    expect(errors).toEqual([]);
  });
});
