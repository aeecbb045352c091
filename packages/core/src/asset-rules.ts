/**
 * The rules of the mapped drainage network (assets: ditches, culverts): conditions and how
 * bad each is, when a resident's line report attaches to a segment, what puts a segment at
 * risk, where a segment may be split and which segments may be joined, how new segments are
 * named, and which team works a segment. Pure: no I/O, no zod. docs/insight.md states the
 * same rules in words; keep the two in step.
 */
import type { Answers } from './answers.ts';
import { inRemit, isAdmin, type StaffActor } from './staff.ts';

export const ASSET_CONDITIONS = ['clear', 'partly_blocked', 'blocked', 'collapsed', 'unknown'] as const;
export type AssetCondition = (typeof ASSET_CONDITIONS)[number];
export const ASSET_KINDS = ['ditch', 'culvert'] as const;
export type AssetKind = (typeof ASSET_KINDS)[number];

/** Worst first; `unknown` sits above `clear` because nobody can say it is clear. */
export const CONDITION_SEVERITY: Readonly<Record<AssetCondition, number>> = { collapsed: 4, blocked: 3, partly_blocked: 2, unknown: 1, clear: 0 };

/** The worse of two conditions: a joined segment is as bad as its worst part. */
export function worseCondition(a: AssetCondition, b: AssetCondition): AssetCondition {
  return CONDITION_SEVERITY[a] >= CONDITION_SEVERITY[b] ? a : b;
}

// ---------------------------------------------------------------------------------------
// Reports tell of a segment's condition

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

// ---------------------------------------------------------------------------------------
// Reports attach to the segment they run along

/**
 * When a resident's line is taken to follow a mapped segment: at least `minShareWithin` of
 * its length lies within `withinMeters` of the segment (measured on the ground, on the line
 * cut into pieces of at most `densifyMeters`), and it runs along the segment rather than
 * across it: its two ends, projected onto the segment, are at least `minAlongShare` of the
 * line's own length apart. A short line drawn across a ditch is near it all the way but
 * projects onto almost a single point, so it does not attach.
 */
export const ASSET_ATTACH_RULE = { withinMeters: 15, minShareWithin: 0.7, minAlongShare: 0.5, densifyMeters: 5 } as const;

/** What the database measured for one live segment near a line report. */
export interface AttachCandidate {
  id: number;
  code: string;
  /** Share (0 to 1) of the report's length within `withinMeters` of the segment. */
  share: number;
  /** The report's length on the ground, metres. */
  lengthMeters: number;
  /** How far apart the report's two ends fall when projected onto the segment, metres. */
  alongMeters: number;
}

/** Whether a line report follows this segment by ASSET_ATTACH_RULE. */
export function runsAlong(c: Pick<AttachCandidate, 'share' | 'lengthMeters' | 'alongMeters'>): boolean {
  return c.share >= ASSET_ATTACH_RULE.minShareWithin && c.alongMeters >= ASSET_ATTACH_RULE.minAlongShare * c.lengthMeters;
}

/**
 * The segment a line report attaches to, if any: of those it runs along, the one with most of
 * the line near it, then the one it runs furthest along, then the oldest.
 */
export function bestAttachment<C extends AttachCandidate>(candidates: readonly C[]): C | undefined {
  return candidates.filter(runsAlong).sort((a, b) => b.share - a.share || b.alongMeters - a.alongMeters || a.id - b.id)[0];
}

// ---------------------------------------------------------------------------------------
// Segments at risk

/** Conditions that put a segment on the at-risk list whatever its inspection date. */
export const AT_RISK_CONDITIONS: readonly AssetCondition[] = ['blocked', 'collapsed'];
/** A segment not inspected for this many months is at risk too. */
export const DEFAULT_UNINSPECTED_MONTHS = 6;
export const AT_RISK_REASONS = ['condition', 'not_inspected'] as const;
export type AtRiskReason = (typeof AT_RISK_REASONS)[number];
/** Orders of the at-risk list; `risk` is riskRank, then the longest unseen. */
export const AT_RISK_SORTS = ['risk', 'code', 'condition', 'inspected', 'reports', 'length'] as const;
export type AtRiskSort = (typeof AT_RISK_SORTS)[number];

