/**
 * Council asset layers (issue 14): the admin's layers under /api/staff/asset-layers, and the
 * public reads the report flow uses: which layers serve a category, and a layer's assets in
 * a bbox, fetched through this server with a short cache.
 */
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  ASSET_BBOX_MAX_DEGREES,
  LayerAssetsSchema,
  AssetLayerInputSchema,
  AssetLayerSchema,
  BBoxParamSchema,
  bboxTooLarge,
  DomainError,
  nearestAsset,
  PublicAssetLayerSchema,
  say,
} from '@groundswell/core';
import { findAssetLayer, listAssetLayers } from '@groundswell/db';
import { createRouter, jsonBody, jsonResponse, problemResponses, ProblemSchema, staffCreated as created, staffOk as ok } from '../http/router.ts';
import { requireAdmin } from '../staff/session.ts';
import { LayerAssetCache, AssetLayerDown, fetchLayerAssets } from './fetch-features.ts';
import { saveAssetLayer } from './save-layer.ts';

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ProblemSchema } } });
const IdParam = z.object({ id: z.coerce.number().int().positive() });
const DOWN_RETRY_SECONDS = 60;

const listAdmin = createRoute({
  method: 'get',
  path: '/api/staff/asset-layers',
  tags: ['Admin'],
  summary: 'Council asset layers (OGC API Features or WFS 2.0) with their URLs, fields, categories and snapping distance',
  responses: ok(z.object({ layers: z.array(AssetLayerSchema) })),
});
const createLayer = createRoute({
  method: 'post',
  path: '/api/staff/asset-layers',
  tags: ['Admin'],
  summary: 'Add a council asset layer',
  request: jsonBody(AssetLayerInputSchema),
  responses: created(z.object({ id: z.number().int() })),
});
const updateLayer = createRoute({
  method: 'post',
  path: '/api/staff/asset-layers/{id}',
  tags: ['Admin'],
  summary: 'Change a council asset layer (or set it inactive)',
  request: { params: IdParam, ...jsonBody(AssetLayerInputSchema) },
  responses: ok(z.object({ id: z.number().int() })),
});
const listPublic = createRoute({
  method: 'get',
  path: '/api/asset-layers',
  tags: ['Reports'],
  summary: 'Active council asset layers, optionally only those serving a category',
  request: { query: z.object({ category: z.string().trim().min(1).max(100).optional() }) },
  responses: { 200: jsonResponse(z.object({ layers: z.array(PublicAssetLayerSchema) })), ...problemResponses },
});
const features = createRoute({
  method: 'get',
  path: '/api/asset-layers/{id}/features',
  tags: ['Reports'],
  summary: "A layer's assets in a bbox, fetched from the council's server through ours and cached for a minute",
  description: `\`bbox\` (west,south,east,north, WGS 84) may span at most ${ASSET_BBOX_MAX_DEGREES} degrees each way. With \`near\` (lon,lat) the nearest asset within the layer's snapping distance is named. When the council's server is down the answer is 503 with Retry-After.`,
  request: {
    params: IdParam,
    query: z.object({
      bbox: BBoxParamSchema.meta({ description: 'west,south,east,north', example: '-1.5,52.4,-1.49,52.41' }),
      near: z
        .string()
        .regex(/^-?\d+(\.\d+)?,-?\d+(\.\d+)?$/, 'Give near as lon,lat')
        .transform((t) => t.split(',').map(Number) as [number, number])
        .optional()
        .meta({ description: 'lon,lat of the chosen place' }),
    }),
  },
  responses: {
    200: jsonResponse(LayerAssetsSchema),
    ...problemResponses,
    404: problem('No such active layer'),
    503: problem("The council's server did not answer in time, or answered an error"),
  },
});

export function assetLayerRoutes() {
  const router = createRouter();
  // One cache per app (so per process in production), never shared between apps in a test.
  const cache = new LayerAssetCache(() => Date.now());
  router.use('/api/staff/asset-layers', requireAdmin());
  router.use('/api/staff/asset-layers/*', requireAdmin());
  return router
    .openapi(listAdmin, async (c) => c.json({ layers: await listAssetLayers(c.get('deps').database) }, 200))
    .openapi(createLayer, async (c) => c.json(await saveAssetLayer(c.get('deps'), c.get('staff'), c.req.valid('json')), 201))
    .openapi(updateLayer, async (c) => c.json(await saveAssetLayer(c.get('deps'), c.get('staff'), c.req.valid('json'), c.req.valid('param').id), 200))
    .openapi(listPublic, async (c) => {
      const rows = await listAssetLayers(c.get('deps').database, { activeOnly: true, category: c.req.valid('query').category });
      c.header('cache-control', 'public, max-age=60');
      return c.json({ layers: rows.map(({ id, name, categories, snapMetres }) => ({ id, name, categories, snapMetres })) }, 200);
    })
    .openapi(features, async (c) => {
      const { id } = c.req.valid('param');
      const { bbox, near } = c.req.valid('query');
      if (bboxTooLarge(bbox)) {
        const message = say('asset_layer_bbox_large', { max: ASSET_BBOX_MAX_DEGREES });
        throw new DomainError('validation_failed', message, [{ field: 'query.bbox', message }]);
      }
      const layer = await findAssetLayer(c.get('deps').database, id);
      if (!layer?.active) throw new DomainError('not_found', say('asset_layer_none', { id }));
      let found: Awaited<ReturnType<LayerAssetCache['get']>>;
      try {
        found = await cache.get(layer, bbox, () => fetchLayerAssets(layer, bbox));
      } catch (err) {
        if (!(err instanceof AssetLayerDown)) throw err;
        c.get('log')?.warn({ err, layer: id }, 'asset layer down');
        throw new DomainError('unavailable', say('asset_layer_down'), [], { retryAfterSeconds: DOWN_RETRY_SECONDS });
      }
      c.header('cache-control', found.stale ? 'no-store' : 'public, max-age=60');
      const nearest = near ? nearestAsset(found.features, near, layer.snapMetres) : null;
      return c.json({ layer: id, features: found.features, nearest }, 200);
    });
}
