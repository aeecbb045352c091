import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { CategorySchema } from '@groundswell/core';
import { listActiveCategories, toCategory } from '@groundswell/db';
import { createRouter } from '../http/router.ts';

const list = createRoute({
  method: 'get',
  path: '/api/categories',
  tags: ['Reports'],
  summary: 'Categories with their question forms and allowed geometry types',
  responses: {
    200: { description: 'Active categories in display order', content: { 'application/json': { schema: z.array(CategorySchema) } } },
  },
});

export function categoryRoutes() {
  return createRouter().openapi(list, async (c) => {
    const rows = await listActiveCategories(c.get('deps').database);
    c.header('cache-control', 'public, max-age=60');
    return c.json(rows.map(toCategory), 200);
  });
}
