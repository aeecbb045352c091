import type { HonoRequest, MiddlewareHandler } from 'hono';
import { DomainError, findUnstorableText, unstorableText } from '@groundswell/core';
import type { AppEnv } from './env.ts';
import { DEFAULT_BODY_BYTES, bodyLimitFor, mayHaveBody } from './body-limit.ts';

const refuse = (field: string, message: string) => new DomainError('validation_failed', `Please check ${field}: it ${message}`, [{ field, message: `This ${message}` }]);

/** A percent-encoded URL part as text, or why it is not text at all. */
function decodePart(raw: string): { text: string } | { problem: string } {
  try {
    const text = decodeURIComponent(raw);
    const problem = unstorableText(text);
    return problem ? { problem } : { text };
  } catch {
    return { problem: 'is not valid percent-encoded UTF-8' };
  }
}

/** Path segments and query parameters, read from the URL exactly as the client wrote it. */
function checkUrl(url: string): void {
  const { pathname, search } = new URL(url);
  for (const segment of pathname.split('/')) {
    const part = decodePart(segment);
    if ('problem' in part) throw refuse('path', part.problem);
  }
  if (search.length < 2) return;
  for (const pair of search.slice(1).split('&')) {
    const eq = pair.indexOf('=');
    const [rawName, rawValue] = eq < 0 ? [pair, ''] : [pair.slice(0, eq), pair.slice(eq + 1)];
    const name = decodePart(rawName.replaceAll('+', ' '));
    if ('problem' in name) throw refuse('query', `has a parameter name that ${name.problem}`);
    const value = decodePart(rawValue.replaceAll('+', ' '));
    if ('problem' in value) throw refuse(`query.${name.text}`, value.problem);
  }
}

/** `body.a.b`, kept readable when the body is nested thousands deep or a key is a megabyte long. */
function fieldName(path: string[]): string {
  const shown = path.slice(0, 20).map((key) => (key.length > 100 ? `${key.slice(0, 100)}…` : key));
  return ['body', ...shown, ...(path.length > shown.length ? ['…'] : [])].join('.');
}

const JSON_TYPE = /^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i;
const FORM_TYPE = /^(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i;
const MULTIPART = /^multipart\//i;

/**
 * JSON bodies are read once through Hono's body cache, which the route's validator reads
 * again (a copy of the request, `clone()`, forced @hono/node-server to build a full web
 * Request and tee its stream); form bodies from a copy, so the route still reads the
 * original. A body that does not parse is left to the route, which says so as it always has.
 */
async function checkBody(req: HonoRequest, type: string): Promise<void> {
  if (JSON_TYPE.test(type)) {
    let body: unknown;
    try {
      body = JSON.parse(await req.text());
    } catch {
      return;
    }
    // Hono keeps what was read for the route: its `json()` is this same parse, its `text()` the same text.
    req.bodyCache.json = Promise.resolve(body);
    const problem = findUnstorableText(body);
    if (problem) throw refuse(fieldName(problem.path), problem.message);
  } else if (FORM_TYPE.test(type)) {
    let form: FormData;
    try {
      form = await req.raw.clone().formData();
    } catch {
      return;
    }
    for (const [name, value] of form) {
      const nameProblem = unstorableText(name);
      if (nameProblem) throw refuse('body', `has a field name that ${nameProblem}`);
      // Files are bytes, checked by their own routes; only text fields are text.
      const problem = typeof value === 'string' ? unstorableText(value) : undefined;
      if (problem) throw refuse(fieldName([name]), problem);
    }
  }
}

/**
 * Refuses, with a 400 naming the field, any text PostgreSQL cannot store (a NUL, an unpaired
 * surrogate) or that is not text at all (malformed percent-encoding), wherever it arrives: a
 * path segment, a query parameter, a JSON body (values and keys) or a form field. One check in
 * front of every route, so that no route can forget it and answer 500 from the database.
 */
export function cleanInput(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    checkUrl(c.req.url);
    const type = c.req.header('content-type') ?? '';
    // Routes given more than the default take files (photos), which they read as bytes; parsing a 15 MB upload here only to find no text would double its cost.
    const takesFiles = MULTIPART.test(type) && bodyLimitFor(c.req.method, c.req.path).maxBytes > DEFAULT_BODY_BYTES;
    if (!takesFiles && mayHaveBody(c.req.raw)) await checkBody(c.req, type);
    await next();
  };
}
