/**
 * The console map's tiles: `/api/staff/tiles/reports/{z}/{x}/{y}.mvt`, behind the staff
 * session or API key guard of everything under /api/staff, holding the reports the staff list
 * would show this person under the same filters. Private and never stored: remits differ.
 */
import { z } from 'zod';
import { StaffReportQuerySchema } from '@groundswell/core';
import { CLUSTER_LAYER, MAX_TILE_ZOOM, REPORT_LAYER } from '@groundswell/db';
import { createRouter, staffErrorResponses } from '../http/router.ts';
import { validationError } from '../http/problem.ts';
import { getStaffTile } from './get-staff-tile.ts';
import { MVT_TYPE, parseTile, tileResponse } from './routes.ts';

const StaffTileQuery = StaffReportQuerySchema.omit({ sort: true, limit: true, offset: true });

export function staffTileRoutes() {
  const router = createRouter();
  router.get('/api/staff/tiles/reports/:z{[0-9]{1,2}}/:x{[0-9]{1,8}}/:y{[0-9]{1,8}\\.mvt}', async (c) => {
    const tile = parseTile(c.req.param('z'), c.req.param('x'), c.req.param('y'));
    const parsed = StaffTileQuery.safeParse(c.req.query());
    if (!parsed.success) throw validationError(parsed.error, 'query');
    const bytes = await getStaffTile(c.get('deps'), c.get('staff'), tile, parsed.data);
    return tileResponse(c, bytes, { cacheControl: 'no-store' });
  });

  router.openAPIRegistry.registerPath({
    method: 'get',
    path: '/api/staff/tiles/reports/{z}/{x}/{y}.mvt',
    tags: ['Staff'],
    summary: 'A vector tile of the reports in your remit (the console map)',
    description: `The reports \`GET /api/staff/reports\` would list under the same filters (hidden ones too), as layers \`${CLUSTER_LAYER}\` (counts, up to zoom 13 and in crowded tiles) and \`${REPORT_LAYER}\`. Never cached by anyone: \`Cache-Control: private, no-store\`.`,
    request: {
      params: z.object({ z: z.string().meta({ description: `Zoom 0 to ${MAX_TILE_ZOOM}` }), x: z.string(), y: z.string() }),
      query: StaffTileQuery,
    },
    responses: {
      200: { description: 'Mapbox Vector Tile 2.1 (may be empty)', content: { [MVT_TYPE]: { schema: z.string().meta({ format: 'binary' }) } } },
      ...staffErrorResponses,
    },
  });
  return router;
}
