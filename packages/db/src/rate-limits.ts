import { sql } from 'drizzle-orm';
import type { Database } from './connect.ts';
import { tsParam } from './sql-kit.ts';

/** The statement that counts one hit and returns `count`, for a caller that folds it into a larger one (a CTE). */
export const rateLimitHit = (bucket: string, windowStart: Date) => sql`
    insert into rate_limits (bucket, window_start, count) values (${bucket}, ${tsParam(windowStart)}, 1)
    on conflict (bucket, window_start) do update set count = rate_limits.count + 1
    returning count`;

/** Counts one hit in the bucket's current window and returns the count so far, in one statement. */
export async function hitRateLimit(database: Database, bucket: string, windowStart: Date): Promise<number> {
  const [row] = await database.rows<{ count: number }>(rateLimitHit(bucket, windowStart));
  return Number(row!.count);
}

/** Takes back one hit (an attempt that turned out not to count, such as a right password). */
export async function unhitRateLimit(database: Database, bucket: string, windowStart: Date): Promise<void> {
  await database.rows(sql`update rate_limits set count = greatest(count - 1, 0) where bucket = ${bucket} and window_start = ${tsParam(windowStart)}`);
}

/** The count so far in the bucket's window, without adding to it. */
export async function peekRateLimit(database: Database, bucket: string, windowStart: Date): Promise<number> {
  const [row] = await database.rows<{ count: number }>(sql`
    select count from rate_limits where bucket = ${bucket} and window_start = ${tsParam(windowStart)}`);
  return row ? Number(row.count) : 0;
}

export type SlowdownClaim = { claimed: true; failures: number } | { claimed: false; nextAt: Date };

/**
 * One attempt on an account claims the account's next slot, counted as a failure until the
 * password proves otherwise. In one statement: the row moves only when its slot is open
 * (`next_at` has passed) or its failures are old, so parallel attempts cannot share a slot.
 * `schedule[k-1]` is the wait in seconds after k failures (core's rule); its last entry
 * holds beyond.
 */
export async function claimSignInSlot(database: Database, account: string, now: Date, forgetBefore: Date, schedule: readonly number[]): Promise<SlowdownClaim> {
  const delays = `{${schedule.map((s) => Math.max(0, Math.trunc(s))).join(',')}}`;
  const failures = sql`(case when s.last_at < ${tsParam(forgetBefore)} then 0 else s.failures end + 1)`;
  const [row] = await database.rows<{ failures: number }>(sql`
    insert into sign_in_slowdowns as s (account, failures, next_at, last_at)
    values (${account}, 1, ${tsParam(now)} + make_interval(secs => (${delays}::int[])[1]), ${tsParam(now)})
    on conflict (account) do update set
      failures = ${failures},
      next_at = ${tsParam(now)} + make_interval(secs => (${delays}::int[])[least(${failures}, ${schedule.length})]),
      last_at = ${tsParam(now)}
    where s.next_at <= ${tsParam(now)} or s.last_at < ${tsParam(forgetBefore)}
    returning failures`);
  if (row) return { claimed: true, failures: Number(row.failures) };
  const [held] = await database.rows<{ nextAt: string | Date }>(sql`select next_at as "nextAt" from sign_in_slowdowns where account = ${account}`);
  return { claimed: false, nextAt: held ? new Date(held.nextAt) : now };
}

/**
 * A claimed attempt that signed in: it was not a failure after all. The slot it moved stays
 * moved; strangers are still waiting for it.
 */
export async function releaseSignInSlot(database: Database, account: string): Promise<void> {
  await database.rows(sql`update sign_in_slowdowns set failures = greatest(failures - 1, 0) where account = ${account}`);
}

/**
 * A lease on one of `slots` numbered slots named `name` (`lease:<name>:<n>` rows in
 * `settings`), shared by every API process on the database: the first slot that is free or
 * whose lease has run out is taken, in one statement per slot, so two processes never hold
 * the same one. A holder that dies without releasing loses it when `until` passes.
 * Returns the slot's key, or undefined when all are held.
 */
export async function takeLease(database: Database, name: string, slots: number, holder: string, now: Date, until: Date): Promise<string | undefined> {
  for (let slot = 1; slot <= slots; slot++) {
    const key = `lease:${name}:${slot}`;
    const [row] = await database.rows<{ key: string }>(sql`
      insert into settings (key, value) values (${key}, jsonb_build_object('holder', ${holder}::text, 'until', ${until.toISOString()}::text))
      on conflict (key) do update set value = excluded.value
      where (settings.value->>'until')::timestamptz <= ${tsParam(now)}
      returning key`);
    if (row) return key;
  }
  return undefined;
}

/** Extends a lease still held by `holder`; false when it ran out and was taken by another. */
export async function renewLease(database: Database, key: string, holder: string, until: Date): Promise<boolean> {
  const rows = await database.rows(sql`
    update settings set value = jsonb_set(value, '{until}', to_jsonb(${until.toISOString()}::text))
    where key = ${key} and value->>'holder' = ${holder} returning key`);
  return rows.length > 0;
}

/** Gives a lease back (only the holder's: a lease that ran out may belong to another by now). */
export async function releaseLease(database: Database, key: string, holder: string): Promise<void> {
  await database.rows(sql`delete from settings where key = ${key} and value->>'holder' = ${holder}`);
}
