import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { PublicAreaSchema } from '@groundswell/core';
import { publicAreas } from '@groundswell/db';
import { createRouter } from '../http/router.ts';

const list = createRoute({
  method: 'get',
  path: '/api/areas',
  tags: ['Places'],
  summary: "The council's named areas (community councils, wards), to follow or to filter by",
  responses: { 200: { description: 'Areas by name', content: { 'application/json': { schema: z.array(PublicAreaSchema) } } } },
});

export function areaRoutes() {
  return createRouter().openapi(list, async (c) => {
    c.header('cache-control', 'public, max-age=300');
    return c.json(await publicAreas(c.get('deps').database), 200);
  });
}
