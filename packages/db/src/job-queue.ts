import { sql, type SQL } from 'drizzle-orm';

/** A pg-boss job to be queued by the statement that makes the change it belongs to. */
export interface QueuedJob {
  /** A queue pg-boss has created (the API's jobs create theirs before they hand one out). */
  queue: string;
  data: unknown;
}

/**
 * An INSERT of `job` into pg-boss's job table, once for each row of `each` (a CTE of the same
 * statement): the transactional outbox. The job exists if and only if the change it announces
 * committed, in the same round trip and the same commit, so a process that stops between the
 * two can no longer store a report and lose its confirmation.
 *
 * The row is the one pg-boss 10's own insert (`insertJob` in its plans.js) makes for a job sent
 * with no options and no constructor defaults: the queue's retry, expiry, retention, policy and
 * dead-letter settings, else pg-boss's own defaults. job-queue.test.ts holds the two side by side.
 */
export function insertJob(job: QueuedJob, each: SQL): SQL {
  return sql`insert into pgboss.job (name, data, priority, start_after, dead_letter, expire_in, keep_until, retry_limit, retry_delay, retry_backoff, policy)
    select q.name, ${JSON.stringify(job.data)}::jsonb, 0, now(), q.dead_letter,
           coalesce(q.expire_seconds * interval '1s', interval '15 minutes'),
           now() + coalesce((q.retention_minutes * 60)::text, '14 days')::interval,
           coalesce(q.retry_limit, 2),
           case when coalesce(q.retry_backoff, false) then greatest(q.retry_delay, 1) else coalesce(q.retry_delay, 0) end,
           coalesce(q.retry_backoff, false),
           q.policy
    from pgboss.queue q cross join ${each}
    where q.name = ${job.queue}`;
}
