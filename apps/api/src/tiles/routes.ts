/**
 * Vector tiles of public reports (Mapbox Vector Tile 2.1) and their TileJSON 3.0.0, served
 * through the shared tile cache (get-report-tile.ts). PostgreSQL/PostGIS encodes with
 * ST_AsMVT; PGlite encodes in JavaScript (render.ts). Same layers, same attributes.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { openCors } from '../http/cors.ts';
import type { Context } from 'hono';
import { DomainError, ReportQuerySchema, isoTimeParam } from '@groundswell/core';
import { CLUSTER_GRID, CLUSTER_LAYER, CLUSTER_MAX_ZOOM, MAX_TILE_FEATURES, MAX_TILE_ZOOM, REPORT_LAYER, TILE_FIELDS, reportExtent, type TileFilter } from '@groundswell/db';
import type { AppEnv } from '../http/env.ts';
import { readsFrom } from '../deps.ts';
import { createRouter, problemResponses } from '../http/router.ts';
import { validationError } from '../http/problem.ts';
import { CategoryListSchema } from '../open-data/query.ts';
import { canonicalFilter, canonicalQuery, getReportTile, TileMemory } from './get-report-tile.ts';

export { renderTile, type TileEngine } from './render.ts';

export const MVT_TYPE = 'application/vnd.mapbox-vector-tile';
/** The zoom TileJSON advertises; clients over-zoom beyond it. */
const TILEJSON_MAXZOOM = 16;
/** Short: a revalidation is one lookup and answers 304 while the tile's area is unchanged. */
const PUBLIC_TILE_CACHE = 'public, max-age=30';

const TileQuery = z.object({
  category: CategoryListSchema,
  state: ReportQuerySchema.shape.state,
  since: isoTimeParam('since').optional().meta({ description: 'Only reports created at or after this time (ISO 8601)' }),
});

function tileFilter(q: z.infer<typeof TileQuery>): TileFilter {
  return canonicalFilter({ ...(q.category ? { categories: q.category } : {}), ...(q.state ? { states: q.state } : {}), ...(q.since ? { since: q.since } : {}) });
}

/** Path parameters to tile numbers; out-of-range values are a 400 naming the field. Shared with the base-map tiles. */
export function parseTile(z: string, x: string, y: string): [number, number, number] {
  const [zn, xn, yn] = [Number(z), Number(x), Number(y.replace(/\.mvt$/, ''))];
  const n = 2 ** zn;
  if (zn > MAX_TILE_ZOOM) throw new DomainError('validation_failed', `Please check path.z: zoom goes up to ${MAX_TILE_ZOOM}`, [{ field: 'path.z', message: `z must be 0 to ${MAX_TILE_ZOOM}` }]);
  if (xn >= n) throw new DomainError('validation_failed', `Please check path.x: at zoom ${zn} x is 0 to ${n - 1}`, [{ field: 'path.x', message: `x must be below ${n}` }]);
  if (yn >= n) throw new DomainError('validation_failed', `Please check path.y: at zoom ${zn} y is 0 to ${n - 1}`, [{ field: 'path.y', message: `y must be below ${n}` }]);
  return [zn, xn, yn];
}

function parseQuery(query: Record<string, string>) {
  const parsed = TileQuery.safeParse(query);
  if (!parsed.success) throw validationError(parsed.error, 'query');
  return parsed.data;
}

/**
 * A tile's answer: an ETag (from its bytes unless the caller knows its data version, so a
 * data change shows at the next revalidation), the caching given, and 304 to a matching
 * If-None-Match.
 */
