/**
 * Issue 12: one officer action (a state change, an answer and an expected date, sent by the
 * console's answer form as two requests) reaches each follower as one email saying all of it,
 * in their language, with dates as the site writes them; separate actions stay separate.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff, schema } from '@groundswell/db';
import { sql } from '@groundswell/db/testing';
import { hashPassword } from '../src/staff/passwords.ts';
import { NOTIFY_SETTLE_SECONDS, notifyFollowers } from '../src/subscriptions/notify.ts';
import { seedCategory, seedReport, staffSessions, testApp } from './helpers.ts';
import { readMails, waitForMails, type Mail } from './mail-files.ts';

const ORIGIN = 'http://gs.test';
const PASSWORD = 'a long enough password 12';
const OFFICER = 'officer@council.example';
const START = new Date('2026-11-30T09:00:00Z');
const EN = 'follower-en@example.org';
const PL = 'follower-pl@example.org';

let ctx: Awaited<ReturnType<typeof testApp>>;
let staff: ReturnType<typeof staffSessions>;
let reportId = '';

/** The test clock, moved by hand: the officer acts at chosen moments, the notifier runs when told. */
const at = (seconds: number) => {
  const now = new Date(START.getTime() + seconds * 1000);
  ctx.deps.clock = { now: () => now };
};
/** One pass of the background notifier as the server runs it: actions still under way wait. */
const notifyPass = () => notifyFollowers(ctx.deps, { settleSeconds: NOTIFY_SETTLE_SECONDS });
const to = (email: string) => (m: Mail) => m.to === email;

beforeAll(async () => {
  ctx = await testApp();
  await ctx.deps.jobs.start({ notify: async () => {} });
  at(0);
  staff = staffSessions(ctx.app, PASSWORD, ORIGIN);
  const cat = await seedCategory(ctx.database, 'blocked_ditch');
  await ctx.database.db.update(schema.categories).set({ name: { en: 'Blocked ditch', pl: 'Zapchany rów' } });
  const report = await seedReport(ctx.database, cat.id, { type: 'Point', coordinates: [-3.2, 56.4] }, { publicId: 'action01', createdAt: new Date('2026-11-20T10:00:00Z') });
  reportId = report.publicId;
  await createStaff(ctx.database, { email: OFFICER, name: 'Kasia Nowak', role: 'admin', passwordHash: await hashPassword(PASSWORD), teamCodes: [] });
  await staff.signIn(OFFICER);
  for (const [email, locale] of [
    [EN, 'en'],
    [PL, 'pl'],
  ]) {
    await ctx.database.rows(sql`insert into subscriptions (email, locale, report_id, confirm_token_hash, unsubscribe_token, created_at, confirmed_at)
      values (${email}, ${locale}, ${report.id}, ${`hash-${email}`}, ${`unsub-${locale}-0123456789abcdef`}, '2026-11-21T00:00:00Z', '2026-11-21T00:00:00Z')`);
  }
  await notifyFollowers(ctx.deps); // past anything seeding wrote
});
afterAll(() => ctx?.close());

describe('one email per officer action', () => {
  it('tells each follower of a state change, an answer and an expected date made together in one email, in their language', async () => {
    // The console's answer form: the expected date, then the state change with the answer.
    at(0);
    expect((await staff.post(OFFICER, `/api/staff/reports/${reportId}/expected-date`, { expectedAt: '2026-12-14' })).status).toBe(200);
    at(1);
    expect((await staff.post(OFFICER, `/api/staff/reports/${reportId}/state`, { state: 'in_progress', message: 'We will clear the ditch next week.' })).status).toBe(200);
    // A pass while the action may still be going on tells nobody yet.
    expect(await notifyPass()).toBe(0);
    at(60);
    expect(await notifyPass()).toBe(2);
    const [en] = await waitForMails(ctx.config.dataDir, to(EN));
    const [pl] = await waitForMails(ctx.config.dataDir, to(PL));
    expect(readMails(ctx.config.dataDir).filter((m) => m.to === EN || m.to === PL)).toHaveLength(2);
    expect(en!.subject).toBe('Report update: Blocked ditch (action01)');
    expect(en!.text).toContain('We will clear the ditch next week.');
    expect(en!.text).toContain('It is now: In progress.');
    expect(en!.text).toContain('Expected by: 14 Dec 2026.');
    expect(en!.text).toContain('From: Kasia');
    expect(pl!.subject).toBe('Aktualizacja zgłoszenia: Zapchany rów (action01)');
    expect(pl!.text).toContain('We will clear the ditch next week.');
    expect(pl!.text).toContain('Obecny status: W realizacji.');
    expect(pl!.text).toContain('Przewidywany termin: 14 gru 2026.');
  });

  it('sends two emails for two actions minutes apart', async () => {
    at(600);
    expect((await staff.post(OFFICER, `/api/staff/reports/${reportId}/answers`, { message: 'The digger is booked.' })).status).toBe(200);
    at(900);
    expect((await staff.post(OFFICER, `/api/staff/reports/${reportId}/answers`, { message: 'The digger came today.' })).status).toBe(200);
    at(1000);
    expect(await notifyPass()).toBe(4);
    for (const email of [EN, PL]) {
      const mails = await waitForMails(ctx.config.dataDir, (m) => m.to === email && /digger/.test(m.text), 2);
      expect(mails).toHaveLength(2);
      expect(mails.filter((m) => m.text.includes('The digger is booked.'))).toHaveLength(1);
      expect(mails.filter((m) => m.text.includes('The digger came today.'))).toHaveLength(1);
    }
  });
});
