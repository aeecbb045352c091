/**
 * Operations (issue 16): `/metrics` in the Prometheus text format for the bearer of
 * METRICS_TOKEN, with request counts and latencies by route pattern, the job queue, export
 * slots and database connections; liveness apart from readiness.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeExportSlot } from '../src/open-data/export-slots.ts';
import { testApp } from './helpers.ts';

const TOKEN = 'metrics-token-for-the-test-0123';

describe('GET /metrics', () => {
  let ctx: Awaited<ReturnType<typeof testApp>>;
  beforeAll(async () => {
    ctx = await testApp({ metricsToken: TOKEN });
  });
  afterAll(() => ctx?.close());

  const scrape = (authorization?: string) => ctx.app.request('/metrics', authorization ? { headers: { authorization } } : {});

  it('refuses a scrape without the token, or with another one, as a problem with a Bearer challenge', async () => {
    for (const auth of [undefined, 'Bearer not-the-token', `Basic ${TOKEN}`, `Bearer ${TOKEN}x`]) {
      const res = await scrape(auth);
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
      expect(await res.text()).not.toContain('groundswell_');
    }
  });

  it('counts requests under their route pattern, never the raw path', async () => {
    await ctx.app.request('/api/reports/abcd1234');
    await ctx.app.request('/api/reports/zzzz9999');
    await ctx.app.request('/health/ready');
    await ctx.app.request('/no/such/page/42');
    const res = await scrape(`Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toContain('groundswell_http_requests_total{method="GET",route="/api/reports/:id",status="404"} 2');
    expect(text).toContain('groundswell_http_requests_total{method="GET",route="/health/ready",status="200"} 1');
    expect(text).toContain('groundswell_http_requests_total{method="GET",route="unmatched",status="404"} 1');
    expect(text).not.toContain('abcd1234');
    expect(text).not.toContain('/no/such/page');
    expect(text).toMatch(/groundswell_http_request_duration_seconds_count\{method="GET",route="\/api\/reports\/:id"\} 2/);
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
  });

  it('reads the queue, the export slots and the connections from the database at scrape time', async () => {
    await ctx.deps.jobs.sendMail({ to: 'someone@example.org', subject: 'Hello', text: 'Hello' });
    const slot = await takeExportSlot(ctx.deps);
    expect(slot).toBeDefined();
    const text = await (await scrape(`Bearer ${TOKEN}`)).text();
    expect(text).toContain('groundswell_jobs{queue="mail",state="created"} 1');
    expect(text).toContain('groundswell_export_slots_in_use 1');
    expect(text).toContain('groundswell_export_slots 4');
    expect(text).toMatch(/groundswell_database_connections\{state="active"\} [1-9]/);
    await slot!.release();
    expect(await (await scrape(`Bearer ${TOKEN}`)).text()).toContain('groundswell_export_slots_in_use 0');
  });
});

describe('without METRICS_TOKEN', () => {
  it('has no /metrics at all', async () => {
    const ctx = await testApp();
    try {
      const res = await ctx.app.request('/metrics', { headers: { authorization: 'Bearer anything-at-all-here' } });
      expect(res.status).toBe(404);
    } finally {
      await ctx.close();
    }
  });
});

describe('liveness and readiness', () => {
  it('stays live when the database is away, and is not ready', async () => {
    const ctx = await testApp();
    expect((await ctx.app.request('/health/live')).status).toBe(200);
    expect((await ctx.app.request('/health/ready')).status).toBe(200);
    expect((await ctx.app.request('/health')).status).toBe(200);
    await ctx.close();
    const live = await ctx.app.request('/health/live');
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'ok' });
    const ready = await ctx.app.request('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.headers.get('retry-after')).toBe('5');
  });
});
