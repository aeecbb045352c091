import type { Category, ReportState } from '@groundswell/core/rules';
import { format, formatDate, formatLocale, locale } from '../../i18n/index.ts';
import { NetworkError, ProblemError } from '../../api/http.ts';
import { createCatalogue } from '../../i18n/catalogue.ts';
import en, { type ConsoleMessages } from './en.ts';
import pl from './pl.ts';

/** The console's catalogue in the current language (the language the whole app uses). */
export const ct: () => ConsoleMessages = createCatalogue<ConsoleMessages>({ en, pl }, locale);

export { format, formatDate, locale };

export const stateName = (state: ReportState): string => ct().states[state] ?? state;
export const channelName = (channel: string): string => (ct().channels as Record<string, string>)[channel] ?? channel;
export const priorityName = (priority: number): string => (ct().priorities as Record<string, string>)[String(priority)] ?? String(priority);

/** A localized name object from the API, in the current language. */
export const localName = (name: Record<string, string> & { en: string }): string => name[locale()] ?? name.en;
export const categoryName = (categories: readonly Category[], code: string, fallback?: Record<string, string> & { en: string }): string => {
  const found = categories.find((c) => c.code === code);
  if (found) return localName(found.name);
  return fallback ? localName(fallback) : code;
};

/** A team's name in the current language (teams carry their translations in `names`). */
export const teamLabel = (team: { name: string; names?: Record<string, string> | undefined }): string => team.names?.[locale()] || team.name;
/** The team with this code, named in the current language; the name the API gave, or the code, when it is not listed. */
export const teamName = (teams: readonly { code: string; name: string; names?: Record<string, string> | undefined }[], code: string | null, fallback?: string | null): string | undefined => {
  const found = code ? teams.find((t) => t.code === code) : undefined;
  return found ? teamLabel(found) : (fallback ?? code ?? undefined);
};

/** A date-only value ("2026-03-01" or an ISO time) as a readable date. */
export function formatDay(value: string | null | undefined): string {
  if (!value) return '';
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T12:00:00Z` : value;
  const date = new Date(day);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(formatLocale(), { dateStyle: 'medium', timeZone: /^\d{4}-\d{2}-\d{2}$/.test(value) ? 'UTC' : undefined }).format(date);
}

/** A day written out in full for a message to a resident, in the resident's language. */
export function longDay(value: string, residentLocale: string | undefined): string {
  const date = new Date(`${value.slice(0, 10)}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return value;
  const tag = residentLocale === 'pl' ? 'pl-PL' : 'en-GB';
  return new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

export function formatTime(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : new Intl.DateTimeFormat(formatLocale(), { timeStyle: 'short' }).format(date);
}

/** "3 h ago", "2 days ago": how old a report is, for the list. */
export function ago(iso: string, now = Date.now()): string {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  const rtf = new Intl.RelativeTimeFormat(formatLocale(), { numeric: 'auto', style: 'short' });
  const abs = Math.abs(seconds);
  if (abs < 60) return rtf.format(seconds, 'second');
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute');
  if (abs < 86400) return rtf.format(Math.round(seconds / 3600), 'hour');
  if (abs < 86400 * 45) return rtf.format(Math.round(seconds / 86400), 'day');
  return formatDate(iso);
}

export function formatDistance(metres: number): string {
  const n = new Intl.NumberFormat(formatLocale(), { maximumFractionDigits: metres >= 1000 ? 1 : 0 });
  return metres >= 1000 ? `${n.format(metres / 1000)} km` : `${n.format(Math.max(1, Math.round(metres)))} m`;
}

/** What went wrong, in words for the officer: the server's own explanation where it gave one. */
export function problemText(err: unknown): string {
  const m = ct().problems;
  if (err instanceof NetworkError) return m.network;
  if (err instanceof ProblemError) {
    const detail = err.problem.detail;
    switch (err.status) {
      case 403:
        return detail ?? m.forbidden;
      case 404:
        return m.notFound;
      case 409:
        return detail ?? m.conflict;
      case 429:
        return m.throttled;
      case 400:
      case 422:
        return detail ?? m.invalid;
      default:
        return detail ?? format(m.other, { status: err.status });
    }
  }
  return format(m.other, { status: '?' });
}
