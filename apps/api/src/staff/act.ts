import { DomainError, inRemit, type StaffActor } from '@groundswell/core';
import { withLockedReport, type Executor, type LockedReport } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';

export type ActDeps = Pick<AppDeps, 'database' | 'clock'>;

/**
 * Runs one action on one report in one transaction: the report is locked, the actor's
 * remit checked (another team's report answers 404, so its existence does not leak), and
 * every change lands with its timeline event.
 */
export async function act<T>(deps: ActDeps, actor: StaffActor, publicId: string, fn: (tx: Executor, report: LockedReport, at: Date) => Promise<T>): Promise<T> {
  return withLockedReport(deps.database, publicId, async (tx, report) => {
    if (!report || !inRemit(actor, report)) throw new DomainError('not_found', `There is no report ${publicId} in your teams' work`);
    return fn(tx, report, deps.clock.now());
  });
}
