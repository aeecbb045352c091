import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff, schema } from '@groundswell/db';
import { sql } from '@groundswell/db/testing';
import { hashPassword } from '../src/staff/passwords.ts';
import { notifyFollowers } from '../src/subscriptions/notify.ts';
import { json, seedCategory, seedReport, testApp } from './helpers.ts';

/** Issue 12: teams have names per language; the staff list and the public page name them in the reader's. */
let ctx: Awaited<ReturnType<typeof testApp>>;
const ORIGIN = 'http://gs.test';
let cookie: string;
let csrf: string;

const mails = () => {
  const dir = join(ctx.config.dataDir, 'mail');
  return existsSync(dir) ? readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8').replace(/=\r?\n/g, '')) : [];
};
async function waitForMail(predicate: (m: string) => boolean): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const found = mails().find(predicate);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`mail not written; have ${mails().length} messages`);
}

beforeAll(async () => {
  ctx = await testApp();
  await ctx.deps.jobs.start({ notify: async () => {} });
  const [team] = await ctx.database.db
    .insert(schema.teams)
    .values({ code: 'roads', name: 'Roads', names: { pl: 'Drogi' } })
    .returning();
  const cat = await seedCategory(ctx.database, 'pothole');
  const report = await seedReport(ctx.database, cat.id, { type: 'Point', coordinates: [-3.2, 56.4] }, { publicId: 'teamname1', teamId: team!.id });
  const created = await createStaff(ctx.database, {
    email: 'jan@council.example',
    name: 'Jan Kowalski',
    role: 'officer',
    passwordHash: await hashPassword('a-long-enough-password-1'),
    teamCodes: ['roads'],
  });
  const staffId = (created as { id: string }).id;
  await ctx.database.rows(sql`insert into report_events (report_id, kind, actor_type, actor_id, public, payload)
    values (${report.id}, 'public_answer', 'staff', ${staffId}, true, ${JSON.stringify({ message: 'Naprawimy to w tym tygodniu.' })}::jsonb)`);
  const login = await ctx.app.request('/api/staff/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: ORIGIN },
    body: JSON.stringify({ email: 'jan@council.example', password: 'a-long-enough-password-1' }),
  });
  expect(login.status).toBe(200);
  cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  csrf = (await json(login)).csrfToken;
  for (const [email, locale] of [
    ['czytelnik@example.org', 'pl'],
    ['reader@example.org', 'en'],
  ] as const) {
    await ctx.database.db.insert(schema.subscriptions).values({
      email,
      locale,
      reportId: report.id,
      confirmTokenHash: `confirmed-${locale}`,
      unsubscribeToken: `team-names-unsubscribe-${locale}`,
      createdAt: new Date('2026-01-01T00:00:00Z'),
      confirmedAt: new Date('2026-01-01T00:00:00Z'),
    });
  }
});
afterAll(() => ctx?.close());

const answerActor = async (headers: Record<string, string>) => {
  const body = await json(await ctx.app.request('/api/reports/teamname1', { headers }));
  return (body.timeline as { kind: string; actor: string }[]).find((e) => e.kind === 'public_answer')!.actor;
};

describe('team names per language', () => {
  it('lists the teams with their names in other languages for the console', async () => {
    const body = await json(await ctx.app.request('/api/staff/teams', { headers: { cookie } }));
    expect(body.teams).toEqual([expect.objectContaining({ code: 'roads', name: 'Roads', names: { pl: 'Drogi' } })]);
  });

  it('names the officer with the team in the reader language on the public report', async () => {
    expect(await answerActor({ 'accept-language': 'pl' })).toBe('Jan (Drogi)');
    expect(await answerActor({ 'accept-language': 'en' })).toBe('Jan, roads team');
    expect(await answerActor({})).toBe('Jan, roads team');
  });

  it("names the team in each follower's language in the email", async () => {
    const res = await ctx.app.request('/api/staff/reports/teamname1/answers', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN, cookie, 'x-csrf-token': csrf },
      body: JSON.stringify({ message: 'Ekipa wyjedzie jutro. [team-names]' }),
    });
    expect(res.status).toBeLessThan(300);
    expect(await notifyFollowers(ctx.deps)).toBeGreaterThanOrEqual(2);
    const pl = await waitForMail((m) => m.includes('[team-names]') && m.includes('czytelnik@example.org'));
    const en = await waitForMail((m) => m.includes('[team-names]') && m.includes('reader@example.org'));
    expect(pl).toContain('Od: Jan (Drogi)');
    expect(en).toContain('From: Jan, roads team');
  });
});
