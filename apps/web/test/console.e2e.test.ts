/**
 * The staff console in real headless Chromium on a desktop screen, against the real API over a
 * fresh test database with the demo data and demo staff. An officer triages new litter:
 * assigns a report to herself, answers it from a template with an expected date, adds an
 * internal note and merges a duplicate into it. The resident's public page then shows the
 * answer and the date but not the note, and the database's timeline is the judge of what
 * was recorded, by whom.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startTestServer, type TestServer } from '@groundswell/api/test-server';
import { sql } from '@groundswell/db/testing';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { ensureBuilt } from './ensure-build.ts';
import { axeProblems } from './phone.ts';

declare global {
  interface Window {
    __gsConsoleMap?: MapLibreMap;
  }
}

const webDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PASSWORD = 'carse-of-gowrie-demo';
const OFFICER = 'waste@council.example';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}. Install it (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  await ensureBuilt(webDir);
  // The demo is generated against a fixed day on which it holds exactly one new litter
  // report in the waste team's work, which this walk-through takes as its main report.
  server = await startTestServer({ demo: true, demoNow: new Date('2026-11-22T12:00:00Z') });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

function desktop(): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-GB', serviceWorkers: 'block' });
}

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

async function signIn(page: Page, email: string, password = PASSWORD) {
  // The previous try has finished (it clears the password when it fails).
  await expect.poll(() => page.getByRole('button', { name: 'Sign in' }).isEnabled()).toBe(true);
  await page.getByLabel('Work email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

const hashParams = (page: Page) => new URLSearchParams(new URL(page.url()).hash.split('?')[1] ?? '');
const listIds = (page: Page) => page.locator('.c-list .c-item').evaluateAll((items) => items.map((i) => (i as HTMLElement).dataset.id!));
const listStates = (page: Page) => page.locator('.c-list .c-item').evaluateAll((items) => items.map((i) => (i as HTMLElement).dataset.state!));
const status = (page: Page) => page.locator('.c-detail-status').textContent();

/** Today plus some days, as the date input wants it. */
function inDays(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** A report through the public API, as a resident's phone would send it. */
async function residentReport(body: object, key: string): Promise<string> {
  const res = await fetch(`${server.url}/api/reports`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': key }, body: JSON.stringify(body) });
  if (res.status !== 201) throw new Error(`POST /api/reports answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

// The officer's browser: used by the 'staff console' blocks below, then, once those have
// closed it, opened afresh for the 'staff console: more of the work' blocks.
let context: BrowserContext;
let page: Page;
let errors: string[];
let officerId: string;
/** The demo's one new litter report, and a resident's duplicate of it a few metres away. */
let main: string;
let duplicate: string;
let near: [number, number];
const expected = inDays(9);
const note = 'Crew says the bin store gate is broken: INTERNAL-ONLY-7731';

describe('staff console', () => {
  beforeAll(async () => {
    const [row] = await server.database.rows<{ id: string; g: string }>(sql`
      select r.public_id as id, st_asgeojson(r.point) as g from reports r join categories c on c.id = r.category_id
      where c.code = 'litter' and r.state = 'new' order by r.id limit 1`);
    if (!row) throw new Error('the demo data has no new litter report');
    main = row.id;
    const [lon, lat] = (JSON.parse(row.g) as { coordinates: [number, number] }).coordinates;
    near = [lon + 0.0002, lat + 0.0001];
    duplicate = await residentReport(
      { category: 'litter', geometry: { type: 'Point', coordinates: near }, description: 'Bags of rubbish dumped by the bench again', locale: 'en' },
      'console-e2e-duplicate',
    );
  });

  it('sends a signed-out visitor to sign in and explains a wrong password and throttling', async () => {
    context = await desktop();
    page = await context.newPage();
    errors = watchErrors(page);
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));

    // The resident's map does not download the console.
    await page.goto(server.url);
    await page.locator('.map-screen canvas').waitFor({ timeout: 20_000 });
    expect(requests.filter((u) => /\/assets\/(Console|Admin|Assisted)-/.test(u))).toEqual([]);

    await page.goto(`${server.url}/#/staff?state=new`);
    await page.getByRole('heading', { name: 'Sign in to the staff console' }).waitFor({ timeout: 15_000 });
    expect(new URL(page.url()).hash).toBe(`#/staff/login?next=${encodeURIComponent('#/staff?state=new')}`);
    expect(requests.some((u) => /\/assets\/Console-.*\.js$/.test(u))).toBe(true);

    // Empty form: messages beside the fields, in the console's words.
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(await page.locator('#c-login-email-error').textContent()).toContain('Enter your work email address');

    await signIn(page, OFFICER, 'not-the-password');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('That email and password do not match an account');

    // Another address, five wrong tries: the sixth is throttled (429) and says how long to wait.
    for (let i = 0; i < 6; i++) await signIn(page, 'nobody@council.example', `wrong-${i}`);
    await expect.poll(() => page.getByRole('alert').textContent(), { timeout: 10_000 }).toMatch(/Too many failed sign-ins\. Wait \d+ minutes/);
    await page.screenshot({ path: '/tmp/console-login.png' });
    expect(await axeProblems(page)).toEqual([]);
  });

  it('signs the officer in and comes back to the filter she asked for', async () => {
    await signIn(page, OFFICER);
    await page.locator('.c-triage').waitFor({ timeout: 15_000 });
    expect(await page.locator('.c-user-name').textContent()).toBe('Signed in as Kasia Waste (officer)');
    expect(hashParams(page).get('state')).toBe('new');
    // Officers do not see the admin pages.
    expect(await page.getByRole('link', { name: 'Admin' }).count()).toBe(0);
    const [row] = await server.database.rows<{ id: string }>(sql`select id from staff_users where email = ${OFFICER}`);
    officerId = row!.id;
  });

  it('filters new litter reports; the filter lives in the address and survives a reload', async () => {
    // The filters besides state and search open on demand (issue 12: one row of filters).
    await page.getByRole('button', { name: 'More filters' }).click();
    await page.locator('#c-f-category').selectOption('litter');
    await expect.poll(() => hashParams(page).get('category')).toBe('litter');
    expect(await page.getByRole('button', { name: /^New \d+$/ }).getAttribute('aria-pressed')).toBe('true');
    await expect.poll(async () => (await listIds(page)).length, { timeout: 10_000 }).toBe(2);
    expect(new Set(await listStates(page))).toEqual(new Set(['new']));

    await page.reload();
    await page.locator('.c-triage').waitFor({ timeout: 15_000 });
    await expect.poll(async () => (await listIds(page)).length, { timeout: 10_000 }).toBe(2);
    expect(await page.locator('#c-f-category').inputValue()).toBe('litter');
    expect(await page.getByRole('button', { name: /^New \d+$/ }).getAttribute('aria-pressed')).toBe('true');

    // The counts per state ignore the state filter; the list agrees with the "New" count.
    const chip = await page.getByRole('button', { name: /^New \d+$/ }).textContent();
    expect(Number(/(\d+)/.exec(chip!)![1])).toBe(Number(/of (\d+)/.exec((await page.locator('.c-list-count').textContent())!)![1]));

    // The map draws the same reports, from the staff report tiles (clustered when zoomed out).
    await expect.poll(() => page.evaluate(() => window.__gsConsoleMap?.getSource('c-tiles') !== undefined && window.__gsConsoleMap!.isStyleLoaded()), { timeout: 20_000 }).toBe(true);
    // Newest first: the resident's duplicate, then the demo's report.
    expect(await listIds(page)).toEqual([duplicate, main]);
  });
});

