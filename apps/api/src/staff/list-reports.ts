import type { StaffActor, StaffReportQuery } from '@groundswell/core';
import { listStaffReports } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';

/**
 * The triage list: reports in the actor's remit (applied in SQL, never only in the UI), with
 * counts per state that ignore the state filter, and the server's time to poll from.
 */
export async function listReports(deps: Pick<AppDeps, 'database' | 'clock'>, actor: StaffActor, query: StaffReportQuery) {
  const { state, category, team, channel, ...rest } = query;
  const { rows, total, counts } = await listStaffReports(deps.database, { ...rest, states: state, categories: category, teams: team, channels: channel }, actor);
  return { reports: rows, total, counts, serverTime: deps.clock.now().toISOString() };
}
