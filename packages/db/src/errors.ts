/**
 * Telling a database that is not there (stopped, restarting, refusing connections) from a
 * query that failed: the first is a 503 to retry, the second a bug. The driver's error may
 * sit under drizzle's wrapper as `cause`.
 */

/** postgres.js's own connection errors, and the errno of a refused or reset socket. */
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EPIPE', 'CONNECT_TIMEOUT', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED']);

/**
 * SQLSTATEs that mean "the server is going away or not ready": class 08 (connection
 * exception), 57P01-57P03 (shutdown, crash shutdown, cannot connect now) and 53300 (too many
 * connections).
 */
const UNAVAILABLE_STATE = /^(08...|57P0[123]|53300)$/;

export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (CONNECTION_CODES.has(code) || UNAVAILABLE_STATE.test(code))) return true;
  }
  return false;
}
