/**
 * Stands in, in the browser build only, for `packages/core/src/categories.ts` when
 * `packages/core/src/answers.ts` imports it (see `coreWithoutZod` in vite.config.ts):
 * answers.ts needs just `localized`, while categories.ts also builds zod schemas, which
 * would add about 30 kB gzipped of zod to the resident's download. Same code as in core.
 */
import type { LocalizedText } from '@groundswell/core';

export function localized(text: LocalizedText, locale: string): string {
  return text[locale] ?? text.en;
}
