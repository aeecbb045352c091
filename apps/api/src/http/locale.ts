import type { Context } from 'hono';
import { DEFAULT_LOCALE, LOCALES, type Locale } from '@groundswell/core';

const isLocale = (tag: unknown): tag is Locale => typeof tag === 'string' && (LOCALES as readonly string[]).includes(tag);

/** The language the request asks for: `?locale=`, then the first Accept-Language we speak; undefined when it does not say. */
export function requestedLocale(c: Context): Locale | undefined {
  const wanted = [c.req.query('locale'), ...(c.req.header('accept-language') ?? '').split(',').map((p) => p.split(';')[0]?.trim())];
  for (const tag of wanted) {
    const base = tag?.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return undefined;
}

/** `?locale=` wins, then the first Accept-Language we speak, then English. */
export function requestLocale(c: Context): Locale {
  return requestedLocale(c) ?? DEFAULT_LOCALE;
}

/** A stored language tag (a report's, a follower's) as one we speak, or undefined. */
export function knownLocale(tag: unknown): Locale | undefined {
  return isLocale(tag) ? tag : undefined;
}
