import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { searchPlaces, serviceExtent, type PlaceHit } from '@groundswell/db';
import type { Logger } from 'pino';
import { PlaceSchema, type BBox } from '@groundswell/core';
import { createRouter, problemResponses } from '../http/router.ts';

const MAX_HITS = 10;

const route = createRoute({
  method: 'get',
  path: '/api/places',
  tags: ['Places'],
  summary: 'Find a place by name: council areas, the gazetteer, then the configured geocoder',
  request: { query: z.object({ q: z.string().trim().min(2, 'Type at least two letters').max(100, 'Please use fewer than 100 characters') }) },
  responses: { 200: { description: 'Best matches first', content: { 'application/json': { schema: z.array(PlaceSchema) } } }, ...problemResponses },
});

/** Asks a Nominatim-compatible geocoder, within the council's extent; silence rather than an error if it is down. */
async function geocode(base: string, q: string, within: BBox | undefined, log: Logger): Promise<PlaceHit[]> {
  const url = new URL(`${base}/search`);
  url.searchParams.set('q', q);
  url.searchParams.set('format', 'jsonv2');
  url.searchParams.set('limit', '5');
  if (within) {
    url.searchParams.set('viewbox', within.join(','));
    url.searchParams.set('bounded', '1');
  }
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(3000), headers: { 'user-agent': 'Groundswell (council reporting)' } });
    if (!res.ok) throw new Error(`geocoder answered ${res.status}`);
    const hits = (await res.json()) as Array<{ display_name: string; lon: string; lat: string; boundingbox?: [string, string, string, string] }>;
    return hits.map((h) => ({
      name: h.display_name,
      kind: 'place' as const,
      center: [Number(h.lon), Number(h.lat)] as [number, number],
      // Nominatim's boundingbox is south, north, west, east.
      bbox: h.boundingbox ? ([Number(h.boundingbox[2]), Number(h.boundingbox[0]), Number(h.boundingbox[3]), Number(h.boundingbox[1])] as BBox) : null,
    }));
  } catch (err) {
    log.warn({ err }, 'geocoder unavailable');
    return [];
  }
}

export function placeRoutes() {
  return createRouter().openapi(route, async (c) => {
    const { q } = c.req.valid('query');
    const { database, config } = c.get('deps');
    const own = await searchPlaces(database, q, MAX_HITS);
    const more = config.geocoderUrl && own.length < MAX_HITS ? await geocode(config.geocoderUrl, q, await serviceExtent(database), c.get('log')) : [];
    c.header('cache-control', 'public, max-age=300');
    return c.json([...own, ...more].slice(0, MAX_HITS), 200);
  });
}
