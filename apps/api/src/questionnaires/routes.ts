import { createRoute } from '@hono/zod-openapi';
import { QuestionnaireAnswerSchema, QuestionnaireAnsweredSchema, QuestionnaireSchema, QuestionnaireTokenParamSchema } from '@groundswell/core';
import { createRouter, jsonResponse, notFoundResponse, problemResponses, ProblemSchema } from '../http/router.ts';
import { answerQuestionnaire } from './answer-questionnaire.ts';
import { showQuestionnaire } from './show-questionnaire.ts';

const spentResponses = {
  ...problemResponses,
  ...notFoundResponse,
  410: { description: 'The link was used already, or has expired', content: { 'application/problem+json': { schema: ProblemSchema } } },
} as const;

const show = createRoute({
  method: 'get',
  path: '/api/questionnaires/{token}',
  tags: ['Is it fixed?'],
  summary: '"Is it fixed?": the question behind the link emailed to a reporter',
  description: 'Some weeks after a report is marked fixed (or after its expected date, still open) its reporter is emailed a single-use link. The token is all the key there is.',
  request: { params: QuestionnaireTokenParamSchema },
  responses: { 200: jsonResponse(QuestionnaireSchema, 'The question'), ...spentResponses },
});

const answer = createRoute({
  method: 'post',
  path: '/api/questionnaires/{token}',
  tags: ['Is it fixed?'],
  summary: 'Answer "Is it fixed?" once: yes confirms it on the timeline; no (with what is still wrong) reopens a report marked fixed',
  request: { params: QuestionnaireTokenParamSchema, body: { content: { 'application/json': { schema: QuestionnaireAnswerSchema } }, required: true } },
  responses: { 200: jsonResponse(QuestionnaireAnsweredSchema, 'Answered'), ...spentResponses },
});

export function questionnaireRoutes() {
  return createRouter()
    .openapi(show, async (c) => c.json(await showQuestionnaire(c.get('deps'), c.req.valid('param').token), 200))
    .openapi(answer, async (c) => c.json(await answerQuestionnaire(c.get('deps'), c.req.valid('param').token, c.req.valid('json')), 200));
}
