import type { Channel, EventKind, Geometry, GeometryInput, ReportState, Role } from '@groundswell/core/rules';

/** `POST /api/staff/login` and `GET /api/staff/me`. */
export interface StaffMe {
  id: string;
  name: string;
  role: Role;
  teamIds: number[];
  csrfToken: string;
}

/** One row of `GET /api/staff/reports`. */
export interface StaffReport {
  id: string;
  category: string;
  categoryName: Record<string, string> & { en: string };
  state: ReportState;
  priority: number;
  channel: Channel;
  geometry: Geometry;
  description: string;
  supportCount: number;
  team: string | null;
  teamName: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  area: string | null;
  photoCount: number;
  createdAt: string;
  updatedAt: string;
  expectedAt: string | null;
}

export interface StaffReportList {
  reports: StaffReport[];
  total: number;
  counts: Partial<Record<ReportState, number>>;
  serverTime: string;
}

export interface TimelineEvent {
  id: number;
  kind: EventKind;
  public: boolean;
  actorType: 'resident' | 'staff' | 'system' | 'api';
  actorId: string | null;
  actorLabel: string | null;
  payload: Record<string, unknown>;
  at: string;
}

/** `GET /api/staff/reports/{id}`. */
export interface StaffReportDetail extends StaffReport {
  answers: Record<string, string | number | boolean | string[]>;
  contact: { name: string | null; email: string | null; phone: string | null } | null;
  photos: { id: string; hidden: boolean }[];
  timeline: TimelineEvent[];
  acknowledgedAt: string | null;
  resolvedAt: string | null;
  mergedInto: string | null;
  channelSource: string | null;
  publicName: string | null;
  showName: boolean;
  locale?: string;
}

export interface Template {
  id: number;
  title: string;
  body: string;
  category: string | null;
  state: ReportState | null;
  locale?: string;
}

export interface Team {
  id: number;
  code: string;
  name: string;
}

export interface StaffUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  teamIds: number[];
}

export interface Area {
  id: number;
  code: string;
  name: string;
  kind: string;
}

export interface RoutingRule {
  id: number;
  area: string | null;
  category: string | null;
  team: string;
}

export interface AuditEntry {
  staff_id: string | null;
  staffName: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  payload: Record<string, unknown> | null;
  atIso: string;
}

export type BulkAction =
  | { type: 'assign'; team?: string; assigneeId?: string | null }
  | { type: 'state'; state: ReportState; message?: string }
  | { type: 'answer'; message: string };

export interface BulkResult {
  id: string;
  ok: boolean;
  problem?: string;
}

export type { GeometryInput };
