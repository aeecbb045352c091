/**
 * The insight API as the pages use it. The figures' row types come from core (the same
 * types packages/db computes) and the network's shapes from its contract (schemas/assets.ts).
 */
import type { HotSpotCollection, HotSpotFeature, InsightLabel, Period, ResponseTimeRow, SupportedReport, Volume as CoreVolume } from '@groundswell/core/rules';
import type { AssetProperties } from '@groundswell/core/schemas';
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
export type { AssetCollection, AssetDetail, AssetEvent, AtRiskSegment as AtRiskRow, StaffAssetDetail } from '@groundswell/core/schemas';
export type AssetProps = AssetProperties;

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
