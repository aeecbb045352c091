/**
 * Issue 12, the officers' first day, in real headless Chromium at 1366×768 against the real
 * API over the demo data: triage opens on open work, newest first, with the filters in one
 * row and at least eight reports in sight; a public answer sets no expected date the officer
 * did not choose; and the Polish console is Polish throughout (MapLibre's controls, team
 * names, a busy report's supports folded into one counted line, on the public page too).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '@groundswell/api/test-server';
import { sql } from '@groundswell/db/testing';
import { axeProblems, buildWeb, launchBrowser, watchErrors } from './phone.ts';

const PASSWORD = 'carse-of-gowrie-demo';
const ADMIN = 'admin@council.example';
const OPEN = ['new', 'acknowledged', 'in_progress', 'action_scheduled'];

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];

beforeAll(async () => {
  await buildWeb();
  server = await startTestServer({ demo: true, demoNow: new Date('2026-11-22T12:00:00Z') });
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-GB', serviceWorkers: 'block' });
  page = await context.newPage();
  errors = watchErrors(page);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

const hashParams = () => new URLSearchParams(new URL(page.url()).hash.split('?')[1] ?? '');
const items = () => page.locator('.c-list .c-item');
const listStates = () => items().evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.state!));
const status = () => page.locator('.c-detail-status').textContent();

/** Rows wholly inside the viewport, with the page itself not scrolled. */
const rowsInSight = () =>
  page.evaluate(() => {
    const inside = [...document.querySelectorAll('.c-list .c-item')].filter((el) => {
      const r = el.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0;
    });
    return { rows: inside.length, pageScrolled: window.scrollY, pageScrolls: document.documentElement.scrollHeight > window.innerHeight };
  });

describe('triage on the first day', () => {
  it('opens on open work, newest first, with the filters in one row and eight reports in sight at 1366×768', async () => {
    await page.goto(`${server.url}/#/staff`);
    await page.getByLabel('Work email').fill(ADMIN);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.c-triage').waitFor({ timeout: 20_000 });
    await expect.poll(async () => (await items().count()) >= 8, { timeout: 15_000 }).toBe(true);

    // The default is not written into the address; the chips say which states are shown.
    expect(hashParams().get('state')).toBeNull();
    for (const s of OPEN) expect(await page.locator(`.c-chip[data-state="${s}"]`).getAttribute('aria-pressed'), s).toBe('true');
    for (const s of ['fixed', 'closed', 'duplicate', 'referred', 'hidden']) expect(await page.locator(`.c-chip[data-state="${s}"]`).getAttribute('aria-pressed'), s).toBe('false');
    expect(new Set(await listStates()).size).toBeGreaterThan(0);
    for (const s of await listStates()) expect(OPEN).toContain(s);

    // Newest first, by the time each row shows.
    const times = await page.locator('.c-list .c-item .c-item-meta time').evaluateAll((els) => els.map((el) => el.getAttribute('datetime')!));
    expect(times).toEqual([...times].sort().reverse());
    const [newest] = await server.database.rows<{ id: string }>(
      sql`select public_id as id from reports where state in ('new','acknowledged','in_progress','action_scheduled') order by created_at desc, id desc limit 1`,
    );
    expect(await items().first().getAttribute('data-id')).toBe(newest!.id);

    await page.screenshot({ path: '/tmp/console-triage-1366x768.png' });
    // One row of filters: the rest behind "More filters", closed.
    const more = page.getByRole('button', { name: 'More filters' });
    expect(await more.getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('#c-more-filters').isHidden()).toBe(true);
    const chipsBox = (await page.locator('.c-chips').boundingBox())!;
    const moreBox = (await more.boundingBox())!;
    expect(Math.abs(moreBox.y + moreBox.height / 2 - (chipsBox.y + chipsBox.height / 2))).toBeLessThan(chipsBox.height);

    const sight = await rowsInSight();
    expect(sight.rows).toBeGreaterThanOrEqual(8);
    expect(sight.pageScrolled).toBe(0);
    expect(sight.pageScrolls).toBe(false);
    expect(await axeProblems(page)).toEqual([]);

    // The disclosure opens the other filters.
    await more.click();
    expect(await more.getAttribute('aria-expanded')).toBe('true');
    await page.locator('#c-f-category').waitFor({ state: 'visible' });
    await more.click();
  });

  it('shows everything to an officer who clears the default, and the address says so', async () => {
    await page.getByRole('button', { name: 'All states' }).click();
    await expect.poll(() => hashParams().get('state')).toBe('all');
    await expect.poll(async () => (await listStates()).some((s) => !OPEN.includes(s)), { timeout: 10_000 }).toBe(true);
    // A reload keeps "every state"; the list agrees with the total of all reports.
    await page.reload();
    await page.locator('.c-triage').waitFor({ timeout: 15_000 });
    expect(await page.getByRole('button', { name: 'All states' }).getAttribute('aria-pressed')).toBe('true');
    await expect.poll(async () => (await listStates()).some((s) => !OPEN.includes(s)), { timeout: 10_000 }).toBe(true);
    // Back to the default: open work again, and the address is clean.
    await page.goto(`${server.url}/#/staff`);
    await expect.poll(async () => (await listStates()).every((s) => OPEN.includes(s)), { timeout: 10_000 }).toBe(true);
  });
});

