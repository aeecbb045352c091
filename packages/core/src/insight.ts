/**
 * Planning insight: the business rules behind every figure on the "how we are doing" page
 * and the staff dashboard. Pure: no I/O. The drainage network's rules are in asset-rules.ts.
 * docs/insight.md states the same rules in words; keep the two in step.
 */
export type { InsightQuery } from './schemas/insight.ts';
import { DomainError } from './errors.ts';
import { CHANNELS, type Channel } from './reports.ts';
import { OPEN_STATES, type ReportState } from './states.ts';

// ---------------------------------------------------------------------------------------
// Response times

/** One day of elapsed time. Days are calendar days: weekends and holidays count. */
export const DAY_MS = 86_400_000;

/**
 * Resolved: the report ended in one of these states and has `resolved_at` (the last time it
 * was closed; reopening clears it). `referred` counts: the council answered and passed it on.
 */
export const RESOLVED_STATES: readonly ReportState[] = ['fixed', 'closed', 'referred'];

/**
 * Left out of every time measure and of the share within the promise: a duplicate is answered
 * by the report it was merged into, and a hidden report was moderation, not service.
 * Both still count as reports received (hidden ones on the staff dashboard only).
 */
export const TIMING_EXCLUDED_STATES: readonly ReportState[] = ['duplicate', 'hidden'];

/** States the public page never counts. */
export const INSIGHT_PRIVATE_STATES: readonly ReportState[] = ['hidden'];

/** Elapsed calendar days between two instants (fractional: 36 hours is 1.5 days). */
export function elapsedDays(from: Date, to: Date): number {
  return (to.getTime() - from.getTime()) / DAY_MS;
}

export interface TimedReport {
  state: ReportState;
  createdAt: Date;
  acknowledgedAt: Date | null;
  resolvedAt: Date | null;
  /** The category's promised response time (`categories.response_days`). */
  responseDays: number;
}

/** Whether a report is counted as resolved by the insight rules. */
export function isResolvedForInsight(r: Pick<TimedReport, 'state' | 'resolvedAt'>): boolean {
  return RESOLVED_STATES.includes(r.state) && r.resolvedAt !== null;
}

/**
 * Within the promise: resolved no later than `response_days` calendar days (of 24 hours)
 * after it was received.
 */
export function resolvedWithinPromise(r: TimedReport): boolean {
  return isResolvedForInsight(r) && r.resolvedAt!.getTime() - r.createdAt.getTime() <= r.responseDays * DAY_MS;
}

/**
 * Due: a report whose outcome against the promise is known at `now`: it is resolved, or it
 * is still open and its promise has run out (a miss already). Open reports still inside
 * their promise are not counted either way yet. Excluded states are never due.
 */
export function isDue(r: TimedReport, now: Date): boolean {
  if (TIMING_EXCLUDED_STATES.includes(r.state)) return false;
  if (isResolvedForInsight(r)) return true;
  return OPEN_STATES.includes(r.state) && now.getTime() - r.createdAt.getTime() > r.responseDays * DAY_MS;
}

/**
 * A percentile by linear interpolation between the closest ranks (PostgreSQL's
 * `percentile_cont`, spreadsheets' PERCENTILE.INC): p in [0, 1]. `null` for no values.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = p * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

// ---------------------------------------------------------------------------------------
// Periods

/** Months are calendar months in UTC, written `YYYY-MM`. */
export function monthOf(d: Date): string {
  return d.toISOString().slice(0, 7);
}

export interface Period {
  /** First day, inclusive, `YYYY-MM-DD`. */
  from: string;
  /** Last day, inclusive, `YYYY-MM-DD`. */
  to: string;
}

const ymd = (d: Date) => d.toISOString().slice(0, 10);

/** The calendar quarter (UTC) holding `d`. */
export function quarterOf(d: Date): Period {
  const q = Math.floor(d.getUTCMonth() / 3);
  const start = new Date(Date.UTC(d.getUTCFullYear(), q * 3, 1));
  const end = new Date(Date.UTC(d.getUTCFullYear(), q * 3 + 3, 0));
  return { from: ymd(start), to: ymd(end) };
}

/** The quarter before the one holding `d`. */
export function previousQuarter(d: Date): Period {
  const q = quarterOf(d);
  return quarterOf(new Date(Date.parse(`${q.from}T00:00:00Z`) - DAY_MS));
}

/** The default period of every figure: the twelve calendar months up to and including today's. */
export function lastTwelveMonths(now: Date): Period {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1));
  return { from: ymd(start), to: ymd(now) };
}

/** The longest period any figure covers. */
export const MAX_PERIOD_DAYS = 3660;

const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / DAY_MS);
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** A period must run forwards and be at most ten years long; `field` names where it came from. */
export function checkPeriod(p: Period, field: string): Period {
  if (p.from > p.to) throw new DomainError('validation_failed', 'The period must start on or before the day it ends', [{ field, message: 'from is after to' }]);
  if (daysBetween(p.from, p.to) > MAX_PERIOD_DAYS) throw new DomainError('validation_failed', 'A period may be at most ten years long', [{ field, message: 'Too long' }]);
  return p;
}

/** The period a figure covers: as asked, else the twelve months up to today. */
export function figurePeriod(q: { from?: string | undefined; to?: string | undefined }, now: Date): Period {
  const def = lastTwelveMonths(now);
  return checkPeriod({ from: q.from ?? def.from, to: q.to ?? def.to }, 'query.from');
}

/**
 * The two periods hot spots compare. The first is as asked, else this quarter so far; the
 * second as asked, else (for the default quarter) the whole quarter before, else the period
 * of the same length just before the first.
 */
export function hotSpotPeriods(
  q: { from?: string | undefined; to?: string | undefined; compareFrom?: string | undefined; compareTo?: string | undefined },
  now: Date,
): { period: Period; compare: Period } {
  const period = checkPeriod({ from: q.from ?? quarterOf(now).from, to: q.to ?? now.toISOString().slice(0, 10) }, 'query.from');
  return { period, compare: checkPeriod(comparePeriod(q, period, !q.from), 'query.compareFrom') };
}

function comparePeriod(q: { compareFrom?: string | undefined; compareTo?: string | undefined }, p: Period, defaultQuarter: boolean): Period {
  if (q.compareFrom || q.compareTo) {
    const from = q.compareFrom ?? q.compareTo!;
    return { from, to: q.compareTo ?? addDays(from, daysBetween(p.from, p.to)) };
  }
  if (defaultQuarter) return previousQuarter(new Date(`${p.from}T00:00:00Z`));
  const length = daysBetween(p.from, p.to);
  return { from: addDays(p.from, -(length + 1)), to: addDays(p.from, -1) };
}

export const INSIGHT_FORMATS = ['json', 'csv'] as const;
export const VOLUME_GROUPS = ['category', 'area', 'state', 'channel', 'team'] as const;
export type VolumeGroup = (typeof VOLUME_GROUPS)[number];
export const TIMING_GROUPS = ['category', 'team'] as const;

export const INSIGHT_CHANNELS: readonly Channel[] = CHANNELS;
