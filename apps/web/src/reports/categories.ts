import type { Category } from '@groundswell/core/rules';
import { categoryLabel } from '../i18n/index.ts';
import type { ReportFeature } from '../api/types.ts';

export const findCategory = (categories: readonly Category[], code: string) => categories.find((c) => c.code === code);

/** The report's category name in the current language. */
export function reportCategoryName(categories: readonly Category[], feature: ReportFeature): string {
  const p = feature.properties;
  return categoryLabel(findCategory(categories, p.category), p.categoryName);
}

export function reportColour(categories: readonly Category[], feature: ReportFeature): string {
  return findCategory(categories, feature.properties.category)?.color ?? '#5f6b7a';
}
