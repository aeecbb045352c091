import { CHANNELS, questionnaireExpiry, questionOccasion, questionWindow, sendsReportConfirmation } from '@groundswell/core';
import { dueQuestions, recordQuestion } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';
import { hashToken, newToken } from '../staff/tokens.ts';
import { questionMail } from './messages.ts';

/** Reporters on these channels gave their address to hear back from us (an Open311 client speaks for its own). */
const ASKED_CHANNELS = CHANNELS.filter((c) => sendsReportConfirmation(c, 'reporter'));

/**
 * The hourly "Is it fixed?" pass (FixMyStreet's questionnaire): every reporter whose report
 * was marked fixed, or is still open past its expected date, FIXED_QUESTION_WEEKS ago is asked
 * once, with a single-use link of which only a hash is kept. The row is written before the
 * email is queued and is unique per report and occasion, so processes running the pass at
 * once ask once; a crash between the two loses that one question rather than sending it twice.
 */
export async function askIfFixed(deps: Pick<AppDeps, 'database' | 'clock' | 'config' | 'jobs' | 'logger'>): Promise<number> {
  const now = deps.clock.now();
  const due = await dueQuestions(deps.database, questionWindow(now, deps.config.fixedQuestionWeeks));
  let asked = 0;
  for (const d of due) {
    if (!ASKED_CHANNELS.includes(d.channel)) continue;
    const token = newToken();
    const expiresAt = questionnaireExpiry(now);
    const occasion = questionOccasion(d.occasion, d.occasionAt);
    if (!(await recordQuestion(deps.database, { reportId: d.reportId, occasion, tokenHash: hashToken(token), askedAt: now, expiresAt }))) continue;
    const base = deps.config.publicUrl;
    await deps.jobs.sendMail(
      questionMail({
        to: d.email,
        locale: d.locale,
        publicId: d.publicId,
        categoryName: d.categoryName,
        occasion: d.occasion,
        occasionAt: d.occasionAt,
        link: `${base}/#/reports/${encodeURIComponent(d.publicId)}/fixed?token=${token}`,
        pageUrl: `${base}/#/reports/${encodeURIComponent(d.publicId)}`,
        expiresAt,
      }),
    );
    asked++;
  }
  if (asked) deps.logger.info({ asked }, '"is it fixed?" questions queued');
  return asked;
}
