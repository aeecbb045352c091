/**
 * The staff API client: the session cookie travels by itself; every change carries the
 * session's CSRF token. A 401 anywhere but sign-in means the session ended: the console
 * goes back to the sign-in page.
 */
import { fetchCategories, fetchConfig, HttpError, NetworkError } from '../api/client.ts';
import type { ProblemBody } from '../api/types.ts';
import { locale } from '../i18n/index.ts';
import type {
  Area,
  AuditEntry,
  BulkAction,
  BulkResult,
  GeometryInput,
  RoutingRule,
  StaffMe,
  StaffReportDetail,
  StaffReportList,
  StaffUser,
  Team,
  Template,
} from './types.ts';

export { HttpError, NetworkError, fetchCategories, fetchConfig };

let csrfToken = '';
let onSignedOut: (() => void) | undefined;

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** Called when the server says the session is gone (401 outside sign-in). */
export function whenSignedOut(handler: () => void): void {
  onSignedOut = handler;
}

function retryAfter(response: Response): number | undefined {
  const seconds = Number(response.headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? seconds : undefined;
}

async function call<T>(method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': locale() };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(url, { method, headers, credentials: 'same-origin', ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  } catch (err) {
    throw new NetworkError(String(err));
  }
  if (!response.ok) {
    let problem: ProblemBody = {};
    try {
      if (/json/.test(response.headers.get('content-type') ?? '')) problem = (await response.json()) as ProblemBody;
    } catch {
      // Not JSON: the status says enough.
    }
    if (response.status === 401 && url !== '/api/staff/login') onSignedOut?.();
    throw new HttpError(response.status, url, problem, retryAfter(response));
  }
  return (await response.json()) as T;
}

const enc = encodeURIComponent;
const get = <T>(url: string) => call<T>('GET', url);
const post = <T>(url: string, body: unknown = {}) => call<T>('POST', url, body);

/** The names of the report actions, as in `POST /api/staff/reports/{id}/{action}`. */
export type ReportAction = 'state' | 'answers' | 'notes' | 'assign' | 'priority' | 'expected-date' | 'merge' | 'moderate' | 'location' | 'category';

export const staffApi = {
  login: (email: string, password: string) => post<StaffMe>('/api/staff/login', { email, password }),
  me: () => get<StaffMe>('/api/staff/me'),
  logout: () => post<{ signedOut: boolean }>('/api/staff/logout'),
  logoutEverywhere: () => post<{ signedOut: boolean; sessions: number }>('/api/staff/logout-everywhere'),

  reports: (query: URLSearchParams) => get<StaffReportList>(`/api/staff/reports?${query}`),
  report: (id: string) => get<StaffReportDetail>(`/api/staff/reports/${enc(id)}`),
  act: (id: string, action: ReportAction, body: unknown) => post<Record<string, unknown>>(`/api/staff/reports/${enc(id)}/${action}`, body),
  move: (id: string, geometry: GeometryInput) => post<Record<string, unknown>>(`/api/staff/reports/${enc(id)}/location`, { geometry }),
  create: (body: unknown) => post<{ id: string }>('/api/staff/reports', body),
  bulk: (ids: string[], action: BulkAction) => post<{ results: BulkResult[] }>('/api/staff/reports/bulk', { ids, action }),
  templates: (category?: string) => get<{ templates: Template[] }>(`/api/staff/templates${category ? `?category=${enc(category)}` : ''}`),
  teams: () => get<{ teams: Team[] }>('/api/staff/teams'),

  audit: (query: URLSearchParams) => get<{ entries: AuditEntry[] }>(`/api/staff/audit?${query}`),
  users: () => get<{ users: StaffUser[] }>('/api/staff/users'),
  createUser: (body: { email: string; name: string; role: string; teams: string[]; password: string }) => post<{ id: string }>('/api/staff/users', body),
  areas: () => get<{ areas: Area[] }>('/api/staff/areas'),
  importAreas: (body: { kind: string; nameProperty: string; codeProperty?: string; geojson: unknown }) => post<{ imported: number }>('/api/staff/areas/import', body),
  rules: () => get<{ rules: RoutingRule[] }>('/api/staff/routing-rules'),
  addRule: (body: { area?: string; category?: string; team: string }) => post<{ id: number }>('/api/staff/routing-rules', body),
  createApiKey: (name: string) => post<{ id: string; name: string; key: string }>('/api/staff/api-keys', { name }),
};

/** Field errors of a problem, keyed without the `body.` prefix the API adds. */
export function fieldErrors(err: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (err instanceof HttpError) {
    for (const e of err.problem.errors ?? []) {
      const key = e.field.replace(/^body\./, '');
      out[key] ??= e.message;
    }
  }
  return out;
}
