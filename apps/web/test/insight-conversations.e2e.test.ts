/**
 * Issue 13 in real headless Chromium against the real API over the demo data:
 * - an administrator imports the contact centre's call log on the staff dashboard: the check
 *   names the one bad line and column and stores nothing, the fixed file imports, the go-live
 *   date is set, and the evidence chart then shows the calls before and after it (audited);
 * - the conversation map draws with data (places joined to topics, the weekly trend, the areas
 *   shaded on the map) in English and in Polish, with no small community and no handle;
 * - axe finds nothing serious on either page.
 * Mentions are written straight into the database, located inside two of the demo's areas.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '@groundswell/api/test-server';
import { sql } from '@groundswell/db/testing';
import { axeProblems, buildWeb, launchBrowser, watchErrors } from './phone.ts';

const DAY = 86_400_000;
const PASSWORD = 'carse-of-gowrie-demo';

let server: TestServer;
let browser: Browser;

/** The Monday `weeksAgo` weeks before this week's. */
function monday(weeksAgo: number): string {
  const now = new Date();
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const thisMonday = today - ((new Date(today).getUTCDay() + 6) % 7) * DAY;
  return new Date(thisMonday - weeksAgo * 7 * DAY).toISOString().slice(0, 10);
}

let codes: string[] = [];
let areas: Array<{ code: string; name: string; x: number; y: number }> = [];
let seeded = 0;

/** Six people on one server talking about two areas, two on a tiny server, emails: in the last five weeks. */
async function seedMentions() {
  const db = server.database;
  const [source] = await db.rows<{ id: number }>(
    sql`insert into listening_sources (kind, name, config) values ('mastodon', 'Carse on Mastodon', ${JSON.stringify({ instanceUrl: 'https://council.social' })}::jsonb) returning id`,
  );
  const [mail] = await db.rows<{ id: number }>(sql`insert into listening_sources (kind, name) values ('email', 'Council mailbox') returning id`);
  const [cat] = await db.rows<{ id: number }>(sql`select id from categories where code = ${codes[0]!}`);
  const rows: Array<{ source: number; author: string; text: string; area: number | null; days: number }> = [];
  for (let i = 0; i < 6; i++) rows.push({ source: source!.id, author: `@neighbour${i}@big.example`, text: `Drain blocked again ${i} #CarseDrains`, area: i % 2, days: 3 + i * 5 });
  for (let i = 0; i < 2; i++) rows.push({ source: source!.id, author: `@secretperson${i}@tiny.example`, text: `Litter ${i}`, area: 0, days: 4 + i });
  for (let i = 0; i < 3; i++) rows.push({ source: mail!.id, author: 'someone.private@example.com', text: `Email ${i}`, area: null, days: 2 + i });
  seeded = rows.length;
  for (const [i, r] of rows.entries()) {
    const a = r.area === null ? null : areas[r.area]!;
    const at = new Date(Date.now() - r.days * DAY);
    await db.rows(sql`insert into mentions (source_id, external_id, author, author_hash, text, posted_at, received_at, geom, suggested_category_id)
      values (${r.source}, ${`e2e${i}`}, ${r.author}, ${`hash-${r.author}`}, ${r.text}, ${at.toISOString()}::timestamptz, ${at.toISOString()}::timestamptz,
              ${a ? sql`ST_SetSRID(ST_MakePoint(${a.x}, ${a.y}), 4326)` : sql`null`}, ${cat!.id})`);
  }
}

