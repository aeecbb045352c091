/**
 * Evidence of channel shift (issue 13, "Evidence instead of a feeling"): how the council
 * answers what it hears, and how often people chase a report. Types and pure rules only;
 * packages/db computes the figures, docs/insight.md states the rules in words.
 *
 * Listening figures never go finer than source kind and month, and carry no text, author
 * or person: they are public as they are.
 */
import type { MentionSourceKind } from './listening.ts';

/** Mentions heard from one kind of source in one month (received, UTC). */
export interface ListeningResponsivenessRow {
  sourceKind: MentionSourceKind | 'all';
  /** `YYYY-MM`; `all` for the whole period. */
  month: string;
  /** Mentions received, not counting ones folded into an earlier near-identical mention. */
  received: number;
  /** Made into a report or attached to one. */
  convertedOrAttached: number;
  shareConvertedOrAttached: number | null;
  /** At least one reply sent on the mention's platform. */
  answered: number;
  shareAnswered: number | null;
  /** Median hours from received to the first reply sent, over answered mentions. */
  medianHoursToFirstReply: number | null;
}

/** Reports received in one month, of one category and first-contact channel, and how many were chased. */
export interface ChaserRow {
  month: string;
  category: string;
  channel: string;
  reports: number;
  /** Reports with at least one later contact about them (a logged contact or an attached mention). */
  chased: number;
  /** All later contacts together. */
  chasers: number;
  shareChased: number | null;
  chasersPerReport: number | null;
}

/** A share to four decimals (0 to 1), or null when nothing is counted. */
export function insightShare(part: number, whole: number): number | null {
  return whole ? Math.round((part / whole) * 10_000) / 10_000 : null;
}

/** Hours to two decimals, stable across engines. */
export function roundHours(hours: number | null | undefined): number | null {
  return hours === null || hours === undefined || Number.isNaN(hours) ? null : Math.round(hours * 100) / 100;
}

// ---------------------------------------------------------------------------------------
// Contact-centre calls

/** One imported line: the Monday of the week, a category code and the calls that week. */
export interface CallVolumeLine {
  week: string;
  category: string;
  calls: number;
  /** Where it is in the file (1 is the header), for naming problems found later. */
  line?: number;
}

/** A CSV problem named by its line (1 is the header) and column. */
export interface CallCsvProblem {
  field: string;
  message: string;
}

export const CALL_CSV_COLUMNS = ['week', 'category', 'calls'] as const;
export const MAX_CALL_CSV_LINES = 20_000;

/** RFC 4180 fields of one line (quotes, doubled quotes); the call log has no line breaks inside fields. */
function csvFields(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((f) => f.trim());
}

const isMonday = (day: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) && new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) === day && new Date(`${day}T00:00:00Z`).getUTCDay() === 1;

/**
 * Reads the contact centre's weekly CSV (columns week, category, calls in any order, a header
 * line first). Every bad cell is named as `line N, column X` so the admin can fix the file;
 * the caller stores nothing unless the list of problems is empty.
 */
