import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import { DEFAULT_LOCALE, DomainError, localizeProblem, problemOf, say, type FieldIssue, type Locale } from '@groundswell/core';
import { isDatabaseUnavailable, reportLocaleOf } from '@groundswell/db';
import type { AppEnv } from './env.ts';
import { knownLocale, requestedLocale } from './locale.ts';

export const PROBLEM_TYPE = 'application/problem+json';

/**
 * The one place a problem is put into words for its reader: in the language the request asks
 * for, or, for a request about one report that does not say, the language the report was
 * made in. The `code` never changes; `errors` carry only `field` and `message`.
 */
export async function problemResponse(c: Context<AppEnv>, err: DomainError): Promise<Response> {
  const locale = await problemLocale(c);
  const fields = err.errors.map(({ field, message }) => ({ field, message }));
  const body = localizeProblem({ ...problemOf(err, c.req.path), ...(fields.length ? { errors: fields } : {}) }, locale, err.errors);
  const headers: Record<string, string> = { 'content-type': PROBLEM_TYPE, 'content-language': locale, vary: 'Accept-Language' };
  if (err.retryAfterSeconds !== undefined) headers['retry-after'] = String(err.retryAfterSeconds);
  return c.body(JSON.stringify(body), err.status as ContentfulStatusCode, headers);
}

/** Supports and photos of one report: `/api/reports/{id}/supports`, `/api/reports/{id}/photos`. */
const ABOUT_ONE_REPORT = /^\/api\/reports\/([a-z0-9]{4,32})\/(?:supports?|photos)$/;

async function problemLocale(c: Context<AppEnv>): Promise<Locale> {
  const asked = requestedLocale(c);
  if (asked) return asked;
  try {
    let report = ABOUT_ONE_REPORT.exec(c.req.path)?.[1];
    if (!report && c.req.method === 'POST' && c.req.path === '/api/subscriptions') {
      // A follow says its language in its body, when the validator has read it (never read here: it may be the problem); else the report's.
      const read = Object.keys(c.req.bodyCache).length > 0;
      const body = (read ? await c.req.json().catch(() => undefined) : undefined) as { locale?: unknown; report?: unknown } | undefined;
      const said = knownLocale(body?.locale);
      if (said) return said;
      if (typeof body?.report === 'string') report = body.report;
    }
    const database = c.get('deps')?.database;
    if (report && database) return knownLocale(await reportLocaleOf(database, report)) ?? DEFAULT_LOCALE;
  } catch {
    // A database that cannot say is no reason not to answer: English it is.
  }
  return DEFAULT_LOCALE;
}

/** Zod issues as field errors, prefixed with where they came from (`query.bbox`), keeping the issue's kind and limits for translation. */
export function fieldErrors(error: ZodError, where: string): FieldIssue[] {
  return error.issues.map((issue) => {
    const limits: Record<string, number> = {};
    if ('minimum' in issue) limits.minimum = Number(issue.minimum);
    if ('maximum' in issue) limits.maximum = Number(issue.maximum);
    return { field: [where, ...issue.path.map(String)].join('.'), message: issue.message, kind: issue.code, limits };
  });
}

export function validationError(error: ZodError, where: string): DomainError {
  const errors = fieldErrors(error, where);
  const names = [...new Set(errors.map((e) => e.field))].join(', ');
  return new DomainError('validation_failed', say('please_check', { fields: names, message: errors[0]?.message ?? say('invalid_value') }), errors);
}

/** Seconds a client should wait before trying again while the database is away. */
export const DATABASE_RETRY_SECONDS = 5;

export const databaseUnavailable = () => new DomainError('unavailable', say('database_unavailable'), [], { retryAfterSeconds: DATABASE_RETRY_SECONDS });

/** The last word on any error: a problem+json answer, and a log line for the unexpected. */
export function onError(err: Error, c: Context<AppEnv>): Promise<Response> {
  if (err instanceof DomainError) return problemResponse(c, err);
  if (err instanceof HTTPException) {
    const status = err.status;
    const code = status === 413 ? 'payload_too_large' : status === 401 ? 'unauthorized' : status === 404 ? 'not_found' : 'bad_request';
    return problemResponse(c, new DomainError(code, err.message || say('request_unreadable')));
  }
  if (err instanceof SyntaxError) return problemResponse(c, new DomainError('bad_request', say('body_not_json')));
  // A stopped or restarting database is not a bug: say so, and when to try again.
  if (isDatabaseUnavailable(err)) {
    c.get('log')?.warn({ err }, 'database unavailable');
    return problemResponse(c, databaseUnavailable());
  }
  c.get('log')?.error({ err }, 'unhandled error');
  return problemResponse(c, new DomainError('internal', say('internal')));
}
