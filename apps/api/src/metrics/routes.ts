import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { DomainError } from '@groundswell/core';
import type { AppEnv } from '../http/env.ts';
import { problemResponse } from '../http/problem.ts';
import { createRouter } from '../http/router.ts';
import type { Metrics } from './registry.ts';

/** Counts and times every request under the route pattern it matched, so labels stay few. */
export function observeRequests(metrics: Metrics): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const pattern = routePath(c, -1);
    // Unmatched paths all share one label: a scanner's random URLs must not grow the series.
    const route = c.res.status === 404 && (pattern === '*' || pattern === '/*') ? 'unmatched' : pattern;
    metrics.observeRequest(c.req.method, route, c.res.status, (performance.now() - started) / 1000);
  };
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * `GET /metrics` in the Prometheus text format, for a bearer of METRICS_TOKEN only (queue
 * depth and traffic are not for everyone). Without a token configured the route does not exist.
 * Not in the OpenAPI document: it is for the operator's scraper, not for API clients.
 */
export function metricsRoutes(metrics: Metrics, token: string | undefined) {
  return createRouter().get('/metrics', async (c) => {
    if (!token) throw new DomainError('not_found', 'Nothing at /metrics');
    const given = /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1] ?? '';
    if (!timingSafeEqual(digest(given), digest(token))) {
      const refused = await problemResponse(c, new DomainError('unauthorized', 'The metrics need the bearer token set in METRICS_TOKEN'));
      refused.headers.set('WWW-Authenticate', 'Bearer realm="metrics"');
      return refused;
    }
    const body = await metrics.registry.metrics();
    return c.body(body, 200, { 'content-type': metrics.registry.contentType, 'cache-control': 'no-store' });
  });
}
