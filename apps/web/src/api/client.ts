import type { BBox, Category } from '@groundswell/core/rules';
import type { PrivacyNotice } from '@groundswell/core/schemas';
import { locale } from '../i18n/index.ts';
import { createHttp, NetworkError, parseRetryAfter, ProblemError, type ProblemBody } from './http.ts';
import type { NearbyCollection, PhotoCreated, Place, ReportBody, ReportCollection, ReportCreated, ReportDetail, SiteConfig, SupportResult } from './types.ts';

export { fieldErrors, NetworkError, ProblemError, type ProblemBody } from './http.ts';

const http = createHttp({ language: locale });
const getJson = http.get;
const postJson = http.post;

export const fetchConfig = () => getJson<SiteConfig>('/api/config');
export const fetchPrivacy = () => getJson<PrivacyNotice>('/api/privacy');

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

export function fetchNearby(lon: number, lat: number, category: string, signal?: AbortSignal) {
  const q = new URLSearchParams({ lon: lon.toFixed(6), lat: lat.toFixed(6), category });
  return getJson<NearbyCollection>(`/api/reports/nearby?${q}`, signal);
}

/** A council asset layer that serves a category, and its assets near a place (through our server). */
export interface AssetLayerInfo {
  id: number;
  name: string;
  categories: string[];
  snapMetres: number;
}
export interface LayerAssetInfo {
  id: string;
  name: string | null;
  geometry: { type: string; coordinates?: unknown };
}
export const fetchAssetLayers = (category: string, signal?: AbortSignal) => getJson<{ layers: AssetLayerInfo[] }>(`/api/asset-layers?category=${encodeURIComponent(category)}`, signal);
export function fetchLayerAssets(layer: number, bbox: BBox, near: [number, number], signal?: AbortSignal) {
  const q = new URLSearchParams({ bbox: bbox.map((n) => n.toFixed(6)).join(','), near: near.map((n) => n.toFixed(6)).join(',') });
  return getJson<{ features: LayerAssetInfo[]; nearest: (LayerAssetInfo & { metres: number }) | null }>(`/api/asset-layers/${layer}/features?${q}`, signal);
}

export function searchPlaces(q: string, signal?: AbortSignal) {
  return getJson<Place[]>(`/api/places?q=${encodeURIComponent(q)}`, signal);
}

export interface Area {
  code: string;
  name: string;
  kind: string;
  bbox: [number, number, number, number];
}

export function getAreas(signal?: AbortSignal) {
  return getJson<Area[]>('/api/areas', signal);
}

export function supportReport(id: string, deviceId: string) {
  return postJson<SupportResult>(`/api/reports/${encodeURIComponent(id)}/supports`, { deviceId });
}

export type SubscriptionTarget = { report: string } | { area: string } | { geometry: { type: 'Polygon'; coordinates: [number, number][][] } };

export function subscribe(email: string, target: SubscriptionTarget) {
  return postJson<{ status: 'pending' }>('/api/subscriptions', { email, locale: locale(), ...target });
}

/** `POST /api/reports`; the same key and body always give the same report. */
export function createReport(body: ReportBody, idempotencyKey: string) {
  return postJson<ReportCreated>('/api/reports', body, { 'idempotency-key': idempotencyKey });
}

/**
 * `POST /api/reports/{id}/photos` through XMLHttpRequest, the one browser API that reports
 * upload progress. `onProgress` gets 0..1.
 */
export function uploadPhoto(reportId: string, uploadToken: string, photo: Blob, onProgress?: (fraction: number) => void): Promise<PhotoCreated> {
  const url = `/api/reports/${encodeURIComponent(reportId)}/photos`;
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('x-upload-token', uploadToken);
    xhr.setRequestHeader('accept', 'application/json');
    // As every other request: a refused photo is explained in the app's language, not the browser's.
    xhr.setRequestHeader('accept-language', locale());
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress?.(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new NetworkError('upload failed'));
    xhr.ontimeout = () => reject(new NetworkError('upload timed out'));
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = {};
      }
      if (xhr.status === 201) {
        onProgress?.(1);
        resolve(body as PhotoCreated);
      } else {
        const retry = parseRetryAfter(xhr.getResponseHeader('retry-after'));
        reject(new ProblemError(xhr.status, url, body as ProblemBody, retry !== undefined && retry > 0 ? retry : undefined));
      }
    };
    const form = new FormData();
    form.append('photo', photo, 'photo.jpg');
    xhr.send(form);
  });
}
