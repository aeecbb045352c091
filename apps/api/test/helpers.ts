import pino from 'pino';
import type { Geometry } from '@groundswell/core';
import { schema, type Database } from '@groundswell/db';
import { testDatabase } from '@groundswell/db/vitest';
import { createApp } from '../src/app.ts';
import { testConfig, type Config } from '../src/config.ts';
import type { Clock } from '../src/deps.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiskStorage } from '../src/storage/storage.ts';
import { createMailer } from '../src/mail/mailer.ts';
import { createJobs } from '../src/jobs/queue.ts';

export const fixedClock = (iso = '2026-11-01T12:00:00Z'): Clock => ({ now: () => new Date(iso) });

/** An app over a fresh test database, built by the same factory the server uses. */
export async function testApp(overrides: Partial<Config> = {}) {
  const database = await testDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'gs-test-'));
  const config = testConfig({ publicUrl: 'http://gs.test', dataDir, ...overrides });
  const storage = new DiskStorage(dataDir);
  const logger = pino({ level: 'silent' });
  const mailer = createMailer({ dataDir, from: 'test@groundswell.invalid' });
  const jobs = createJobs(database, mailer, logger, { pollSeconds: 0.5 });
  const deps = { database, config, logger, clock: fixedClock(), storage, mailer, jobs };
  const app = createApp(deps);
  return {
    app,
    database,
    config,
    storage,
    deps,
    async close() {
      await jobs.stop();
      await database.close();
    },
  };
}

export async function seedCategory(database: Database, code = 'litter', geometryTypes: Array<'Point' | 'LineString' | 'Polygon'> = ['Point', 'LineString', 'Polygon']) {
  const [row] = await database.db
    .insert(schema.categories)
    .values({ code, name: { en: code.replace('_', ' '), pl: `pl ${code}` }, geometryTypes, responseDays: 5, contactRequired: { name: false, email: true, phone: false }, questions: [] })
    .returning();
  return row!;
}

let counter = 0;
export async function seedReport(database: Database, categoryId: number, geom: Geometry, extra: Partial<typeof schema.reports.$inferInsert> = {}) {
  counter += 1;
  const publicId = extra.publicId ?? `t${String(counter).padStart(7, '0')}`;
  const point: Geometry = geom.type === 'Point' ? geom : { type: 'Point', coordinates: firstPosition(geom) };
  const [row] = await database.db
    .insert(schema.reports)
    .values({ publicId, categoryId, geom, point, geomType: geom.type as 'Point', description: `Report ${publicId}`, ...extra })
    .returning();
  return row!;
}

function firstPosition(g: Geometry): [number, number] {
  const flat = JSON.stringify(g.coordinates)
    .match(/-?\d+(\.\d+)?/g)!
    .map(Number);
  return [flat[0]!, flat[1]!];
}

/** A response body as loosely-typed JSON: tests assert on its shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function json<T = any>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

/**
 * Staff sessions over an app, as the console holds them: sign in by email, then GET with the
 * cookie and POST with the cookie, the CSRF token and a same-site Origin.
 */
export function staffSessions(app: { request: (path: string, init?: RequestInit) => Response | Promise<Response> }, password: string, origin = 'http://gs.test') {
  const sessions: Record<string, { cookie: string; csrf: string }> = {};
  return {
    async signIn(email: string) {
      const res = await app.request('/api/staff/login', { method: 'POST', headers: { 'content-type': 'application/json', origin }, body: JSON.stringify({ email, password }) });
      if (res.status !== 200) throw new Error(`${email} could not sign in: ${res.status}`);
      sessions[email] = { cookie: res.headers.get('set-cookie')!.split(';')[0]!, csrf: (await json(res)).csrfToken };
    },
    post: (email: string, path: string, body: unknown, method = 'POST') =>
      app.request(path, {
        method,
        headers: { cookie: sessions[email]!.cookie, 'x-csrf-token': sessions[email]!.csrf, origin, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    get: (email: string | null, path: string) => app.request(path, { headers: email ? { cookie: sessions[email]!.cookie } : {} }),
  };
}
