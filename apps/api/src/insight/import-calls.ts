import { DomainError, type StaffActor } from '@groundswell/core';
import { recordAudit, upsertCallVolumes } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';
import { previewCalls } from './preview-calls.ts';

/**
 * Imports the contact centre's weekly call log (CSV: week, category, calls), all or nothing:
 * one bad cell and nothing is stored, and the problem names its line and column. A week and
 * category imported again replace the earlier figure.
 */
export async function importCalls(deps: Pick<AppDeps, 'database' | 'clock'>, actor: StaffActor, csv: string): Promise<{ imported: number }> {
  const { lines, problems } = await previewCalls(deps, csv);
  if (problems.length || !lines.length) {
    const all = problems.length ? problems : [{ field: 'csv', message: 'The file has no lines of calls' }];
    throw new DomainError(
      'validation_failed',
      `${all.length} problems in the call log; nothing was imported`,
      all.map((p) => ({ field: p.field === 'csv' ? p.field : `csv: ${p.field}`, message: p.message })),
    );
  }
  const imported = await upsertCallVolumes(deps.database, lines, deps.clock.now());
  await recordAudit(deps.database, { staffId: actor.id, action: 'calls_imported', payload: { lines: imported }, at: deps.clock.now() });
  return { imported };
}
