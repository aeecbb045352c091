/**
 * The shapes of the insight figures, as packages/db computes them and the web app reads
 * them, so both sides name one type. Types only: nothing here exists at run time.
 *
 * Hot spots are hot spots on every layer; only the public URL (`/api/insight/hexagons`),
 * which clients already use, still says how they are drawn.
 */
import type { Period, VolumeGroup } from './insight.ts';

/** A display name: localized for categories, the name of an area or team, else the code. */
export type InsightLabel = string | Record<string, string>;

export interface VolumeSeries {
  key: string;
  label: InsightLabel;
  total: number;
  /** Reports received in each month of `months`, in the same order. */
  counts: number[];
}

export interface Volume {
  by: VolumeGroup;
  months: string[];
  series: VolumeSeries[];
  /** Reports received in each month, all series together. */
  totals: number[];
  total: number;
}

export interface ResponseTimeRow {
  /** Category or team code; `all` for every report in the filter together. */
  key: string;
  label: InsightLabel;
  /** The promised response time in days; min and max differ when a team serves categories with different promises. */
  promiseDaysMin: number | null;
  promiseDaysMax: number | null;
  /** Reports counted (received in the period, not duplicate or hidden). */
  reports: number;
  acknowledged: number;
  acknowledgeMedianDays: number | null;
  acknowledgeP90Days: number | null;
  resolved: number;
  resolveMedianDays: number | null;
  resolveP90Days: number | null;
  /** Resolved, or still open past the promise: the reports whose outcome against the promise is known. */
  due: number;
  withinPromise: number;
  /** withinPromise / due; null when nothing is due yet. */
  shareWithinPromise: number | null;
  /** Reports their reporter said were not fixed, which opened them again ("Is it fixed?", questionnaires.ts). */
  reopenedByResidents: number;
}

export interface SupportedReport {
  id: string;
  category: string;
  categoryName: Record<string, string>;
  state: string;
  supportCount: number;
  area: string | null;
  team: string | null;
  createdAt: string;
  point: { type: 'Point'; coordinates: [number, number] };
}

/** One hot-spot cell. */
export interface HotSpotFeature {
  type: 'Feature';
  id: string;
  geometry: { type: 'Polygon'; coordinates: [number, number][][] };
  properties: { i: number; j: number; count: number; compareCount: number; difference: number };
}

/** Hot spots for a period and the period compared with. */
export interface HotSpotCollection {
  type: 'FeatureCollection';
  features: HotSpotFeature[];
  period: Period;
  comparePeriod: Period;
  sizeMeters: number;
  total: number;
  compareTotal: number;
  maxCount: number;
  maxAbsDifference: number;
}
