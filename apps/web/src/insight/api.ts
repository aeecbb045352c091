/**
 * The insight API as the pages use it. Types mirror the API's documented shapes
 * (/api/openapi.json: InsightVolume, InsightResponseTimes, InsightHexagons, Asset…).
 */
import type { AssetCondition } from '@groundswell/core';
import { locale } from '../i18n/index.ts';

export type Label = string | Record<string, string>;
export interface Period {
  from: string;
  to: string;
}
export interface Volume {
  period: Period;
  by: string;
  months: string[];
  series: Array<{ key: string; label: Label; total: number; counts: number[] }>;
  totals: number[];
  total: number;
}
export interface TimingRow {
  key: string;
  label: Label;
  promiseDaysMin: number | null;
  promiseDaysMax: number | null;
  reports: number;
  acknowledged: number;
  acknowledgeMedianDays: number | null;
  acknowledgeP90Days: number | null;
  resolved: number;
  resolveMedianDays: number | null;
  resolveP90Days: number | null;
  due: number;
  withinPromise: number;
  shareWithinPromise: number | null;
}
export interface Timing {
  period: Period;
  by: string;
  rows: TimingRow[];
}
export interface HexFeature {
  type: 'Feature';
  id: string;
  geometry: { type: 'Polygon'; coordinates: [number, number][][] };
  properties: { i: number; j: number; count: number; compareCount: number; difference: number };
}
export interface Hexagons {
  type: 'FeatureCollection';
  features: HexFeature[];
  period: Period;
  comparePeriod: Period;
  sizeMeters: number;
  total: number;
  compareTotal: number;
  maxCount: number;
  maxAbsDifference: number;
}
export interface TopReport {
  id: string;
  category: string;
  categoryName: Record<string, string>;
  state: string;
  supportCount: number;
  area: string | null;
  createdAt: string;
}
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

export class InsightHttpError extends Error {
  constructor(readonly status: number, url: string) {
    super(`${url} answered ${status}`);
  }
}

export async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, { headers: { accept: 'application/json', 'accept-language': locale() }, credentials: 'same-origin', ...(signal ? { signal } : {}) });
  if (!response.ok) throw new InsightHttpError(response.status, url);
  return (await response.json()) as T;
}

/** The shared filters as a query string (empty values left out). */
export function query(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  return q.toString();
}

/** A label in the current language. */
export function labelOf(label: Label): string {
  return typeof label === 'string' ? label : (label[locale()] ?? label.en ?? Object.values(label)[0] ?? '');
}

/** A staff change: the session cookie travels by itself, the CSRF token in its header. */
export async function postJson<T>(url: string, body: unknown, csrf: string): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { accept: 'application/json', 'content-type': 'application/json', 'x-csrf-token': csrf, 'accept-language': locale() },
    body: JSON.stringify(body),
  });
  const data = (await response.json().catch(() => ({}))) as T & { detail?: string };
  if (!response.ok) throw new Error(data.detail ?? `${url} answered ${response.status}`);
  return data;
}
