/** What an operator watches, read at scrape time: the job queue, export slots and connections. */
import { sql } from 'drizzle-orm';
import type { Database } from './connect.ts';
import { tsParam } from './sql-kit.ts';

export interface QueueCount {
  queue: string;
  state: string;
  count: number;
}

/**
 * Jobs by queue and state in pg-boss's own table (same database as everything else). Before
 * the queue has started its schema does not exist: no jobs, not an error.
 */
export async function jobCounts(database: Database): Promise<QueueCount[]> {
  const [exists] = await database.rows<{ present: boolean }>(sql`select to_regclass('pgboss.job') is not null as present`);
  if (!exists?.present) return [];
  const rows = await database.rows<{ queue: string; state: string; count: number }>(
    sql`select name as queue, state::text as state, count(*)::int as count from pgboss.job group by name, state order by name, state`,
  );
  return rows.map((r) => ({ queue: r.queue, state: r.state, count: Number(r.count) }));
}

/** How many leases named `name` are held now (see takeLease); an expired lease is free. */
export async function leasesHeld(database: Database, name: string, now: Date): Promise<number> {
  const [row] = await database.rows<{ n: number }>(sql`select count(*)::int as n from settings where key like ${`lease:${name}:%`} and (value->>'until')::timestamptz > ${tsParam(now)}`);
  return Number(row?.n ?? 0);
}

/** Server connections to this database by state (active, idle, idle in transaction…), all clients together. */
export async function connectionCounts(database: Database): Promise<{ state: string; count: number }[]> {
  const rows = await database.rows<{ state: string; count: number }>(
    sql`select coalesce(state, 'unknown') as state, count(*)::int as count from pg_stat_activity where datname = current_database() group by 1 order by 1`,
  );
  return rows.map((r) => ({ state: r.state, count: Number(r.count) }));
}
