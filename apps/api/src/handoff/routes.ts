/**
 * Hand-off (issue 14): the admin's targets, rules, status mappings and send list under
 * /api/staff/handoff, and the signed endpoint where webhook targets push updates back.
 */
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  HANDOFF_SIGNATURE_HEADER,
  HandoffInboundSchema,
  HandoffRuleInputSchema,
  HandoffRuleSchema,
  HandoffSendQuerySchema,
  HandoffSendSchema,
  HandoffTargetInputSchema,
  HandoffTargetSchema,
  type HandoffTarget,
} from '@groundswell/core';
import { listHandoffRuleViews, listHandoffSends, listHandoffTargets, type HandoffTargetRow } from '@groundswell/db';
import { createRouter, jsonBody, jsonResponse, problemResponses, ProblemSchema, staffCreated as created, staffOk as ok } from '../http/router.ts';
import { requireAdmin } from '../staff/session.ts';
import { addHandoffRule } from './add-rule.ts';
import { receiveHandoffUpdate } from './receive-update.ts';
import { removeHandoffRule } from './remove-rule.ts';
import { resendHandoff } from './resend.ts';
import { saveHandoffTarget } from './save-target.ts';

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ProblemSchema } } });
const IdParam = z.object({ id: z.coerce.number().int().positive() });

const listTargets = createRoute({
  method: 'get',
  path: '/api/staff/handoff/targets',
  tags: ['Admin'],
  summary: 'Hand-off targets (Open311, email, webhook) with their settings and status mappings; secrets are never returned',
  responses: ok(z.object({ targets: z.array(HandoffTargetSchema) })),
});
const createTarget = createRoute({
  method: 'post',
  path: '/api/staff/handoff/targets',
  tags: ['Admin'],
  summary: 'Add a hand-off target; its secret is stored encrypted and never shown again',
  request: jsonBody(HandoffTargetInputSchema),
  responses: created(z.object({ id: z.number().int() })),
});
const updateTarget = createRoute({
  method: 'post',
  path: '/api/staff/handoff/targets/{id}',
  tags: ['Admin'],
  summary: 'Change a hand-off target (settings, status mapping, active); a secret left out keeps the stored one',
  request: { params: IdParam, ...jsonBody(HandoffTargetInputSchema) },
  responses: ok(z.object({ id: z.number().int() })),
});
const listRules = createRoute({
  method: 'get',
  path: '/api/staff/handoff/rules',
  tags: ['Admin'],
  summary: 'Which target each category goes to, optionally by area or team (the most specific rule wins)',
  responses: ok(z.object({ rules: z.array(HandoffRuleSchema) })),
});
const addRule = createRoute({
  method: 'post',
  path: '/api/staff/handoff/rules',
  tags: ['Admin'],
  summary: 'Hand a category (in an area, for a team) to a target',
  request: jsonBody(HandoffRuleInputSchema),
  responses: created(z.object({ id: z.number().int() })),
});
const removeRule = createRoute({
  method: 'post',
  path: '/api/staff/handoff/rules/{id}/remove',
  tags: ['Admin'],
  summary: 'Remove a hand-off rule',
  request: { params: IdParam },
  responses: ok(z.object({ removed: z.literal(true) })),
});
const listSends = createRoute({
  method: 'get',
  path: '/api/staff/handoff/sends',
  tags: ['Admin'],
  summary: 'Reports handed off, newest first, by state (failed: the dead-letter list), target or report',
  request: { query: HandoffSendQuerySchema },
  responses: ok(z.object({ sends: z.array(HandoffSendSchema) })),
});
const resend = createRoute({
  method: 'post',
  path: '/api/staff/handoff/sends/{id}/resend',
  tags: ['Admin'],
  summary: 'Send again (a dead-lettered send gets fresh tries; the other end still gets the report once)',
  request: { params: IdParam },
  responses: ok(z.object({ queued: z.literal(true) })),
});
const inbound = createRoute({
  method: 'post',
  path: '/api/handoff/inbound/{target}',
  tags: ['Hand-off'],
  summary: 'A webhook target pushes an update on a report it was sent, signed with its secret',
  description: `Signed like our webhooks: \`${HANDOFF_SIGNATURE_HEADER}: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">\` with the target's secret; at most five minutes old, and each signature is taken once. See docs/handoff.md.`,
  security: [{ handoffSignature: [] }],
  request: { params: z.object({ target: z.coerce.number().int().positive() }), ...jsonBody(HandoffInboundSchema) },
  responses: {
    200: jsonResponse(z.object({ outcome: z.enum(['changed', 'answered', 'nothing']) })),
    ...problemResponses,
    401: problem('The signature is missing, wrong or more than five minutes from now'),
    404: problem('No such webhook target, or no report with that reference sent to it'),
    409: problem('This signed update was received before (a replay)'),
  },
});

