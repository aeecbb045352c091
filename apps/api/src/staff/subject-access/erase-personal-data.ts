import type { StaffActor } from '@groundswell/core';
import { eraseSubjectData, recordAudit } from '@groundswell/db';
import type { AppDeps } from '../../deps.ts';
import { subjectOf } from './find-personal-data.ts';

/**
 * A resident's erasure, done by staff: contact details on their reports (the reports stay,
 * anonymous, their public face unchanged), follows, sign-in links and sessions go. The audit
 * log keeps who did it and the counts, never the identifier (that would undo the erasure).
 */
export async function erasePersonalData(deps: Pick<AppDeps, 'database' | 'clock'>, actor: StaffActor, typed: string): Promise<{ reports: number; follows: number; sessions: number }> {
  const subject = subjectOf(typed);
  const erased = await eraseSubjectData(deps.database, subject);
  await recordAudit(deps.database, { staffId: actor.id, action: 'subject_erased', targetType: 'resident', payload: { by: subject.kind, ...erased }, at: deps.clock.now() });
  return erased;
}
