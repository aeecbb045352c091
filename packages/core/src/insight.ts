/**
 * Planning insight: the business rules behind every figure on the "how we are doing" page
 * and the staff dashboard, and the rules of the mapped drainage network (assets). Pure: no
 * I/O. docs/insight.md states the same rules in words; keep the two in step.
 */
import { z } from 'zod';
import { BBoxParamSchema } from './geometry.ts';
import { CHANNELS, type Channel } from './reports.ts';
import type { Answers } from './answers.ts';
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

// ---------------------------------------------------------------------------------------
// The drainage network

export const ASSET_CONDITIONS = ['clear', 'partly_blocked', 'blocked', 'collapsed', 'unknown'] as const;
export type AssetCondition = (typeof ASSET_CONDITIONS)[number];
export const ASSET_KINDS = ['ditch', 'culvert'] as const;
export type AssetKind = (typeof ASSET_KINDS)[number];

/** Worst first; `unknown` sits above `clear` because nobody can say it is clear. */
const SEVERITY: Record<AssetCondition, number> = { collapsed: 4, blocked: 3, partly_blocked: 2, unknown: 1, clear: 0 };

/** The worse of two conditions: a joined segment is as bad as its worst part. */
export function worseCondition(a: AssetCondition, b: AssetCondition): AssetCondition {
  return SEVERITY[a] >= SEVERITY[b] ? a : b;
}

/** Conditions that put a segment on the at-risk list whatever its inspection date. */
export const AT_RISK_CONDITIONS: readonly AssetCondition[] = ['blocked', 'collapsed'];
/** A segment not inspected for this many months is at risk too. */
export const DEFAULT_UNINSPECTED_MONTHS = 6;

/** The category whose answer reports a segment's condition, and that answer's question. */
export const DITCH_CATEGORY = 'blocked_ditch';
export const HOW_BLOCKED_QUESTION = 'how_blocked';
/** `how_blocked` answers (demo catalogue) and the condition each reports. */
export const HOW_BLOCKED_CONDITIONS: Readonly<Record<string, AssetCondition>> = {
  partly_blocked: 'partly_blocked',
  blocked: 'blocked',
  collapsed: 'collapsed',
};

/** The condition a report tells of, or null when its category or answers say nothing about it. */
export function conditionFromReport(category: string, answers: Answers): AssetCondition | null {
  if (category !== DITCH_CATEGORY) return null;
  const answer = answers[HOW_BLOCKED_QUESTION];
  return typeof answer === 'string' ? (HOW_BLOCKED_CONDITIONS[answer] ?? null) : null;
}

/**
 * When a resident's line is taken to follow a mapped segment: at least `minShareWithin` of
 * its length lies within `withinMeters` of the segment (measured on the ground, on the line
 * cut into pieces of at most `densifyMeters`), and it runs along the segment rather than
 * across it: its two ends, projected onto the segment, are at least `minAlongShare` of the
 * line's own length apart. A short line drawn across a ditch is near it all the way but
 * projects onto almost a single point, so it does not attach.
 */
export const ASSET_ATTACH_RULE = { withinMeters: 15, minShareWithin: 0.7, minAlongShare: 0.5, densifyMeters: 5 } as const;

/** The at-risk rule applied to one segment at `now`. */
export function atRiskReasons(
  a: { condition: AssetCondition; lastInspectedAt: Date | null },
  now: Date,
  months = DEFAULT_UNINSPECTED_MONTHS,
): Array<'condition' | 'not_inspected'> {
  const reasons: Array<'condition' | 'not_inspected'> = [];
  if (AT_RISK_CONDITIONS.includes(a.condition)) reasons.push('condition');
  if (!a.lastInspectedAt || a.lastInspectedAt.getTime() < monthsBefore(now, months).getTime()) reasons.push('not_inspected');
  return reasons;
}

/** The same day of the month `months` months earlier (clamped to the month's end). */
export function monthsBefore(now: Date, months: number): Date {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth() - months;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(now.getUTCDate(), last), now.getUTCHours(), now.getUTCMinutes(), now.getUTCSeconds(), now.getUTCMilliseconds()));
}

// ---------------------------------------------------------------------------------------
// Query parameters shared by the public and staff endpoints

const list = (name: string) =>
  z
    .string()
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .optional()
    .meta({ description: `One or more ${name}, comma-separated` });

const day = z.iso.date('Use a date like 2026-01-31');

