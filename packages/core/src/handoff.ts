/**
 * Handing reports to the council's own systems (issue 14): which target a report goes to,
 * how their statuses map onto ours, and the signed-webhook header. Pure rules; the sending,
 * signing and polling are in the API (apps/api/src/handoff/).
 */
import { REPORT_STATES, type ReportState } from './states.ts';

export const HANDOFF_METHODS = ['open311', 'email', 'webhook'] as const;
export type HandoffMethod = (typeof HANDOFF_METHODS)[number];

/** pending: queued or between tries; sent: the other end has it; failed: dead-lettered after every try. */
export const HANDOFF_SEND_STATES = ['pending', 'sent', 'failed'] as const;
export type HandoffSendState = (typeof HANDOFF_SEND_STATES)[number];

/** Tries before a send is dead-lettered; pg-boss waits 30 s, 60 s, 120 s ... between them. */
export const HANDOFF_MAX_ATTEMPTS = 6;
export const HANDOFF_RETRY_DELAY_SECONDS = 30;
/** Open311 targets are polled for updates this often unless their config says otherwise. */
export const HANDOFF_DEFAULT_POLL_MINUTES = 5;
/** A signed inbound update older (or newer) than this is refused. */
export const HANDOFF_SIGNATURE_TOLERANCE_SECONDS = 300;
export const HANDOFF_SIGNATURE_HEADER = 'X-Groundswell-Signature';

/** A category → target rule, optionally narrowed to reports in an area or of a team. */
export interface HandoffRule {
  id: number;
  categoryId: number;
  areaId: number | null;
  teamId: number | null;
  targetId: number;
}

/** What of a report the rules look at: its category, its team and the areas it lies in. */
export interface HandoffReportFacts {
  categoryId: number;
  teamId: number | null;
  areaIds: readonly number[];
  /** How the report came in; an Open311 client is named by its API key's name. */
  channel?: string;
  channelSource?: string | null;
}

/**
 * A report a system sent us itself is not handed back to it: one that came through Open311
 * with an API key named as the target is that system's own (docs/handoff.md).
 */
export const cameFromTarget = (report: Pick<HandoffReportFacts, 'channel' | 'channelSource'>, targetName: string): boolean =>
  report.channel === 'open311' && !!report.channelSource && report.channelSource.trim().toLowerCase() === targetName.trim().toLowerCase();

/**
 * The target of a report: among the rules of its category that fit (an area rule only if the
 * report lies in the area, a team rule only for that team), the most specific wins: area and
 * team, then area, then team, then the category alone; on a tie, the rule made first.
 */
export function chooseHandoffTarget(rules: readonly HandoffRule[], report: HandoffReportFacts): number | null {
  const fits = rules.filter((r) => r.categoryId === report.categoryId && (r.areaId === null || report.areaIds.includes(r.areaId)) && (r.teamId === null || r.teamId === report.teamId));
  const weight = (r: HandoffRule) => (r.areaId !== null ? 2 : 0) + (r.teamId !== null ? 1 : 0);
  const best = [...fits].sort((a, b) => weight(b) - weight(a) || a.id - b.id)[0];
  return best?.targetId ?? null;
}

/**
 * Their status in our words, through the table the admin set (matched without regard to
 * case or spaces); an unmapped status keeps our state (null), and its text still reaches
 * the timeline as an answer.
 */
export function mapHandoffStatus(table: Readonly<Record<string, string>>, status: string | null | undefined): ReportState | null {
  if (!status) return null;
  const norm = (s: string) =>
    s
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_');
  const hit = Object.entries(table).find(([theirs]) => norm(theirs) === norm(status))?.[1];
  return hit && (REPORT_STATES as readonly string[]).includes(hit) ? (hit as ReportState) : null;
}

/** `t=<unix>,v1=<hex>` (several v1 allowed while a secret is rotated). */
export function parseHandoffSignature(header: string | null | undefined): { t: number; v1: string[] } | null {
  if (!header) return null;
  let t: number | null = null;
  const v1: string[] = [];
  for (const part of header.split(',')) {
    const [k, v] = part.trim().split('=', 2);
    if (k === 't' && v && /^\d{1,12}$/.test(v)) t = Number(v);
    else if (k === 'v1' && v && /^[0-9a-f]{64}$/i.test(v)) v1.push(v.toLowerCase());
  }
  return t === null || !v1.length ? null : { t, v1 };
}

/** Whether a signature's time is within the tolerance of now (both in unix seconds). */
export const handoffSignatureFresh = (t: number, nowSeconds: number) => Math.abs(nowSeconds - t) <= HANDOFF_SIGNATURE_TOLERANCE_SECONDS;

/**
 * The marker put in the description of an Open311 request we send, so that after an
 * ambiguous failure we can find whether the other end already made it (GET requests,
 * looking for the marker) instead of posting twice.
 */
export const handoffMarker = (sendKey: string) => `[ref ${sendKey}]`;

/** The stable identity of one send: report and target; the same on every try. */
export const handoffSendKey = (publicId: string, targetId: number) => `gs-${publicId}-t${targetId}`;
