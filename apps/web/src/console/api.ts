/**
 * The staff API client: the session cookie travels by itself; every change carries the
 * session's CSRF token. A 401 anywhere but sign-in means the session ended: the console
 * goes back to the sign-in page.
 */
import { fetchCategories, fetchConfig } from '../api/client.ts';
import { createHttp, fieldErrors, NetworkError, ProblemError } from '../api/http.ts';
import { locale } from '../i18n/index.ts';
import type { AdminPasswordReset, PasswordChanged, PasswordResetSent, SecondFactorStatus, TeamCreate, TeamUpdate } from '@groundswell/core/schemas';

/** `GET /api/staff/subject-access`: what is held about one resident. */
export interface SubjectData {
  subject: { kind: 'email' | 'phone' };
  reports: { id: string; category: string; state: string; createdAt: string; description: string; name: string | null; email: string | null; phone: string | null }[];
  follows: { kind: 'report' | 'area' | 'drawn_area'; target: string | null; createdAt: string; confirmedAt: string | null; endedAt: string | null }[];
  signIns: { links: number; sessions: number };
}

/** `GET /api/staff/security`: the second factor and the account's own sessions. */
export interface StaffSecurity {
  secondFactor: SecondFactorStatus;
  sessions: { id: string; createdAt: string; lastSeenAt: string; userAgent: string | null; current: boolean }[];
}
import type { Area, AuditEntry, BulkAction, BulkResult, GeometryInput, RoutingRule, StaffMe, StaffReportDetail, StaffReportList, StaffUser, Team, Template } from './types.ts';

export { fetchCategories, fetchConfig, fieldErrors, NetworkError, ProblemError };

/** The signed-in session: its CSRF token, and who to tell when the server says it ended. */
const session = { csrfToken: '', onSignedOut: undefined as (() => void) | undefined };

export function setCsrfToken(token: string): void {
  session.csrfToken = token;
}

/** Called when the server says the session is gone (401 outside sign-in). */
export function whenSignedOut(handler: () => void): void {
  session.onSignedOut = handler;
}

const http = createHttp({
  language: locale,
  csrf: () => session.csrfToken,
  onUnauthorized: (url) => {
    if (url !== '/api/staff/login') session.onSignedOut?.();
  },
});

/** For the console's feature folders (listening/): the same session, CSRF token and sign-out handling. */
export const staffHttp = http;

const enc = encodeURIComponent;
const get = <T>(url: string) => http.get<T>(url);
const post = <T>(url: string, body: unknown = {}) => http.post<T>(url, body);

/** The names of the report actions, as in `POST /api/staff/reports/{id}/{action}`. */
export type ReportAction = 'state' | 'answers' | 'notes' | 'assign' | 'priority' | 'expected-date' | 'merge' | 'moderate' | 'location' | 'category';

export const staffApi = {
  login: (email: string, password: string, code?: string) => post<StaffMe>('/api/staff/login', { email, password, ...(code ? { code } : {}) }),
  me: () => get<StaffMe>('/api/staff/me'),
  logout: () => post<{ signedOut: boolean }>('/api/staff/logout'),
  logoutEverywhere: () => post<{ signedOut: boolean; sessions: number }>('/api/staff/logout-everywhere'),
  changePassword: (currentPassword: string, newPassword: string) => post<PasswordChanged>('/api/staff/password', { currentPassword, newPassword }),
  forgotPassword: (email: string) => post<PasswordResetSent>('/api/staff/password/forgot', { email }),
  resetPassword: (token: string, password: string, code?: string) => post<StaffMe>('/api/staff/password/reset', { token, password, ...(code ? { code } : {}) }),
  security: () => get<StaffSecurity>('/api/staff/security'),
  startTotp: () => post<{ secret: string; uri: string; qrSvg: string }>('/api/staff/security/totp'),
  confirmTotp: (code: string) => post<{ recoveryCodes: string[] }>('/api/staff/security/totp/confirm', { code }),
  endSession: (id: string) => post<{ ended: true }>(`/api/staff/security/sessions/${enc(id)}/end`),
  subjectData: (subject: string) => get<SubjectData>(`/api/staff/subject-access?subject=${enc(subject)}`),
  eraseSubject: (subject: string) => post<{ reports: number; follows: number; sessions: number }>('/api/staff/subject-access/erase', { subject }),
  resetSecondFactor: (id: string) => post<{ reset: true; sessionsEnded: number }>(`/api/staff/users/${enc(id)}/second-factor/reset`),
  resetUserPassword: (id: string) => post<AdminPasswordReset>(`/api/staff/users/${enc(id)}/password-reset`),

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
  createTeam: (body: TeamCreate) => post<Team>('/api/staff/teams', body),
  updateTeam: (id: number, body: TeamUpdate) => http.request<Team>('PATCH', `/api/staff/teams/${id}`, { body }),
};
