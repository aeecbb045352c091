/** `/api/questionnaires/{token}`: "Is it fixed?", behind the single-use link emailed to a reporter. */
import type { Questionnaire, QuestionnaireAnswer, QuestionnaireAnswered } from '@groundswell/core/schemas';
import { createHttp } from '../api/http.ts';
import { locale } from '../i18n/index.ts';

const http = createHttp({ language: locale });
const path = (token: string) => `/api/questionnaires/${encodeURIComponent(token)}`;

export const fetchQuestion = (token: string) => http.get<Questionnaire>(path(token));
export const sendAnswer = (token: string, answer: QuestionnaireAnswer) => http.post<QuestionnaireAnswered>(path(token), answer);
