import { createMiddleware } from 'hono/factory';
import { secureHeaders } from 'hono/secure-headers';
import type { Config } from '../config.ts';
import type { AppEnv } from './env.ts';
import { setAnswerHeader } from './answer-headers.ts';

/** Answers that carry a session or what only signed-in staff may read: never kept by a browser or a proxy. */
const NO_STORE_PREFIXES = ['/api/staff/'];

/** The origin of a configured URL, for a CSP source list; `undefined` for one that has none. */
function originOf(url: string): string | undefined {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}

/**
 * The Content-Security-Policy the web app and the docs UI run under: scripts only from this
 * server (neither serves an inline script: Swagger UI starts from /api/docs/init.js); MapLibre
 * runs its worker from a `blob:` URL and draws sprites and photo previews from `data:`/`blob:`
 * images; Solid and Swagger UI set style attributes, hence 'unsafe-inline' for styles only.
 * The base map (MAP_STYLE_URL) is fetched from its own host, which is allowed by its origin:
 * a style whose tiles, glyphs or sprites live on yet another host needs that host added here.
 */
export function contentSecurityPolicy(config: Pick<Config, 'mapStyleUrl' | 'publicUrl'>) {
  const map = originOf(config.mapStyleUrl);
  const external = map ? [map] : [];
  return {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:', 'blob:', ...external],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'", ...external],
    workerSrc: ["'self'", 'blob:'],
    childSrc: ["'self'", 'blob:'],
    manifestSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'self'"],
    ...(isHttps(config.publicUrl) ? { upgradeInsecureRequests: [] } : {}),
  };
}

const isHttps = (url: string) => url.startsWith('https://');

/**
 * Security headers on every answer: the CSP above; a Permissions-Policy that grants only what
 * the resident app uses (geolocation to place a report; photos come from a file input, which
 * needs no camera permission); a referrer that names only the origin to other hosts (tile
 * providers may check it); HSTS only when the public address is https, since a browser that
 * met it over plain http would be locked out; and `no-store` on sign-in and session answers.
 */
export function securityHeaders(config: Pick<Config, 'mapStyleUrl' | 'publicUrl'>) {
  const headers = secureHeaders({
    contentSecurityPolicy: contentSecurityPolicy(config),
    permissionsPolicy: { geolocation: ['self'], camera: [], microphone: [], payment: [], usb: [], serial: [], bluetooth: [], hid: [], midi: [] },
    referrerPolicy: 'strict-origin-when-cross-origin',
    // One year, without includeSubDomains: the council's other hosts are not ours to pin.
    strictTransportSecurity: isHttps(config.publicUrl) ? 'max-age=31536000' : false,
    // Open data, tiles and photos are meant to be embedded and fetched from anywhere.
    crossOriginEmbedderPolicy: false,
    crossOriginResourcePolicy: false,
  });
  return createMiddleware<AppEnv>(async (c, next) => {
    await headers(c, next);
    if (NO_STORE_PREFIXES.some((p) => c.req.path.startsWith(p))) setAnswerHeader(c, 'cache-control', 'no-store');
  });
}
