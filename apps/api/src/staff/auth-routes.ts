import { createRoute } from '@hono/zod-openapi';
import { getCookie } from 'hono/cookie';
import { z } from 'zod';
import { DomainError, LoginSchema } from '@groundswell/core';
import { createSession, deleteAllSessions, deleteSession, findSession, findStaffByEmail, hitRateLimit, peekRateLimit, recordAudit } from '@groundswell/db';
import { createRouter, problemResponses } from '../http/router.ts';
import { clientAddress } from '../http/client.ts';
import type { AppEnv } from '../http/env.ts';
import type { Context } from 'hono';
import { SESSION_COOKIE, SESSION_HOURS, assertSameOrigin, clearSessionCookie, hashToken, newToken, requireStaff, setSessionCookie } from './session.ts';
import { checkPassword } from './passwords.ts';

/** Failed sign-ins allowed per window, per account and per address. */
const THROTTLE = { windowMinutes: 15, perAccount: 5, perAddress: 20 };

const StaffMeSchema = z
  .object({ id: z.string(), name: z.string(), role: z.enum(['officer', 'admin']), teamIds: z.array(z.number()), csrfToken: z.string() })
  .meta({ id: 'StaffSession' });

const login = createRoute({
  method: 'post',
  path: '/api/staff/login',
  tags: ['Staff'],
  summary: 'Sign in; sets an httpOnly session cookie and returns the CSRF token for changes',
  request: { body: { content: { 'application/json': { schema: LoginSchema } }, required: true } },
  responses: {
    200: { description: 'Signed in', content: { 'application/json': { schema: StaffMeSchema } } },
    401: { description: 'Wrong email or password' },
    429: { description: 'Too many failed attempts' },
    ...problemResponses,
  },
});

function windowStart(c: Context<AppEnv>): { start: Date; retryMinutes: number } {
  const now = c.get('deps').clock.now().getTime();
  const ms = THROTTLE.windowMinutes * 60_000;
  const start = Math.floor(now / ms) * ms;
  return { start: new Date(start), retryMinutes: Math.max(1, Math.ceil((start + ms - now) / 60_000)) };
}

const simple = (method: 'get' | 'post', path: string, summary: string) =>
  createRoute({ method, path, tags: ['Staff'], summary, responses: { 200: { description: 'OK', content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } }, 401: { description: 'Not signed in' } } });
const me = simple('get', '/api/staff/me', 'Who is signed in, with the CSRF token for changes');
const logout = simple('post', '/api/staff/logout', 'Sign out this session');
const logoutEverywhere = simple('post', '/api/staff/logout-everywhere', 'Sign out every session of this account');

export function staffAuthRoutes() {
  const router = createRouter();
  router.use('/api/staff/*', async (c, next) => (c.req.path === '/api/staff/login' ? next() : requireStaff()(c, next)));
  return router
    .openapi(login, async (c) => {
      assertSameOrigin(c);
      const { email, password } = c.req.valid('json');
      const { database, clock, config } = c.get('deps');
      const { start, retryMinutes } = windowStart(c);
      const buckets = [`login-fail:account:${email.toLowerCase()}`, `login-fail:address:${clientAddress(c, config.trustProxy)}`];
      const [byAccount, byAddress] = await Promise.all(buckets.map((b) => peekRateLimit(database, b, start)));
      if (byAccount! >= THROTTLE.perAccount || byAddress! >= THROTTLE.perAddress) {
        c.header('retry-after', String(retryMinutes * 60));
        throw new DomainError('rate_limited', `Too many failed sign-ins. Please wait ${retryMinutes} minute${retryMinutes === 1 ? '' : 's'} and try again, or ask an administrator to reset your password.`);
      }
      const staff = await findStaffByEmail(database, email);
      const ok = await checkPassword(staff?.passwordHash ?? null, password);
      if (!staff || !ok || staff.disabled) {
        await Promise.all(buckets.map((b) => hitRateLimit(database, b, start)));
        throw new DomainError('unauthorized', 'That email and password do not match an account');
      }
      // A fresh session id at every sign-in, so a planted cookie is worthless.
      const old = getCookie(c, SESSION_COOKIE);
      if (old) await deleteSession(database, hashToken(old));
      const token = newToken();
      const csrfToken = newToken();
      const now = clock.now();
      await createSession(database, { idHash: hashToken(token), staffId: staff.id, csrfToken, expiresAt: new Date(now.getTime() + SESSION_HOURS * 3600_000), userAgent: c.req.header('user-agent')?.slice(0, 300) });
      await recordAudit(database, { staffId: staff.id, action: 'login', at: now });
      setSessionCookie(c, token);
      return c.json({ id: staff.id, name: staff.name, role: staff.role, teamIds: staff.teamIds.map(Number), csrfToken }, 200);
    })
    .openapi(me, async (c) => {
      const { database, clock } = c.get('deps');
      const session = await findSession(database, c.get('sessionHash'), clock.now());
      return c.json({ ...c.get('staff'), csrfToken: session!.csrfToken }, 200);
    })
    .openapi(logout, async (c) => {
      await deleteSession(c.get('deps').database, c.get('sessionHash'));
      clearSessionCookie(c);
      return c.json({ signedOut: true }, 200);
    })
    .openapi(logoutEverywhere, async (c) => {
      const { database, clock } = c.get('deps');
      const count = await deleteAllSessions(database, c.get('staff').id);
      await recordAudit(database, { staffId: c.get('staff').id, action: 'logout_everywhere', payload: { sessions: count }, at: clock.now() });
      clearSessionCookie(c);
      return c.json({ signedOut: true, sessions: count }, 200);
    });
}
