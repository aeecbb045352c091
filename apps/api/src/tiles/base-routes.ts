/**
 * The fallback base map's vector tiles: the council's areas, ditch network and place names
 * (see packages/db/src/base-tiles.ts). The web app's plain style draws them when the
 * configured base map cannot load. Public council data only; no report, no person.
 */
import { z } from 'zod';
import { openCors } from '../http/cors.ts';
import { BASE_LAYERS, BASE_TILE_FIELDS, DITCH_MIN_ZOOM, MAX_TILE_ZOOM, baseTileRows } from '@groundswell/db';
import { createRouter, problemResponses } from '../http/router.ts';
import { encodeTile } from './encode.ts';
import { MVT_TYPE, parseTile, tileResponse } from './routes.ts';

const LAYER_DOCS = {
  [BASE_LAYERS.areas]: 'Council areas: outlines (polygons) and one label point each',
  [BASE_LAYERS.ditches]: `The mapped ditch network's current segments, from zoom ${DITCH_MIN_ZOOM}`,
  [BASE_LAYERS.places]: 'Gazetteer place names with their kind and rank (1 most important); villages from zoom 10, farms from zoom 14',
};

export function baseTileRoutes() {
  const router = createRouter();
  router.use('/tiles/base/*', openCors({ allowMethods: ['GET', 'HEAD', 'OPTIONS'], exposeHeaders: ['etag'] }));

  router.get('/tiles/base/:z{[0-9]{1,2}}/:x{[0-9]{1,8}}/:y{[0-9]{1,8}\\.mvt}', async (c) => {
    const [z, x, y] = parseTile(c.req.param('z'), c.req.param('x'), c.req.param('y'));
    const bytes = await encodeTile(await baseTileRows(c.get('deps').database, z, x, y));
    return tileResponse(c, bytes);
  });

  router.openAPIRegistry.registerPath({
    method: 'get',
    path: '/tiles/base/{z}/{x}/{y}.mvt',
    operationId: 'getBaseTile',
    tags: ['Open data'],
    summary: 'A vector tile of the council base map (layers `areas`, `ditches`, `places`)',
    description: `The plain base map the app falls back to when its configured one cannot load. ${Object.entries(LAYER_DOCS)
      .map(([k, v]) => `\`${k}\` (${Object.keys(BASE_TILE_FIELDS[k as keyof typeof BASE_TILE_FIELDS]).join(', ')}): ${v}.`)
      .join(' ')} Answers 304 to a matching If-None-Match.`,
    request: {
      params: z.object({ z: z.string().meta({ description: `Zoom 0 to ${MAX_TILE_ZOOM}` }), x: z.string(), y: z.string() }),
    },
    responses: {
      200: { description: 'Mapbox Vector Tile 2.1 (may be empty)', content: { [MVT_TYPE]: { schema: z.string().meta({ format: 'binary' }) } } },
      304: { description: 'Not modified' },
      ...problemResponses,
    },
  });
  return router;
}
