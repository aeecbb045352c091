import type { AuditEntry } from '@groundswell/core';
import { toCsv } from '../insight/csv.ts';

/** The most rows one download holds: years of a council's staff actions, still a file a spreadsheet opens. */
export const AUDIT_CSV_MAX_ROWS = 100_000;

/**
 * The audit log as the council's records keep it: one row per action, oldest first, the
 * actor by id and name ("system" for scheduled runs), the details as JSON text.
 */
export function auditCsv(entries: AuditEntry[]): string {
  const rows = [...entries]
    .reverse()
    .map((e) => [
      new Date(e.atIso).toISOString(),
      e.staff_id ?? '',
      e.staffName ?? (e.staff_id ? '' : 'system'),
      e.action,
      e.targetType ?? '',
      e.targetId ?? '',
      e.payload && Object.keys(e.payload).length ? JSON.stringify(e.payload) : '',
    ]);
  return toCsv(['time', 'staff_id', 'staff_name', 'action', 'target_type', 'target_id', 'details'], rows);
}