/** The same day of the month `months` months earlier (clamped to the month's end). */
export function monthsBefore(now: Date, months: number): Date {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth() - months;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(now.getUTCDate(), last), now.getUTCHours(), now.getUTCMinutes(), now.getUTCSeconds(), now.getUTCMilliseconds()));
}

/** The at-risk rule applied to one segment at `now`. */
export function atRiskReasons(a: { condition: AssetCondition; lastInspectedAt: Date | null }, now: Date, months = DEFAULT_UNINSPECTED_MONTHS): AtRiskReason[] {
  return reasonsAtRisk({
    badCondition: AT_RISK_CONDITIONS.includes(a.condition),
    unseen: !a.lastInspectedAt || a.lastInspectedAt.getTime() < monthsBefore(now, months).getTime(),
  });
}

/** The reasons, in their fixed order, from the two tests of the at-risk rule. */
export function reasonsAtRisk(facts: { badCondition: boolean; unseen: boolean }): AtRiskReason[] {
  return [...(facts.badCondition ? (['condition'] as const) : []), ...(facts.unseen ? (['not_inspected'] as const) : [])];
}

/**
 * How the `risk` order ranks a condition: collapsed, then blocked, then everything else alike
 * (those are on the list for not being inspected, and sort by how long ago that was).
 */
export function riskRank(condition: AssetCondition): number {
  return AT_RISK_CONDITIONS.includes(condition) ? CONDITION_SEVERITY[condition] : 0;
}

// ---------------------------------------------------------------------------------------
// Naming new segments

/** Codes are a kind's letter and a running number: D-067 after D-066, C-012 for culverts. */
export const ASSET_CODE_PREFIX: Readonly<Record<AssetKind, string>> = { ditch: 'D', culvert: 'C' };

export function assetCode(kind: AssetKind, n: number): string {
  return `${ASSET_CODE_PREFIX[kind]}-${String(n).padStart(3, '0')}`;
}

// ---------------------------------------------------------------------------------------
// Confirming a resident's line report as a new segment

export type SegmentFromReportRefusal = 'not_a_line' | 'hidden' | 'already_attached';

/** Why a report (in the officer's remit) cannot become a segment, or null when it can. */
export function segmentFromReportRefusal(r: { isLine: boolean; hidden: boolean; attached: boolean }): SegmentFromReportRefusal | null {
  if (!r.isLine) return 'not_a_line';
  if (r.hidden) return 'hidden';
  if (r.attached) return 'already_attached';
  return null;
}

// ---------------------------------------------------------------------------------------
// Splitting a segment

/** A split point must lie within `maxDistanceMeters` of the segment, and leave both parts at least `minPartMeters` long. */
export const SPLIT_RULE = { maxDistanceMeters: 50, minPartMeters: 5 } as const;

export type SplitRefusal = { reason: 'too_far'; distanceMeters: number } | { reason: 'too_near_end' };

/**
 * Whether a segment may be cut where the database located the point: `fraction` (0 to 1) of
 * the way along a segment `lengthMeters` long, `distanceMeters` from it. Null when it may.
 */
export function splitRefusal(m: { fraction: number; lengthMeters: number; distanceMeters: number }): SplitRefusal | null {
  if (m.distanceMeters > SPLIT_RULE.maxDistanceMeters) return { reason: 'too_far', distanceMeters: m.distanceMeters };
  if (m.fraction * m.lengthMeters < SPLIT_RULE.minPartMeters || (1 - m.fraction) * m.lengthMeters < SPLIT_RULE.minPartMeters) return { reason: 'too_near_end' };
  return null;
}

// ---------------------------------------------------------------------------------------
// Joining two segments

/** Segments touch when an end of one is within this of an end of the other. */
export const JOIN_TOLERANCE_METERS = 1;

