import { DomainError } from './errors.ts';
import { say } from './problem-messages.ts';
import { MAX_DESCRIPTION } from './reports.ts';
import { canTransition, isOpen, type ReportState } from './states.ts';

/**
 * "Is it fixed?" (FixMyStreet's questionnaire): some weeks after a report is marked fixed, or
 * after the date promised for a report still open, its reporter is asked once whether it is.
 */
export const DEFAULT_FIXED_QUESTION_WEEKS = 4;
/** The emailed link works this long. */
export const QUESTIONNAIRE_VALID_WEEKS = 8;
/**
 * A question is not sent more than this late: when the feature is switched on, or after the
 * job was down, residents are not asked about work done months ago.
 */
export const QUESTIONNAIRE_LATE_WEEKS = 4;

export type QuestionOccasion = 'fixed' | 'expected';

const WEEK_MS = 7 * 86_400_000;

/**
 * The moments (marked fixed, or the expected date) whose question is due at `now`: from
 * `after` (exclusive) to `upTo` (inclusive).
 */
export function questionWindow(now: Date, weeks: number): { after: Date; upTo: Date } {
  const upTo = new Date(now.getTime() - weeks * WEEK_MS);
  return { after: new Date(upTo.getTime() - QUESTIONNAIRE_LATE_WEEKS * WEEK_MS), upTo };
}

export function questionnaireExpiry(askedAt: Date): Date {
  return new Date(askedAt.getTime() + QUESTIONNAIRE_VALID_WEEKS * WEEK_MS);
}

/**
 * One question per occasion: a report fixed, reopened and fixed again is asked again, a
 * report whose expected date moves is asked about the new date; the same occasion never twice.
 */
export function questionOccasion(kind: QuestionOccasion, at: Date | string): string {
  const iso = typeof at === 'string' ? new Date(at).toISOString() : at.toISOString();
  return `${kind}:${kind === 'expected' ? iso.slice(0, 10) : iso}`;
}

export type QuestionnaireStatus = 'open' | 'answered' | 'expired';

export function questionnaireStatus(q: { answeredAt: Date | string | null; expiresAt: Date | string }, now: Date): QuestionnaireStatus {
  if (q.answeredAt) return 'answered';
  return new Date(q.expiresAt).getTime() <= now.getTime() ? 'expired' : 'open';
}

/**
 * "No, it is not fixed" reopens a report marked fixed (or closed) to `acknowledged`: the
 * council knows of it and must look again. A report still open stays as it is, and one that has
 * since gone another way (duplicate, referred, hidden) is not moved by a resident.
 */
export function notFixedState(state: ReportState): ReportState | null {
  if (isOpen(state)) return null;
  return (state === 'fixed' || state === 'closed') && canTransition(state, 'acknowledged') ? 'acknowledged' : null;
}

/**
 * A comment is needed for "no": the team has to know what is still wrong (FixMyStreet asks
 * for an update too). For "yes" it is optional.
 */
export function checkQuestionnaireAnswer(a: { fixed: boolean; comment?: string | undefined }): { fixed: boolean; comment: string | undefined } {
  const comment = a.comment?.trim() || undefined;
  const problem = !a.fixed && !comment ? say('questionnaire_comment_needed') : comment && comment.length > MAX_DESCRIPTION ? say('questionnaire_comment_too_long', { max: MAX_DESCRIPTION }) : null;
  if (problem) throw new DomainError('validation_failed', problem, [{ field: 'body.comment', message: problem }]);
  return { fixed: a.fixed, comment };
}
