import type { LocalizedText } from './schemas/categories.ts';

export type { Category, CategoryInput, LocalizedText, Question, QuestionInput } from './schemas/categories.ts';

export const LOCALES = ['en', 'pl'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

export function localized(text: LocalizedText, locale: string): string {
  return text[locale] ?? text.en;
}
