import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { setAnswerHeader } from './answer-headers.ts';

/**
 * CORS for what anyone may read from anywhere (`Access-Control-Allow-Origin: *`, no
 * credentials). hono's `cors` answers the preflight (OPTIONS). On every other request it sets
 * its headers before the route runs, on a placeholder answer that Hono then copies the route's
 * own answer into; that copy turns @hono/node-server's light Response into a full web Response
 * whose body is a stream, read back chunk by chunk to be written. Here the same headers are set
 * on the route's own answer, after it (`setAnswerHeader`), and nothing is copied.
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