describe('staff console', () => {
  it('selects on the map and in the list as one selection; j and k move through the list', async () => {
    // Click the duplicate's point on the map: it opens, and the list marks it.
    await page.evaluate((p) => window.__gsConsoleMap!.jumpTo({ center: p, zoom: 17 }), near);
    await expect
      .poll(() => page.evaluate((id) => window.__gsConsoleMap!.queryRenderedFeatures({ layers: ['c-point'] }).some((f) => f.properties.id === id), duplicate), { timeout: 15_000 })
      .toBe(true);
    const box = (await page.locator('.c-map').boundingBox())!;
    const xy = await page.evaluate((p) => window.__gsConsoleMap!.project(p), near);
    await page.mouse.click(box.x + xy.x, box.y + xy.y);
    await expect.poll(() => hashParams(page).get('sel')).toBe(duplicate);
    await page.locator('.c-detail h2').filter({ hasText: duplicate }).waitFor();
    expect(await page.locator(`#c-item-${duplicate}`).getAttribute('aria-current')).toBe('true');

    // j: the next report in the list; k: back.
    await page.locator('.c-detail h2').focus();
    await page.keyboard.press('j');
    await expect.poll(() => hashParams(page).get('sel')).toBe(main);
    await page.locator('.c-detail h2').filter({ hasText: main }).waitFor();
    await page.keyboard.press('k');
    await expect.poll(() => hashParams(page).get('sel')).toBe(duplicate);
    await page.screenshot({ path: '/tmp/console-triage.png' });
    // And a click in the list.
    await page.locator(`#c-item-${main}`).click();
    await page.locator('.c-detail h2').filter({ hasText: main }).waitFor();
  });

  it('assigns the report to herself, answers from a template with an expected date, and adds an internal note', async () => {
    await page.getByRole('button', { name: /^Assign to me/ }).click();
    await expect.poll(() => status(page)).toContain('Assigned to you.');
    await expect.poll(() => page.locator('.c-facts').first().textContent()).toContain('Kasia Waste');

    // r opens the answer; the template is filled with the date, then edited.
    await page.locator('.c-detail h2').focus();
    await page.keyboard.press('r');
    const form = page.locator('#c-answer');
    await form.waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('c-answer-date');
    await page.locator('#c-answer-date').fill(expected);
    await page.getByLabel('Start from a template').selectOption({ label: 'Litter pick booked' });
    const longDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${expected}T12:00:00Z`));
    await expect.poll(() => page.locator('#c-answer-message').inputValue()).toBe(`Thanks. Our street cleaning team will clear this by ${longDate}.`);
    await page.locator('#c-answer-message').fill(`Thanks. Our street cleaning team will clear this by ${longDate}. Kasia, waste team`);
    expect(await page.locator('#c-answer-set-expected').isChecked()).toBe(true);
    await page.screenshot({ path: '/tmp/console-answer.png' });
    expect(await axeProblems(page)).toEqual([]);
    await form.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => status(page)).toContain('Answer sent');

    // The internal note, by button this time.
    await page.getByRole('button', { name: 'Add internal note' }).click();
    await page.getByLabel('Note', { exact: true }).fill(note);
    await page.locator('#c-note').getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => status(page)).toContain('Internal note added.');

    // The timeline shows both, the note marked internal.
    const noteEvent = page.locator('.c-event[data-kind="internal_note"]');
    await expect.poll(() => noteEvent.textContent()).toContain(note);
    expect(await noteEvent.locator('.c-event-vis').textContent()).toBe('Internal');
    expect(await page.locator('.c-event[data-kind="public_answer"] .c-event-vis').textContent()).toBe('Public');
    expect(await page.locator('.c-event[data-kind="public_answer"]').textContent()).toContain('by Kasia Waste');
    await page.screenshot({ path: '/tmp/console-detail.png' });
  });

  it('shows new reports without a reload', async () => {
    const created = await residentReport(
      { category: 'litter', geometry: { type: 'Point', coordinates: [near[0] + 0.003, near[1]] }, description: 'Fresh litter by the bus stop', locale: 'en' },
      'console-e2e-new',
    );
    // The list polls every 15 s, and at once when the window regains focus.
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await expect.poll(() => page.locator('.c-new-banner').textContent(), { timeout: 20_000 }).toContain('Arrived since you opened the list: 1');
    expect(await page.locator(`.c-item[data-id="${created}"] .c-badge-new`).textContent()).toBe('Just in');
    await page.screenshot({ path: '/tmp/console-new.png' });
  });
});

describe('staff console', () => {
  it('merges a duplicate into the answered report', async () => {
    await page.locator(`#c-item-${duplicate}`).click();
    await page.locator('.c-detail h2').filter({ hasText: duplicate }).waitFor();
    await page.getByRole('button', { name: 'Merge as duplicate' }).click();
    // The answered report left the "new" list, so it is found by its id.
    await page.getByLabel('Or type the id of the report to merge into').fill(main);
    await page.screenshot({ path: '/tmp/console-merge.png' });
    await page.locator('#c-merge').getByRole('button', { name: 'Merge' }).click();
    await expect.poll(() => status(page)).toContain(`Merged into report ${main}.`);
    await expect.poll(() => page.locator('.c-detail .c-detail-badges').textContent()).toContain('Duplicate');
  });

  it('records one timeline event per action, by the officer', async () => {
    const events = await server.database.rows<{ report: string; kind: string; actorType: string; actorId: string | null; public: boolean; payload: Record<string, unknown> }>(sql`
      select r.public_id as report, e.kind, e.actor_type as "actorType", e.actor_id as "actorId", e.public, e.payload
      from report_events e join reports r on r.id = e.report_id
      where r.public_id in (${main}, ${duplicate}) and e.actor_type = 'staff' order by e.id`);
    const kinds = (id: string) => events.filter((e) => e.report === id).map((e) => e.kind);
    expect(kinds(main).sort()).toEqual(['assigned', 'expected_date_set', 'internal_note', 'merged', 'public_answer', 'state_changed'].sort());
    expect(kinds(duplicate).sort()).toEqual(['merged_into', 'state_changed']);
    for (const e of events) expect(e.actorId).toBe(officerId);
    const byKind = (kind: string) => events.find((e) => e.report === main && e.kind === kind)!;
    expect(byKind('internal_note').public).toBe(false);
    expect(byKind('internal_note').payload.note).toBe(note);
    expect(byKind('public_answer').public).toBe(true);
    expect(byKind('expected_date_set').payload.expectedAt).toBe(expected);
    expect(byKind('assigned').payload.assigneeId).toBe(officerId);
    expect(byKind('merged').payload.from).toBe(duplicate);
    const [report] = await server.database.rows<{ state: string; expected: string; assignee: string }>(sql`
      select state, to_char(expected_at, 'YYYY-MM-DD') as expected, assignee_id::text as assignee from reports where public_id = ${main}`);
    expect(report).toEqual({ state: 'acknowledged', expected, assignee: officerId });
    expect(errors).toEqual([]);
  });

  it('shows the resident the answer and the expected date, never the internal note', async () => {
    const resident = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-GB', serviceWorkers: 'block' });
    const p = await resident.newPage();
    const requests: string[] = [];
    p.on('request', (r) => requests.push(r.url()));
    await p.goto(`${server.url}/#/reports/${main}`);
    const body = p.locator('main');
    await expect.poll(() => body.textContent(), { timeout: 15_000 }).toContain('Kasia, waste team');
    const text = (await body.textContent())!;
    const shortDate = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium' }).format(new Date(`${expected}T12:00:00`));
    expect(text).toContain(shortDate);
    expect(text).not.toContain('INTERNAL-ONLY-7731');
    expect(text).not.toContain('bin store gate');
    const api = await (await fetch(`${server.url}/api/reports/${main}`)).text();
    expect(api).not.toContain('INTERNAL-ONLY-7731');
    expect(requests.filter((u) => /\/assets\/(Console|Admin|Assisted)-/.test(u))).toEqual([]);
    await p.screenshot({ path: '/tmp/console-public.png', fullPage: true });
    await resident.close();
  });

  afterAll(async () => {
    await context?.close();
  });
});

