/**
 * "Is it fixed?": what the page behind the emailed link shows and what it sends. The web app
 * imports these types only.
 */
import { z } from 'zod';
import { say } from '../problem-messages.ts';
import { MAX_DESCRIPTION } from '../reports.ts';
import { REPORT_STATES } from '../states.ts';

/** The token in the link, as a path parameter; anything else is a link nobody sent (404). */
export const QuestionnaireTokenParamSchema = z.object({ token: z.string().min(1).max(200) });

/** `GET /api/questionnaires/{token}`: the question, with nothing personal in it. */
export const QuestionnaireSchema = z
  .object({
    report: z.string().meta({ description: 'The public reference of the report asked about' }),
    categoryName: z.object({ en: z.string() }).catchall(z.string()),
    description: z.string(),
    state: z.enum(REPORT_STATES),
    occasion: z.enum(['fixed', 'expected']).meta({ description: '`fixed`: marked fixed some weeks ago; `expected`: still open some weeks after its expected date' }),
    locale: z.string().meta({ description: 'The language the report was made in' }),
    askedAt: z.string(),
    expiresAt: z.string(),
  })
  .meta({ id: 'Questionnaire' });
export type Questionnaire = z.infer<typeof QuestionnaireSchema>;

/** `POST /api/questionnaires/{token}`: the reporter's answer; a comment is needed for "no" (core's checkQuestionnaireAnswer). */
export const QuestionnaireAnswerSchema = z
  .object({
    fixed: z.boolean({ error: say('questionnaire_fixed_needed') }),
    comment: z
      .string()
      .max(MAX_DESCRIPTION, say('questionnaire_comment_too_long', { max: MAX_DESCRIPTION }))
      .optional(),
  })
  .meta({ id: 'QuestionnaireAnswer' });
export type QuestionnaireAnswer = z.infer<typeof QuestionnaireAnswerSchema>;

export const QuestionnaireAnsweredSchema = z
  .object({
    report: z.string(),
    fixed: z.boolean(),
    state: z.enum(REPORT_STATES).meta({ description: 'The report’s state after the answer' }),
    reopened: z.boolean().meta({ description: 'Whether "no" opened the report again' }),
  })
  .meta({ id: 'QuestionnaireAnswered' });
export type QuestionnaireAnswered = z.infer<typeof QuestionnaireAnsweredSchema>;
