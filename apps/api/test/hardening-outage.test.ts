/**
 * Hardening, defect 13: with PostgreSQL gone, the API answers 503 with Retry-After and a
 * clear problem in bounded time, and recovers by itself when it is back.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { CONNECT_TIMEOUT_SECONDS, connect, isDatabaseUnavailable } from '@groundswell/db';
import { sql } from '@groundswell/db/testing';
import { createApp } from '../src/app.ts';
import { testConfig } from '../src/config.ts';
import { systemClock } from '../src/deps.ts';
import { createJobs } from '../src/jobs/queue.ts';
import { createMailer } from '../src/mail/mailer.ts';
import { DiskStorage } from '../src/storage/storage.ts';
import { json, testApp } from './helpers.ts';

/** An app over a PostgreSQL address where no server listens: a stopped database. */
async function appWithoutDatabase() {
  const dataDir = mkdtempSync(join(tmpdir(), 'gs-outage-'));
  // Port 9 (discard) on loopback: nothing listens there, so every connection is refused.
  const database = await connect({ databaseUrl: 'postgres://groundswell:none@127.0.0.1:9/groundswell', maxConnections: 2 });
  const logger = pino({ level: 'silent' });
  const mailer = createMailer({ dataDir, from: 'test@groundswell.invalid' });
  const deps = {
    database,
    config: testConfig({ publicUrl: 'http://gs.test', dataDir }),
    logger,
    clock: systemClock,
    storage: new DiskStorage(dataDir),
    mailer,
    jobs: createJobs(database, mailer, logger),
  };
  return { app: createApp(deps), database };
}

describe('a database outage', () => {
  const apps: Array<{ database: { close(): Promise<void> } }> = [];
  afterAll(async () => {
    for (const a of apps) await a.database.close().catch(() => {});
  });

  it('tells a missing server from a failed query', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Failed query', { cause: Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }) }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('syntax error'), { code: '42601' }))).toBe(false);
    expect(isDatabaseUnavailable(new Error('plain'))).toBe(false);
  });

  it('answers reads, writes and the health check with 503 and Retry-After, quickly', async () => {
    const outage = await appWithoutDatabase();
    apps.push(outage);
    const requests: Array<[string, RequestInit?]> = [
      ['/api/reports?bbox=-3.4,56.38,-3.0,56.48'],
      ['/api/categories'],
      ['/health'],
      [
        '/api/reports',
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ category: 'litter', geometry: { type: 'Point', coordinates: [-3.1, 56.43] }, description: 'Cans' }) },
      ],
    ];
    for (const [path, init] of requests) {
      const started = performance.now();
      const res = await outage.app.request(path, init);
      expect(res.status, path).toBe(503);
      expect(res.headers.get('content-type'), path).toContain('application/problem+json');
      expect(Number(res.headers.get('retry-after')), path).toBeGreaterThan(0);
      const problem = (await json(res)) as { code: string; detail: string };
      expect(problem.code, path).toBe('unavailable');
      expect(problem.detail, path).toMatch(/database/i);
      expect(performance.now() - started, path).toBeLessThan((CONNECT_TIMEOUT_SECONDS + 2) * 1000);
    }
  });

  it.runIf(process.env.DATABASE_URL)('recovers by itself after the server drops every connection (as in a restart)', async () => {
    const ctx = await testApp();
    try {
      expect((await ctx.app.request('/api/categories')).status).toBe(200);
      // What a restart does to the pool: every other backend of this database is terminated.
      const admin = await connect({ databaseUrl: process.env.DATABASE_URL!, maxConnections: 1 });
      const [row] = await ctx.database.rows<{ db: string }>(sql`select current_database() as db`);
      const db = row!.db;
      await admin.rows(sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${db} and pid <> pg_backend_pid()`);
      await admin.close();
      let status = 0;
      for (let i = 0; i < 3 && status !== 200; i++) status = (await ctx.app.request('/api/categories')).status;
      expect(status).toBe(200);
    } finally {
      await ctx.close();
    }
  });
});
