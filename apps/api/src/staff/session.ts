import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import { DomainError, mustEnrolSecondFactor } from '@groundswell/core';
import { findSession } from '@groundswell/db';
import type { AppEnv } from '../http/env.ts';

export const SESSION_COOKIE = 'gs_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** What an administrator who must set up a second factor may still reach: who they are, setting it up, and leaving. */
const ENROLMENT_PATHS = new Set(['/api/staff/me', '/api/staff/security', '/api/staff/security/totp', '/api/staff/security/totp/confirm', '/api/staff/logout']);

import { SESSION_HOURS, hashToken } from './tokens.ts';

export { SESSION_HOURS, hashToken, newToken } from './tokens.ts';

export function setSessionCookie(c: Context<AppEnv>, token: string) {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: c.get('deps').config.publicUrl.startsWith('https://'),
    path: '/',
    maxAge: SESSION_HOURS * 3600,
  });
}

export function clearSessionCookie(c: Context<AppEnv>) {
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * A cross-site request carries the victim's cookie but not our Origin: refuse a change
 * whose Origin (or, without one, Sec-Fetch-Site) says it came from another site.
 */
export function assertSameOrigin(c: Context<AppEnv>) {
  const origin = c.req.header('origin');
  const own = new Set([new URL(c.req.url).origin, new URL(c.get('deps').config.publicUrl).origin]);
  if (origin ? !own.has(origin) : c.req.header('sec-fetch-site') === 'cross-site') {
    throw new DomainError('forbidden', 'This request came from another site and was refused', [{ field: 'header.origin', message: 'Cross-site request' }]);
  }
}

/**
 * Every /api/staff route but login: a live session from the cookie, and for changes the
 * same-origin check plus the session's CSRF token in X-CSRF-Token.
 */
export function requireStaff(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    const { database, clock } = c.get('deps');
    const session = token ? await findSession(database, hashToken(token), clock.now()) : undefined;
    if (!session) throw new DomainError('unauthorized', 'Please sign in as council staff');
    if (!SAFE_METHODS.has(c.req.method)) {
      assertSameOrigin(c);
      const sent = c.req.header('x-csrf-token') ?? '';
      if (!equal(sent, session.csrfToken)) {
        throw new DomainError('forbidden', 'The form was out of date; please reload the page and try again', [{ field: 'header.x-csrf-token', message: 'Missing or wrong CSRF token' }]);
      }
    }
    const { csrfToken, secondFactor, ...actor } = session;
    if (mustEnrolSecondFactor(actor.role, secondFactor, c.get('deps').config.adminSecondFactor) && !ENROLMENT_PATHS.has(c.req.path)) {
      throw new DomainError('forbidden', 'Set up a second factor first: administrators here must use an authenticator app', [{ field: 'secondFactor', message: 'Required for administrators' }]);
    }
    c.set('staff', actor);
    c.set('sessionHash', hashToken(token!));
    c.set('csrfToken', csrfToken);
    await next();
  };
}

export function requireAdmin(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.get('staff').role !== 'admin') throw new DomainError('forbidden', 'Only an administrator can do this');
    await next();
  };
}
