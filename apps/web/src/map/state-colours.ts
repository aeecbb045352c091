import type { ReportState } from '@groundswell/core/rules';

/**
 * The colour of a report on the resident's maps says where it stands: one colour per stage
 * of the work, the three ways a report ends without a fix sharing grey. Kept apart from
 * MapLibre so the legend, the list and the map layers read the same table without loading it.
 * Every colour has at least 4.5:1 contrast against white (the outline of a dot).
 */
export const STATE_COLOUR_GROUPS: ReadonlyArray<{ colour: string; states: readonly ReportState[] }> = [
  { colour: '#c62828', states: ['new'] },
  { colour: '#a15c00', states: ['acknowledged'] },
  { colour: '#1565c0', states: ['in_progress'] },
  { colour: '#6a1b9a', states: ['action_scheduled'] },
  { colour: '#2e7d32', states: ['fixed'] },
  { colour: '#5f6368', states: ['closed', 'duplicate', 'referred'] },
];

/** For a state nobody told us about (a newer server): the grey of the ended reports. */
export const UNKNOWN_STATE_COLOUR = '#5f6368';

export const STATE_COLOURS: Readonly<Partial<Record<ReportState, string>>> = Object.fromEntries(STATE_COLOUR_GROUPS.flatMap((g) => g.states.map((s) => [s, g.colour])));

export function stateColour(state: ReportState): string {
  return STATE_COLOURS[state] ?? UNKNOWN_STATE_COLOUR;
}

/** The colour of a cluster of reports: none of the state colours, so it cannot be read as one. */
export const CLUSTER_COLOUR = '#1b1f23';