export const INSIGHT_FORMATS = ['json', 'csv'] as const;

/** Filters every figure takes: the period (on the day received), category, area and team. */
export const InsightQuerySchema = z.object({
  from: day.optional().meta({ description: 'First day received, inclusive (UTC). Default: the first day of the month eleven months ago' }),
  to: day.optional().meta({ description: 'Last day received, inclusive (UTC). Default: today' }),
  category: list('category codes'),
  area: list('area codes'),
  team: list('team codes'),
  format: z.enum(INSIGHT_FORMATS).default('json').meta({ description: '`csv` downloads the same figures as CSV' }),
});
export type InsightQuery = z.infer<typeof InsightQuerySchema>;

export const VOLUME_GROUPS = ['category', 'area', 'state', 'channel', 'team'] as const;
export type VolumeGroup = (typeof VOLUME_GROUPS)[number];
export const VolumeQuerySchema = InsightQuerySchema.extend({
  by: z.enum(VOLUME_GROUPS).default('category').meta({ description: 'What each series is: category, area, state, channel or team' }),
});

export const TIMING_GROUPS = ['category', 'team'] as const;
export const ResponseTimeQuerySchema = InsightQuerySchema.extend({
  by: z.enum(TIMING_GROUPS).default('category'),
});

export const TopSupportedQuerySchema = InsightQuerySchema.extend({
  limit: z.coerce.number().int().min(1).max(100).default(10),
});

export const HexagonQuerySchema = InsightQuerySchema.extend({
  compareFrom: day.optional().meta({ description: 'First day of the period to compare with. Default: the quarter before `from`' }),
  compareTo: day.optional().meta({ description: 'Last day of the period to compare with' }),
  size: z.coerce.number().min(50).max(20_000).default(500).meta({ description: 'Hexagon size on the ground, metres (centre to corner)' }),
  bbox: BBoxParamSchema.optional().meta({ description: 'Only reports whose point is inside west,south,east,north (WGS84)' }),
  format: z.enum(['geojson', 'csv']).default('geojson'),
});

export const AtRiskQuerySchema = z.object({
  months: z.coerce.number().int().min(1).max(120).default(DEFAULT_UNINSPECTED_MONTHS).meta({ description: 'Not inspected for this many months counts as at risk' }),
  sort: z.enum(['risk', 'code', 'condition', 'inspected', 'reports', 'length']).default('risk'),
  order: z.enum(['asc', 'desc']).optional(),
  kind: z.enum(ASSET_KINDS).optional(),
  format: z.enum(INSIGHT_FORMATS).default('json'),
});

export const AssetListQuerySchema = z.object({
  bbox: BBoxParamSchema.optional().meta({ description: 'west,south,east,north in WGS84' }),
  kind: z.enum(ASSET_KINDS).optional(),
  condition: z
    .string()
    .transform((s, ctx) => {
      const parts = s.split(',').map((x) => x.trim()).filter(Boolean);
      const bad = parts.filter((p) => !(ASSET_CONDITIONS as readonly string[]).includes(p));
      if (bad.length) {
        ctx.addIssue({ code: 'custom', message: `Unknown condition "${bad.join(', ')}"; use one of: ${ASSET_CONDITIONS.join(', ')}` });
        return z.NEVER;
      }
      return parts as AssetCondition[];
    })
    .optional(),
  retired: z.enum(['true', 'false']).transform((v) => v === 'true').optional().meta({ description: '`true` lists retired segments (split or joined) instead' }),
});

/** Staff actions on the network. */
export const AssetFromReportSchema = z.object({
  report: z.string().regex(/^[a-z0-9]{4,32}$/, 'Give the id of a line report'),
  kind: z.enum(ASSET_KINDS).default('ditch'),
  name: z.string().trim().min(1).max(200).optional(),
});
export const AssetSplitSchema = z.object({
  at: z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]).meta({ description: '[longitude, latitude] of the point to split at; the nearest point on the segment is used' }),
});
export const AssetJoinSchema = z.object({
  codes: z.tuple([z.string().min(1).max(40), z.string().min(1).max(40)]).meta({ description: 'The two touching segments to join' }),
  name: z.string().trim().min(1).max(200).optional(),
});
export const AssetInspectionSchema = z.object({
  condition: z.enum(ASSET_CONDITIONS),
  note: z.string().trim().max(2000).optional(),
});

export const INSIGHT_CHANNELS: readonly Channel[] = CHANNELS;
