/**
 * Issue 12, one email per officer action, in real headless Chromium against the real API and
 * its background notifier over the demo data. An officer answers a new report from the
 * console's answer form with an expected date: the form sends the date and the answer as two
 * requests, and the answer acknowledges the report. Each follower gets exactly one email
 * saying all three, in their own language, with the date written as the site writes it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '@groundswell/api/test-server';
import { sql } from '@groundswell/db/testing';
import { readMails, waitForMails } from '../../api/test/mail-files.ts';
import { buildWeb, launchBrowser, watchErrors } from './phone.ts';

const PASSWORD = 'carse-of-gowrie-demo';
const ADMIN = 'admin@council.example';
const FOLLOWERS = { en: 'one-email-en@example.org', pl: 'one-email-pl@example.org' };

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];
let id = '';

beforeAll(async () => {
  await buildWeb();
  server = await startTestServer({ demo: true, demoNow: new Date('2026-11-22T12:00:00Z') });
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-GB', serviceWorkers: 'block' });
  page = await context.newPage();
  errors = watchErrors(page);
  const [report] = await server.database.rows<{ id: number; publicId: string }>(sql`select id, public_id as "publicId" from reports where state = 'new' order by created_at desc limit 1`);
  id = report!.publicId;
  for (const [locale, email] of Object.entries(FOLLOWERS)) {
    await server.database.rows(sql`insert into subscriptions (email, locale, report_id, confirm_token_hash, unsubscribe_token, created_at, confirmed_at)
      values (${email}, ${locale}, ${report!.id}, ${`h-${email}`}, ${`unsub-${locale}-one-email-0123456789`}, now() - interval '1 day', now() - interval '1 day')`);
  }
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

describe('one email per officer action', () => {
  it('tells each follower of the answer, the acknowledgement and the expected date in one email', { timeout: 90_000 }, async () => {
    await page.goto(`${server.url}/#/staff`);
    await page.getByLabel('Work email').fill(ADMIN);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.c-triage').waitFor({ timeout: 20_000 });
    await page.goto(`${server.url}/#/staff?sel=${id}`);
    await page.locator('.c-detail h2').waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Answer publicly' }).first().click();
    await page.locator('#c-answer').waitFor();
    await page.locator('#c-answer-date').fill('2026-12-18');
    expect(await page.locator('#c-answer-set-expected').isChecked()).toBe(true);
    await page.locator('#c-answer-message').fill('Thank you: the team will clear it before Christmas.');
    await page.locator('#c-answer').getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => page.locator('.c-detail-status').textContent()).toContain('Answer sent');
    // Two requests, three events: the date, the acknowledgement and the answer.
    const events = await server.database.rows<{ kind: string }>(sql`
      select e.kind from report_events e join reports r on r.id = e.report_id where r.public_id = ${id} and e.actor_type = 'staff' order by e.id`);
    expect(events.map((e) => e.kind)).toEqual(['expected_date_set', 'state_changed', 'public_answer']);

    const [en] = await waitForMails(server.dataDir, (m) => m.to === FOLLOWERS.en, 1, 40_000);
    const [pl] = await waitForMails(server.dataDir, (m) => m.to === FOLLOWERS.pl, 1, 40_000);
    expect(en!.text).toContain('Thank you: the team will clear it before Christmas.');
    expect(en!.text).toContain('It is now: Acknowledged.');
    expect(en!.text).toContain('Expected by: 18 Dec 2026.');
    expect(pl!.text).toContain('Thank you: the team will clear it before Christmas.');
    expect(pl!.text).toContain('Obecny status: Przyjęte.');
    expect(pl!.text).toContain('Przewidywany termin: 18 gru 2026.');
    // And nothing more: past the notifier's wait, still one email each.
    await new Promise((r) => setTimeout(r, 15_000));
    expect(readMails(server.dataDir).filter((m) => m.to === FOLLOWERS.en || m.to === FOLLOWERS.pl)).toHaveLength(2);
    expect(errors).toEqual([]);
  });
});
