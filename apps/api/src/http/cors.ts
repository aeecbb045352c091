import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { setAnswerHeader } from './answer-headers.ts';

/**
 * CORS for what anyone may read from anywhere (`Access-Control-Allow-Origin: *`, no
 * credentials). hono's `cors` answers the preflight (OPTIONS). On other requests it sets its
 * headers before the route, on a placeholder answer the route's own is then copied into (see
 * `setAnswerHeader` for what that copy costs); here they are set on the route's answer, after it.
 */
export function openCors(options: { allowMethods: string[]; exposeHeaders?: string[] }): MiddlewareHandler {
  const preflight = cors({ origin: '*', ...options });
  const headers: Array<[string, string]> = [['Access-Control-Allow-Origin', '*']];
  if (options.exposeHeaders?.length) headers.push(['Access-Control-Expose-Headers', options.exposeHeaders.join(',')]);
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') return preflight(c, next);
    await next();
    for (const [name, value] of headers) setAnswerHeader(c, name, value);
  };
}
