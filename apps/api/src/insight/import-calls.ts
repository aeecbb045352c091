import { DomainError, parseCallVolumesCsv, type StaffActor } from '@groundswell/core';
import { knownCategoryCodes, recordAudit, upsertCallVolumes } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';

/**
 * Imports the contact centre's weekly call log (CSV: week, category, calls), all or nothing:
 * one bad cell and nothing is stored, and the problem names its line and column. A week and
 * category imported again replace the earlier figure.
 */
export async function importCalls(deps: Pick<AppDeps, 'database' | 'clock'>, actor: StaffActor, csv: string): Promise<{ imported: number }> {
  const { lines, problems } = parseCallVolumesCsv(csv);
  const known = await knownCategoryCodes(deps.database, [...new Set(lines.map((l) => l.category))]);
  for (const l of lines) {
    if (!known.has(l.category)) problems.push({ field: `line ${l.line}, column category`, message: `Unknown category ${l.category}` });
  }
  problems.sort((a, b) => lineOf(a.field) - lineOf(b.field));
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

const lineOf = (field: string) => Number(/line (\d+)/.exec(field)?.[1] ?? 0);
