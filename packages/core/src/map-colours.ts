import type { ReportState } from './states.ts';

/**
 * The colours of reports on every map: the resident's interactive map (MapLibre), its legend,
 * and the still picture the server draws before the map library loads (map-picture). One table,
 * so the picture and the map it turns into never disagree.
 *
 * One colour per stage of the work, the three ways a report ends without a fix sharing grey.
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

/** A cluster circle's radius in CSS pixels by its count: [radius below the first step, [from count, radius]…]. */
export const CLUSTER_RADIUS_STEPS: readonly [number, ReadonlyArray<readonly [number, number]>] = [
  15,
  [
    [10, 19],
    [50, 24],
    [1000, 28],
  ],
];

export function clusterRadius(count: number): number {
  let r = CLUSTER_RADIUS_STEPS[0];
  for (const [from, radius] of CLUSTER_RADIUS_STEPS[1]) if (count >= from) r = radius;
  return r;
}

/**
 * The council's own plain base map (areas, ditches, places): the web's fallback MapLibre style
 * and the server's still picture paint it alike.
 */
export const BASE_MAP_PAINT = {
  background: '#eef0e8',
  areaOutline: '#8d8a73',
  areaLabel: '#77735c',
  ditch: '#4f8fc0',
  place: '#2b3326',
  halo: '#ffffff',
} as const;

/** Place-name text size in pixels by rank (index; 1 a town … 6 a farm). */
export const PLACE_TEXT_SIZES = [12, 17, 16, 15, 13, 12, 12] as const;

/** Ditch line width in pixels at a zoom: [zoom, width] stops, linear between them. */
export const DITCH_WIDTH_STOPS: ReadonlyArray<readonly [number, number]> = [
  [12, 0.6],
  [16, 1.6],
  [19, 3],
];