export function tileResponse(c: Context<AppEnv>, bytes: Uint8Array, options: { etag?: string; cacheControl?: string; headers?: Record<string, string> } = {}) {
  const etag = options.etag ?? `"${createHash('sha1').update(bytes).digest('base64url')}"`;
  const headers = { etag, 'cache-control': options.cacheControl ?? 'public, max-age=60', vary: 'accept-encoding', ...options.headers };
  const inm = c.req.header('if-none-match');
  if (
    inm
      ?.split(',')
      .map((s) => s.trim().replace(/^W\//, ''))
      .includes(etag)
  )
    return c.body(null, 304, headers);
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200, { ...headers, 'content-type': MVT_TYPE });
}

const LAYER_DOCS = {
  [REPORT_LAYER]: `Each public report with its shape (points, lines, areas), from zoom ${CLUSTER_MAX_ZOOM + 1}`,
  [CLUSTER_LAYER]: `Reports counted in a ${CLUSTER_GRID}×${CLUSTER_GRID} grid per tile (count, openCount, state: the most common state): up to zoom ${CLUSTER_MAX_ZOOM}, and in any tile with more than ${MAX_TILE_FEATURES} reports`,
};

export function tileRoutes() {
  const router = createRouter();
  // Per app (each process), never module-wide: bodies of tiles this process served lately.
  const memory = new TileMemory();
  router.use('/tiles/*', openCors({ allowMethods: ['GET', 'HEAD', 'OPTIONS'], exposeHeaders: ['etag', 'x-tile-cache'] }));

  router.get('/tiles/reports/:z{[0-9]{1,2}}/:x{[0-9]{1,8}}/:y{[0-9]{1,8}\\.mvt}', async (c) => {
    const tile = parseTile(c.req.param('z'), c.req.param('x'), c.req.param('y'));
    const filter = tileFilter(parseQuery(c.req.query()));
    const { bytes, etag, cache } = await getReportTile(c.get('deps'), tile, filter, memory);
    return tileResponse(c, bytes, { etag, cacheControl: PUBLIC_TILE_CACHE, headers: { 'x-tile-cache': cache } });
  });

  router.get('/tiles/reports.json', async (c) => {
    const q = parseQuery(c.req.query());
    const { config } = c.get('deps');
    const suffix = canonicalQuery(tileFilter(q));
    const bounds = (await reportExtent(readsFrom(c.get('deps')))) ?? [-180, -85.0511, 180, 85.0511];
    const center = [Number(((bounds[0] + bounds[2]) / 2).toFixed(6)), Number(((bounds[1] + bounds[3]) / 2).toFixed(6)), 11];
    const license = config.dataLicense;
    c.header('cache-control', 'public, max-age=300');
    return c.json({
      tilejson: '3.0.0',
      name: `${config.siteName} reports`,
      description: 'Public reports; personal data is never included.',
      version: '1.0.0',
      attribution: `© ${license.attribution}, ${license.url ? `<a href="${license.url}">${license.id}</a>` : license.id}`,
      scheme: 'xyz',
      tiles: [`${config.publicUrl}/tiles/reports/{z}/{x}/{y}.mvt${suffix}`],
      minzoom: 0,
      maxzoom: TILEJSON_MAXZOOM,
      bounds,
      center,
      vector_layers: [
        { id: CLUSTER_LAYER, description: LAYER_DOCS[CLUSTER_LAYER], minzoom: 0, maxzoom: TILEJSON_MAXZOOM, fields: TILE_FIELDS[CLUSTER_LAYER] },
        { id: REPORT_LAYER, description: LAYER_DOCS[REPORT_LAYER], minzoom: CLUSTER_MAX_ZOOM + 1, maxzoom: TILEJSON_MAXZOOM, fields: TILE_FIELDS[REPORT_LAYER] },
      ],
    });
  });

  router.openAPIRegistry.registerPath({
    method: 'get',
    path: '/tiles/reports/{z}/{x}/{y}.mvt',
    tags: ['Open data'],
    summary: 'A vector tile of public reports (layers `reports` and `clusters`)',
    description: `${Object.entries(LAYER_DOCS)
      .map(([k, v]) => `\`${k}\`: ${v}.`)
      .join(
        ' ',
      )} Served from a cache shared by every server process, keyed by the tile, its filters (in any order) and the data version of its area, which every write to a report there raises; the ETag is that version, and a matching If-None-Match answers 304. \`X-Tile-Cache\` says \`hit\` or \`miss\`.`,
    request: {
      params: z.object({ z: z.string().meta({ description: `Zoom 0 to ${MAX_TILE_ZOOM}` }), x: z.string(), y: z.string() }),
      query: TileQuery,
    },
    responses: {
      200: {
        description: 'Mapbox Vector Tile 2.1 (may be empty)',
        headers: { 'X-Tile-Cache': { description: '`hit` when served from the shared tile cache, `miss` when rendered', schema: { type: 'string', enum: ['hit', 'miss'] } } },
        content: { [MVT_TYPE]: { schema: z.string().meta({ format: 'binary' }) } },
      },
      304: { description: 'Not modified' },
      ...problemResponses,
    },
  });
  router.openAPIRegistry.registerPath({
    method: 'get',
    path: '/tiles/reports.json',
    tags: ['Open data'],
    summary: 'TileJSON 3.0.0 of the report tiles',
    request: { query: TileQuery },
    responses: { 200: { description: 'TileJSON', content: { 'application/json': { schema: z.object({ tilejson: z.string() }) } } } },
  });
  return router;
}
