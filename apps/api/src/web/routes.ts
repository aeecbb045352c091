import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import type { AppEnv } from '../http/env.ts';

/** Paths that belong to the API and open-data services, never to the web app. */
const SERVICE_PREFIXES = ['/api/', '/export/', '/ogc', '/tiles/', '/open311/', '/feeds/', '/health'];

/**
 * Serves the built web app: hashed assets cached for a year, and index.html for every
 * other page path so client-side routes survive a reload.
 */
export function webRoutes(webDist: string | undefined) {
  const web = new Hono<AppEnv>();
  if (!webDist || !existsSync(join(webDist, 'index.html'))) return web;
  const indexHtml = readFileSync(join(webDist, 'index.html'), 'utf8');
  web.use('/assets/*', async (c, next) => {
    await next();
    if (c.res.status === 200) c.header('cache-control', 'public, max-age=31536000, immutable');
  });
  web.use('*', serveStatic({ root: webDist }));
  web.get('*', (c) => {
    if (SERVICE_PREFIXES.some((p) => c.req.path.startsWith(p))) return c.notFound();
    return c.html(indexHtml, 200, { 'cache-control': 'no-cache' });
  });
  return web;
}
