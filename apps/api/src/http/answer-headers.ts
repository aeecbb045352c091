import type { Context } from 'hono';

/**
 * Sets a header on the answer a route has already given, in place. Hono's `c.header` copies
 * a finished answer before changing it, and that copy turns @hono/node-server's light Response
 * (a string body written out at once) into a full web Response whose body is a stream read
 * back chunk by chunk: for a report, a tenth of the API's CPU went on such copies (issue 15,
 * S5). Only an answer passed on from fetch(), whose headers are immutable, is copied.
 */
export function setAnswerHeader(c: Context, name: string, value: string, options?: { append?: boolean }): void {
  try {
    if (options?.append) c.res.headers.append(name, value);
    else c.res.headers.set(name, value);
  } catch {
    c.header(name, value, options);
  }
}
