/**
 * Issue 12, "Is it fixed?": some weeks after a report is marked fixed (or after the date
 * promised for one still open) its reporter is asked once, by email, in the report's language,
 * with a single-use link; "yes" confirms it on the timeline, "no" with what is still wrong
 * reopens it, tells the team and the followers, and counts in the insight.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '@groundswell/db';
import { sql } from '@groundswell/db/testing';
import { askIfFixed } from '../src/questionnaires/ask-if-fixed.ts';
import { notifyFollowers } from '../src/subscriptions/notify.ts';
import { json, seedReport, testApp } from './helpers.ts';
import { readMails, waitForMails, type Mail } from './mail-files.ts';

const NOW = new Date('2026-11-30T12:00:00Z');
const weeksAgo = (w: number, from = NOW) => new Date(from.getTime() - w * 7 * 86_400_000);
const TEAM_MAIL = 'drains@council.example';

let ctx: Awaited<ReturnType<typeof testApp>>;
let category = 0;

const setNow = (now: Date) => {
  ctx.deps.clock = { now: () => now };
};
const linkIn = (mail: Mail) => /\/#\/reports\/([a-z0-9]+)\/fixed\?token=([A-Za-z0-9_-]+)/.exec(mail.text)!;
const tokenIn = (mail: Mail) => linkIn(mail)[2]!;
const get = (token: string) => ctx.app.request(`/api/questionnaires/${token}`);
const answer = (token: string, body: unknown) => ctx.app.request(`/api/questionnaires/${token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** A report as the council left it, with the reporter's address when given. */
async function report(publicId: string, facts: Partial<typeof schema.reports.$inferInsert>, email?: string) {
  const r = await seedReport(ctx.database, category, { type: 'Point', coordinates: [-3.2, 56.4] }, { publicId, createdAt: weeksAgo(12), ...facts });
  if (email) await ctx.database.rows(sql`insert into report_contacts (report_id, email) values (${r.id}, ${email})`);
  return r;
}
const mailsTo = (email: string) => readMails(ctx.config.dataDir).filter((m) => m.to === email);

beforeAll(async () => {
  ctx = await testApp();
  await ctx.deps.jobs.start({ notify: async () => {} });
  setNow(NOW);
  const [team] = await ctx.database.db.insert(schema.teams).values({ code: 'drains', name: 'Drains team', email: TEAM_MAIL }).returning();
  const [cat] = await ctx.database.db
    .insert(schema.categories)
    .values({
      code: 'blocked_ditch',
      name: { en: 'Blocked ditch', pl: 'Zapchany rów' },
      geometryTypes: ['Point'],
      responseDays: 10,
      contactRequired: { name: false, email: false, phone: false },
      defaultTeamId: team!.id,
    })
    .returning();
  category = cat!.id;
  const teamId = team!.id;
  await report('fixed5w', { state: 'fixed', resolvedAt: weeksAgo(5), teamId }, 'fixed-en@example.org');
  await report('late5w', { state: 'in_progress', expectedAt: new Date('2026-10-20T00:00:00Z'), locale: 'pl', teamId }, 'late-pl@example.org');
  await report('reopen1', { state: 'fixed', resolvedAt: weeksAgo(4.5), locale: 'pl', teamId }, 'reopen-pl@example.org');
  await report('fixed2w', { state: 'fixed', resolvedAt: weeksAgo(2), teamId }, 'soon@example.org');
  await report('nomail1', { state: 'fixed', resolvedAt: weeksAgo(5), teamId });
  await report('open311', { state: 'fixed', resolvedAt: weeksAgo(5), channel: 'open311', teamId }, 'open311@example.org');
  await report('ancient', { state: 'fixed', resolvedAt: weeksAgo(30), teamId }, 'ancient@example.org');
  await report('hidden1', { state: 'hidden', resolvedAt: weeksAgo(5), teamId }, 'hidden@example.org');
});
afterAll(() => ctx?.close());

