import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import type { AppEnv } from '../http/env.ts';
import { setAnswerHeader } from '../http/answer-headers.ts';

/** Paths that belong to the API and open-data services, never to the web app. */
const SERVICE_PREFIXES = ['/api/', '/export/', '/ogc', '/tiles/', '/open311/', '/feeds/', '/health'];

/** The app's one page; every screen is a hash route (apps/web/src/router.ts), so no other path is a page. */
const PAGE_PATHS = new Set(['/', '/index.html']);

/**
 * What a browser or a crawler gets for a path that is nothing here: a real 404, so a mistyped
 * or stale link is not indexed as a copy of the home page, and a person gets a way back.
 * No inline script or style: it is served under the app's Content-Security-Policy.
 */
const NOT_FOUND_PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="robots" content="noindex" />
    <title>Page not found: Groundswell</title>
  </head>
  <body>
    <h1>Page not found</h1>
    <p>There is nothing at this address. <a href="/">Go to the map of reports</a>.</p>
    <p lang="pl">Pod tym adresem nic nie ma. <a href="/">Przejdź do mapy zgłoszeń</a>.</p>
  </body>
</html>
`;

/**
 * Serves the built web app: its page at `/`, hashed assets cached for a year, and the other
 * built files (service worker, manifest, icons, robots.txt) as they are. Anything else is a 404.
 */
export function webRoutes(webDist: string | undefined) {
  const web = new Hono<AppEnv>();
  if (!webDist || !existsSync(join(webDist, 'index.html'))) return web;
  web.use('/assets/*', async (c, next) => {
    await next();
    if (c.res.status === 200) setAnswerHeader(c, 'cache-control', 'public, max-age=31536000, immutable');
  });
  // The page and the worker name the current assets: always revalidated, so a deploy is seen at once.
  web.use('*', async (c, next) => {
    await next();
    if (c.res.status === 200 && (PAGE_PATHS.has(c.req.path) || c.req.path === '/sw.js')) setAnswerHeader(c, 'cache-control', 'no-cache');
  });
  const files = serveStatic({ root: webDist });
  // Dot files in dist are build bookkeeping (.build-stamp, scripts/build-web-if-changed.mjs), not for the web.
  web.use('*', (c, next) => (c.req.path.includes('/.') ? next() : files(c, next)));
  web.get('*', (c) => {
    // The API's own 404 (problem+json) for service paths.
    if (SERVICE_PREFIXES.some((p) => c.req.path.startsWith(p))) return c.notFound();
    return c.html(NOT_FOUND_PAGE, 404, { 'cache-control': 'no-cache' });
  });
  return web;
}