describe('the public answer', () => {
  let id: string;

  it('never pre-ticks an expected date: an answer alone leaves the report without one', async () => {
    const [row] = await server.database.rows<{ id: string }>(sql`
      select public_id as id from reports where state = 'new' and expected_at is null order by created_at desc limit 1`);
    id = row!.id;
    await page.goto(`${server.url}/#/staff?sel=${id}`);
    await page.locator('.c-detail h2').waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Answer publicly' }).first().click();
    await page.locator('#c-answer').waitFor();
    expect(await page.locator('#c-answer-date').inputValue()).toBe('');
    expect(await page.locator('#c-answer-set-expected').count()).toBe(0);
    await page.locator('#c-answer-message').fill('Thank you, we are looking into this.');
    await page.locator('#c-answer').getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => status()).toContain('Answer sent');
    const [report] = await server.database.rows<{ expected: string | null; dated: number }>(sql`
      select r.expected_at::text as expected, (select count(*)::int from report_events e where e.report_id = r.id and e.kind = 'expected_date_set') as dated
      from reports r where r.public_id = ${id}`);
    expect(report).toEqual({ expected: null, dated: 0 });
  });

  it('sets the date only when the officer enters one', async () => {
    await page.getByRole('button', { name: 'Answer publicly' }).first().click();
    await page.locator('#c-answer').waitFor();
    expect(await page.locator('#c-answer-date').inputValue()).toBe('');
    await page.locator('#c-answer-date').fill('2026-12-18');
    // Choosing a date is the officer's choice; the box that says so appears with it.
    expect(await page.locator('#c-answer-set-expected').isChecked()).toBe(true);
    await page.locator('#c-answer-message').fill('We will clear it by 18 December.');
    await page.locator('#c-answer').getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => status()).toContain('Answer sent');
    const [report] = await server.database.rows<{ expected: string }>(sql`select to_char(expected_at, 'YYYY-MM-DD') as expected from reports where public_id = ${id}`);
    expect(report!.expected).toBe('2026-12-18');
  });
});

