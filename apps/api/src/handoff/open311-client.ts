/**
 * The client side of Open311 GeoReport v2, for handing reports to a council CRM and reading
 * its updates back. Plain fetch with a timeout; every failure says whether the request may
 * have reached the other end, which decides whether a retry must look before posting again.
 */
import { handoffMarker } from '@groundswell/core';
import type { HandoffSettings } from './target-config.ts';

const TIMEOUT_MS = 15_000;

export class HandoffError extends Error {
  /** Permanent: the other end refused what we sent (a 4xx); trying again would not help. */
  readonly permanent: boolean;
  constructor(message: string, options: { permanent?: boolean } = {}) {
    super(message);
    this.permanent = options.permanent ?? false;
  }
}

const query = (s: HandoffSettings, params: Record<string, string>) => {
  const q = new URLSearchParams(params);
  if (s.jurisdictionId) q.set('jurisdiction_id', s.jurisdictionId);
  return q;
};

async function call(url: string, init: RequestInit = {}): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    throw new HandoffError(`${init.method ?? 'GET'} ${new URL(url).origin}${new URL(url).pathname} failed: ${cause?.code ?? cause?.message ?? (err as Error).message}`);
  }
}

async function readJson(res: Response, what: string): Promise<unknown> {
  const text = await res.text();
  if (!res.ok) {
    const permanent = res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429;
    throw new HandoffError(`${what}: HTTP ${res.status} ${text.slice(0, 300)}`, { permanent });
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new HandoffError(`${what}: the answer is not JSON`);
  }
}

/** POST requests.json; their service_request_id, or `token:<token>` when they only give a token. */
export async function postOpen311Request(s: HandoffSettings, form: URLSearchParams): Promise<string> {
  const res = await call(`${s.endpoint}/requests.json`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
  const body = await readJson(res, 'POST requests');
  const first = Array.isArray(body) ? (body[0] as Record<string, unknown> | undefined) : undefined;
  const id = first?.service_request_id ?? null;
  if (id !== null && id !== undefined && String(id) !== '') return String(id);
  if (first?.token) return `token:${String(first.token)}`;
  throw new HandoffError('POST requests: the answer has neither a service_request_id nor a token');
}

/**
 * After a try that may have reached the server: the request it made, if any, found by the
 * marker in its description among the requests of that service code made since the try.
 */
export async function findOpen311Request(s: HandoffSettings, serviceCode: string, sendKey: string, since: Date, now: Date): Promise<string | null> {
  const start = new Date(since.getTime() - 10 * 60_000).toISOString();
  const end = new Date(now.getTime() + 10 * 60_000).toISOString();
  const res = await call(`${s.endpoint}/requests.json?${query(s, { service_code: serviceCode, start_date: start, end_date: end })}`);
  const body = await readJson(res, 'GET requests');
  const marker = handoffMarker(sendKey);
  const hit = (Array.isArray(body) ? (body as Array<Record<string, unknown>>) : []).find((r) => typeof r.description === 'string' && r.description.includes(marker));
  return hit?.service_request_id ? String(hit.service_request_id) : null;
}

export interface Open311Update {
  /** A key for this update at that target: their update_id, or the request, status and time. */
  key: string;
  serviceRequestId: string;
  status: string;
  description: string;
  updatedAt: string;
}

/** FixMyStreet's servicerequestupdates.json from a time on; null when the server does not offer it (404, 501). */
export async function fetchOpen311Updates(s: HandoffSettings, since: Date, now: Date): Promise<Open311Update[] | null> {
  const res = await call(`${s.endpoint}/servicerequestupdates.json?${query(s, { start_date: since.toISOString(), end_date: now.toISOString() })}`);
  if (res.status === 404 || res.status === 501) return null;
  const body = await readJson(res, 'GET servicerequestupdates');
  return (Array.isArray(body) ? (body as Array<Record<string, unknown>>) : [])
    .filter((u) => u.service_request_id !== undefined && u.updated_datetime)
    .map((u) => ({
      key: u.update_id ? `u:${String(u.update_id)}` : `r:${String(u.service_request_id)}:${String(u.status ?? '')}:${String(u.updated_datetime)}`,
      serviceRequestId: String(u.service_request_id),
      status: String(u.status ?? ''),
      description: typeof u.description === 'string' ? u.description : '',
      updatedAt: String(u.updated_datetime),
    }));
}

/** Plain GeoReport: the requests by id, each one's current status as an update (a status change only). */
export async function fetchOpen311Requests(s: HandoffSettings, ids: readonly string[]): Promise<Open311Update[]> {
  if (!ids.length) return [];
  const res = await call(`${s.endpoint}/requests.json?${query(s, { service_request_id: ids.join(',') })}`);
  const body = await readJson(res, 'GET requests');
  return (Array.isArray(body) ? (body as Array<Record<string, unknown>>) : [])
    .filter((r) => r.service_request_id !== undefined)
    .map((r) => ({
      key: `r:${String(r.service_request_id)}:${String(r.status ?? '')}:${String(r.updated_datetime ?? '')}`,
      serviceRequestId: String(r.service_request_id),
      status: String(r.status ?? ''),
      // status_notes of plain GeoReport servers are mostly a fixed word per status: not news for the reporter.
      description: '',
      updatedAt: String(r.updated_datetime ?? r.requested_datetime ?? ''),
    }));
}
