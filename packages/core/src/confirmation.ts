import type { Channel } from './reports.ts';

/**
 * Whether the person behind a new report is sent a confirmation email.
 *
 * A resident on the web and a resident helped by an officer (phone, email, in person,
 * social media) gave their address so that they hear back: they get one. An Open311 client
 * is another system with its own conversation with the resident, who would otherwise get a
 * second, unexpected voice; it is told through the API answer instead.
 */
export function sendsReportConfirmation(channel: Channel, email: string | undefined | null): boolean {
  return Boolean(email) && channel !== 'open311';
}

/**
 * The day `days` working days (Monday to Friday) after `from`, at the same time of day:
 * the promise a category's `responseDays` makes. Public holidays are not known here, so
 * the date is "about" that day, and the emails say so.
 */
export function addWorkingDays(from: Date, days: number): Date {
  const d = new Date(from.getTime());
  let left = Math.max(0, Math.floor(days));
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    const weekday = d.getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return d;
}