describe('asking "Is it fixed?"', () => {
  it('asks each reporter due the question once, in the report’s language, with a link', async () => {
    expect(await askIfFixed(ctx.deps)).toBe(3);
    const [en] = await waitForMails(ctx.config.dataDir, (m) => m.to === 'fixed-en@example.org');
    expect(en!.subject).toBe('Is it fixed? Your report fixed5w: Blocked ditch');
    expect(en!.text).toContain(`marked your report as fixed`);
    expect(en!.text).toMatch(/On 26 Oct 2026 the council marked/);
    expect(linkIn(en!)[1]).toBe('fixed5w');
    const [pl] = await waitForMails(ctx.config.dataDir, (m) => m.to === 'late-pl@example.org');
    expect(pl!.subject).toBe('Czy to już naprawione? Twoje zgłoszenie late5w: Zapchany rów');
    expect(pl!.text).toContain('do 20 paź 2026');
    // Not yet due, no address, an Open311 client's resident, months too late, hidden: not asked.
    for (const email of ['soon@example.org', 'open311@example.org', 'ancient@example.org', 'hidden@example.org']) expect(mailsTo(email)).toEqual([]);
    const [{ n }] = (await ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from questionnaires`)) as [{ n: number }];
    expect(n).toBe(3);
    // Only a hash of the emailed token is kept.
    const stored = await ctx.database.rows<{ token_hash: string }>(sql`select token_hash from questionnaires`);
    expect(stored.map((s) => s.token_hash)).not.toContain(tokenIn(en!));
  });

  it('never asks twice, even with two passes at once', async () => {
    expect(await askIfFixed(ctx.deps)).toBe(0);
    setNow(weeksAgo(-3)); // three weeks on, the report fixed two weeks ago is due
    const both = await Promise.all([askIfFixed(ctx.deps), askIfFixed(ctx.deps)]);
    expect(both[0] + both[1]).toBe(1);
    await waitForMails(ctx.config.dataDir, (m) => m.to === 'soon@example.org');
    expect(mailsTo('soon@example.org')).toHaveLength(1);
    expect(mailsTo('fixed-en@example.org')).toHaveLength(1);
    setNow(NOW);
  });
});

describe('answering', () => {
  it('shows the question without anything personal, and 404 for a link nobody sent', async () => {
    const token = tokenIn(mailsTo('fixed-en@example.org')[0]!);
    const res = await get(token);
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body).toMatchObject({ report: 'fixed5w', occasion: 'fixed', state: 'fixed', categoryName: { en: 'Blocked ditch' } });
    expect(JSON.stringify(body)).not.toContain('@example.org');
    const unknown = await get('x'.repeat(43));
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
  });

  it('"yes" confirms it on the public timeline, once; the spent link answers 410', async () => {
    const token = tokenIn(mailsTo('fixed-en@example.org')[0]!);
    const res = await answer(token, { fixed: true });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ report: 'fixed5w', fixed: true, state: 'fixed', reopened: false });
    const page = await json(await ctx.app.request('/api/reports/fixed5w'));
    expect(page.properties.state).toBe('fixed');
    expect(page.timeline.at(-1)).toMatchObject({ kind: 'confirmed_fixed', actor: 'Resident' });
    const again = await answer(token, { fixed: false, comment: 'Changed my mind' });
    expect(again.status).toBe(410);
    expect((await json(again)).code).toBe('gone');
    expect((await get(token)).status).toBe(410);
  });

  it('refuses bad answers by field', async () => {
    const token = tokenIn(mailsTo('reopen-pl@example.org')[0]!);
    const noComment = await answer(token, { fixed: false });
    expect(noComment.status).toBe(400);
    expect((await json(noComment)).errors[0].field).toBe('body.comment');
    const notBoolean = await answer(token, { fixed: 'no' });
    expect(notBoolean.status).toBe(400);
    expect((await json(notBoolean)).errors[0].field).toBe('body.fixed');
    // Nothing was spent by a refused answer.
    expect((await get(token)).status).toBe(200);
  });

  it('"no" with a comment reopens the report, tells the team and the followers, and counts in the insight', async () => {
    const reopen = await ctx.database.rows<{ id: number }>(sql`select id from reports where public_id = 'reopen1'`);
    await ctx.database.rows(sql`insert into subscriptions (email, locale, report_id, confirm_token_hash, unsubscribe_token, created_at, confirmed_at)
      values ('neighbour@example.org', 'en', ${reopen[0]!.id}, 'h-neighbour', 'unsub-neighbour-0123456789', '2026-09-01T00:00:00Z', '2026-09-01T00:00:00Z'),
             ('reopen-pl@example.org', 'pl', ${reopen[0]!.id}, 'h-reporter', 'unsub-reporter-0123456789', '2026-09-01T00:00:00Z', '2026-09-01T00:00:00Z')`);
    await notifyFollowers(ctx.deps);
    const token = tokenIn(mailsTo('reopen-pl@example.org')[0]!);
    const res = await answer(token, { fixed: false, comment: 'Woda nadal stoi na drodze.' });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ report: 'reopen1', fixed: false, state: 'acknowledged', reopened: true });
    const [row] = await ctx.database.rows<{ state: string; resolved_at: string | null }>(sql`select state, resolved_at from reports where public_id = 'reopen1'`);
    expect(row).toEqual({ state: 'acknowledged', resolved_at: null });
    const [event] = await ctx.database.rows<{ kind: string; public: boolean; actor_type: string; payload: Record<string, unknown> }>(
      sql`select kind, public, actor_type, payload from report_events e join reports r on r.id = e.report_id where r.public_id = 'reopen1' order by e.id desc limit 1`,
    );
    expect(event).toEqual({ kind: 'not_fixed', public: true, actor_type: 'resident', payload: { message: 'Woda nadal stoi na drodze.', from: 'fixed', to: 'acknowledged' } });
    const [team] = await waitForMails(ctx.config.dataDir, (m) => m.to === TEAM_MAIL);
    expect(team!.text).toContain('Woda nadal stoi na drodze.');
    expect(team!.text).toContain('reopen1');
    expect(team!.text).toContain('#/staff?sel=reopen1');
    expect(await notifyFollowers(ctx.deps)).toBe(1);
    const [news] = await waitForMails(ctx.config.dataDir, (m) => m.to === 'neighbour@example.org');
    expect(news!.text).toContain('Woda nadal stoi na drodze.');
    expect(news!.text).toContain('It is now: Acknowledged.');
    expect(mailsTo('reopen-pl@example.org')).toHaveLength(1); // the question only: their own answer is not news to them
    expect((await answer(token, { fixed: true })).status).toBe(410);
    // The insight counts it (the staff dashboard reads the same figures, hidden reports added).
    const timing = await json(await ctx.app.request('/api/insight/response-times?from=2026-01-01&to=2026-11-30&by=team'));
    expect(timing.rows.find((r: { key: string }) => r.key === 'all').reopenedByResidents).toBe(1);
    expect(timing.rows.find((r: { key: string }) => r.key === 'drains').reopenedByResidents).toBe(1);
  });

  it('says a link has expired once its weeks are over', async () => {
    const token = tokenIn(mailsTo('late-pl@example.org')[0]!);
    setNow(weeksAgo(-9));
    const res = await get(token);
    expect(res.status).toBe(410);
    expect((await answer(token, { fixed: true })).status).toBe(410);
    setNow(NOW);
  });
});
