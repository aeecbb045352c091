import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import { DomainError, problemOf, type FieldError } from '@groundswell/core';
import { isDatabaseUnavailable } from '@groundswell/db';
import type { AppEnv } from './env.ts';

export const PROBLEM_TYPE = 'application/problem+json';

export function problemResponse(c: Context<AppEnv>, err: DomainError): Response {
  const body = problemOf(err, c.req.path);
  const headers: Record<string, string> = { 'content-type': PROBLEM_TYPE };
  if (err.retryAfterSeconds !== undefined) headers['retry-after'] = String(err.retryAfterSeconds);
  return c.body(JSON.stringify(body), err.status as ContentfulStatusCode, headers);
}

/** Zod issues as field errors, prefixed with where they came from (`query.bbox`). */
export function fieldErrors(error: ZodError, where: string): FieldError[] {
  return error.issues.map((issue) => ({
    field: [where, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
}

export function validationError(error: ZodError, where: string): DomainError {
  const errors = fieldErrors(error, where);
  const names = [...new Set(errors.map((e) => e.field))].join(', ');
  return new DomainError('validation_failed', `Please check ${names}: ${errors[0]?.message ?? 'invalid value'}`, errors);
}

/** Seconds a client should wait before trying again while the database is away. */
export const DATABASE_RETRY_SECONDS = 5;

export const databaseUnavailable = () => new DomainError('unavailable', 'The database is not answering just now; please try again in a few seconds', [], { retryAfterSeconds: DATABASE_RETRY_SECONDS });

/** The last word on any error: a problem+json answer, and a log line for the unexpected. */
export function onError(err: Error, c: Context<AppEnv>): Response {
  if (err instanceof DomainError) return problemResponse(c, err);
  if (err instanceof HTTPException) {
    const status = err.status;
    const code = status === 413 ? 'payload_too_large' : status === 401 ? 'unauthorized' : status === 404 ? 'not_found' : 'bad_request';
    return problemResponse(c, new DomainError(code, err.message || 'The request could not be read'));
  }
  if (err instanceof SyntaxError) return problemResponse(c, new DomainError('bad_request', 'The request body is not valid JSON'));
  // A stopped or restarting database is not a bug: say so, and when to try again.
  if (isDatabaseUnavailable(err)) {
    c.get('log')?.warn({ err }, 'database unavailable');
    return problemResponse(c, databaseUnavailable());
  }
  c.get('log')?.error({ err }, 'unhandled error');
  return problemResponse(c, new DomainError('internal', 'Something went wrong on our side. It has been logged.'));
}