beforeAll(async () => {
  await buildWeb();
  server = await startTestServer({ demo: true });
  codes = (await server.database.rows<{ code: string }>(sql`select code from categories order by code limit 2`)).map((r) => r.code);
  areas = (
    await server.database.rows<{ code: string; name: string; x: number; y: number }>(
      sql`select code, name, ST_X(ST_PointOnSurface(geom)) as x, ST_Y(ST_PointOnSurface(geom)) as y from areas order by code limit 2`,
    )
  ).map((a) => ({ ...a, x: Number(a.x), y: Number(a.y) }));
  if (areas.length < 2) throw new Error('The demo data should have at least two areas');
  // The first category is listened for (promoted); the other is the comparison.
  await server.database.rows(sql`delete from keyword_rules where category_id = (select id from categories where code = ${codes[1]!})`);
  await server.database.rows(sql`insert into keyword_rules (name, language, keywords, category_id) select 'Promoted', 'en', array['promoted'], id from categories where code = ${codes[0]!}`);
  await seedMentions();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Twelve weeks of calls for both categories: the promoted one drops after the sixth week. */
function callLog(bad?: { line: number; calls: string }): string {
  const lines = ['week,category,calls'];
  for (const [c, category] of codes.entries()) for (let i = 0; i < 12; i++) lines.push(`${monday(12 - i)},${category},${(c ? 20 : 50) - (i >= 6 && c === 0 ? 15 : 0) + (i % 3)}`);
  if (bad) lines[bad.line - 1] = lines[bad.line - 1]!.replace(/,\d+$/, `,${bad.calls}`);
  return lines.join('\n');
}

/** Signs in the way an admin would from the dashboard: its "Sign in" link, and back to it after. */
async function signInAsAdmin(page: Page) {
  await page.goto(`${server.url}/#/staff/insight`);
  await page.getByRole('link', { name: 'Sign in' }).click();
  await page.getByLabel('Work email').waitFor({ timeout: 20_000 });
  await expect.poll(() => page.getByRole('button', { name: 'Sign in' }).isEnabled()).toBe(true);
  await page.getByLabel('Work email').fill('admin@council.example');
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect.poll(() => page.evaluate(() => location.hash), { timeout: 20_000 }).toBe('#/staff/insight');
}

describe('the call log on the staff dashboard', () => {
  it('names the bad line, imports the fixed file, sets the go-live date and shows before and after', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'en-GB', serviceWorkers: 'block' });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await signInAsAdmin(page);
    const section = page.locator('section[aria-labelledby="evidence-heading"]');
    await section.getByText('No call log has been imported for this period.').waitFor({ timeout: 30_000 });
    const admin = section.locator('details.insight-admin');
    await admin.locator('summary').click();

    await admin.getByLabel('Or paste the CSV').fill(callLog({ line: 5, calls: 'twelve' }));
    await admin.getByRole('button', { name: 'Check the file' }).click();
    const alert = admin.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('line 5, column calls: Give a whole number of calls, 0 or more');
    expect(await alert.locator('li').count()).toBe(1);
    expect(await admin.getByRole('button', { name: /^Import/ }).count()).toBe(0);
    expect((await server.database.rows<{ n: number }>(sql`select count(*)::int as n from call_volumes`))[0]!.n).toBe(0);

    await admin.getByLabel('Or paste the CSV').fill(callLog());
    await admin.getByRole('button', { name: 'Check the file' }).click();
    await admin.getByText('24 lines are ready to import.').waitFor();
    await admin.getByRole('button', { name: 'Import 24 lines' }).click();
    await admin.getByText('24 lines imported.').waitFor();

    await admin.getByLabel('Go-live date').fill(monday(6));
    await admin.getByRole('button', { name: 'Save the date' }).click();
    await admin.getByText(`Go-live date saved: ${monday(6)}.`).waitFor();

    // The chart now shows both categories and the go-live line, and the summary the API's figures.
    await expect.poll(() => section.locator('.insight-summary').allTextContents(), { timeout: 20_000 }).toContainEqual(expect.stringContaining(`Since ${monday(6)}`));
    const calls = (await page.evaluate(async () => (await fetch('/api/staff/insight/calls')).json())) as {
      goLive: string;
      categories: Array<{ category: string; promoted: boolean; before: { meanCalls: number }; after: { meanCalls: number }; change: number }>;
      differenceInDifferences: number;
    };
    expect(calls.goLive).toBe(monday(6));
    expect(calls.categories.map((c) => c.category)).toEqual(codes);
    // Worked out from the file: the promoted category drops by 15 a week after go-live, the other stays.
    expect(calls.categories[0]!.change).toBe(-15);
    expect(calls.categories[1]!.change).toBe(0);
    expect(calls.differenceInDifferences).toBe(-15);
    const summary = (await section.locator('.insight-summary').allTextContents()).join(' ');
    expect(summary).toContain('a difference of -15 calls a week');
    expect(await section.locator('.chart-calls svg path').count()).toBeGreaterThanOrEqual(2);
    expect(await section.locator('.chart-calls svg [stroke-dasharray]').count()).toBeGreaterThanOrEqual(1);
    const audit = await server.database.rows<{ action: string }>(sql`select action from audit_log where action in ('calls_imported', 'go_live_set') order by id`);
    expect(audit.map((a) => a.action)).toEqual(['calls_imported', 'go_live_set']);
    expect(await axeProblems(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('the conversation map', () => {
  for (const lang of ['en', 'pl'] as const) {
    it(`draws places, topics, the weekly trend and the areas (${lang})`, async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: lang === 'pl' ? 'pl-PL' : 'en-GB', serviceWorkers: 'block' });
      const page = await context.newPage();
      const errors = watchErrors(page);
      await page.goto(`${server.url}/#/insight`);
      const section = page.locator('section[aria-labelledby="conversations-heading"]');
      await section.locator('.chart-conversations svg').waitFor({ timeout: 40_000 });
      expect(await section.locator('h2').textContent()).toBe(lang === 'pl' ? 'Gdzie rozmawia się o okolicy' : 'Where people talk about the area');
      const map = (await page.evaluate(async () => (await fetch('/api/insight/conversations')).json())) as {
        total: number;
        places: Array<{ id: string; name: string; mentions: number }>;
        withheld: { places: number };
        areas: { features: Array<{ id: string; properties: { mentions: number } }> };
      };
      expect(map.total).toBe(seeded);
      expect(map.places.map((p) => p.name)).toEqual(expect.arrayContaining(['Carse on Mastodon', 'Council mailbox', 'big.example', '#carsedrains']));
      expect(map.withheld.places).toBe(1);
      const graph = (await section.locator('.chart-conversations svg').textContent()) ?? '';
      expect(graph).toContain('big.example');
      expect(graph).toContain('#carsedrains');
      const page1 = (await section.textContent()) ?? '';
      for (const secret of ['tiny.example', 'secretperson', 'neighbour', 'someone.private', 'example.com', 'Drain blocked again']) expect(page1).not.toContain(secret);
      expect(page1).toContain(lang === 'pl' ? 'co najmniej 5 różnych osób' : 'at least 5 different people');
      // The weekly trend draws one line per source.
      expect(await section.locator('.chart-conversation-trend svg path').count()).toBeGreaterThanOrEqual(2);
      // The areas layer: the two areas talked about carry their counts on the map.
      await expect
        .poll(
          () =>
            page.evaluate(() => {
              const m = window.__gsInsight?.conversations;
              if (!m?.getLayer('conversation-areas-fill')) return null;
              return m.querySourceFeatures('conversation-areas').filter((f) => Number(f.properties?.mentions) > 0).length;
            }),
          { timeout: 30_000 },
        )
        .toBeGreaterThanOrEqual(2);
      const inAreas = map.areas.features.filter((f) => f.properties.mentions > 0).map((f) => f.id);
      expect(inAreas.sort()).toEqual(areas.map((a) => a.code).sort());
      const csvs = await section.locator('a.insight-csv').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
      for (const t of ['places', 'links', 'weeks', 'areas']) expect(csvs.some((h) => h.includes('/api/insight/conversations?') && h.includes(`table=${t}`))).toBe(true);
      expect(await axeProblems(page)).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