const METERS_PER_DEGREE = 111_320;
/** Metres between two WGS84 positions (equirectangular: exact enough for "do these touch"). */
export function metres(p: [number, number], q: [number, number]): number {
  const k = Math.cos((((p[1] + q[1]) / 2) * Math.PI) / 180);
  return Math.hypot((p[0] - q[0]) * k, p[1] - q[1]) * METERS_PER_DEGREE;
}

/** The two lines as one, when an end of one meets an end of the other. */
export function joinLines(a: [number, number][], b: [number, number][]): [number, number][] | undefined {
  const options: Array<[number, () => [number, number][]]> = [
    [metres(a[a.length - 1]!, b[0]!), () => [...a, ...b.slice(1)]],
    [metres(a[a.length - 1]!, b[b.length - 1]!), () => [...a, ...[...b].reverse().slice(1)]],
    [metres(a[0]!, b[b.length - 1]!), () => [...b, ...a.slice(1)]],
    [metres(a[0]!, b[0]!), () => [...[...a].reverse(), ...b.slice(1)]],
  ];
  const [d, make] = options.sort((x, y) => x[0] - y[0])[0]!;
  return d <= JOIN_TOLERANCE_METERS ? make() : undefined;
}

/** A live segment as the join rule sees it. Timestamps are text that sorts as time (one format, one zone). */
export interface JoinPart {
  kind: AssetKind;
  condition: AssetCondition;
  conditionAt: string | null;
  lastInspectedAt: string | null;
  coords: [number, number][];
}

export type JoinRefusal = 'different_kinds' | 'not_touching';

/**
 * Two segments joined: one line, as bad as the worse of the two, its condition dated by the
 * later of the two, and last inspected when the less recently inspected part was (never, if
 * either never was). Or why they cannot be joined.
 */
export function joinSegments(
  a: JoinPart,
  b: JoinPart,
): { ok: true; coords: [number, number][]; condition: AssetCondition; conditionAt: string | null; inspectedAt: string | null } | { ok: false; refusal: JoinRefusal } {
  if (a.kind !== b.kind) return { ok: false, refusal: 'different_kinds' };
  const coords = joinLines(a.coords, b.coords);
  if (!coords) return { ok: false, refusal: 'not_touching' };
  const conditionAt =
    [a.conditionAt, b.conditionAt]
      .filter((x): x is string => !!x)
      .sort()
      .pop() ?? null;
  const inspectedAt = a.lastInspectedAt && b.lastInspectedAt ? ([a.lastInspectedAt, b.lastInspectedAt].sort()[0] ?? null) : null;
  return { ok: true, coords, condition: worseCondition(a.condition, b.condition), conditionAt, inspectedAt };
}

// ---------------------------------------------------------------------------------------
// Which team works a segment

/**
 * A segment belongs to a team, as a report does: a new one goes where a blocked-ditch report
 * (DITCH_CATEGORY) in its area would be routed, split parts keep their segment's team, and an
 * administrator may move it. Staff change (inspect, split, join) only the segments of their
 * teams; administrators every one, and they alone a segment no team holds. To anyone else a
 * segment of another team is as missing as one that does not exist.
 */
export const worksSegment = (actor: StaffActor, segment: { teamId: number | null }): boolean => inRemit(actor, segment);

/** A new segment's team: a given one (null: none), or `routed` for where routing sends it. */
export type SegmentTeam = { id: number | null } | 'routed';

/**
 * The team of two segments joined into one: theirs when they share it. Joining segments of
 * two teams moves work between teams, so only an administrator may, and the new segment is
 * then routed like any new one.
 */
export function joinedTeam(actor: StaffActor, a: { teamId: number | null }, b: { teamId: number | null }): { ok: true; team: SegmentTeam } | { ok: false; refusal: 'different_teams' } {
  if (a.teamId === b.teamId) return { ok: true, team: { id: a.teamId } };
  return isAdmin(actor) ? { ok: true, team: 'routed' } : { ok: false, refusal: 'different_teams' };
}

/** Only an administrator gives a segment to another team. */
export const canSetSegmentTeam = (actor: StaffActor): boolean => isAdmin(actor);
