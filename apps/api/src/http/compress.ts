import type { MiddlewareHandler } from 'hono';
import { COMPRESSIBLE_CONTENT_TYPE_REGEX, compress } from 'hono/compress';
import { setAnswerHeader } from './answer-headers.ts';

/**
 * hono's `compress` (gzip or deflate for clients that ask), with its `Vary: Accept-Encoding`
 * set here on the route's own answer (`setAnswerHeader`). hono sets it with `c.header`, which
 * copies every compressible answer, compressed or not; with the header already there,
 * compress copies an answer only to compress it.
 */
export function compressAnswers(): MiddlewareHandler {
  const gzip = compress();
  return (c, next) =>
    gzip(c, async () => {
      await next();
      const headers = c.res.headers;
      const type = headers.get('content-type');
      if (!type || !COMPRESSIBLE_CONTENT_TYPE_REGEX.test(type) || headers.has('content-encoding')) return;
      const vary = headers.get('vary');
      if (vary === '*' || (vary && /(?:^|,)\s*accept-encoding\s*(?:,|$)/i.test(vary))) return;
      setAnswerHeader(c, 'vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
    });
}
