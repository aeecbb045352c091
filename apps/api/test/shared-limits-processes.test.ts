import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_SLOTS } from '@groundswell/core';
import type { Database } from '@groundswell/db';
import { sql } from '@groundswell/db/testing';
import { testDatabase } from '@groundswell/db/vitest';
import { createApp } from '../src/app.ts';
import { json, seedCategory, testApp } from './helpers.ts';

/**
 * Issue 15: several API processes behind one load balancer share every limit, because each
 * is kept in the database: the export slots (leases in `settings`) and the rate limits
 * (`rate_limits`). On PostgreSQL, two real server processes (src/server.ts, as
 * deploy/multi/start-processes.sh starts them) on one database; the embedded database
 * belongs to one process by nature, so there the two are two apps over one PGlite.
 */
const API_DIR = fileURLToPath(new URL('..', import.meta.url));

interface Proc {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });

async function startProcess(databaseUrl: string): Promise<Proc> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // The PostgreSQL pass may name a replica (of its own database, not this test's): these
  // processes read and write the primary only, where the limits they share live.
  const { DATABASE_REPLICA_URL: _replica, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: API_DIR,
    env: {
      ...inherited,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: url,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'gs-proc-')),
      TRUST_PROXY: '1',
      DEMO_DATA: 'off',
      LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`the API process exited (${child.exitCode}): ${stderr}`);
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
    if (i === 299) throw new Error(`the API process did not answer /health within 60 s: ${stderr}`);
  }
  return {
    url,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

const report = (i: number) => ({ category: 'litter', geometry: { type: 'Point', coordinates: [-3.2 + i * 0.0001, 56.4] }, description: 'Bags', contact: { email: 'a@example.org' } });

/** Enough reports that an export is tens of megabytes: a download held unread keeps its server writing, and its slot taken. */
async function seedExportRows(database: Database) {
  const cat = await seedCategory(database, 'litter');
  await database.rows(sql`
    insert into reports (public_id, category_id, geom, point, geom_type, description)
    select 'bulk' || lpad(i::text, 6, '0'), ${cat.id}, p, p, 'Point', repeat('Water over the road again, and the drain is blocked. ', 20)
    from generate_series(1, 30000) i, lateral (select ST_SetSRID(ST_MakePoint(-3.2 + i * 0.000001, 56.4), 4326) as p) g`);
}

/** A download started and left unread after its first bytes: the server holds its export slot until the socket closes. */
function holdDownload(url: string): Promise<{ status: number; close(): void }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, (res) => {
      res.once('data', () => {
        res.pause();
        resolve({ status: res.statusCode!, close: () => req.destroy() });
      });
      res.once('end', () => resolve({ status: res.statusCode!, close: () => req.destroy() }));
    });
    req.on('error', reject);
  });
}

if (process.env.DATABASE_URL) {
  describe('two API processes on one PostgreSQL database', () => {
    let database: Database;
    let a: Proc;
    let b: Proc;
    beforeAll(async () => {
      database = await testDatabase();
      if (!database.url) throw new Error('the PostgreSQL test database has no URL');
      await seedExportRows(database);
      [a, b] = await Promise.all([startProcess(database.url), startProcess(database.url)]);
    });
    afterAll(async () => {
      await Promise.all([a?.stop(), b?.stop()]);
      await database?.close();
    });

    const post = (p: Proc, i: number, ip: string) =>
      fetch(`${p.url}/api/reports`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': ip }, body: JSON.stringify(report(i)) });

    it('counts one address’s reports across both: 60 an hour in all, then 429 from either', async () => {
      const ip = '203.0.113.50';
      const statuses: number[] = [];
      for (let i = 0; i < 60; i++) statuses.push((await post(i % 2 ? b : a, i, ip)).status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(60);
      for (const p of [a, b]) {
        const limited = await post(p, 99, ip);
        expect(limited.status).toBe(429);
        expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
        expect((await json(limited)).code).toBe('rate_limited');
      }
      // Another address is counted on its own.
      expect((await post(b, 100, '198.51.100.4')).status).toBe(201);
    });

    it(`shares the ${EXPORT_SLOTS} export slots: held downloads on both take them all, the next is 503 from either, and a closed one frees its slot`, async () => {
      const held = [];
      for (let i = 0; i < EXPORT_SLOTS; i++) held.push(await holdDownload(`${(i % 2 ? b : a).url}/export/reports.geojson`));
      expect(held.map((h) => h.status)).toEqual(Array(EXPORT_SLOTS).fill(200));
      for (const p of [a, b]) {
        const busy = await fetch(`${p.url}/export/reports.csv`);
        expect(busy.status).toBe(503);
        expect(busy.headers.get('retry-after')).toMatch(/^\d+$/);
        await busy.arrayBuffer();
      }
      held[0]!.close();
      // The server learns of the closed socket and gives the slot back.
      let status = 0;
      for (let i = 0; i < 50 && status !== 200; i++) {
        await new Promise((r) => setTimeout(r, 200));
        const next = await fetch(`${b.url}/export/reports.csv`);
        status = next.status;
        if (status === 200) await next.body!.cancel();
        else await next.arrayBuffer();
      }
      expect(status).toBe(200);
      for (const h of held) h.close();
    });
  });
} else {
  describe('two apps on one embedded database (PGlite belongs to one process; the PostgreSQL pass starts two processes)', () => {
    let ctx: Awaited<ReturnType<typeof testApp>>;
    beforeAll(async () => {
      ctx = await testApp({ trustProxy: true });
      await seedCategory(ctx.database, 'litter');
    });
    afterAll(() => ctx?.close());

    it('counts one address’s reports across both apps: 60 an hour in all, then 429 from either', async () => {
      const second = createApp({ ...ctx.deps });
      const post = (app: typeof second, i: number) =>
        app.request('/api/reports', { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.51' }, body: JSON.stringify(report(i)) });
      const statuses: number[] = [];
      for (let i = 0; i < 60; i++) statuses.push((await post(i % 2 ? second : ctx.app, i)).status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(60);
      for (const app of [ctx.app, second]) expect((await post(app, 99)).status).toBe(429);
    });
  });
}
