/**
 * Text PostgreSQL can store, and times it can read. JavaScript strings may hold a NUL or a
 * lone UTF-16 surrogate; `text` refuses the first and `jsonb` both, so a request carrying
 * either is refused at the edge with the field named, instead of failing in SQL. Every other
 * character, right-to-left marks and other format characters included, is legitimate text.
 */

const NUL = '\u0000';
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The text with what cannot be stored replaced by U+FFFD, for naming a bad key in a message. */
const printable = (text: string) => text.replaceAll(NUL, '\uFFFD').replace(LONE_SURROGATE, '\uFFFD');

/** Why this text cannot be stored, or undefined when it can. */
export function unstorableText(text: string): string | undefined {
  if (text.includes(NUL)) return 'contains a NUL character (U+0000), which cannot be stored';
  if (text.search(LONE_SURROGATE) >= 0) return 'contains an unpaired surrogate, which is not valid Unicode';
  return undefined;
}

export interface TextProblem {
  /** Where in the value: object keys and array indexes, outermost first. */
  path: string[];
  message: string;
}

/** A place in the value being walked: its key and its parent, so that no path is copied until one is needed. */
interface Place {
  key: string;
  parent: Place | undefined;
}

function pathOf(place: Place | undefined): string[] {
  const path: string[] = [];
  for (let p = place; p; p = p.parent) path.push(p.key);
  return path.reverse();
}

/**
 * The first string (value or object key) in a parsed JSON value that cannot be stored.
 * Walks with its own stack and keeps no path per node, so a deeply nested body costs time
 * in proportion to its size and cannot overflow the call stack.
 */
export function findUnstorableText(value: unknown): TextProblem | undefined {
  const stack: Array<{ value: unknown; place: Place | undefined }> = [{ value, place: undefined }];
  while (stack.length) {
    const { value: v, place } = stack.pop()!;
    if (typeof v === 'string') {
      const message = unstorableText(v);
      if (message) return { path: pathOf(place), message };
    } else if (v && typeof v === 'object') {
      const entries = Array.isArray(v) ? v.map((x, i) => [String(i), x] as const) : Object.entries(v);
      // Pushed in reverse so that the first field is looked at first.
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i]!;
        const keyProblem = unstorableText(key);
        if (keyProblem) return { path: [...pathOf(place), printable(key)], message: `has a field name that ${keyProblem}` };
        stack.push({ value: child, place: { key, parent: place } });
      }
    }
  }
  return undefined;
}

const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * An ISO 8601 date (`2026-01-31`) or date-time (`2026-01-31T09:00:00Z`) as an instant, or a
 * message. Stricter than `Date.parse`, which reads "1" or "-1" as years and 31 February as
 * 3 March: the calendar date must exist and the clock be 00:00 to 23:59:59.
 */
export function parseIsoTime(text: string): Date | string {
  const m = ISO_TIME.exec(text);
  const message = 'must be an ISO 8601 date or time, like 2026-01-31 or 2026-01-31T09:00:00Z';
  if (!m) return message;
  const [year, month, day, hour = 0, minute = 0, second = 0] = m.slice(1, 7).map((x) => (x === undefined ? undefined : Number(x))) as number[];
  const calendar = new Date(Date.UTC(year!, month! - 1, day!));
  if (calendar.getUTCFullYear() !== year || calendar.getUTCMonth() !== month! - 1 || calendar.getUTCDate() !== day) return `${message}; ${text.slice(0, 10)} is not a calendar date`;
  if (hour > 23 || minute > 59 || second > 59) return `${message}; the time of day is out of range`;
  const at = new Date(text.length === 10 ? `${text}T00:00:00Z` : text.replace(' ', 'T'));
  return Number.isNaN(at.getTime()) ? message : at;
}
