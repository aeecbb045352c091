/**
 * Dates in emails, written as the site writes them (apps/web/src/i18n: `formatDate`, Intl's
 * "medium" date style with the language's regional default), so a resident reads "14 Dec 2026"
 * or "14 gru 2026" in the email and on the report page alike.
 */
export const DATE_REGIONS: Readonly<Record<string, string>> = { en: 'en-GB', pl: 'pl-PL' };

const DAY_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A date for a reader of `locale`. A calendar day (`2026-12-14`) is that day wherever the
 * server runs; a moment is shown on the day it is where the server runs.
 */
export function formatMailDate(value: Date | string, locale: string): string {
  const text = typeof value === 'string' ? value : value.toISOString();
  const dayOnly = DAY_ONLY.test(text);
  const date = dayOnly ? new Date(`${text}T12:00:00Z`) : new Date(text);
  if (Number.isNaN(date.getTime())) return text;
  return formatter(DATE_REGIONS[locale] ?? DATE_REGIONS.en!, dayOnly).format(date);
}

// Building an Intl.DateTimeFormat costs about a millisecond; every confirmation mail needs one.
const FORMATTERS = new Map<string, Intl.DateTimeFormat>();
function formatter(region: string, dayOnly: boolean): Intl.DateTimeFormat {
  const key = `${region}|${dayOnly}`;
  let f = FORMATTERS.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(region, { dateStyle: 'medium', ...(dayOnly ? { timeZone: 'UTC' } : {}) });
    FORMATTERS.set(key, f);
  }
  return f;
}
