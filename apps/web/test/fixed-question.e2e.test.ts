/**
 * Issue 12, "Is it fixed?", in real headless Chromium as a phone, against the real API over a
 * fresh database. Weeks after the council marked his report fixed, Ewan is asked by email; he
 * opens the link from the email the job queue wrote, answers "no" with what is still wrong,
 * and sees his report open again on its public page, the answer on its timeline. The link
 * then works no more. A Polish reporter's page is in Polish, and asks for a comment before a "no".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { sql } from '@groundswell/db/testing';
import { startTestServer, type TestServer } from '@groundswell/api/test-server';
import { waitForMails } from '../../api/test/mail-files.ts';
import { axeProblems, buildWeb, launchBrowser, phone, watchErrors } from './phone.ts';

const EWAN = 'ewan@example.org';
const AGATA = 'agata@example.org';

let server: TestServer;
let browser: Browser;

/** A report the council marked fixed five weeks ago, made with the reporter's address. */
async function fixedReport(publicId: string, email: string, locale: string) {
  const [category] = await server.database.rows<{ id: number }>(sql`select id from categories where code = 'blocked_ditch'`);
  const [report] = await server.database.rows<{ id: number }>(sql`
    insert into reports (public_id, category_id, state, geom, point, geom_type, description, locale, team_id, created_at, resolved_at)
    values (${publicId}, ${category!.id}, 'fixed', ST_SetSRID(ST_MakePoint(-3.2, 56.4), 4326), ST_SetSRID(ST_MakePoint(-3.2, 56.4), 4326), 'Point',
            'Water over the lane by the farm', ${locale}, (select id from teams where code = 'drains'), now() - interval '10 weeks', now() - interval '5 weeks')
    returning id`);
  await server.database.rows(sql`insert into report_contacts (report_id, email) values (${report!.id}, ${email})`);
}

/** The link in the "Is it fixed?" email to `email`, as a path on the test server. */
async function emailedLink(email: string): Promise<string> {
  const [mail] = await waitForMails(server.dataDir, (m) => m.to === email);
  return /https?:\/\/[^\s]+\/#\/reports\/[a-z0-9]+\/fixed\?token=[A-Za-z0-9_-]+/.exec(mail!.text)![0].replace(/^https?:\/\/[^/]+/, '');
}

beforeAll(async () => {
  await buildWeb();
  server = await startTestServer();
  browser = await launchBrowser();
  await server.database.rows(sql`insert into teams (code, name, email) values ('drains', 'Drains team', 'drains@council.example')`);
  await server.database.rows(sql`insert into categories (code, name, geometry_types, response_days, contact_required, default_team_id)
    values ('blocked_ditch', '{"en":"Blocked ditch","pl":"Zapchany rów"}', '{Point}', 10, '{"name":false,"email":false,"phone":false}', (select id from teams where code = 'drains'))`);
  await fixedReport('ewan0001', EWAN, 'en');
  await fixedReport('agata001', AGATA, 'pl');
  expect(await server.askIfFixed()).toBe(2);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('"Is it fixed?" on a phone', () => {
  it('answers "no" from the emailed link, and the report is open again with the answer on its timeline', async () => {
    const link = await emailedLink(EWAN);
    const context = await phone(browser);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}${link}`);
    await page.getByRole('heading', { name: 'Is it fixed?' }).waitFor();
    await page.getByText('Your report ewan0001: Blocked ditch.').waitFor();
    expect(await axeProblems(page)).toEqual([]);
    await page.getByRole('radio', { name: 'No, it is not fixed' }).check();
    await page.getByLabel('What is still wrong?').fill('The water is back after the rain.');
    await page.getByRole('button', { name: 'Send my answer' }).click();
    await page.getByText('Your report is open again and the council’s team has been told.').waitFor();
    await page.getByRole('link', { name: 'See the report' }).click();
    await page.locator('#report-heading').waitFor();
    await page.locator('.timeline-item[data-kind="not_fixed"]').waitFor();
    const item = page.locator('.timeline-item[data-kind="not_fixed"]');
    expect(await item.locator('strong').textContent()).toBe('The reporter says it is not fixed');
    expect(await item.locator('blockquote').textContent()).toBe('The water is back after the rain.');
    expect(await page.locator('main').textContent()).toContain('Acknowledged');
    const [row] = await server.database.rows<{ state: string }>(sql`select state from reports where public_id = 'ewan0001'`);
    expect(row!.state).toBe('acknowledged');
    // The team hears of it by email.
    const [team] = await waitForMails(server.dataDir, (m) => m.to === 'drains@council.example');
    expect(team!.text).toContain('The water is back after the rain.');
    // The link is spent.
    await page.goto(`${server.url}/#/`);
    await page.goto(`${server.url}${link}`);
    await page.getByText('This link has been used already, or has expired.').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('speaks Polish to a Polish reader, and asks what is still wrong before a "no"', async () => {
    const link = await emailedLink(AGATA);
    const context = await phone(browser, { locale: 'pl-PL' });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}${link}`);
    await page.getByRole('heading', { name: 'Czy to już naprawione?' }).waitFor();
    await page.getByText('Twoje zgłoszenie agata001: Zapchany rów.').waitFor();
    expect(await page.getByRole('radio', { name: 'Tak, jest naprawione' }).count()).toBe(1);
    await page.getByRole('radio', { name: 'Nie, nie jest naprawione' }).check();
    await page.getByRole('button', { name: 'Wyślij odpowiedź' }).click();
    await page.getByText('Napisz, co nadal jest nie tak, żeby zespół urzędu wiedział, czym się zająć.').waitFor();
    expect(await axeProblems(page)).toEqual([]);
    // Nothing was sent: the report is still fixed and the question still open.
    const [row] = await server.database.rows<{ state: string; answered: boolean }>(sql`
      select r.state, q.answered_at is not null as answered from reports r join questionnaires q on q.report_id = r.id where r.public_id = 'agata001'`);
    expect(row).toEqual({ state: 'fixed', answered: false });
    expect(errors).toEqual([]);
    await context.close();
  });
});
