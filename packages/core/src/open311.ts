/**
 * Open311 GeoReport v2 rules that do not depend on the wire format: the default and largest
 * window of `GET requests`, as the specification sets them.
 */
import { DAY_MS } from './insight.ts';
import { OPEN_STATES, type ReportState } from './states.ts';

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

/** `servicerequestupdates` asks for a short window: FixMyStreet polls every few minutes with both ends set. */
export const OPEN311_UPDATES_DEFAULT_HOURS = 24;
export const OPEN311_UPDATES_MAX_SPAN_DAYS = 90;

/**
 * The window of a `GET servicerequestupdates`: a missing end is now (or a day after the
 * start, when only that is given), a missing start a day before the end. Returns a message naming the parameter when
 * the window is backwards or too long.
 */
export function open311UpdatesWindow(start: Date | undefined, end: Date | undefined, now: Date): { start: Date; end: Date } | string {
  const day = OPEN311_UPDATES_DEFAULT_HOURS * 3_600_000;
  const to = end ?? (start ? new Date(start.getTime() + day) : now);
  const from = start ?? new Date(to.getTime() - day);
  if (from > to) return 'start_date must be before end_date';
  if (to.getTime() - from.getTime() > OPEN311_UPDATES_MAX_SPAN_DAYS * DAY_MS) {
    return `start_date to end_date may span at most ${OPEN311_UPDATES_MAX_SPAN_DAYS} days; ask for several ranges`;
  }
  return { start: from, end: to };
}

/**
 * The status an update carries: GeoReport's open/closed, refined to FixMyStreet's extended
 * statuses where one says more (FixMyStreet maps each to its own state; other clients can
 * treat anything but `closed`-like words as open, and `external_status_code` has ours).
 */
const UPDATE_STATUS: Record<ReportState, string> = {
  new: 'open',
  acknowledged: 'investigating',
  in_progress: 'in_progress',
  action_scheduled: 'action_scheduled',
  fixed: 'fixed',
  closed: 'closed',
  duplicate: 'duplicate',
  referred: 'not_councils_responsibility',
  hidden: 'closed',
};

export function open311UpdateStatus(state: string): string {
  return UPDATE_STATUS[state as ReportState] ?? (OPEN_STATES.includes(state as ReportState) ? 'open' : 'closed');
}

/**
 * Our one jurisdiction's id: the host of the public address (`council.example.org`), which a
 * client can read off the endpoint it was given.
 */
export function open311Jurisdiction(publicUrl: string): string {
  try {
    return new URL(publicUrl).hostname.toLowerCase();
  } catch {
    return publicUrl.toLowerCase();
  }
}

/** A message for a `jurisdiction_id` that is not ours; an absent or empty one is fine (A0.8, A0.9). */
export function open311JurisdictionError(given: string | undefined, ours: string): string | undefined {
  if (given === undefined || given.trim() === '' || given.trim().toLowerCase() === ours) return undefined;
  return `jurisdiction_id "${given.slice(0, 100)}" is not served here; this endpoint serves "${ours}" (or leave jurisdiction_id out)`;
}

export type ContactField = 'name' | 'email' | 'phone';

/**
 * The contact details a category asks for that an Open311 client did not send. The spec
 * makes every contact field optional on `POST requests`, so these are not refused: the
 * report is accepted and the gap recorded for officers (the council's CRM holds the caller).
 */
export function open311MissingContact(required: Record<ContactField, boolean>, given: Partial<Record<ContactField, string | undefined>>): ContactField[] {
  return (['name', 'email', 'phone'] as const).filter((k) => required[k] && !given[k]);
}
