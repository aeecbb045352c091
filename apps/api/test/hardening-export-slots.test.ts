import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_SLOTS } from '@groundswell/core';
import { releaseLease, takeLease } from '@groundswell/db';
import { sql } from '@groundswell/db/testing';
import { createApp } from '../src/app.ts';
import { seedCategory, testApp } from './helpers.ts';

/**
 * Defect 11: a HEAD on an export took an export slot and never gave it back, so four link
 * checkers made every export answer 503 until a restart.
 */
let ctx: Awaited<ReturnType<typeof testApp>>;
const PATHS = ['/export/reports.geojson', '/export/reports.csv'];

beforeAll(async () => {
  ctx = await testApp();
  const cat = await seedCategory(ctx.database, 'litter');
  // More than one cursor batch (1000 rows), so a download has a middle to be cut off in.
  await ctx.database.rows(sql`
    insert into reports (public_id, category_id, geom, point, geom_type, description)
    select 'bulk' || lpad(i::text, 5, '0'), ${cat.id}, p, p, 'Point', repeat('Water over the road. ', 10)
    from generate_series(1, 2500) i, lateral (select ST_SetSRID(ST_MakePoint(-3.2 + i * 0.00001, 56.4), 4326) as p) g`);
});
afterAll(() => ctx?.close());

const get = (path = PATHS[0]!, app = ctx.app) => app.request(path);

/** Every slot must be free again: as many parallel downloads as there are slots all succeed, and read to the end. */
async function expectAllSlotsFree() {
  const all = await Promise.all(Array.from({ length: EXPORT_SLOTS }, (_, i) => get(PATHS[i % 2])));
  expect(all.map((r) => r.status)).toEqual(Array(EXPORT_SLOTS).fill(200));
  await Promise.all(all.map((r) => r.arrayBuffer()));
}

describe('export slots', () => {
  it('answers HEAD with the headers a client needs, no body, and no slot taken', async () => {
    for (let i = 0; i < 10; i++) {
      for (const path of PATHS) {
        const res = await ctx.app.request(path, { method: 'HEAD' });
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toMatch(path.endsWith('.csv') ? /^text\/csv/ : /^application\/geo\+json$/);
        expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="reports-\d{8}\.(geojson|csv)"$/);
        expect(await res.text()).toBe('');
      }
    }
    const res = await get();
    expect(res.status).toBe(200);
    expect(JSON.parse(await res.text()).features).toHaveLength(2500);
    await expectAllSlotsFree();
  });

  it('frees the slot of a download the client abandons mid-stream', async () => {
    for (let i = 0; i < EXPORT_SLOTS + 2; i++) {
      const res = await get(PATHS[i % 2]);
      expect(res.status).toBe(200);
      const reader = res.body!.getReader();
      expect((await reader.read()).done).toBe(false);
      await reader.cancel();
    }
    await expectAllSlotsFree();
  });

  it('shares the slots between processes, answering 503 with Retry-After when all are taken', async () => {
    // Another process holds every slot but one; this one downloads in the last.
    const now = ctx.deps.clock.now();
    const until = new Date(now.getTime() + 60_000);
    const elsewhere = await Promise.all(Array.from({ length: EXPORT_SLOTS - 1 }, (_, i) => takeLease(ctx.database, 'export', EXPORT_SLOTS, `other-process-${i}`, now, until)));
    expect(elsewhere.every(Boolean)).toBe(true);
    const mine = await get();
    expect(mine.status).toBe(200);
    // A second app on the same database stands for yet another process.
    const second = createApp({ ...ctx.deps });
    for (const app of [ctx.app, second]) {
      const busy = await get(PATHS[1], app);
      expect(busy.status).toBe(503);
      expect(busy.headers.get('retry-after')).toMatch(/^\d+$/);
    }
    // HEAD still answers while every slot is taken.
    expect((await second.request(PATHS[0]!, { method: 'HEAD' })).status).toBe(200);
    await mine.body!.cancel();
    const next = await get(PATHS[1], second);
    expect(next.status).toBe(200);
    await next.text();
    await Promise.all(elsewhere.map((key, i) => releaseLease(ctx.database, key!, `other-process-${i}`)));
    await expectAllSlotsFree();
  });

  it('gives the slots of a process that died back when their leases run out', async () => {
    const now = ctx.deps.clock.now();
    for (let i = 0; i < EXPORT_SLOTS; i++) await takeLease(ctx.database, 'export', EXPORT_SLOTS, `crashed-${i}`, new Date(now.getTime() - 300_000), new Date(now.getTime() - 1000));
    await expectAllSlotsFree();
  });

  it('over a real socket: HEAD takes no slot, and a download aborted by the client frees its slot', async () => {
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: (req, env) => ctx.app.fetch(req, env), port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      for (let i = 0; i < 10; i++) {
        const head = await fetch(`${url}${PATHS[i % 2]}`, { method: 'HEAD' });
        expect(head.status).toBe(200);
        expect(head.headers.get('content-disposition')).toMatch(/^attachment/);
      }
      for (let i = 0; i < EXPORT_SLOTS + 2; i++) {
        const abort = new AbortController();
        const res = await fetch(`${url}${PATHS[0]}`, { signal: abort.signal });
        expect(res.status).toBe(200);
        await res.body!.getReader().read();
        abort.abort();
      }
      // The server learns of the abort when the socket closes; give it a moment.
      let statuses: number[] = [];
      for (let attempt = 0; attempt < 50; attempt++) {
        const all = await Promise.all(Array.from({ length: EXPORT_SLOTS }, () => fetch(`${url}${PATHS[1]}`)));
        statuses = all.map((r) => r.status);
        await Promise.all(all.map((r) => r.arrayBuffer()));
        if (statuses.every((s) => s === 200)) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(statuses).toEqual(Array(EXPORT_SLOTS).fill(200));
    } finally {
      if ('closeAllConnections' in server) server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});