const presentTarget = (t: HandoffTargetRow): HandoffTarget => ({
  id: t.id,
  name: t.name,
  method: t.method,
  config: t.config,
  hasSecret: t.secret !== null,
  statusMap: t.statusMap,
  active: t.active,
  lastPolledAt: t.lastPolledAt,
  createdAt: t.createdAt,
});

export function handoffRoutes() {
  const router = createRouter();
  router.openAPIRegistry.registerComponent('securitySchemes', 'handoffSignature', {
    type: 'apiKey',
    in: 'header',
    name: HANDOFF_SIGNATURE_HEADER,
    description: 'HMAC-SHA256 of "<t>.<body>" with the target\'s secret, as `t=<unix seconds>,v1=<hex>` (docs/handoff.md).',
  });
  router.use('/api/staff/handoff/*', requireAdmin());
  // The exact bytes are signed: read them before the validator parses the JSON.
  router.use('/api/handoff/inbound/*', async (c, next) => {
    await c.req.text();
    await next();
  });
  return router
    .openapi(listTargets, async (c) => c.json({ targets: (await listHandoffTargets(c.get('deps').database)).map(presentTarget) }, 200))
    .openapi(createTarget, async (c) => c.json(await saveHandoffTarget(c.get('deps'), c.get('staff'), c.req.valid('json')), 201))
    .openapi(updateTarget, async (c) => c.json(await saveHandoffTarget(c.get('deps'), c.get('staff'), c.req.valid('json'), c.req.valid('param').id), 200))
    .openapi(listRules, async (c) => c.json({ rules: (await listHandoffRuleViews(c.get('deps').database)).map(({ categoryId: _c, areaId: _a, teamId: _t, ...r }) => r) }, 200))
    .openapi(addRule, async (c) => c.json(await addHandoffRule(c.get('deps'), c.get('staff'), c.req.valid('json')), 201))
    .openapi(removeRule, async (c) => {
      await removeHandoffRule(c.get('deps'), c.get('staff'), c.req.valid('param').id);
      return c.json({ removed: true as const }, 200);
    })
    .openapi(listSends, async (c) => {
      const q = c.req.valid('query');
      return c.json({ sends: await listHandoffSends(c.get('deps').database, { state: q.state, targetId: q.target, report: q.report, limit: q.limit }) }, 200);
    })
    .openapi(resend, async (c) => {
      await resendHandoff(c.get('deps'), c.get('staff'), c.req.valid('param').id);
      return c.json({ queued: true as const }, 200);
    })
    .openapi(inbound, async (c) => {
      const outcome = await receiveHandoffUpdate(c.get('deps'), {
        targetId: c.req.valid('param').target,
        rawBody: await c.req.text(),
        signature: c.req.header(HANDOFF_SIGNATURE_HEADER),
        update: c.req.valid('json'),
      });
      return c.json({ outcome: outcome as 'changed' | 'answered' | 'nothing' }, 200);
    });
}
