import { sql, type SQL } from 'drizzle-orm';
import type { GeometryKind, ReportState } from '@groundswell/core';
import { execRows, type Database, type Executor } from './connect.ts';
import { tsParam } from './sql-kit.ts';

/** The report row a staff action works on, as the action's rules need it. */
export interface LockedReport {
  id: number;
  publicId: string;
  state: ReportState;
  teamId: number | null;
  categoryId: number;
  areaId: number | null;
  geomType: GeometryKind;
  description: string;
  publicName: string | null;
  expectedAt: string | null;
  acknowledgedAt: string | null;
}

/** The report, locked for the rest of the transaction. */
export async function lockReport(tx: Executor, publicId: string): Promise<LockedReport | undefined> {
  const [row] = await execRows<{
    id: number;
    state: ReportState;
    team_id: number | null;
    category_id: number;
    area_id: number | null;
    geom_type: GeometryKind;
    description: string;
    public_name: string | null;
    expected_at: string | null;
    acknowledged_at: string | null;
  }>(tx, sql`select id, state, team_id, category_id, area_id, geom_type, description, public_name, expected_at, acknowledged_at from reports where public_id = ${publicId} for update`);
  if (!row) return undefined;
  return {
    id: Number(row.id),
    publicId,
    state: row.state,
    teamId: row.team_id === null ? null : Number(row.team_id),
    categoryId: row.category_id,
    areaId: row.area_id,
    geomType: row.geom_type,
    description: row.description,
    publicName: row.public_name,
    expectedAt: row.expected_at,
    acknowledgedAt: row.acknowledged_at,
  };
}

/** Runs `fn` in one transaction with the report locked; `undefined` when there is no such report. */
export async function withLockedReport<T>(database: Database, publicId: string, fn: (tx: Executor, report: LockedReport | undefined) => Promise<T>): Promise<T> {
  return database.db.transaction(async (tx) => fn(tx, await lockReport(tx, publicId)));
}

async function update(tx: Executor, reportId: number, set: SQL[]): Promise<void> {
  await tx.execute(sql`update reports set ${sql.join(set, sql`, `)} where id = ${reportId}`);
}

/** A new state; times left out keep their value, a `null` resolution reopens. */
export async function setReportState(
  tx: Executor,
  reportId: number,
  s: { state: ReportState; acknowledgedAt?: Date | undefined; resolvedAt?: Date | null | undefined; mergedIntoId?: number | undefined },
): Promise<void> {
  const set = [sql`state = ${s.state}`];
  if (s.acknowledgedAt) set.push(sql`acknowledged_at = ${tsParam(s.acknowledgedAt)}`);
  if (s.resolvedAt !== undefined) set.push(s.resolvedAt ? sql`resolved_at = ${tsParam(s.resolvedAt)}` : sql`resolved_at = null`);
  if (s.mergedIntoId !== undefined) set.push(sql`merged_into_id = ${s.mergedIntoId}`);
  await update(tx, reportId, set);
}

/** The team working the report and, unless `assigneeId` is `undefined`, its officer. */
export async function setReportTeam(tx: Executor, reportId: number, a: { teamId: number | null; assigneeId?: string | null | undefined }): Promise<void> {
  const set = [sql`team_id = ${a.teamId}`];
  if (a.assigneeId !== undefined) set.push(sql`assignee_id = ${a.assigneeId}`);
  await update(tx, reportId, set);
}

export async function setReportPriority(tx: Executor, reportId: number, priority: number): Promise<void> {
  await update(tx, reportId, [sql`priority = ${priority}`]);
}

/** `expectedAt` is a calendar date, `YYYY-MM-DD`. */
export async function setReportExpectedDate(tx: Executor, reportId: number, expectedAt: string | null): Promise<void> {
  await update(tx, reportId, [expectedAt ? sql`expected_at = ${expectedAt}::date` : sql`expected_at = null`]);
}

export async function setReportDescription(tx: Executor, reportId: number, description: string): Promise<void> {
  await update(tx, reportId, [sql`description = ${description}`]);
}

export async function hideReporterName(tx: Executor, reportId: number): Promise<void> {
  await update(tx, reportId, [sql`public_name = null`, sql`show_name = false`]);
}

/**
 * Supporters and followers of a duplicate carry on with the report it was merged into:
 * each supporter counts once there, and someone already following it is not added twice.
 */
export async function moveSupportersAndFollowers(tx: Executor, fromId: number, toId: number): Promise<void> {
  await tx.execute(sql`insert into report_supports (report_id, supporter_key, created_at)
    select ${toId}, supporter_key, created_at from report_supports where report_id = ${fromId} on conflict do nothing`);
  await tx.execute(sql`update reports set support_count = (select count(*) from report_supports where report_id = ${toId}) where id = ${toId}`);
  await tx.execute(sql`update subscriptions s set report_id = ${toId} where s.report_id = ${fromId}
    and not exists (select 1 from subscriptions o where o.report_id = ${toId} and lower(o.email) = lower(s.email))`);
}

export async function categoryAllowsShape(tx: Executor, categoryId: number, kind: GeometryKind): Promise<boolean> {
  const [row] = await execRows<{ ok: boolean }>(tx, sql`select ${kind} = any(geometry_types) as ok from categories where id = ${categoryId}`);
  return row?.ok === true;
}
