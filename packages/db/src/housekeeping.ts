/** Pruning the bookkeeping tables (core's retention.ts says how long each row lives). */
import { sql, type SQL } from 'drizzle-orm';
import type { PersonalDataCutoffs, Prunable } from '@groundswell/core';
import { execRows, type Database } from './connect.ts';
import { STILL_ASKED } from './handoff.ts';
import { inList, tsParam } from './sql-kit.ts';

const PRUNE: Record<Prunable, (before: Date) => SQL> = {
  rateLimits: (before) => sql`delete from rate_limits where window_start < ${tsParam(before)}`,
  signInSlowdowns: (before) => sql`delete from sign_in_slowdowns where last_at < ${tsParam(before)}`,
  passwordResets: (before) => sql`delete from staff_password_resets where coalesce(used_at, expires_at) < ${tsParam(before)}`,
  knownAddresses: (before) => sql`delete from staff_known_addresses where last_sign_in_at < ${tsParam(before)}`,
  idempotencyKeys: (before) => sql`delete from idempotency_keys where created_at < ${tsParam(before)}`,
  residentLinks: (before) => sql`delete from resident_links where coalesce(used_at, expires_at) < ${tsParam(before)}`,
  // `r:<request id>:…` keys come from reading a sent request's state, asked again while its report is open.
  handoffUpdates: (before) => sql`delete from handoff_updates u where u.created_at < ${tsParam(before)} and not (u.key like 'r:%' and exists (
    select 1 from handoff_sends s join reports r on r.id = s.report_id
    where s.target_id = u.target_id and s.external_ref = split_part(substr(u.key, 3), ':', 1) and ${STILL_ASKED}))`,
};

/**
 * Deletes what is past its time, kind by kind, and says how many rows went. Expired staff
 * sessions go too: they no longer let anyone in.
 */
export async function pruneExpired(database: Database, before: Record<Prunable, Date>, now: Date): Promise<Record<Prunable | 'sessions' | 'residentSessions', number>> {
  const counts = {} as Record<Prunable | 'sessions' | 'residentSessions', number>;
  for (const kind of Object.keys(PRUNE) as Prunable[]) counts[kind] = await countDeleted(database, PRUNE[kind](before[kind]));
  counts.sessions = await countDeleted(database, sql`delete from staff_sessions where expires_at < ${tsParam(now)}`);
  counts.residentSessions = await countDeleted(database, sql`delete from resident_sessions where expires_at < ${tsParam(now)}`);
  return counts;
}

async function countDeleted(database: Database, statement: SQL): Promise<number> {
  const [row] = await execRows<{ n: number }>(database.db, sql`with gone as (${statement} returning 1) select count(*)::int as n from gone`);
  return Number(row?.n ?? 0);
}

export interface ErasedPersonalData {
  /** Reporters' contact details (name, email, phone) of reports closed long enough ago. */
  contacts: number;
  /** Follows of those reports. */
  followsOfClosedReports: number;
  unconfirmedFollows: number;
  endedFollows: number;
}

/**
 * Removes residents' personal data past its time (core's personalDataCutoffs). The reports
 * stay as they are, anonymous: public outputs never read contacts, so they do not change.
 * A report counts as closed since it was resolved, or since its last change for the
 * closed states that do not set `resolved_at`.
 */
export async function erasePersonalData(database: Database, cutoffs: PersonalDataCutoffs, closedStates: readonly string[]): Promise<ErasedPersonalData> {
  const longClosed = sql`select id from reports where ${inList(sql`state`, closedStates)} and coalesce(resolved_at, updated_at) < ${tsParam(cutoffs.closedReports)}`;
  return {
    contacts: await countDeleted(database, sql`delete from report_contacts where report_id in (${longClosed})`),
    followsOfClosedReports: await countDeleted(database, sql`delete from subscriptions where report_id in (${longClosed})`),
    unconfirmedFollows: await countDeleted(database, sql`delete from subscriptions where confirmed_at is null and created_at < ${tsParam(cutoffs.unconfirmedFollows)}`),
    endedFollows: await countDeleted(database, sql`delete from subscriptions where unsubscribed_at < ${tsParam(cutoffs.endedFollows)}`),
  };
}
