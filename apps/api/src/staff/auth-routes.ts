import { createRoute } from '@hono/zod-openapi';
import { getCookie } from 'hono/cookie';
import { z } from 'zod';
import { LoginSchema, StaffMeSchema } from '@groundswell/core';
import { createRouter, jsonResponse, problemResponses } from '../http/router.ts';
import { clientAddress } from '../http/client.ts';
import { SESSION_COOKIE, assertSameOrigin, clearSessionCookie, requireStaff, setSessionCookie } from './session.ts';
import { signIn } from './sign-in.ts';
import { signOut, signOutEverywhere } from './sign-out.ts';

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

export function staffAuthRoutes() {
  const router = createRouter();
  router.use('/api/staff/*', async (c, next) => (c.req.path === '/api/staff/login' ? next() : requireStaff()(c, next)));
  return router
    .openapi(login, async (c) => {
      assertSameOrigin(c);
      const { email, password } = c.req.valid('json');
      const deps = c.get('deps');
      const signedIn = await signIn(deps, { email, password, address: clientAddress(c, deps.config.trustProxy), previousToken: getCookie(c, SESSION_COOKIE), userAgent: c.req.header('user-agent') });
      setSessionCookie(c, signedIn.token);
      return c.json({ ...signedIn.staff, csrfToken: signedIn.csrfToken }, 200);
    })
    .openapi(me, async (c) => c.json({ ...c.get('staff'), csrfToken: c.get('csrfToken') }, 200))
    .openapi(logout, async (c) => {
      await signOut(c.get('deps'), c.get('sessionHash'));
      clearSessionCookie(c);
      return c.json({ signedOut: true }, 200);
    })
    .openapi(logoutEverywhere, async (c) => {
      const count = await signOutEverywhere(c.get('deps'), c.get('staff').id);
      clearSessionCookie(c);
      return c.json({ signedOut: true, sessions: count }, 200);
    });
}
