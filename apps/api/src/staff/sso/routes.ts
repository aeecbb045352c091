import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { DomainError, SSO_ATTEMPT_MINUTES, ssoErrorHash, type SsoError } from '@groundswell/core';
import type { Config } from '../../config.ts';
import type { AppEnv } from '../../http/env.ts';
import { clientAddress } from '../../http/client.ts';
import { rateLimit } from '../../http/rate-limit.ts';
import { createRouter, notFoundResponse } from '../../http/router.ts';
import { SESSION_COOKIE, setSessionCookie } from '../session.ts';
import { finishSsoSignIn } from './finish-sign-in.ts';
import { createSsoProvider, SsoFailure } from './provider.ts';
import { startSsoSignIn } from './start-sign-in.ts';

/** The browser's half of an attempt: the state, scoped to the callback's path, gone after ten minutes. */
const STATE_COOKIE = 'gs_sso_state';
const COOKIE_PATH = '/api/staff/sso';

/*
 * Both are pages a browser navigates to and leaves by a redirect, not API operations: they are
 * kept out of the OpenAPI document (`hide`), whose lint wants a 2xx answer from each operation.
 * They still validate their input through these definitions.
 */
const start = createRoute({
  hide: true,
  method: 'get',
  path: '/api/staff/sso/start',
  tags: ['Staff'],
  summary: "Sign in with the council's directory (OpenID Connect): redirects to its sign-in page",
  request: { query: z.object({ next: z.string().max(500).optional().meta({ description: 'A console page to land on, `#/staff/...`' }) }) },
  responses: {
    302: { description: 'To the provider; or back to the console sign-in page with `sso_error` when it cannot be reached' },
    429: { description: 'Too many sign-ins started from this address; `Retry-After` says how long to wait' },
    ...notFoundResponse,
  },
});

const callback = createRoute({
  hide: true,
  method: 'get',
  path: '/api/staff/sso/callback',
  tags: ['Staff'],
  summary: "The provider's redirect back: signs in and redirects to the console",
  responses: { 302: { description: 'Signed in, to the console page asked for; or to `#/staff/login?sso_error=<code>` (denied, failed, unknown, unverified, disabled, unavailable)' } },
});

/** Only to the site's own console, with a short code the sign-in page explains. */
const backToLogin = (c: Context<AppEnv>, code: SsoError) => c.redirect(`/${ssoErrorHash(code)}`, 302);

/** Single sign-on over OpenID Connect; without OIDC_ISSUER both routes answer 404. */
export function ssoRoutes(config: Config) {
  const provider = config.sso ? createSsoProvider(config.sso) : undefined;
  const notSetUp = () => new DomainError('not_found', 'Single sign-on is not set up on this site');
  const router = createRouter();
  // Each start keeps a row for ten minutes: bounded per address, generously, as a whole office may share one.
  router.use('/api/staff/sso/start', rateLimit({ name: 'sso-start', limit: 300, windowSeconds: 900 }));
  return router
    .openapi(start, async (c) => {
      if (!provider) throw notSetUp();
      const deps = c.get('deps');
      try {
        const { url, state } = await startSsoSignIn(deps, provider, { next: c.req.valid('query').next });
        const secure = deps.config.publicUrl.startsWith('https://');
        // Lax: the provider's redirect back is a top-level GET, which Lax cookies go with.
        setCookie(c, STATE_COOKIE, state, { httpOnly: true, sameSite: 'Lax', secure, path: COOKIE_PATH, maxAge: SSO_ATTEMPT_MINUTES * 60 });
        return c.redirect(url, 302);
      } catch (err) {
        if (!(err instanceof SsoFailure)) throw err;
        deps.logger.warn({ code: err.code, reason: err.message }, 'single sign-on could not start');
        return backToLogin(c, err.code);
      }
    })
    .openapi(callback, async (c) => {
      if (!provider) throw notSetUp();
      const deps = c.get('deps');
      const cookieState = getCookie(c, STATE_COOKIE);
      deleteCookie(c, STATE_COOKIE, { path: COOKIE_PATH });
      // The URL the provider redirected to, on the public address (behind a proxy c.req.url is the inner one).
      const callbackUrl = new URL(`${c.req.path}${new URL(c.req.url).search}`, deps.config.publicUrl);
      try {
        const { signedIn, next } = await finishSsoSignIn(deps, provider, {
          callbackUrl,
          cookieState,
          address: clientAddress(c, deps.config.trustProxy),
          previousToken: getCookie(c, SESSION_COOKIE),
          userAgent: c.req.header('user-agent'),
        });
        setSessionCookie(c, signedIn.token);
        return c.redirect(`/${next}`, 302);
      } catch (err) {
        const code = err instanceof SsoFailure ? err.code : 'failed';
        // The reason stays in the log; the browser gets only the short code, never a stack trace.
        deps.logger[err instanceof SsoFailure ? 'warn' : 'error']({ code, err }, 'single sign-on refused');
        return backToLogin(c, code);
      }
    });
}
