import { DomainError, questionnaireStatus, say, type Questionnaire } from '@groundswell/core';
import { findQuestionnaire, type QuestionnaireRow } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';
import { hashToken } from '../staff/tokens.ts';

/** Unknown link: 404; used or run out: 410, saying which, so the page can say it kindly. */
export function checkOpen(q: Pick<QuestionnaireRow, 'answeredAt' | 'expiresAt'> | undefined, now: Date): void {
  if (!q) throw new DomainError('not_found', say('questionnaire_unknown'));
  const status = questionnaireStatus(q, now);
  if (status === 'answered') throw new DomainError('gone', say('questionnaire_answered'));
  if (status === 'expired') throw new DomainError('gone', say('questionnaire_expired'));
}

/** What the page behind the emailed link shows: the report asked about, nothing personal. */
export async function showQuestionnaire(deps: Pick<AppDeps, 'database' | 'clock'>, token: string): Promise<Questionnaire> {
  const q = await findQuestionnaire(deps.database, hashToken(token));
  checkOpen(q, deps.clock.now());
  const { publicId, categoryName, description, state, occasion, locale, askedAt, expiresAt } = q!;
  return { report: publicId, categoryName: categoryName as Questionnaire['categoryName'], description, state, occasion, locale, askedAt, expiresAt };
}
