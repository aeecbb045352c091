import { createSignal } from 'solid-js';
import type { Category, ReportState } from '@groundswell/core/rules';
import en, { type Messages } from './en.ts';
import pl from './pl.ts';
import { createCatalogue, format } from './catalogue.ts';

export type Locale = 'en' | 'pl';
export const LOCALES: readonly Locale[] = ['en', 'pl'];
const STORAGE_KEY = 'groundswell.locale';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

function storedLocale(): Locale | undefined {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The first of the browser's languages we speak ("pl-PL" counts as "pl"), if any. */
export function browserLocale(languages: readonly string[] = navigator.languages ?? [navigator.language]): Locale | undefined {
  for (const tag of languages) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return undefined;
}

const [locale, setLocaleSignal] = createSignal<Locale>(storedLocale() ?? browserLocale() ?? 'en');
export { locale };

/** A choice the user made: remembered on this device. */
export function setLocale(next: Locale): void {
  setLocaleSignal(next);
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Private browsing: the choice lasts for this visit only.
  }
}

/** Use the server's default language when neither the user nor the browser chose one. */
export function applyDefaultLocale(serverDefault: string): void {
  if (!storedLocale() && !browserLocale() && isLocale(serverDefault)) setLocaleSignal(serverDefault);
}

/** The current catalogue; reading it inside JSX keeps text in step with the language. */
export const t: () => Messages = createCatalogue<Messages>({ en, pl }, locale);

export { format };

/** Regional formats for dates and numbers: the browser's region when it speaks our language. */
const REGION_DEFAULTS: Record<Locale, string> = { en: 'en-GB', pl: 'pl-PL' };
export function formatLocale(): string {
  const current = locale();
  const languages = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
  return languages.find((tag) => tag.toLowerCase().startsWith(`${current}-`)) ?? REGION_DEFAULTS[current];
}

export function formatDate(iso: string | null | undefined, withTime = false): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(formatLocale(), withTime ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'medium' }).format(date);
}

export function formatNumber(value: number, maxFractionDigits = 0, minFractionDigits = 0): string {
  return new Intl.NumberFormat(formatLocale(), { maximumFractionDigits: maxFractionDigits, minimumFractionDigits: minFractionDigits }).format(value);
}

export function stateLabel(state: ReportState): string {
  return t().states[state] ?? state;
}

/** A category's name in the current language, English when missing, the API's name when unknown. */
export function categoryLabel(category: Category | undefined, fallback: string): string {
  if (!category) return fallback;
  return category.name[locale()] ?? category.name.en;
}