describe('staff console: more of the work', () => {
  beforeAll(async () => {
    context = await desktop();
    page = await context.newPage();
    errors = watchErrors(page);
  });

  it('logs a phone report for a resident, showing the server’s field errors', async () => {
    await page.goto(`${server.url}/#/staff/new`);
    await page.getByLabel('Work email').waitFor({ timeout: 15_000 });
    await signIn(page, 'roads@council.example');
    await page.getByRole('heading', { name: 'Log a report for a resident' }).waitFor({ timeout: 15_000 });
    await page.locator('#c-new-channel').selectOption('phone');
    await page.getByLabel('Source (optional)').fill('Call from Mrs B., 10:40');
    await page.getByLabel('Name', { exact: true }).fill('Brenda Resident');
    await page.getByLabel('Email', { exact: true }).fill('brenda-at-example');
    // Litter may be an area: drawn click by click on the map.
    await page.locator('#c-new-category').selectOption('litter');
    await page.getByLabel('Area', { exact: true }).check();
    await expect.poll(() => page.evaluate(() => !!window.__gsConsoleMap?.isStyleLoaded()), { timeout: 20_000 }).toBe(true);
    await page.locator('.c-map-small').scrollIntoViewIfNeeded();
    const area = (await page.locator('.c-map-small').boundingBox())!;
    for (const [dx, dy] of [
      [-40, -30],
      [40, -30],
      [0, 40],
    ] as const)
      await page.mouse.click(area.x + area.width / 2 + dx, area.y + area.height / 2 + dy);
    await expect.poll(() => page.locator('.c-place-draw').textContent()).toContain('Points drawn: 3');
    expect(await page.evaluate(() => window.__gsConsoleMap!.getSource('c-draw') !== undefined)).toBe(true);
    await page.getByRole('button', { name: 'Undo the last point' }).click();
    await expect.poll(() => page.locator('.c-place-draw').textContent()).toContain('Draw at least 3 points on the map.');
    // A pothole is a point only.
    await page.locator('#c-new-category').selectOption('pothole');
    expect(await page.getByLabel('Area', { exact: true }).count()).toBe(0);
    await page.getByLabel(/^Description/).fill('Deep pothole by the post box, a car lost a hubcap');
    // Nothing placed yet: the form says so before sending anything.
    await page.getByRole('button', { name: 'Log the report' }).click();
    await expect.poll(() => page.locator('#c-new-errors').textContent()).toContain('Choose the place on the map or type its coordinates.');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('c-new-errors');

    // Place it on the map.
    await expect.poll(() => page.evaluate(() => !!window.__gsConsoleMap?.isStyleLoaded()), { timeout: 20_000 }).toBe(true);
    await page.locator('.c-map-small').scrollIntoViewIfNeeded();
    const box = (await page.locator('.c-map-small').boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(() => page.locator('#c-new-lat').inputValue()).not.toBe('');

    // The bad email comes back from the server as a field error, beside the field and in the summary.
    await page.getByRole('button', { name: 'Log the report' }).click();
    await expect.poll(() => page.locator('#c-new-email-error').textContent(), { timeout: 10_000 }).toBeTruthy();
    expect(await page.locator('#c-new-errors a[href="#c-new-email"]').count()).toBe(1);
    await page.screenshot({ path: '/tmp/console-assisted-errors.png', fullPage: true });
    expect(await axeProblems(page)).toEqual([]);

    await page.getByLabel('Email', { exact: true }).fill('brenda@example.org');
    await page.getByRole('button', { name: 'Log the report' }).click();
    // Then the category's required question, checked by the server against the category's form.
    await expect.poll(() => page.locator('#c-new-q-position-error').textContent(), { timeout: 10_000 }).toContain('Please answer');
    expect(await page.locator('#c-new-errors').textContent()).toContain('Please answer');
    await page.locator('#c-new-q-position input').first().check();
    await page.getByRole('button', { name: 'Log the report' }).click();
    const done = page.locator('#c-new-done');
    await expect.poll(() => done.textContent(), { timeout: 10_000 }).toMatch(/Report [a-z0-9]+ logged\./);
    const id = /Report ([a-z0-9]+) logged/.exec((await done.textContent())!)![1]!;
    const [row] = await server.database.rows<{ channel: string; source: string; email: string; actor: string }>(sql`
      select r.channel, r.channel_source as source, c.email, e.actor_type as actor from reports r
      join report_contacts c on c.report_id = r.id join report_events e on e.report_id = r.id and e.kind = 'created'
      where r.public_id = ${id}`);
    expect(row).toEqual({ channel: 'phone', source: 'Call from Mrs B., 10:40', email: 'brenda@example.org', actor: 'staff' });
    await page.screenshot({ path: '/tmp/console-assisted.png' });
  });
});

describe('staff console: more of the work', () => {
  it('applies one action to several reports and shows each result', async () => {
    await page.goto(`${server.url}/#/staff?state=new&category=pothole`);
    await expect.poll(async () => (await listIds(page)).length, { timeout: 15_000 }).toBeGreaterThan(2);
    const ids = (await listIds(page)).slice(0, 2);
    for (const id of ids) await page.getByLabel(`Select report ${id} for bulk actions`).check();
    await page.locator('#c-bulk-kind').selectOption('state');
    await page.locator('#c-bulk-state').selectOption('fixed');
    // Closing needs a public answer: refused before sending.
    await page.getByRole('button', { name: 'Apply to the selected reports (2)' }).click();
    await expect.poll(() => page.locator('.c-bulk .c-field-error').textContent()).toContain('Write the answer to the resident.');
    await page.locator('#c-bulk-message').fill('Filled and rolled this morning. Thank you for telling us.');
    await page.getByRole('button', { name: 'Apply to the selected reports (2)' }).click();
    await expect.poll(() => page.locator('.c-bulk-results').textContent(), { timeout: 10_000 }).toContain('Done: 2. Not done: 0.');
    await page.screenshot({ path: '/tmp/console-bulk.png' });
    expect(await axeProblems(page)).toEqual([]);
    const states = await server.database.rows<{ state: string }>(sql`select state from reports where public_id in ${ids}`);
    expect(states.map((s) => s.state)).toEqual(['fixed', 'fixed']);
  });

  it('opens the shortcut help with ? and closes it with Escape, giving focus back', async () => {
    await page.locator('#c-list-title').click();
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Next report in the list');
    await page.screenshot({ path: '/tmp/console-help.png' });
    expect(await axeProblems(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    // / jumps to the search box.
    await page.locator('#c-list-title').click();
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('c-search');
  });

  it('sets the priority, moves a report by typed coordinates and redacts its description', async () => {
    await page.goto(`${server.url}/#/staff?state=new&category=pothole`);
    await expect.poll(async () => (await listIds(page)).length, { timeout: 15_000 }).toBeGreaterThan(0);
    const [id] = await listIds(page);
    await page.locator(`#c-item-${id}`).click();
    await page.locator('.c-detail h2').filter({ hasText: id! }).waitFor();

    const [{ last }] = (await server.database.rows<{ last: number }>(sql`select coalesce(max(id), 0)::int as last from report_events`)) as [{ last: number }];
    await page.getByRole('button', { name: 'Priority', exact: true }).click();
    await page.getByLabel('High').check();
    await page.locator('#c-priority').getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => status(page)).toContain('Priority saved.');

    const [before] = await server.database.rows<{ g: string }>(sql`select st_asgeojson(geom) as g from reports where public_id = ${id!}`);
    const [lon, lat] = (JSON.parse(before!.g) as { coordinates: [number, number] }).coordinates;
    await page.getByRole('button', { name: 'Move', exact: true }).click();
    // The marker starts where the report is; typing moves it (the map is not the only way).
    await expect.poll(async () => Math.abs(Number(await page.locator('#c-move-lat').inputValue()) - lat)).toBeLessThan(1e-5);
    await page.locator('#c-move-lat').fill(String(lat + 0.0005));
    await page.locator('#c-move-lon').fill(String(lon - 0.0005));
    await page.getByRole('button', { name: 'Put the marker here' }).click();
    await page.locator('#c-move').getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => status(page)).toContain('Location saved.');
    const [after] = await server.database.rows<{ g: string }>(sql`select st_asgeojson(geom) as g from reports where public_id = ${id!}`);
    const moved = (JSON.parse(after!.g) as { coordinates: [number, number] }).coordinates;
    expect(moved[0]).toBeCloseTo(lon - 0.0005, 5);
    expect(moved[1]).toBeCloseTo(lat + 0.0005, 5);

    await page.getByRole('button', { name: 'Moderate', exact: true }).click();
    await page.getByLabel('Reason (kept on the record)').fill('Names a neighbour');
    await page.getByLabel('Redact the description').check();
    await page.getByLabel('Description as the public will see it').fill('Deep pothole outside [a house].');
    await page.screenshot({ path: '/tmp/console-moderate.png' });
    await page.locator('#c-moderate').getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => status(page)).toContain('Moderation saved.');
    await expect.poll(() => page.locator('.c-description').textContent()).toBe('Deep pothole outside [a house].');
    const redacted = page.locator('.c-event[data-kind="redacted"]');
    expect(await redacted.locator('.c-event-vis').textContent()).toBe('Internal');
    expect(await redacted.textContent()).toContain('Reason: Names a neighbour');

    const kinds = await server.database.rows<{ kind: string }>(sql`
      select e.kind from report_events e join reports r on r.id = e.report_id where r.public_id = ${id!} and e.id > ${last} order by e.id`);
    expect(kinds.map((k) => k.kind)).toEqual(['priority_set', 'moved', 'redacted']);
  });
});

