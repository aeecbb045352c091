import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { forwardedClient, proxyMatcher, type TrustProxy } from '@groundswell/core';

// A proxy list is compiled once per configuration, not per request.
const matchers = new WeakMap<readonly string[], (address: string) => boolean>();

function matcherFor(trust: TrustProxy): ((address: string) => boolean) | undefined {
  if (typeof trust !== 'object') return undefined;
  let m = matchers.get(trust);
  if (!m) {
    m = proxyMatcher(trust);
    matchers.set(trust, m);
  }
  return m;
}

/** The socket peer's address; undefined for a request made in process (app.request() in tests has no socket). */
function socketAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return undefined;
  }
}

/**
 * The client's address, as the nearest trusted proxy saw it: X-Forwarded-For is walked from
 * the right past the trusted hops (TRUST_PROXY), so the hops a client writes itself are never
 * believed. The rule is core's `forwardedClient`.
 */
export function clientAddress(c: Context, trustProxy: TrustProxy): string {
  return forwardedClient({ forwardedFor: c.req.header('x-forwarded-for'), socket: socketAddress(c) }, trustProxy, matcherFor(trustProxy)) ?? 'unknown';
}
