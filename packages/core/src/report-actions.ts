import { DomainError } from './errors.ts';
import { PRIVATE_STATES, canTransition, isOpen, requiresPublicAnswer, type ReportState } from './states.ts';
import { inRemit, type StaffActor } from './staff.ts';

const words = (state: ReportState) => state.replace('_', ' ');

/**
 * What a state change asks for, checked before the report is read: hiding has its own
 * action (it needs a reason), and closing is a conversation with the resident.
 */
export function checkStateChangeRequest(to: ReportState, message: string | undefined): void {
  if (to === 'hidden') throw new DomainError('validation_failed', 'Hiding a report is moderation: use moderate with a reason', [{ field: 'body.state', message: 'Use moderate to hide' }]);
  if (requiresPublicAnswer(to) && !message) {
    throw new DomainError('validation_failed', 'Closing a report needs a public answer for the resident', [{ field: 'body.message', message: 'Please tell the resident what was done or why' }]);
  }
}

export function checkTransition(from: ReportState, to: ReportState): void {
  if (!canTransition(from, to)) throw new DomainError('invalid_transition', `A report cannot go from ${words(from)} to ${words(to)}`, [{ field: 'body.state', message: `Not allowed from ${from}` }]);
}

/**
 * The report's clock after a state change: the first move out of `new` is the
 * acknowledgement, and a report is resolved exactly while it is closed.
 */
export function stateChangeTimes(report: { state: ReportState; acknowledgedAt: string | null }, to: ReportState, at: Date): { acknowledgedAt?: Date; resolvedAt: Date | null } {
  return {
    ...(report.state === 'new' && !report.acknowledgedAt ? { acknowledgedAt: at } : {}),
    resolvedAt: isOpen(to) ? null : at,
  };
}

/** Answering is acknowledging: once a person has written, the report is no longer new. */
export const answerAcknowledges = (state: ReportState) => state === 'new';

/** Someone may be given a report when it is in their remit: their team's, or any for an admin. */
export const canBeAssigned = (officer: StaffActor, teamId: number | null) => inRemit(officer, { teamId });

/**
 * Who works the report after an assignment: the officer named, else nobody when the team
 * changed (the old officer is not in the new team), else whoever had it. `undefined` keeps it.
 */
export function assigneeAfter(fromTeamId: number | null, toTeamId: number | null, assigneeId: string | null | undefined): string | null | undefined {
  if (assigneeId !== undefined) return assigneeId;
  return toTeamId !== fromTeamId ? null : undefined;
}

export function checkMergeRequest(publicId: string, into: string): void {
  if (publicId === into) throw new DomainError('validation_failed', 'A report cannot be merged into itself', [{ field: 'body.into', message: 'Choose another report' }]);
}

/** A hidden report is not public, and a duplicate is already followed elsewhere: neither can carry on for another. */
export const canTakeDuplicates = (target: { state: ReportState } | undefined): target is { state: ReportState } => target !== undefined && target.state !== 'hidden' && target.state !== 'duplicate';

/**
 * The report a duplicate goes into must be in the actor's remit too: merging moves the
 * duplicate's supporters and followers there, so it is an action on both reports.
 */
export const canMergeInto = <T extends { state: ReportState; teamId: number | null }>(actor: StaffActor, target: T | undefined): target is T => canTakeDuplicates(target) && inRemit(actor, target);

/**
 * Another team's target is refused in the same words as a missing or hidden one, so an
 * officer cannot learn from a merge which reports exist outside their teams.
 */
export function checkMerge(actor: StaffActor, duplicate: { state: ReportState }, target: { state: ReportState; teamId: number | null } | undefined, into: string): void {
  if (!canMergeInto(actor, target)) throw new DomainError('validation_failed', `Report ${into} cannot take duplicates`, [{ field: 'body.into', message: 'Choose an open or closed public report' }]);
  if (!canTransition(duplicate.state, 'duplicate')) throw new DomainError('invalid_transition', `A ${duplicate.state} report cannot be marked as a duplicate`);
}

/**
 * Whether a viewer may learn that a report exists (its id, on a segment's history, say): a
 * public report anyone may; a hidden one only staff whose remit holds it. `null` is the public.
 */
export const seesReport = (viewer: StaffActor | null, report: { state: ReportState; teamId: number | null }): boolean =>
  !PRIVATE_STATES.includes(report.state) || (viewer !== null && inRemit(viewer, report));

/** A merged report is resolved when merged, and acknowledged then if nobody had yet. */
export function mergeTimes(duplicate: { acknowledgedAt: string | null }, at: Date): { acknowledgedAt?: Date; resolvedAt: Date } {
  return { ...(duplicate.acknowledgedAt ? {} : { acknowledgedAt: at }), resolvedAt: at };
}

/** Moderation keeps the original for the record, but only admins read it back. */
export function payloadFor(viewer: StaffActor, payload: Record<string, unknown>): Record<string, unknown> {
  return viewer.role === 'admin' || !('original' in payload) ? payload : { ...payload, original: '(redacted)' };
}