export function parseCallVolumesCsv(text: string): { lines: CallVolumeLine[]; problems: CallCsvProblem[] } {
  const all = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  while (all.length && all[all.length - 1]!.trim() === '') all.pop();
  const header = csvFields(all[0] ?? '').map((h) => h.toLowerCase());
  const index = CALL_CSV_COLUMNS.map((c) => header.indexOf(c));
  const missing = CALL_CSV_COLUMNS.filter((_, i) => index[i] === -1);
  if (missing.length) return { lines: [], problems: missing.map((c) => ({ field: `line 1, column ${c}`, message: 'The first line must name the columns week, category and calls' })) };
  if (all.length - 1 > MAX_CALL_CSV_LINES) return { lines: [], problems: [{ field: `line ${MAX_CALL_CSV_LINES + 2}`, message: `At most ${MAX_CALL_CSV_LINES} lines at a time` }] };
  const lines: CallVolumeLine[] = [];
  const problems: CallCsvProblem[] = [];
  const seen = new Map<string, number>();
  for (let n = 1; n < all.length; n++) {
    if (all[n]!.trim() === '') continue;
    const f = csvFields(all[n]!);
    const [week, category, calls] = index.map((i) => f[i] ?? '') as [string, string, string];
    const at = (c: string) => `line ${n + 1}, column ${c}`;
    let ok = true;
    if (!isMonday(week)) {
      problems.push({ field: at('week'), message: 'Give the Monday of the week as a date like 2026-01-05' });
      ok = false;
    }
    if (!category) {
      problems.push({ field: at('category'), message: 'Give a category code' });
      ok = false;
    }
    if (!/^\d{1,9}$/.test(calls)) {
      problems.push({ field: at('calls'), message: 'Give a whole number of calls, 0 or more' });
      ok = false;
    }
    if (!ok) continue;
    const key = `${week}|${category}`;
    if (seen.has(key)) {
      problems.push({ field: at('category'), message: `This week and category are already on line ${seen.get(key)}` });
      continue;
    }
    seen.set(key, n + 1);
    lines.push({ week, category, calls: Number(calls), line: n + 1 });
  }
  return { lines, problems };
}

/** Calls, web reports and mentions of one category in one week. */
export interface CallWeek {
  week: string;
  calls: number;
  webReports: number;
  mentions: number;
}

/** Means per week before and after the go-live date. */
export interface CallMeans {
  weeks: number;
  meanCalls: number | null;
  meanWebReports: number | null;
  meanMentions: number | null;
}

export interface CallCategoryRow {
  category: string;
  label: string | Record<string, string>;
  /** Promoted: the council listens for it (an enabled keyword rule names the category). The rest are the comparison group. */
  promoted: boolean;
  weeks: CallWeek[];
  before: CallMeans;
  after: CallMeans;
  /** Mean weekly calls after minus before; null without weeks on both sides. */
  change: number | null;
}

export interface CallComparison {
  goLive: string | null;
  categories: CallCategoryRow[];
  /** Mean change of promoted categories, of the rest, and the first minus the second: descriptive, not a causal estimate. */
  promotedChange: number | null;
  comparisonChange: number | null;
  differenceInDifferences: number | null;
}

const mean = (xs: number[]) => (xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100 : null);

function means(weeks: CallWeek[]): CallMeans {
  return { weeks: weeks.length, meanCalls: mean(weeks.map((w) => w.calls)), meanWebReports: mean(weeks.map((w) => w.webReports)), meanMentions: mean(weeks.map((w) => w.mentions)) };
}

/**
 * Before and after a go-live date: a week belongs after when its Monday is on or after the
 * date. Each category's change is its mean weekly calls after minus before; the difference
 * in differences is the promoted categories' mean change minus the others'. Only weeks with
 * an imported call log count; a category missing from an imported week had no calls.
 */
export function compareCalls(goLive: string | null, categories: Array<{ category: string; label: string | Record<string, string>; promoted: boolean; weeks: CallWeek[] }>): CallComparison {
  const rows = categories.map((c): CallCategoryRow => {
    const before = means(c.weeks.filter((w) => !goLive || w.week < goLive));
    const after = means(c.weeks.filter((w) => goLive !== null && w.week >= goLive));
    const change = before.meanCalls !== null && after.meanCalls !== null ? Math.round((after.meanCalls - before.meanCalls) * 100) / 100 : null;
    return { ...c, before, after, change };
  });
  const changeOf = (promoted: boolean) => mean(rows.filter((r) => r.promoted === promoted && r.change !== null).map((r) => r.change!));
  const promotedChange = changeOf(true);
  const comparisonChange = changeOf(false);
  return {
    goLive,
    categories: rows,
    promotedChange,
    comparisonChange,
    differenceInDifferences: promotedChange !== null && comparisonChange !== null ? Math.round((promotedChange - comparisonChange) * 100) / 100 : null,
  };
}
