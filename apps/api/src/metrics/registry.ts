import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { EXPORT_SLOTS } from '@groundswell/core';
import { connectionCounts, jobCounts, leasesHeld } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';

export interface Metrics {
  registry: Registry;
  /** One finished request: its method, the route pattern it matched (never the raw path), status and duration. */
  observeRequest(method: string, route: string, status: number, seconds: number): void;
}

/**
 * The Prometheus series of one app (one registry per `createApp`, so tests and a second app
 * in the same process never share counters). Queue depth, export slots and connections are
 * read from the database at scrape time, so every process reports the shared truth.
 */
export function createMetrics(deps: Pick<AppDeps, 'database' | 'replicas' | 'clock' | 'logger'>): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'groundswell_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status code',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const durations = new Histogram({
    name: 'groundswell_http_request_duration_seconds',
    help: 'Time to answer an HTTP request (until the handler returns; a streamed body may take longer)',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  // A scrape must still answer when the database is away: the gauges then keep their last values and the failure is logged.
  const fromDatabase = async (read: () => Promise<void>, what: string) => {
    try {
      await read();
    } catch (err) {
      deps.logger.warn({ err }, `metrics: could not read ${what}`);
    }
  };
  new Gauge({
    name: 'groundswell_jobs',
    help: 'Background jobs by queue and state (created and retry are waiting; failed ran out of retries)',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      await fromDatabase(async () => {
        const counts = await jobCounts(deps.database);
        this.reset();
        for (const c of counts) this.set({ queue: c.queue, state: c.state }, c.count);
      }, 'the job queue');
    },
  });
  new Gauge({
    name: 'groundswell_export_slots_in_use',
    help: `Full exports streaming now, across every process (at most groundswell_export_slots)`,
    registers: [registry],
    async collect() {
      await fromDatabase(async () => this.set(await leasesHeld(deps.database, 'export', deps.clock.now())), 'the export slots');
    },
  });
  new Gauge({ name: 'groundswell_export_slots', help: 'Full exports allowed at once', registers: [registry] }).set(EXPORT_SLOTS);
  new Gauge({
    name: 'groundswell_database_connections',
    help: 'Connections to the database by state, from every client (pg_stat_activity)',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      await fromDatabase(async () => {
        const counts = await connectionCounts(deps.database);
        this.reset();
        for (const c of counts) this.set({ state: c.state }, c.count);
      }, 'the connections');
    },
  });
  // Read replicas (issue 15): this process's latest health pass and where its reads went; hosts named, as /metrics is for operators.
  new Gauge({
    name: 'groundswell_replica_lag_seconds',
    help: 'How far each read replica is behind the primary (an upper bound; NaN when not measured)',
    labelNames: ['replica'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const r of deps.replicas?.status() ?? []) this.set({ replica: r.name }, r.lagSeconds ?? Number.NaN);
    },
  });
  new Gauge({
    name: 'groundswell_replica_up',
    help: 'Whether reads go to each replica now (1), or it is down or lagging past REPLICA_MAX_LAG_SECONDS (0)',
    labelNames: ['replica', 'state'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const r of deps.replicas?.status() ?? []) this.set({ replica: r.name, state: r.state }, r.state === 'ok' ? 1 : 0);
    },
  });
  new Counter({
    name: 'groundswell_replica_eligible_reads_total',
    help: "Read-only work that may go to a replica (a request's reads), by where it ran: replica, or primary (none healthy, or rerun there after its replica failed); counted when replicas are configured",
    labelNames: ['served_by'] as const,
    registers: [registry],
    collect() {
      const served = deps.replicas?.served() ?? { replica: 0, primary: 0 };
      this.reset();
      this.inc({ served_by: 'replica' }, served.replica);
      this.inc({ served_by: 'primary' }, served.primary);
    },
  });
  return {
    registry,
    observeRequest(method, route, status, seconds) {
      requests.inc({ method, route, status: String(status) });
      durations.observe({ method, route }, seconds);
    },
  };
}