describe('staff console: more of the work', () => {
  it('works on a tablet and on a phone', async () => {
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: '/tmp/console-tablet.png' });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await page.locator('.c-detail .c-detail-body').waitFor({ timeout: 15_000 });
    await page.screenshot({ path: '/tmp/console-phone-detail.png' });
    await page.getByRole('button', { name: 'Close the report' }).click();
    await expect.poll(() => page.locator('.c-list').isVisible()).toBe(true);
    expect(await page.locator('.c-map-pane').isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Map', exact: true }).click();
    await expect.poll(() => page.locator('.c-map-pane').isVisible()).toBe(true);
    await page.screenshot({ path: '/tmp/console-phone-map.png' });
    await page.getByRole('button', { name: 'List', exact: true }).click();
    await page.screenshot({ path: '/tmp/console-phone-list.png' });
    await page.setViewportSize({ width: 1366, height: 900 });
  });

  it('speaks Polish', async () => {
    await page.getByRole('button', { name: /^PL/ }).click();
    await expect.poll(() => page.locator('.c-nav').textContent()).toContain('Zgłoszenia');
    expect(await page.locator('html').getAttribute('lang')).toBe('pl');
    expect(await page.getByRole('button', { name: /^Nowe \d+$/ }).count()).toBe(1);
    await page.screenshot({ path: '/tmp/console-pl.png' });
    await page.getByRole('button', { name: /^EN/ }).click();
    expect(errors).toEqual([]);
  });

  afterAll(async () => {
    await context?.close();
  });
});

