import type { BBox, Category } from '@groundswell/core';
import { locale } from '../i18n/index.ts';
import type { ReportCollection, ReportDetail, SiteConfig } from './types.ts';

export class HttpError extends Error {
  constructor(readonly status: number, url: string) {
    super(`${url} answered ${status}`);
  }
}

async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, { headers: { accept: 'application/json', 'accept-language': locale() }, signal });
  if (!response.ok) throw new HttpError(response.status, url);
  return (await response.json()) as T;
}

export const fetchConfig = () => getJson<SiteConfig>('/api/config');

export const fetchCategories = () => getJson<Category[]>('/api/categories');

/** Most reports the map asks for at once; the API's own ceiling. */
export const REPORT_LIMIT = 5000;

export function fetchReports(bbox: BBox, signal?: AbortSignal) {
  const box = bbox.map((n) => n.toFixed(5)).join(',');
  return getJson<ReportCollection>(`/api/reports?bbox=${box}&limit=${REPORT_LIMIT}`, signal);
}

export function fetchReport(id: string, signal?: AbortSignal) {
  return getJson<ReportDetail>(`/api/reports/${encodeURIComponent(id)}`, signal);
}
