import type { AssetCondition } from '@groundswell/core/rules';

/**
 * Condition colours for the ditch network: the Okabe–Ito palette (told apart with the
 * common colour-vision deficiencies), with line width and dashes so colour is never the only
 * cue. Each is at least 3:1 against the light base map.
 */
export const CONDITION_STYLE: Record<AssetCondition, { color: string; width: number; dash: number[] | null }> = {
  clear: { color: '#0072b2', width: 3, dash: null },
  partly_blocked: { color: '#b36b00', width: 4, dash: [3, 1.5] },
  blocked: { color: '#d55e00', width: 6, dash: null },
  collapsed: { color: '#1b1f23', width: 6, dash: [1, 1] },
  unknown: { color: '#6b7682', width: 2.5, dash: [0.5, 1.5] },
};
export const CONDITIONS: AssetCondition[] = ['clear', 'partly_blocked', 'blocked', 'collapsed', 'unknown'];

/** Sequential (counts) and diverging (differences) classes, ColorBrewer YlOrRd and RdBu. */
export const COUNT_COLORS = ['#ffffb2', '#fecc5c', '#fd8d3c', '#f03b20', '#bd0026'];
export const DIFF_COLORS = ['#2166ac', '#67a9cf', '#f7f7f7', '#ef8a62', '#b2182b'];

/** Categorical colours for series without one of their own (Okabe–Ito, then Tableau). */
export const SERIES_COLORS = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#6b7682', '#f0e442', '#8c564b', '#1b1f23'];

/** Class breaks for counts: five classes from 1 to `max`, each upper bound inclusive. */
export function countBreaks(max: number): number[] {
  if (max <= 5) return [1, 2, 3, 4, 5].slice(0, Math.max(1, max));
  const step = max / 5;
  return [1, 2, 3, 4, 5].map((i) => Math.max(i, Math.round(step * i)));
}
