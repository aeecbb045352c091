import { checkQuestionnaireAnswer, notFixedState, stateChangeTimes, type QuestionnaireAnswer, type QuestionnaireAnswered } from '@groundswell/core';
import { addEvent, markQuestionnaireAnswered, setReportState, teamEmail, withQuestionnaire } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';
import type { MailMessage } from '../mail/mailer.ts';
import { hashToken } from '../staff/tokens.ts';
import { reopenedMail } from './messages.ts';
import { checkOpen } from './show-questionnaire.ts';

/** No label: the event's kind already says it was the reporter, and the console names residents in its own language. */
const REPORTER = { type: 'resident' as const };

/**
 * The reporter's answer, once. "Yes" is a public `confirmed_fixed` event. "No" (with what is
 * still wrong) is a public `not_fixed` event carrying the comment and, for a report marked
 * fixed or closed, the move back to `acknowledged` (core's notFixedState), written together
 * in one transaction with the question spent; followers hear of it like any change (the
 * notifier), and the team by email when it has an address (nothing else tells a team of new
 * work today: otherwise the report is back in triage's open work, with the event on its timeline).
 */
export async function answerQuestionnaire(deps: Pick<AppDeps, 'database' | 'clock' | 'config' | 'jobs'>, token: string, input: QuestionnaireAnswer): Promise<QuestionnaireAnswered> {
  const answer = checkQuestionnaireAnswer(input);
  const { result, mail } = await withQuestionnaire(deps.database, hashToken(token), async (tx, found) => {
    const at = deps.clock.now();
    checkOpen(found?.questionnaire, at);
    const { questionnaire: q, report: r } = found!;
    await markQuestionnaireAnswered(tx, q.id, answer.fixed, at);
    const comment = answer.comment ? { message: answer.comment } : {};
    if (answer.fixed) {
      await addEvent(tx, { reportId: r.id, kind: 'confirmed_fixed', public: true, actor: REPORTER, payload: { ...comment }, at });
      return { result: { report: r.publicId, fixed: true, state: r.state, reopened: false }, mail: undefined };
    }
    const to = notFixedState(r.state);
    if (to) await setReportState(tx, r.id, { state: to, ...stateChangeTimes(r, to, at) });
    await addEvent(tx, { reportId: r.id, kind: 'not_fixed', public: true, actor: REPORTER, payload: { ...comment, ...(to ? { from: r.state, to } : {}) }, at });
    const team = await teamEmail(tx, r.teamId);
    const message: MailMessage | undefined = team
      ? reopenedMail({
          to: team.email,
          team: team.name,
          publicId: r.publicId,
          categoryName: q.categoryName,
          comment: answer.comment ?? '',
          consoleUrl: `${deps.config.publicUrl}/#/staff?sel=${encodeURIComponent(r.publicId)}`,
        })
      : undefined;
    return { result: { report: r.publicId, fixed: false, state: to ?? r.state, reopened: to !== null }, mail: message };
  });
  // Queued once the answer is committed: a failed answer tells the team nothing.
  if (mail) await deps.jobs.sendMail(mail);
  return result;
}
