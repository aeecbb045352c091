import type { Context, MiddlewareHandler } from 'hono';
import { DomainError } from '@groundswell/core';
import { hitRateLimit } from '@groundswell/db';
import type { AppEnv } from './env.ts';
import { clientAddress } from './client.ts';

export interface RateLimitRule {
  name: string;
  limit: number;
  windowSeconds: number;
}

/**
 * A fixed-window limit per client address, counted in the database so that every API
 * process behind a load balancer enforces the same limit.
 */
export function rateLimit(rule: RateLimitRule): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const { database, clock, config } = c.get('deps');
    const now = clock.now().getTime();
    const windowMs = rule.windowSeconds * 1000;
    const windowStart = new Date(Math.floor(now / windowMs) * windowMs);
    const count = await hitRateLimit(database, `${rule.name}:${clientAddress(c, config.trustProxy)}`, windowStart);
    c.header('ratelimit-limit', String(rule.limit));
    c.header('ratelimit-remaining', String(Math.max(0, rule.limit - count)));
    if (count > rule.limit) {
      const retry = Math.ceil((windowStart.getTime() + windowMs - now) / 1000);
      c.header('retry-after', String(retry));
      throw new DomainError('rate_limited', `Too many requests; please try again in ${retry} seconds`);
    }
    await next();
  };
}

/**
 * The window this request counts in, for a use-case that counts the hit inside its own first
 * statement instead of the middleware's separate one (creating a report).
 */
export function rateLimitWindow(c: Context<AppEnv>, rule: RateLimitRule) {
  const { clock, config } = c.get('deps');
  const now = clock.now().getTime();
  const windowMs = rule.windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now / windowMs) * windowMs);
  return {
    bucket: `${rule.name}:${clientAddress(c, config.trustProxy)}`,
    windowStart,
    limit: rule.limit,
    retryAfterSeconds: Math.ceil((windowStart.getTime() + windowMs - now) / 1000),
  };
}

/** The headers the middleware sends, for a hit the use-case counted. */
export function rateLimitHeaders(c: Context<AppEnv>, rule: RateLimitRule, count: number | undefined): void {
  if (count === undefined) return;
  c.header('ratelimit-limit', String(rule.limit));
  c.header('ratelimit-remaining', String(Math.max(0, rule.limit - count)));
}
