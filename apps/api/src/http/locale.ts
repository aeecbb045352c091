import type { Context } from 'hono';
import { DEFAULT_LOCALE, LOCALES, type Locale } from '@groundswell/core';

/** `?locale=` wins, then the first Accept-Language we speak, then English. */
export function requestLocale(c: Context): Locale {
  const wanted = [c.req.query('locale'), ...(c.req.header('accept-language') ?? '').split(',').map((p) => p.split(';')[0]?.trim())];
  for (const tag of wanted) {
    const base = tag?.toLowerCase().split('-')[0];
    if (base && (LOCALES as readonly string[]).includes(base)) return base as Locale;
  }
  return DEFAULT_LOCALE;
}
