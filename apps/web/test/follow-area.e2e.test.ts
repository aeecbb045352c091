import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { sql } from '@groundswell/db/testing';
import { startTestServer, type TestServer } from '@groundswell/api/test-server';
import { buildWeb, launchBrowser, phone, watchErrors } from './phone.ts';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  await buildWeb();
  server = await startTestServer({ demo: true });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('following an area', () => {
  it('subscribes to a named area from the Following page, and the confirmation email is sent', async () => {
    const context = await phone(browser);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}/#/following`);
    await page.locator('#follow-area-select').selectOption({ label: 'Errol' });
    await page.getByLabel('Your email address').fill('errol-follower@example.org');
    await page.getByRole('button', { name: 'Follow' }).click();
    await page.getByText('errol-follower@example.org').waitFor();
    const rows = await server.database.rows<{ code: string; confirmed: boolean }>(sql`
      select a.code, s.confirmed_at is not null as confirmed from subscriptions s join areas a on a.id = s.area_id where s.email = 'errol-follower@example.org'`);
    expect(rows).toEqual([{ code: 'cc-errol', confirmed: false }]);
    const mailDir = join(server.dataDir, 'mail');
    await expect
      .poll(
        () =>
          existsSync(mailDir)
            ? readdirSync(mailDir)
                .map((f) => readFileSync(join(mailDir, f), 'utf8'))
                .filter((m) => m.includes('errol-follower@example.org')).length
            : 0,
        { timeout: 15_000 },
      )
      .toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });
});
