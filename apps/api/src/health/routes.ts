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

const ReplicaHealth = z.object({
  replicas: z
    .array(
      z.object({
        replica: z.number().int().meta({ description: 'Its place in DATABASE_REPLICA_URL, from 1 (hosts are named only in the metrics)' }),
        state: z.enum(['ok', 'lagging', 'down', 'unknown']),
        lagSeconds: z.number().nullable().meta({ description: 'How far behind the primary, at most; null when not measured' }),
        paused: z.boolean(),
        checkedAt: z.string().nullable(),
        error: z.string().nullable().meta({ description: "Why it is down (connection failed, health query failed, not a copy of the primary's database), never connection details" }),
      }),
    )
    .meta({ description: 'Empty when no replica is configured: every read is on the primary' }),
  maxLagSeconds: z.number(),
  reads: z.object({ replica: z.number().int(), primary: z.number().int() }).meta({ description: 'Read-only statements sent to a replica and to the primary by this process since it started' }),
});

const replicaHealth = createRoute({
  method: 'get',
  path: '/health/replicas',
  tags: ['System'],
  summary: 'Read replicas: the state and lag of each (a replica down or lagging is skipped and its reads go to the primary)',
  responses: { 200: { description: 'The latest health pass of this process', content: { 'application/json': { schema: ReplicaHealth } } } },
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
  ready.openapi(replicaHealth, (c) => {
    const { replicas, config } = c.get('deps');
    const list = (replicas?.status() ?? []).map((r, i) => ({
      replica: i + 1,
      state: r.state,
      lagSeconds: r.lagSeconds,
      paused: r.paused,
      checkedAt: r.checkedAt?.toISOString() ?? null,
      error: r.error ?? null,
    }));
    return c.json({ replicas: list, maxLagSeconds: replicas?.maxLagSeconds ?? config.replicas.maxLagSeconds, reads: replicas?.served() ?? { replica: 0, primary: 0 } }, 200);
  });
  return router;
}
