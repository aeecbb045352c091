import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { z } from 'zod';
import {
  DomainError,
  RESIDENT_COOKIE,
  RESIDENT_SESSION_DAYS,
  ResidentDataSchema,
  ResidentErasedSchema,
  ResidentLinkRequestSchema,
  ResidentLinkSentSchema,
  ResidentSessionRequestSchema,
  ResidentSignedOutSchema,
  ResidentStoppedSchema,
  ResidentWhoSchema,
  say,
} from '@groundswell/core';
import { findResidentSession } from '@groundswell/db';
import { clientAddress } from '../http/client.ts';
import type { AppEnv } from '../http/env.ts';
import { requestLocale } from '../http/locale.ts';
import { createRouter, jsonBody as body, jsonResponse, problemResponses } from '../http/router.ts';
import { assertSameOrigin } from '../staff/session.ts';
import { hashToken } from '../staff/tokens.ts';
import { eraseMyContacts } from './erase-contacts.ts';
import { myData } from './my-data.ts';
import { openResidentSession } from './open-session.ts';
import { requestResidentLink } from './request-link.ts';
import type { Resident } from './resident.ts';
import { signOutResident } from './sign-out.ts';
import { stopAllEmails } from './stop-emails.ts';
import { setAnswerHeader } from '../http/answer-headers.ts';

/** The cookie is sent to /api/me only: no other route has any use for it. */
const COOKIE_PATH = '/api/me';

function setResidentCookie(c: Context<AppEnv>, token: string) {
  setCookie(c, RESIDENT_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: c.get('deps').config.publicUrl.startsWith('https://'),
    path: COOKIE_PATH,
    maxAge: RESIDENT_SESSION_DAYS * 86_400,
  });
}

/** The resident the cookie stands for; 401 without a live session. */
async function signedIn(c: Context<AppEnv>): Promise<Resident> {
  const token = getCookie(c, RESIDENT_COOKIE);
  const { database, clock } = c.get('deps');
  const session = token ? await findResidentSession(database, hashToken(token), clock.now()) : undefined;
  if (!session) throw new DomainError('unauthorized', say('me_sign_in'));
  return { email: session.email };
}

const signedInResponses = { ...problemResponses, 401: { description: 'Not signed in, or the session has ended' }, 403: { description: 'A request from another site' } } as const;
const route = <T extends z.ZodType>(method: 'get' | 'post', path: string, operationId: string, summary: string, schema: T) =>
  createRoute({ method, path, operationId, tags: ['My reports'], summary, responses: { 200: jsonResponse(schema), ...signedInResponses } });

const link = createRoute({
  method: 'post',
  path: '/api/me/link',
  operationId: 'requestResidentSignInLink',
  tags: ['My reports'],
  summary: 'Email a single-use sign-in link to see the reports and follows made with an address; the answer never says whether it has any',
  request: body(ResidentLinkRequestSchema),
  responses: {
    202: jsonResponse(ResidentLinkSentSchema, 'Sent, if anything was made with the address'),
    429: { description: 'Too many links asked for; `Retry-After` says how long to wait' },
    ...problemResponses,
  },
});
const session = createRoute({
  method: 'post',
  path: '/api/me/session',
  operationId: 'openResidentSession',
  tags: ['My reports'],
  summary: 'Open the emailed link: spends its token and sets the resident session cookie',
  request: body(ResidentSessionRequestSchema),
  responses: { 200: jsonResponse(ResidentWhoSchema, 'Signed in'), ...problemResponses },
});
const me = route('get', '/api/me', 'getMyReports', 'Every report made and every follow held with the signed-in address', ResidentDataSchema);
const stop = route('post', '/api/me/stop-emails', 'stopAllMyEmails', 'Stop all emails to the signed-in address: every follow ends, its reports send no more mail', ResidentStoppedSchema);
const erase = route(
  'post',
  '/api/me/erase',
  'eraseMyContactDetails',
  'Remove the contact details from every report made with the address (the reports stay, anonymous) and delete its follows',
  ResidentErasedSchema,
);
const signOut = createRoute({
  method: 'post',
  path: '/api/me/sign-out',
  operationId: 'signOutResident',
  tags: ['My reports'],
  summary: 'End this resident session',
  responses: { 200: jsonResponse(ResidentSignedOutSchema), 403: signedInResponses[403] },
});

export function residentRoutes() {
  const router = createRouter();
  // Personal data: never kept by a browser cache or a proxy.
  router.use('/api/me', async (c, next) => (await next(), setAnswerHeader(c, 'cache-control', 'no-store')));
  router.use('/api/me/*', async (c, next) => (await next(), setAnswerHeader(c, 'cache-control', 'no-store')));
  return router
    .openapi(link, async (c) => {
      assertSameOrigin(c);
      const deps = c.get('deps');
      const { email, locale } = c.req.valid('json');
      await requestResidentLink(deps, { email, address: clientAddress(c, deps.config.trustProxy), locale: locale ?? requestLocale(c) });
      return c.json({ sent: true as const }, 202);
    })
    .openapi(session, async (c) => {
      assertSameOrigin(c);
      const opened = await openResidentSession(c.get('deps'), c.req.valid('json').token);
      setResidentCookie(c, opened.token);
      return c.json({ email: opened.email }, 200);
    })
    .openapi(me, async (c) => c.json(await myData(c.get('deps'), await signedIn(c)), 200))
    .openapi(stop, async (c) => {
      assertSameOrigin(c);
      const result = await stopAllEmails(c.get('deps'), await signedIn(c));
      return c.json({ stopped: true as const, ...result }, 200);
    })
    .openapi(erase, async (c) => {
      assertSameOrigin(c);
      const result = await eraseMyContacts(c.get('deps'), await signedIn(c));
      // The session went with the address.
      deleteCookie(c, RESIDENT_COOKIE, { path: COOKIE_PATH });
      return c.json({ erased: true as const, ...result }, 200);
    })
    .openapi(signOut, async (c) => {
      assertSameOrigin(c);
      // Signing out twice, or after the session ran out, is no error: the cookie goes either way.
      const token = getCookie(c, RESIDENT_COOKIE);
      if (token) await signOutResident(c.get('deps'), hashToken(token));
      deleteCookie(c, RESIDENT_COOKIE, { path: COOKIE_PATH });
      return c.json({ signedOut: true as const }, 200);
    });
}
