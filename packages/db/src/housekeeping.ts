/** Pruning the bookkeeping tables (core's retention.ts says how long each row lives). */
import { sql, type SQL } from 'drizzle-orm';
import type { Prunable } from '@groundswell/core';
import { execRows, type Database } from './connect.ts';
import { tsParam } from './sql-kit.ts';

const PRUNE: Record<Prunable, (before: Date) => SQL> = {
  rateLimits: (before) => sql`delete from rate_limits where window_start < ${tsParam(before)}`,
  signInSlowdowns: (before) => sql`delete from sign_in_slowdowns where last_at < ${tsParam(before)}`,
  passwordResets: (before) => sql`delete from staff_password_resets where coalesce(used_at, expires_at) < ${tsParam(before)}`,
  knownAddresses: (before) => sql`delete from staff_known_addresses where last_sign_in_at < ${tsParam(before)}`,
  idempotencyKeys: (before) => sql`delete from idempotency_keys where created_at < ${tsParam(before)}`,
};

/**
 * Deletes what is past its time, kind by kind, and says how many rows went. Expired staff
 * sessions go too: they no longer let anyone in.
 */
export async function pruneExpired(database: Database, before: Record<Prunable, Date>, now: Date): Promise<Record<Prunable | 'sessions', number>> {
  const counts = {} as Record<Prunable | 'sessions', number>;
  for (const kind of Object.keys(PRUNE) as Prunable[]) counts[kind] = await countDeleted(database, PRUNE[kind](before[kind]));
  counts.sessions = await countDeleted(database, sql`delete from staff_sessions where expires_at < ${tsParam(now)}`);
  return counts;
}

async function countDeleted(database: Database, statement: SQL): Promise<number> {
  const [row] = await execRows<{ n: number }>(database.db, sql`with gone as (${statement} returning 1) select count(*)::int as n from gone`);
  return Number(row?.n ?? 0);
}
