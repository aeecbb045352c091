import { createRoute } from '@hono/zod-openapi';
import { getCookie } from 'hono/cookie';
import { z } from 'zod';
import {
  AdminPasswordResetSchema,
  LoginSchema,
  PasswordChangedSchema,
  PasswordChangeSchema,
  PasswordForgotSchema,
  PasswordResetSchema,
  PasswordResetSentSchema,
  StaffMeSchema,
} from '@groundswell/core';
import { createRouter, jsonBody as body, jsonResponse, problemResponses, staffErrorResponses } from '../http/router.ts';
import { clientAddress } from '../http/client.ts';
import { requestLocale } from '../http/locale.ts';
import { SESSION_COOKIE, assertSameOrigin, clearSessionCookie, requireAdmin, requireStaff, setSessionCookie } from './session.ts';
import { assertLocalPasswords, signIn } from './sign-in.ts';
import { signOut, signOutEverywhere } from './sign-out.ts';
import { adminResetPassword } from './admin-reset-password.ts';
import { changePassword } from './change-password.ts';
import { requestPasswordReset } from './request-password-reset.ts';
import { resetPassword } from './reset-password.ts';
import { secondFactorStatus } from './security/second-factor-status.ts';

const login = createRoute({
  method: 'post',
  path: '/api/staff/login',
  tags: ['Staff'],
  summary: 'Sign in; sets an httpOnly session cookie and returns the CSRF token for changes',
  request: { body: { content: { 'application/json': { schema: LoginSchema } }, required: true } },
  responses: {
    200: jsonResponse(StaffMeSchema, 'Signed in'),
    401: { description: 'Wrong email or password' },
    429: { description: 'Too many failed attempts' },
    ...problemResponses,
  },
});

const simple = <T extends z.ZodType>(method: 'get' | 'post', path: string, summary: string, schema: T) =>
  createRoute({ method, path, tags: ['Staff'], summary, responses: { 200: jsonResponse(schema), 401: { description: 'Not signed in' } } });
const SignedOutSchema = z.object({ signedOut: z.literal(true), sessions: z.number().int().optional().meta({ description: 'How many sessions ended' }) });
const me = simple('get', '/api/staff/me', 'Who is signed in, with the CSRF token for changes', StaffMeSchema);
const logout = simple('post', '/api/staff/logout', 'Sign out this session', SignedOutSchema);
const logoutEverywhere = simple('post', '/api/staff/logout-everywhere', 'Sign out every session of this account', SignedOutSchema);

const throttled = { 429: { description: 'Too many attempts; `Retry-After` says how long to wait' } } as const;
const forgot = createRoute({
  method: 'post',
  path: '/api/staff/password/forgot',
  tags: ['Staff'],
  summary: 'Email a single-use link to set a new password; the answer does not tell whether the address has an account',
  request: body(PasswordForgotSchema),
  responses: { 202: jsonResponse(PasswordResetSentSchema, 'Sent, if the address has an account'), ...throttled, ...problemResponses },
});
const reset = createRoute({
  method: 'post',
  path: '/api/staff/password/reset',
  tags: ['Staff'],
  summary: 'Set a new password with the token from the emailed link; ends every session and signs in',
  request: body(PasswordResetSchema),
  responses: { 200: jsonResponse(StaffMeSchema, 'Password set and signed in'), ...throttled, ...problemResponses },
});
const change = createRoute({
  method: 'post',
  path: '/api/staff/password',
  tags: ['Staff'],
  summary: 'Change your password, with the current one; ends your other sessions',
  request: body(PasswordChangeSchema),
  responses: { 200: jsonResponse(PasswordChangedSchema, 'Password changed'), ...throttled, ...staffErrorResponses },
});
const adminReset = createRoute({
  method: 'post',
  path: '/api/staff/users/{id}/password-reset',
  tags: ['Admin'],
  summary: 'Reset a staff password: the old one stops working, every session ends, and the officer is emailed a link to choose a new one',
  request: { params: z.object({ id: z.uuid() }) },
  responses: { 200: jsonResponse(AdminPasswordResetSchema, 'Reset; the link is on its way'), 409: { description: 'Your own or a disabled account' }, ...staffErrorResponses },
});