describe('staff console: administration', () => {
  let context: BrowserContext;
  let page: Page;

  afterAll(async () => {
    await context?.close();
  });

  it('lets an administrator manage accounts, create an API key shown once, and read the audit log', async () => {
    context = await desktop();
    page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}/#/staff/admin/users`);
    await page.getByLabel('Work email').waitFor({ timeout: 15_000 });
    await signIn(page, 'admin@council.example');
    await page.getByRole('heading', { name: 'Staff accounts', level: 2 }).waitFor({ timeout: 15_000 });
    await expect.poll(() => page.locator('.c-table tbody tr').count()).toBeGreaterThanOrEqual(4);
    expect(await page.locator('.c-table').textContent()).toContain('Kasia Waste');

    // A new account: the server's field error first (too short a password), then success.
    await page.getByLabel('Name', { exact: true }).fill('Nina Newstarter');
    await page.getByLabel('Email', { exact: true }).fill('nina@council.example');
    await page.getByLabel('Waste and street cleaning').check();
    await page.getByLabel('Initial password').fill('short');
    await page.getByRole('button', { name: 'Create the account' }).click();
    await expect.poll(() => page.locator('#c-user-password-error').textContent()).toContain('12 characters');
    await page.getByLabel('Initial password').fill('a-long-enough-password');
    await page.getByRole('button', { name: 'Create the account' }).click();
    await expect.poll(() => page.locator('.c-table').textContent()).toContain('Nina Newstarter');

    // Areas from a GeoJSON file: the name property is chosen from the first feature; a bad shape is named.
    await page.getByRole('link', { name: 'Areas' }).click();
    const square = (x: number, y: number) => [
      [
        [x, y],
        [x + 0.01, y],
        [x + 0.01, y + 0.01],
        [x, y + 0.01],
        [x, y],
      ],
    ];
    const bowtie = [
      [
        [-3.2, 56.4],
        [-3.19, 56.41],
        [-3.19, 56.4],
        [-3.2, 56.41],
        [-3.2, 56.4],
      ],
    ];
    const file = (features: object[]) => ({ name: 'wards.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify({ type: 'FeatureCollection', features })) });
    const ward = (name: string, coordinates: unknown) => ({ type: 'Feature', properties: { WARD_NAME: name, WARD_CODE: name.toLowerCase() }, geometry: { type: 'Polygon', coordinates } });
    await page.getByLabel('GeoJSON file').setInputFiles(file([ward('North Ward', square(-3.3, 56.42)), ward('Twisted Ward', bowtie)]));
    await expect.poll(() => page.locator('#c-areas-name').inputValue()).toBe('WARD_NAME');
    await page.getByLabel('Kind of area').fill('ward');
    await page.getByRole('button', { name: 'Import' }).click();
    await expect.poll(() => page.locator('.c-problems').textContent(), { timeout: 10_000 }).toContain('Feature 2');
    expect(await page.locator('.c-problems').textContent()).toContain('Twisted Ward');
    await page.screenshot({ path: '/tmp/console-areas.png' });
    await page.getByLabel('GeoJSON file').setInputFiles(file([ward('North Ward', square(-3.3, 56.42)), ward('South Ward', square(-3.3, 56.38))]));
    await page.getByRole('button', { name: 'Import' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Areas imported: 2.' }).count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => page.locator('.c-table').textContent()).toContain('South Ward');

    await page.getByRole('link', { name: 'API keys' }).click();
    await page.getByLabel('What the key is for').fill('CRM bridge');
    await page.getByRole('button', { name: 'Create a key' }).click();
    await expect.poll(() => page.locator('#c-key-value').inputValue()).toMatch(/^gs_/);
    await page.screenshot({ path: '/tmp/console-admin-key.png' });

    await page.getByRole('link', { name: 'Audit log' }).click();
    const kasia = await page.locator('#c-audit-staff option', { hasText: 'Kasia Waste' }).getAttribute('value');
    await page.locator('#c-audit-staff').selectOption(kasia!);
    await page.getByRole('button', { name: 'Show' }).click();
    // The unfiltered log holds Kasia's note too: wait for the filtered rows, not just the note.
    const who = async () => new Set(await page.locator('.c-audit tbody tr td:nth-child(2)').allTextContents());
    await expect.poll(who, { timeout: 10_000 }).toEqual(new Set(['Kasia Waste']));
    await expect.poll(() => page.locator('.c-audit tbody').textContent(), { timeout: 10_000 }).toContain('internal_note');
    await page.screenshot({ path: '/tmp/console-audit.png' });
    expect(await axeProblems(page)).toEqual([]);
    // The CSV download holds what the table shows: Kasia's entries, her note among them.
    const download = page.getByRole('link', { name: 'Download these entries as CSV' });
    expect(await download.getAttribute('href')).toBe(`/api/staff/audit.csv?staff=${kasia}`);
    const csv = await page.evaluate(async (href) => (await fetch(href!)).text(), await download.getAttribute('href'));
    const csvRows = csv.trimEnd().split('\r\n').slice(1);
    expect(csvRows.length).toBeGreaterThan(0);
    expect(csvRows.every((r) => r.split(',')[2] === 'Kasia Waste')).toBe(true);
    expect(csv).toContain(',internal_note,');

    // Sign out everywhere (after a confirmation): every session of the account ends.
    const other = await desktop();
    const otherPage = await other.newPage();
    await otherPage.goto(`${server.url}/#/staff`);
    await otherPage.getByLabel('Work email').waitFor({ timeout: 15_000 });
    await signIn(otherPage, 'admin@council.example');
    await otherPage.locator('.c-triage').waitFor({ timeout: 15_000 });
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Signed out everywhere (sessions ended: 2).' }).count(), { timeout: 10_000 }).toBe(1);
    expect(new URL(page.url()).hash).toMatch(/^#\/staff\/login/);
    // The other browser finds out at its next request and is sent to sign in.
    await otherPage.getByRole('button', { name: 'Check now' }).click();
    await otherPage.getByRole('heading', { name: 'Sign in to the staff console' }).waitFor({ timeout: 10_000 });
    expect(await otherPage.getByRole('status').textContent()).toContain('Your session has ended.');
    await other.close();
    expect(errors).toEqual([]);
  });
});
