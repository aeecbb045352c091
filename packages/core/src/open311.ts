/**
 * Open311 GeoReport v2 rules that do not depend on the wire format: the default and largest
 * window of `GET requests`, as the specification sets them.
 */
import { DAY_MS } from './insight.ts';

/** The spec's default: the last 90 days, or the first 1000 requests, whichever is smaller. */
export const OPEN311_MAX_SPAN_DAYS = 90;
export const OPEN311_MAX_RESULTS = 1000;

/**
 * The time window a `GET requests` asks for. A missing end falls 90 days after the start,
 * a missing start 90 days before the end, and neither means the last 90 days. Returns a
 * message for the client when the window is backwards or too long.
 */
export function open311Window(start: Date | undefined, end: Date | undefined, now: Date): { start: Date; end: Date } | string {
  const span = OPEN311_MAX_SPAN_DAYS * DAY_MS;
  const to = end ?? (start ? new Date(start.getTime() + span) : now);
  const from = start ?? new Date(to.getTime() - span);
  if (from > to) return 'start_date must be before end_date';
  if (to.getTime() - from.getTime() > span) return `start_date to end_date may span at most ${OPEN311_MAX_SPAN_DAYS} days; ask for several ranges`;
  return { start: from, end: to };
}
