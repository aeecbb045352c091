import type { GeometryInput } from '@groundswell/core/rules';

/** The staff API's answers, as the API declares them (packages/core/src/schemas). */
export type {
  AuditEntry,
  BulkResult,
  RoutingRule,
  StaffArea as Area,
  StaffMe,
  StaffReport,
  StaffReportDetail,
  StaffReportList,
  StaffUser,
  Team,
  Template,
  TimelineEvent,
} from '@groundswell/core/schemas';

export type { BulkAction } from '@groundswell/core/schemas';
export type { GeometryInput };
