import type { StaffActor } from '@groundswell/core';
import { eraseSubjectData, recordAudit } from '@groundswell/db';
import type { AppDeps } from '../../deps.ts';
import { deleteStoredFiles } from '../../storage/storage.ts';
import { subjectOf } from './find-personal-data.ts';

/**
 * A resident's erasure, done by staff: contact details on their reports (the reports stay,
 * anonymous, their public face unchanged), follows, sign-in links, sessions, and the messages
 * the listening inbox heard from them with their photos go. The audit
 * log keeps who did it and the counts, never the identifier (that would undo the erasure).
 */
export async function erasePersonalData(
  deps: Pick<AppDeps, 'database' | 'clock' | 'storage' | 'logger'>,
  actor: StaffActor,
  typed: string,
): Promise<{ reports: number; follows: number; sessions: number }> {
  const subject = subjectOf(typed);
  const { counts, photoKeys } = await eraseSubjectData(deps.database, subject);
  // The photos their messages carried are theirs too; a report made from one has its own copies.
  await deleteStoredFiles(deps, photoKeys, 'a mention photo');
  await recordAudit(deps.database, { staffId: actor.id, action: 'subject_erased', targetType: 'resident', payload: { by: subject.kind, ...counts }, at: deps.clock.now() });
  return counts;
}
