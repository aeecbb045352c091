import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { sql } from '@groundswell/db/testing';
import { createJobs } from '../src/jobs/queue.ts';
import { createMailer } from '../src/mail/mailer.ts';
import { testApp } from './helpers.ts';

/**
 * Every process sends a notify tick (and a hand-off tick) on a timer, and a worker takes one
 * per poll. Under the singleton policy (one running, any number waiting) two processes, or
 * one slow pass, piled ticks up without end: the bench database held 1,357 waiting notify
 * passes after two hours. Stately keeps one running and at most one waiting.
 */
let ctx: Awaited<ReturnType<typeof testApp>>;
const waiting = async (name: string) => {
  const [row] = await ctx.database.rows<{ n: number; policies: string[] }>(
    sql`select count(*)::int as n, coalesce(array_agg(distinct policy), '{}') as policies from pgboss.job where name = ${name} and state = 'created'`,
  );
  return row!;
};
const policy = async (name: string) => (await ctx.database.rows<{ policy: string }>(sql`select policy from pgboss.queue where name = ${name}`))[0]?.policy;

beforeAll(async () => {
  ctx = await testApp();
});
afterAll(() => ctx?.close());

describe('timer ticks', () => {
  it('a queue made under the old policy is moved to stately and its piled-up ticks dropped; two processes with a slow pass never queue more than one', async () => {
    // The queues as an earlier version made them, with a backlog of ticks waiting.
    await ctx.deps.jobs.mailJob({ to: 'a@example.org', subject: 's', text: 't' });
    await ctx.database.rows(sql`update pgboss.queue set policy = 'singleton' where name in ('notify', 'handoff-tick')`);
    await ctx.database.rows(sql`insert into pgboss.job (name, data, policy) select 'notify', '{}', 'singleton' from generate_series(1, 40)`);
    expect((await waiting('notify')).n).toBe(40);

    // Two processes over the same database, each notify pass taking longer than a poll.
    let passes = 0;
    const slowPass = async () => {
      passes++;
      await new Promise((r) => setTimeout(r, 1500));
    };
    const logger = pino({ level: 'silent' });
    const other = createJobs(ctx.database, createMailer({ dataDir: ctx.config.dataDir, from: 'test@groundswell.invalid' }), logger, { pollSeconds: 0.5 });
    await ctx.deps.jobs.start({ notify: slowPass });
    await other.start({ notify: slowPass });
    try {
      expect(await policy('notify')).toBe('stately');
      expect(await policy('handoff-tick')).toBe('stately');
      expect(await policy('housekeeping')).toBe('stately');
      // Both timers sent a tick every half second for 5 s (20 ticks); passes ran one at a time.
      let most = 0;
      for (let i = 0; i < 10; i++) {
        await new Promise((r) => setTimeout(r, 500));
        const now = await waiting('notify');
        most = Math.max(most, now.n);
        expect(now.policies.filter((p) => p !== 'stately')).toEqual([]);
      }
      expect(most).toBeLessThanOrEqual(1);
      expect(passes).toBeGreaterThanOrEqual(2);
      const [active] = await ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from pgboss.job where name = 'notify' and state = 'active'`);
      expect(active!.n).toBeLessThanOrEqual(1);
    } finally {
      await other.stop();
    }
  }, 30_000);
});
