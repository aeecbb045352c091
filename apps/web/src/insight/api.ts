/**
 * The insight API as the pages use it. The figures' row types come from core (the same
 * types packages/db computes); the asset shapes mirror /api/openapi.json (Asset…).
 */
import type { AssetCondition, HotSpotCollection, HotSpotFeature, InsightLabel, Period, ResponseTimeRow, SupportedReport, Volume as CoreVolume } from '@groundswell/core/rules';
import { createHttp, query } from '../api/http.ts';
import { locale } from '../i18n/index.ts';

/** The insight figures as the API sends them: core's row types, with the period each answer covers. */
export type Label = InsightLabel;
export type { HotSpotCollection, HotSpotFeature, Period };
export type Volume = CoreVolume & { period: Period };
export type TimingRow = ResponseTimeRow;
export interface Timing {
  period: Period;
  by: string;
  rows: TimingRow[];
}
/** The fields of a most-supported report the page shows. */
export type TopReport = Pick<SupportedReport, 'id' | 'category' | 'categoryName' | 'state' | 'supportCount' | 'area' | 'createdAt'>;
export interface AssetProps {
  code: string;
  kind: string;
  name: string | null;
  condition: AssetCondition;
  conditionAt: string | null;
  lastInspectedAt: string | null;
  area: string | null;
  lengthMeters: number;
  reports: number;
  openReports: number;
  retiredAt?: string | null;
}
export interface AssetCollection {
  type: 'FeatureCollection';
  features: Array<{ type: 'Feature'; id: string; geometry: { type: 'LineString'; coordinates: [number, number][] }; properties: AssetProps }>;
}
export interface AssetEvent {
  kind: string;
  condition: AssetCondition | null;
  at: string;
  report: string | null;
  payload: Record<string, unknown>;
}
export interface AssetDetail {
  properties: AssetProps;
  history: AssetEvent[];
}
export interface AtRiskRow {
  code: string;
  kind: string;
  name: string | null;
  area: string | null;
  condition: AssetCondition;
  lastInspectedAt: string | null;
  daysSinceInspection: number | null;
  reasons: Array<'condition' | 'not_inspected'>;
  openReports: number;
  lengthMeters: number;
}

export { ProblemError } from '../api/http.ts';
export { query };

const http = createHttp({ language: locale });

export const getJson = <T>(url: string, signal?: AbortSignal): Promise<T> => http.get<T>(url, signal);

/** A label in the current language. */
export function labelOf(label: Label): string {
  return typeof label === 'string' ? label : (label[locale()] ?? label.en ?? Object.values(label)[0] ?? '');
}

/** A staff change: the session cookie travels by itself, the CSRF token in its header. */
export function postJson<T>(url: string, body: unknown, csrf: string): Promise<T> {
  return createHttp({ language: locale, csrf: () => csrf }).post<T>(url, body);
}
