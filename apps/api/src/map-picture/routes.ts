/**
 * GET /api/map/picture.svg: the still picture of the map that phones show before the map
 * library loads (docs/adr/0004-map-picture-before-map.md). Public data only; cached briefly
 * and revalidated by an ETag of the picture itself.
 */
import { createHash } from 'node:crypto';
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { BBoxParamSchema, PublicIdSchema } from '@groundswell/core';
import { createRouter, notFoundResponse, problemResponses } from '../http/router.ts';
import { getMapPicture, MAX_PICTURE_SPAN_DEGREES } from './get-map-picture.ts';

const SVG_TYPE = 'image/svg+xml';
const MIN_SIDE = 32;
const MAX_SIDE = 2048;

const side = (what: string) =>
  z.coerce
    .number()
    .int()
    .min(MIN_SIDE)
    .max(MAX_SIDE)
    .meta({ description: `The picture's ${what} in CSS pixels, ${MIN_SIDE} to ${MAX_SIDE}` });

const route = createRoute({
  method: 'get',
  path: '/api/map/picture.svg',
  operationId: 'getMapPicture',
  tags: ['Open data'],
  summary: 'A still picture of the map (SVG) for a box: council areas, ditches, place names and report clusters',
  description: `What the interactive map shows for this box at this size, drawn by the server: area outlines and names, the mapped ditch network (zoom 12 and closer), gazetteer place names, and public reports counted in the report tiles' own cluster grid (zoom 13 and out) or drawn one by one (closer), in the map legend's colours; with \`report\`, that report's shape alone, highlighted in its category's colour (the picture of one report's place). The box is shown whole and centred (Web Mercator, the map's projection). Public data only. Answers 304 to a matching If-None-Match.`,
  request: {
    query: z.object({
      bbox: BBoxParamSchema.meta({ description: `west,south,east,north in WGS84, at most ${MAX_PICTURE_SPAN_DEGREES} degrees each way` }),
      w: side('width'),
      h: side('height'),
      report: PublicIdSchema.optional().meta({ description: 'A public report to highlight' }),
    }),
  },
  responses: {
    200: { description: 'The picture', content: { [SVG_TYPE]: { schema: z.string() } } },
    304: { description: 'Not modified' },
    ...problemResponses,
    ...notFoundResponse,
  },
});

export function mapPictureRoutes() {
  return createRouter().openapi(route, async (c) => {
    const q = c.req.valid('query');
    const svg = await getMapPicture(c.get('deps'), { bbox: q.bbox, width: q.w, height: q.h, ...(q.report ? { report: q.report } : {}) });
    const etag = `"${createHash('sha1').update(svg).digest('base64url')}"`;
    // Short: the reports move on; a revalidation costs one query and answers 304 while nothing changed.
    const headers = { etag, 'cache-control': 'public, max-age=60', vary: 'accept-encoding' };
    const asked = c.req
      .header('if-none-match')
      ?.split(',')
      .map((s) => s.trim().replace(/^W\//, ''));
    if (asked?.includes(etag)) return c.body(null, 304, headers);
    return c.body(svg, 200, { ...headers, 'content-type': SVG_TYPE });
  });
}
