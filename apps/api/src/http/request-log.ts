import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppDeps } from '../deps.ts';
import type { AppEnv } from './env.ts';
import { setAnswerHeader } from './answer-headers.ts';

const VALID_ID = /^[\w.-]{1,100}$/;

/** A path as logged: the token of an emailed "Is it fixed?" link is a key to answer for the reporter, so it stays out of the logs. */
const loggedPath = (path: string) => path.replace(/^(\/api\/questionnaires\/)[^/]+/, '$1<token>');

/** Gives every request an id (a proxy's X-Request-Id is kept) and a logger that carries it. */
export function requestLog(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && VALID_ID.test(incoming) ? incoming : randomUUID();
    const log = deps.logger.child({ reqId: requestId });
    c.set('requestId', requestId);
    c.set('log', log);
    c.set('deps', deps);
    const started = performance.now();
    await next();
    setAnswerHeader(c, 'x-request-id', requestId);
    log.info({ method: c.req.method, path: loggedPath(c.req.path), status: c.res.status, ms: Math.round(performance.now() - started) }, 'request');
  };
}
