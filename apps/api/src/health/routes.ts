import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { ping } from '@groundswell/db';
import { databaseUnavailable } from '../http/problem.ts';
import { createRouter } from '../http/router.ts';

const route = createRoute({
  method: 'get',
  path: '/health',
  tags: ['System'],
  summary: 'Liveness and database readiness',
  responses: {
    200: { description: 'The database answers', content: { 'application/json': { schema: z.object({ status: z.literal('ok') }) } } },
    503: { description: 'The database does not answer' },
  },
});

export function healthRoutes() {
  return createRouter().openapi(route, async (c) => {
    try {
      await ping(c.get('deps').database);
    } catch (err) {
      c.get('log').warn({ err }, 'health check failed');
      throw databaseUnavailable();
    }
    return c.json({ status: 'ok' as const }, 200);
  });
}
