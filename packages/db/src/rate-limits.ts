import { sql } from 'drizzle-orm';
import type { Database } from './connect.ts';
import { tsParam } from './sql-kit.ts';

/** Counts one hit in the bucket's current window and returns the count so far. */
export async function hitRateLimit(database: Database, bucket: string, windowStart: Date): Promise<number> {
  const [row] = await database.rows<{ count: number }>(sql`
    insert into rate_limits (bucket, window_start, count) values (${bucket}, ${tsParam(windowStart)}, 1)
    on conflict (bucket, window_start) do update set count = rate_limits.count + 1
    returning count`);
  return Number(row!.count);
}

/** Old windows are useless; drop them now and then so the table stays small. */
export async function pruneRateLimits(database: Database, before: Date): Promise<void> {
  await database.rows(sql`delete from rate_limits where window_start < ${tsParam(before)}`);
}

/** The count so far in the bucket's window, without adding to it. */
export async function peekRateLimit(database: Database, bucket: string, windowStart: Date): Promise<number> {
  const [row] = await database.rows<{ count: number }>(sql`
    select count from rate_limits where bucket = ${bucket} and window_start = ${tsParam(windowStart)}`);
  return row ? Number(row.count) : 0;
}