/** The /api/staff routes a signed-out visitor may use: each checks its Origin itself. */
export const SIGNED_OUT_PATHS = new Set(['/api/staff/login', '/api/staff/password/forgot', '/api/staff/password/reset', '/api/staff/sso/start', '/api/staff/sso/callback']);

export function staffAuthRoutes() {
  const router = createRouter();
  router.use('/api/staff/*', async (c, next) => (SIGNED_OUT_PATHS.has(c.req.path) ? next() : requireStaff()(c, next)));
  router.use('/api/staff/users/:id/password-reset', requireAdmin());
  // LOCAL_PASSWORDS=off: no password is set or reset here (sign-in refuses in its use-case).
  for (const path of ['/api/staff/password/*', '/api/staff/password', '/api/staff/users/:id/password-reset']) {
    router.use(path, async (c, next) => {
      assertLocalPasswords(c.get('deps').config);
      await next();
    });
  }
  return router
    .openapi(login, async (c) => {
      assertSameOrigin(c);
      const { email, password, code } = c.req.valid('json');
      const deps = c.get('deps');
      const signedIn = await signIn(deps, {
        email,
        password,
        code,
        address: clientAddress(c, deps.config.trustProxy),
        previousToken: getCookie(c, SESSION_COOKIE),
        userAgent: c.req.header('user-agent'),
      });
      setSessionCookie(c, signedIn.token);
      return c.json({ ...signedIn.staff, csrfToken: signedIn.csrfToken, secondFactor: await secondFactorStatus(deps, signedIn.staff) }, 200);
    })
    .openapi(me, async (c) => c.json({ ...c.get('staff'), csrfToken: c.get('csrfToken'), secondFactor: await secondFactorStatus(c.get('deps'), c.get('staff')) }, 200))
    .openapi(logout, async (c) => {
      await signOut(c.get('deps'), c.get('sessionHash'));
      clearSessionCookie(c);
      return c.json({ signedOut: true }, 200);
    })
    .openapi(logoutEverywhere, async (c) => {
      const count = await signOutEverywhere(c.get('deps'), c.get('staff').id);
      clearSessionCookie(c);
      return c.json({ signedOut: true, sessions: count }, 200);
    })
    .openapi(forgot, async (c) => {
      assertSameOrigin(c);
      const deps = c.get('deps');
      await requestPasswordReset(deps, { email: c.req.valid('json').email, address: clientAddress(c, deps.config.trustProxy), locale: requestLocale(c) });
      return c.json({ sent: true as const }, 202);
    })
    .openapi(reset, async (c) => {
      assertSameOrigin(c);
      const { token, password, code } = c.req.valid('json');
      const deps = c.get('deps');
      const signedIn = await resetPassword(deps, {
        token,
        password,
        code,
        address: clientAddress(c, deps.config.trustProxy),
        previousToken: getCookie(c, SESSION_COOKIE),
        userAgent: c.req.header('user-agent'),
      });
      setSessionCookie(c, signedIn.token);
      return c.json({ ...signedIn.staff, csrfToken: signedIn.csrfToken, secondFactor: await secondFactorStatus(deps, signedIn.staff) }, 200);
    })
    .openapi(change, async (c) => {
      const { currentPassword, newPassword } = c.req.valid('json');
      const deps = c.get('deps');
      const result = await changePassword(deps, c.get('staff'), { currentPassword, newPassword, sessionHash: c.get('sessionHash'), address: clientAddress(c, deps.config.trustProxy) });
      return c.json({ changed: true as const, sessionsEnded: result.sessionsEnded }, 200);
    })
    .openapi(adminReset, async (c) => {
      const result = await adminResetPassword(c.get('deps'), c.get('staff'), c.req.valid('param').id, requestLocale(c));
      return c.json({ sent: true as const, sessionsEnded: result.sessionsEnded }, 200);
    });
}
