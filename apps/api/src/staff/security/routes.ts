import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { SecondFactorStatusSchema } from '@groundswell/core';
import { createRouter, staffOk as ok } from '../../http/router.ts';
import { requireAdmin } from '../session.ts';
import { confirmTotpEnrolment } from './confirm-totp-enrolment.ts';
import { endOwnSession, listOwnSessions } from './own-sessions.ts';
import { resetSecondFactor } from './reset-second-factor.ts';
import { secondFactorStatus } from './second-factor-status.ts';
import { startTotpEnrolment } from './start-totp-enrolment.ts';

const SessionSchema = z
  .object({
    id: z.string().meta({ description: 'A short name for the session; not the cookie' }),
    createdAt: z.string(),
    lastSeenAt: z.string(),
    userAgent: z.string().nullable(),
    current: z.boolean().meta({ description: 'The session this request came with' }),
  })
  .meta({ id: 'StaffSessionRow' });

const security = createRoute({
  method: 'get',
  path: '/api/staff/security',
  tags: ['Staff'],
  summary: 'Your second factor and your signed-in sessions (device, last used)',
  responses: ok(z.object({ secondFactor: SecondFactorStatusSchema, sessions: z.array(SessionSchema) })),
});
const startTotp = createRoute({
  method: 'post',
  path: '/api/staff/security/totp',
  tags: ['Staff'],
  summary: 'Start setting up an authenticator app: a new secret, its otpauth URI and QR code; nothing changes until confirmed',
  responses: ok(z.object({ secret: z.string(), uri: z.string(), qrSvg: z.string() })),
});
const confirmTotp = createRoute({
  method: 'post',
  path: '/api/staff/security/totp/confirm',
  tags: ['Staff'],
  summary: 'Confirm the app with a code it shows: the second factor is on; the recovery codes are shown this once',
  request: { body: { content: { 'application/json': { schema: z.object({ code: z.string().min(1, 'Type the code the app shows').max(40) }) } }, required: true } },
  responses: ok(z.object({ recoveryCodes: z.array(z.string()) })),
});
const endSession = createRoute({
  method: 'post',
  path: '/api/staff/security/sessions/{id}/end',
  tags: ['Staff'],
  summary: 'End one of your own sessions (a lost or shared computer)',
  request: { params: z.object({ id: z.string().regex(/^[0-9a-f]{16}$/, 'Not a session id') }) },
  responses: ok(z.object({ ended: z.literal(true) })),
});
const resetFactor = createRoute({
  method: 'post',
  path: '/api/staff/users/{id}/second-factor/reset',
  tags: ['Admin'],
  summary: "Take another account's second factor away (a lost phone): its sessions end; it sets up a new app at its next sign-in",
  request: { params: z.object({ id: z.uuid() }) },
  responses: ok(z.object({ reset: z.literal(true), sessionsEnded: z.number().int() })),
});

/** Staff security: the second factor, one's own sessions, and an administrator's reset. Behind the staff session guard. */
export function staffSecurityRoutes() {
  const router = createRouter();
  router.use('/api/staff/users/:id/second-factor/reset', requireAdmin());
  return router
    .openapi(security, async (c) => {
      const deps = c.get('deps');
      const [secondFactor, sessions] = await Promise.all([secondFactorStatus(deps, c.get('staff')), listOwnSessions(deps, c.get('staff'), c.get('sessionHash'))]);
      return c.json({ secondFactor, sessions }, 200);
    })
    .openapi(startTotp, async (c) => c.json(await startTotpEnrolment(c.get('deps'), c.get('staff')), 200))
    .openapi(confirmTotp, async (c) => c.json(await confirmTotpEnrolment(c.get('deps'), c.get('staff'), c.req.valid('json').code), 200))
    .openapi(endSession, async (c) => {
      await endOwnSession(c.get('deps'), c.get('staff'), c.req.valid('param').id);
      return c.json({ ended: true as const }, 200);
    })
    .openapi(resetFactor, async (c) => {
      const result = await resetSecondFactor(c.get('deps'), c.get('staff'), c.req.valid('param').id);
      return c.json({ reset: true as const, ...result }, 200);
    });
}
