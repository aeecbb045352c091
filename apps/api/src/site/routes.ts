import { createRoute } from '@hono/zod-openapi';
import { DEFAULT_LOCALE, LOCALES, SiteConfigSchema, type BBox } from '@groundswell/core';
import { serviceExtent } from '@groundswell/db';
import { createRouter } from '../http/router.ts';

/** Where the map opens before the council has loaded any areas: the demo's Carse of Gowrie. */
const FALLBACK_BOUNDS: BBox = [-3.4, 56.38, -3.0, 56.48];

const route = createRoute({
  method: 'get',
  path: '/api/config',
  tags: ['System'],
  summary: 'What the web app needs to start: site name, base map, where the council is',
  responses: { 200: { description: 'Public settings', content: { 'application/json': { schema: SiteConfigSchema } } } },
});

export function siteRoutes() {
  return createRouter().openapi(route, async (c) => {
    const { database, config } = c.get('deps');
    const bounds = (await serviceExtent(database)) ?? FALLBACK_BOUNDS;
    c.header('cache-control', 'public, max-age=300');
    const staffSignIn = { sso: config.sso ? { displayName: config.sso.displayName } : null, localPasswords: config.localPasswords };
    return c.json({ siteName: config.siteName, mapStyleUrl: config.mapStyleUrl, bounds, locales: [...LOCALES], defaultLocale: DEFAULT_LOCALE, staffSignIn }, 200);
  });
}
