import { DomainError, readSubject, type StaffActor, type Subject } from '@groundswell/core';
import { findSubjectData, recordAudit, type SubjectData } from '@groundswell/db';
import type { AppDeps } from '../../deps.ts';

/** The identifier as typed, read as an email address or a phone number; a problem naming the field otherwise. */
export function subjectOf(typed: string): Subject {
  const subject = readSubject(typed);
  if (!subject) throw new DomainError('validation_failed', 'Give an email address or a phone number', [{ field: 'query.subject', message: 'Not an email address or a phone number' }]);
  return subject;
}

/**
 * A subject access request: everything held about one resident. Looking is itself recorded
 * in the audit log (who looked, when, what kind of identifier; not the identifier).
 */
export async function findPersonalData(deps: Pick<AppDeps, 'database' | 'clock'>, actor: StaffActor, typed: string): Promise<SubjectData & { subject: Subject }> {
  const subject = subjectOf(typed);
  const data = await findSubjectData(deps.database, subject);
  await recordAudit(deps.database, {
    staffId: actor.id,
    action: 'subject_access_search',
    targetType: 'resident',
    payload: { by: subject.kind, reports: data.reports.length, follows: data.follows.length },
    at: deps.clock.now(),
  });
  return { subject, ...data };
}
