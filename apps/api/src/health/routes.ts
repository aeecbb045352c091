import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { ping } from '@groundswell/db';
import { databaseUnavailable } from '../http/problem.ts';
import { createRouter } from '../http/router.ts';

const Ok = z.object({ status: z.literal('ok') });
const ok = (description: string) => ({ description, content: { 'application/json': { schema: Ok } } });

const readiness = (path: string, summary: string) =>
  createRoute({
    method: 'get',
    path,
    tags: ['System'],
    summary,
    responses: { 200: ok('The database answers'), 503: { description: 'The database does not answer: take this process out of the load balancer' } },
  });

const live = createRoute({
  method: 'get',
  path: '/health/live',
  tags: ['System'],
  summary: 'Liveness: the process answers (the database is not asked, so an outage does not get every process restarted)',
  responses: { 200: ok('The process is up') },
});

export function healthRoutes() {
  const router = createRouter();
  const ready = router.openapi(live, (c) => c.json({ status: 'ok' as const }, 200));
  for (const route of [readiness('/health', 'Readiness (the database answers); kept for existing monitors'), readiness('/health/ready', 'Readiness: the database answers')]) {
    ready.openapi(route, async (c) => {
      try {
        await ping(c.get('deps').database);
      } catch (err) {
        c.get('log').warn({ err }, 'health check failed');
        throw databaseUnavailable();
      }
      return c.json({ status: 'ok' as const }, 200);
    });
  }
  return router;
}
