import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { DomainError, MAX_PHOTO_BYTES, photoTooLarge } from '@groundswell/core';
import type { AppEnv } from './env.ts';

/** A route that may take a larger (or must take a smaller) body than the default. */
export interface BodyLimitRule {
  method: string;
  /** Matched against the request path. */
  path: RegExp;
  maxBytes: number;
  /** The route's own words for "too large", where it has them. */
  tooLarge?: (field: string) => DomainError;
}

/** JSON and form bodies: a report with 2,000 vertices and 4,000 characters is a few tens of KB. */
export const DEFAULT_BODY_BYTES = 1024 * 1024;

export const BODY_LIMITS: readonly BodyLimitRule[] = [
  // The photo itself plus the multipart envelope; its route checks the photo again by its bytes.
  { method: 'POST', path: /^\/api\/reports\/[^/]+\/photos$/, maxBytes: MAX_PHOTO_BYTES + 64 * 1024, tooLarge: () => photoTooLarge() },
  // A report is a few KB; 2,000 vertices and 4,000 characters fit well under this.
  {
    method: 'POST',
    path: /^\/api\/reports$/,
    maxBytes: 512 * 1024,
    tooLarge: (field) => new DomainError('payload_too_large', 'A report may be at most 512 KB', [{ field, message: 'A report may be at most 512 KB' }]),
  },
  // Council boundaries exported from a GIS are large GeoJSON; only admins reach this route.
  { method: 'POST', path: /^\/api\/staff\/areas\/import$/, maxBytes: 20 * 1024 * 1024 },
  // A council's street register (OS Open USRN or OSM ways); a larger one goes through the CLI.
  { method: 'POST', path: /^\/api\/staff\/streets\/import$/, maxBytes: 20 * 1024 * 1024 },
  // A council's slice of OS Open Names or an OSM extract; a whole country goes through the CLI.
  { method: 'POST', path: /^\/api\/staff\/listening\/gazetteer$/, maxBytes: 20 * 1024 * 1024 },
];

const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB` : `${Math.round(bytes / 1024)} KB`);

/** The limit for a request, and the rule that set it (none: the default). */
export function bodyLimitFor(method: string, path: string, rules: readonly BodyLimitRule[] = BODY_LIMITS, defaultBytes = DEFAULT_BODY_BYTES): { rule?: BodyLimitRule; maxBytes: number } {
  const rule = rules.find((r) => r.method === method && r.path.test(path));
  return rule ? { rule, maxBytes: rule.maxBytes } : { maxBytes: defaultBytes };
}

function tooLarge(rule: BodyLimitRule | undefined, maxBytes: number, field: string): DomainError {
  if (rule?.tooLarge) return rule.tooLarge(field);
  const message = `The request body may be at most ${size(maxBytes)}`;
  return new DomainError('payload_too_large', message, [{ field, message }]);
}

/**
 * Whether a request can carry a body, from its method and headers alone. Reading
 * `request.body` makes @hono/node-server build a full web Request (an AbortController and a
 * web stream over the socket) where `text()` would read the bytes straight from Node's
 * request: for a report, about a sixth of the API's own CPU (issue 15, S5). A request
 * with neither header has no body in HTTP/1.1; `request.body` still answers for the rest.
 */
export function mayHaveBody(request: Request): boolean {
  if (request.method === 'GET' || request.method === 'HEAD') return false;
  const length = request.headers.get('content-length');
  if (length !== null && !request.headers.has('transfer-encoding')) return length.trim() !== '0';
  return request.headers.has('transfer-encoding') || request.body !== null;
}

/**
 * One body limit in front of every route. A declared `Content-Length` over the limit is
 * refused before a byte of the body is read; a body without one (chunked) is read only up
 * to the limit and refused there. Either way nothing reaches the route.
 */
export function bodyLimits(rules: readonly BodyLimitRule[] = BODY_LIMITS, defaultBytes = DEFAULT_BODY_BYTES): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!mayHaveBody(c.req.raw)) return next();
    const { rule, maxBytes } = bodyLimitFor(c.req.method, c.req.path, rules, defaultBytes);
    const declared = c.req.header('content-length');
    if (declared !== undefined && !c.req.header('transfer-encoding')) {
      const length = Number(declared.trim());
      if (!/^\s*\d+\s*$/.test(declared)) {
        throw new DomainError('bad_request', 'Content-Length must be a number of bytes', [{ field: 'header.content-length', message: 'Not a number of bytes' }]);
      }
      if (length > maxBytes) throw tooLarge(rule, maxBytes, 'header.content-length');
      // The server reads no more than the declared length, so the body is within the limit.
      return next();
    }
    if (!c.req.raw.body) return next();
    return bodyLimit({
      maxSize: maxBytes,
      onError: () => {
        throw tooLarge(rule, maxBytes, 'body');
      },
    })(c, next);
  };
}