describe('the console in Polish', () => {
  let busy: string;
  let teamPl: string;
  let teamEn: string;

  beforeAll(async () => {
    // A busy report: twelve supports in a row after an answer, then one more answer.
    const [row] = await server.database.rows<{ id: number; publicId: string; created: string; name: string; names: Record<string, string> }>(sql`
      select r.id, r.public_id as "publicId", r.created_at::text as created, t.name, t.names from reports r join teams t on t.id = r.team_id
      where r.state in ('new','acknowledged') and not exists (select 1 from report_events e where e.report_id = r.id and e.kind = 'supported')
      order by r.created_at desc limit 1`);
    busy = row!.publicId;
    teamPl = row!.names.pl!;
    teamEn = row!.name;
    const base = Date.parse(row!.created);
    const at = (minutes: number) => new Date(base + minutes * 60_000).toISOString();
    await server.database.rows(sql`insert into report_events (report_id, kind, actor_type, public, payload, created_at) values
      (${row!.id}, 'public_answer', 'staff', true, ${JSON.stringify({ message: 'Dziękujemy, sprawdzimy to.' })}::jsonb, ${at(1)})`);
    // Routed by a team, as imported data records it: by the team's default (English) name.
    await server.database.rows(sql`insert into report_events (report_id, kind, actor_type, actor_label, public, payload, created_at) values
      (${row!.id}, 'assigned', 'staff', ${row!.name}, false, ${JSON.stringify({ team: row!.name })}::jsonb, ${at(0.5)})`);
    for (let i = 0; i < 12; i++) {
      await server.database.rows(
        sql`insert into report_events (report_id, kind, actor_type, public, payload, created_at) values (${row!.id}, 'supported', 'resident', true, '{}'::jsonb, ${at(10 + i)})`,
      );
    }
    await server.database.rows(sql`insert into report_events (report_id, kind, actor_type, public, payload, created_at) values
      (${row!.id}, 'public_answer', 'staff', true, ${JSON.stringify({ message: 'Ekipa jest w drodze.' })}::jsonb, ${at(60)})`);
  });

  it('labels the map controls, names teams and groups supports in Polish', async () => {
    await page.goto(`${server.url}/#/staff?state=all&sel=${busy}`);
    await page.locator('.c-detail h2').waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: /^PL/ }).click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('pl');

    // MapLibre's own controls, relabelled when the language changed.
    await expect.poll(() => page.locator('.c-map .maplibregl-ctrl-zoom-in').getAttribute('aria-label')).toBe('Przybliż');
    expect(await page.locator('.c-map .maplibregl-ctrl-zoom-out').getAttribute('aria-label')).toBe('Oddal');
    expect(await page.locator('.c-map .maplibregl-ctrl-attrib-button').getAttribute('aria-label')).toBe('Pokaż lub ukryj źródła mapy');

    // The team by its Polish name, in the report's facts and in the list.
    expect(teamPl).toBeTruthy();
    await expect.poll(() => page.locator('.c-facts').first().textContent()).toContain(teamPl);
    await expect.poll(() => page.locator(`.c-item[data-id="${busy}"] .c-item-meta`).textContent()).toContain(teamPl);

    // Twelve supports in one line; both answers stay in sight around it.
    const grouped = page.locator('.c-timeline .c-event[data-kind="supported"]');
    await expect.poll(() => grouped.count()).toBe(1);
    expect(await grouped.getAttribute('data-count')).toBe('12');
    expect(await grouped.locator('.c-event-title').textContent()).toBe('Poparło 12 mieszkańców');
    const kinds = await page.locator('.c-timeline > .c-event').evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.kind));
    expect(kinds.slice(0, 3)).toEqual(['public_answer', 'supported', 'public_answer']);
    expect(await grouped.locator('.c-event-vis').textContent()).toBe('Publiczne');
    // The team an event names, by its Polish name, as who acted and in what they did.
    const assigned = page.locator('.c-timeline .c-event[data-kind="assigned"]').last();
    expect(await assigned.textContent()).toContain(teamPl);
    expect(await assigned.textContent()).not.toContain(teamEn);
    await page.screenshot({ path: '/tmp/console-pl-grouped.png' });
    expect(await axeProblems(page)).toEqual([]);

    // Made in Polish from the start (after a reload), the map's words are Polish too.
    await page.reload();
    await page.locator('.c-detail h2').waitFor({ timeout: 15_000 });
    await expect.poll(() => page.locator('.c-map .maplibregl-ctrl-zoom-in').getAttribute('aria-label'), { timeout: 15_000 }).toBe('Przybliż');
    expect(await page.locator('.c-map canvas').getAttribute('aria-label')).toContain('Mapa zgłoszeń');
  });

  it('groups the supports on the public page too, with the Polish plural', async () => {
    await page.goto(`${server.url}/#/reports/${busy}`);
    const grouped = page.locator('.timeline-item[data-kind="supported"]');
    await expect.poll(() => grouped.count(), { timeout: 15_000 }).toBe(1);
    expect(await grouped.locator('strong').textContent()).toBe('12 osób popiera to zgłoszenie');
    const answers = page.locator('.timeline-item[data-kind="public_answer"]');
    expect(await answers.count()).toBe(2);
    expect(await answers.first().textContent()).toContain('Dziękujemy, sprawdzimy to.');
    expect(errors).toEqual([]);
  });
});
