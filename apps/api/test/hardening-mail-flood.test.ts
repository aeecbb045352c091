import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FOLLOW_CONFIRMATION_LIMIT, MAIL_SEND_CONCURRENCY } from '@groundswell/core';
import { createJobs } from '../src/jobs/queue.ts';
import type { MailMessage } from '../src/mail/mailer.ts';
import { sql } from '@groundswell/db/testing';
import { seedCategory, seedReport, testApp } from './helpers.ts';

/** Defect 7: every follow request sent a confirmation, so anyone could fill someone else's inbox. */
let ctx: Awaited<ReturnType<typeof testApp>>;

beforeAll(async () => {
  // Each request comes from its own address, so the per-address limit on POST /api/subscriptions is not what stops them.
  ctx = await testApp({ trustProxy: true });
  await ctx.deps.jobs.start({ notify: async () => {} });
  const cat = await seedCategory(ctx.database, 'litter');
  for (let i = 0; i < 30; i++) await seedReport(ctx.database, cat.id, { type: 'Point', coordinates: [-3.2, 56.4] }, { publicId: `flood${String(i).padStart(3, '0')}` });
});
afterAll(() => ctx?.close());

/** The .eml files written to a recipient (a regular expression on the To line). */
const mailsTo = (to: RegExp) => {
  const dir = join(ctx.config.dataDir, 'mail');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .filter((m) => m.split(/\r?\n/).some((line) => /^to: /i.test(line) && to.test(line.slice(4).trim())));
};
/** Mail goes out through the queue: wait for what is expected, then a while longer to see that nothing more comes. */
async function settledMailsTo(to: RegExp, expected: number): Promise<string[]> {
  for (let i = 0; i < 100 && mailsTo(to).length < expected; i++) await new Promise((r) => setTimeout(r, 100));
  await new Promise((r) => setTimeout(r, 1500));
  return mailsTo(to);
}
const follow = (email: string, report: string, from: string) =>
  ctx.app.request('/api/subscriptions', { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': from }, body: JSON.stringify({ email, report, locale: 'en' }) });

describe('confirmation emails per recipient', () => {
  it(`sends one mailbox at most ${FOLLOW_CONFIRMATION_LIMIT.perRecipient} confirmations a day, whoever asks, with the same answer every time`, async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      // Case and +tags change the address, not the inbox.
      const email = i % 2 ? `Victim+${i}@Example.org` : 'victim@example.org';
      statuses.push((await follow(email, `flood${String(i).padStart(3, '0')}`, `198.51.100.${i + 1}`)).status);
    }
    expect(statuses.every((s) => s === 202)).toBe(true);
    expect(await settledMailsTo(/^victim(\+\d+)?@example\.org$/i, FOLLOW_CONFIRMATION_LIMIT.perRecipient)).toHaveLength(FOLLOW_CONFIRMATION_LIMIT.perRecipient);
  });

  it('sends one confirmation per recipient and target while it is pending, answering the same', async () => {
    for (let i = 0; i < 5; i++) expect((await follow('repeat@example.org', 'flood000', `203.0.113.${i + 1}`)).status).toBe(202);
    expect(await settledMailsTo(/^repeat@example\.org$/, 1)).toHaveLength(1);
    // Another target is another confirmation.
    expect((await follow('repeat@example.org', 'flood001', '203.0.113.9')).status).toBe(202);
    expect(await settledMailsTo(/^repeat@example\.org$/, 2)).toHaveLength(2);
  });
});

describe('a confirmation that went astray', () => {
  it('is sent again, with a new link, once the pending one is a day old', async () => {
    expect((await follow('lost@example.org', 'flood002', '203.0.113.20')).status).toBe(202);
    const [first] = await settledMailsTo(/^lost@example\.org$/, 1);
    const clock = ctx.deps.clock;
    ctx.deps.clock = { now: () => new Date(clock.now().getTime() + (FOLLOW_CONFIRMATION_LIMIT.resendAfterSeconds + 60) * 1000) };
    try {
      expect((await follow('lost@example.org', 'flood002', '203.0.113.21')).status).toBe(202);
      const mails = await settledMailsTo(/^lost@example\.org$/, 2);
      expect(mails).toHaveLength(2);
      const link = (m: string) =>
        m
          .replace(/=\r?\n/g, '')
          .match(/token=3D([A-Za-z0-9_-]+)|token=([A-Za-z0-9_-]+)/)!
          .slice(1)
          .find(Boolean)!;
      const [oldToken, newToken] = [link(first!), link(mails.find((m) => m !== first)!)];
      expect(oldToken).not.toBe(newToken);
      expect((await ctx.app.request(`/api/subscriptions/confirm?token=${oldToken}`)).status).toBe(404);
      expect((await ctx.app.request(`/api/subscriptions/confirm?token=${newToken}`)).status).toBe(200);
    } finally {
      ctx.deps.clock = clock;
    }
  });
});

describe('the mail worker', () => {
  it(`sends in parallel, at most ${MAIL_SEND_CONCURRENCY} at once, and retries only the message that failed`, async () => {
    const other = await testApp();
    let running = 0;
    let most = 0;
    const sent: string[] = [];
    const failedOnce = new Set<string>();
    const mailer = {
      async send(m: MailMessage) {
        running++;
        most = Math.max(most, running);
        await new Promise((r) => setTimeout(r, 150));
        running--;
        if (m.to === 'flaky@example.org' && !failedOnce.has(m.to)) {
          failedOnce.add(m.to);
          throw new Error('mail server said no');
        }
        sent.push(m.to);
      },
    };
    const jobs = createJobs(other.database, mailer, pino({ level: 'silent' }), { pollSeconds: 0.5 });
    try {
      for (let i = 0; i < 11; i++) await jobs.sendMail({ to: `n${i}@example.org`, subject: 's', text: 't' });
      await jobs.sendMail({ to: 'flaky@example.org', subject: 's', text: 't' });
      await jobs.start({ notify: async () => {} });
      for (let i = 0; i < 60 && sent.length < 11; i++) await new Promise((r) => setTimeout(r, 100));
      expect(sent.filter((to) => to !== 'flaky@example.org').sort()).toEqual(Array.from({ length: 11 }, (_, i) => `n${i}@example.org`).sort());
      expect(most).toBeGreaterThan(1);
      expect(most).toBeLessThanOrEqual(MAIL_SEND_CONCURRENCY);
      // The failed message waits for its retry; the others of its batch are done, not failed with it.
      const jobStates = async () =>
        Object.fromEntries(
          (await other.database.rows<{ to: string; state: string }>(sql`select data->>'to' as "to", state::text as state from pgboss.job where name = 'mail'`)).map((r) => [r.to, r.state]),
        );
      const settled = (byTo: Record<string, string>) => byTo['flaky@example.org'] === 'retry' && Object.values(byTo).filter((st) => st === 'completed').length === 11;
      let byTo = await jobStates();
      for (let i = 0; i < 30 && !settled(byTo); i++) {
        await new Promise((r) => setTimeout(r, 100));
        byTo = await jobStates();
      }
      expect(byTo['flaky@example.org']).toBe('retry');
      expect(Object.values(byTo).filter((st) => st === 'completed')).toHaveLength(11);
    } finally {
      await jobs.stop();
      await other.close();
    }
  });
});
