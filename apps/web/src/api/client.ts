import type { BBox, Category } from '@groundswell/core';
import { locale } from '../i18n/index.ts';
import type {
  NearbyCollection,
  PhotoCreated,
  Place,
  ProblemBody,
  ReportBody,
  ReportCollection,
  ReportCreated,
  ReportDetail,
  SiteConfig,
  SupportResult,
} from './types.ts';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    url: string,
    /** The problem+json body, when the server sent one. */
    readonly problem: ProblemBody = {},
    /** Seconds from `Retry-After`, when the server sent one (429, 503). */
    readonly retryAfter?: number,
  ) {
    super(problem.detail ?? `${url} answered ${status}`);
  }
}

/** No answer at all: offline, the connection dropped, or the server is unreachable. */
export class NetworkError extends Error {}

function retryAfterSeconds(response: Response): number | undefined {
  const value = response.headers.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}

async function failure(response: Response, url: string): Promise<HttpError> {
  let problem: ProblemBody = {};
  try {
    if (/json/.test(response.headers.get('content-type') ?? '')) problem = (await response.json()) as ProblemBody;
  } catch {
    // A body that is not JSON: the status says enough.
  }
  return new HttpError(response.status, url, problem, retryAfterSeconds(response));
}

async function request<T>(url: string, init: RequestInit = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      ...init,
      headers: { accept: 'application/json', 'accept-language': locale(), ...(init.headers as Record<string, string> | undefined) },
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new NetworkError(String(err));
  }
  if (!response.ok) throw await failure(response, url);
  return (await response.json()) as T;
}

const getJson = <T>(url: string, signal?: AbortSignal) => request<T>(url, signal ? { signal } : {});
const postJson = <T>(url: string, body: unknown, headers: Record<string, string> = {}) =>
  request<T>(url, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });

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

export function fetchNearby(lon: number, lat: number, category: string, signal?: AbortSignal) {
  const q = new URLSearchParams({ lon: lon.toFixed(6), lat: lat.toFixed(6), category });
  return getJson<NearbyCollection>(`/api/reports/nearby?${q}`, signal);
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
        const retry = Number(xhr.getResponseHeader('retry-after'));
        reject(new HttpError(xhr.status, url, body as ProblemBody, Number.isFinite(retry) && retry > 0 ? retry : undefined));
      }
    };
    const form = new FormData();
    form.append('photo', photo, 'photo.jpg');
    xhr.send(form);
  });
}
