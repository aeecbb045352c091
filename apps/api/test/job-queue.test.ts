import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertJob } from '@groundswell/db';
import { sql } from '@groundswell/db/testing';
import { testApp } from './helpers.ts';
import { waitForMails } from './mail-files.ts';

/**
 * Issue 15: a report's confirmation is queued by the report's own statement (packages/db
 * job-queue.ts), writing pg-boss's job row itself. That row must be the one pg-boss's own
 * send makes, so retries, expiry and retention are the queue's, and a pg-boss upgrade that
 * changes its job table fails here rather than in a resident's inbox.
 */
let ctx: Awaited<ReturnType<typeof testApp>>;

beforeAll(async () => {
  ctx = await testApp();
});
afterAll(() => ctx?.close());

const settings = sql`priority, state, retry_count, retry_limit, retry_delay, retry_backoff, expire_in, keep_until - start_after as kept, policy, dead_letter, singleton_key, singleton_on`;

describe('jobs queued by a statement (the transactional outbox)', () => {
  it("writes the row pg-boss's own send writes for the mail queue, and the mail worker sends it", async () => {
    const sent = { to: 'by-send@example.org', subject: 'By send', text: 'Queued by pg-boss.' };
    const written = { to: 'by-statement@example.org', subject: 'By statement', text: 'Queued by our statement.' };
    await ctx.deps.jobs.sendMail(sent);
    const job = await ctx.deps.jobs.mailJob(written);
    expect(job).toEqual({ queue: 'mail', data: written });
    await ctx.database.rows(sql`with one as (select 1) ${insertJob(job, sql`one`)}`);
    const rows = await ctx.database.rows<Record<string, unknown>>(sql`select data->>'to' as "to", ${settings} from pgboss.job where name = 'mail' order by created_on`);
    expect(rows.map((r) => r.to)).toEqual([sent.to, written.to]);
    const [bySend, byStatement] = rows.map(({ to: _, ...rest }) => rest);
    // The mail queue's own settings (retry 8 times with backoff from 30 s), not pg-boss's defaults.
    expect(bySend).toMatchObject({ retry_limit: 8, retry_delay: 30, retry_backoff: true, state: 'created' });
    expect(byStatement).toEqual(bySend);

    await ctx.deps.jobs.start({ notify: async () => {} });
    const mails = await waitForMails(ctx.config.dataDir, () => true, 2);
    expect(mails.map((m) => [m.to, m.subject]).sort()).toEqual(
      [
        [written.to, written.subject],
        [sent.to, sent.subject],
      ].sort(),
    );
  });

  it('queues nothing when the row it belongs to was not written', async () => {
    const job = await ctx.deps.jobs.mailJob({ to: 'never@example.org', subject: 'Never', text: 'Not sent.' });
    await ctx.database.rows(sql`with nothing as (select 1 where false) ${insertJob(job, sql`nothing`)}`);
    const [row] = await ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from pgboss.job where data->>'to' = 'never@example.org'`);
    expect(row!.n).toBe(0);
  });
});
