/**
 * The evidence section of "How we are doing" (issue 13) in real headless Chromium against the
 * real API over the demo data, with a contact-centre call log stored through the same
 * repository the admin import uses: the calls chart and its table draw, the summary states
 * the difference in differences the API gives, and the CSV links point at the figures.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startTestServer, type TestServer } from '@groundswell/api/test-server';
import { setGoLiveDate, upsertCallVolumes } from '@groundswell/db';
import { sql } from '@groundswell/db/testing';
import { ensureBuilt } from './ensure-build.ts';

const webDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const DAY = 86_400_000;

let server: TestServer;
let browser: Browser;
let page: Page;
const errors: string[] = [];

/** The Monday `weeksAgo` weeks before this week's. */
function monday(weeksAgo: number): string {
  const now = new Date();
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const thisMonday = today - ((new Date(today).getUTCDay() + 6) % 7) * DAY;
  return new Date(thisMonday - weeksAgo * 7 * DAY).toISOString().slice(0, 10);
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}. Install it (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  await ensureBuilt(webDir);
  server = await startTestServer({ demo: true });
  const codes = (await server.database.rows<{ code: string }>(sql`select code from categories order by code limit 2`)).map((r) => r.code);
  const lines = codes.flatMap((category, c) => Array.from({ length: 12 }, (_, i) => ({ week: monday(12 - i), category, calls: (c ? 20 : 50) - (i >= 6 && c === 0 ? 15 : 0) + (i % 3) })));
  await upsertCallVolumes(server.database, lines, new Date());
  await setGoLiveDate(server.database, monday(6));
  // The first category is promoted (listened for); the demo's own rules are left as they are for the other.
  await server.database.rows(sql`delete from keyword_rules where category_id = (select id from categories where code = ${codes[1]!})`);
  await server.database.rows(sql`insert into keyword_rules (name, language, keywords, category_id) select 'Promoted', 'en', array['promoted'], id from categories where code = ${codes[0]!}`);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, locale: 'en-GB' });
  page.on('pageerror', (e) => errors.push(e.message));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('evidence of channel shift on the public insight page', () => {
  it('draws the calls before and after go-live with the figures the API gives, a table and a CSV link', async () => {
    await page.goto(`${server.url}/#/insight`);
    const section = page.locator('section[aria-labelledby="evidence-heading"]');
    await section.locator('.chart-calls svg').first().waitFor({ timeout: 30_000 });
    const calls = await (await fetch(`${server.url}/api/insight/calls`)).json();
    expect(calls.categories).toHaveLength(2);
    expect(calls.categories.map((c: { promoted: boolean }) => c.promoted)).toEqual([true, false]);
    const summary = (await section.locator('.insight-summary').allTextContents()).join(' ');
    expect(summary).toContain(`Since ${monday(6)}`);
    const did = calls.differenceInDifferences as number;
    expect(summary).toContain(`a difference of ${did > 0 ? '+' : ''}${did.toLocaleString('en-GB', { maximumFractionDigits: 1 })} calls a week`);
    // Two categories: two lines and the go-live rule.
    expect(await section.locator('.chart-calls svg path').count()).toBeGreaterThanOrEqual(2);
    const table = section.locator('details.insight-table').last();
    await table.locator('summary').click();
    expect(await table.locator('tbody tr').count()).toBe(2);
    const hrefs = await section.locator('a.insight-csv').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs.some((h) => /\/api\/insight\/calls\?.*format=csv/.test(h ?? ''))).toBe(true);
    expect(hrefs.some((h) => /\/api\/insight\/chasers\?.*format=csv/.test(h ?? ''))).toBe(true);
    expect(errors).toEqual([]);
  });
});
