import postgres from 'postgres';
import { MERCATOR_ORIGIN, mercX, mercY } from '@groundswell/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../src/vitest.ts';
import type { Database } from '../src/connect.ts';
import { categories, reports } from '../src/schema.ts';
import { versionSql } from '../src/tiles.ts';
import { sql } from 'drizzle-orm';

/**
 * The tile cache's data version (migrations 0018, 0023 and 0024): every committed report in a cell
 * moves its tiles' version, and reports committed at once in one cell by different
 * connections do not wait for each other's commit on one counter row.
 */
let database: Database;
let categoryId: number;
beforeAll(async () => {
  database = await testDatabase();
  const [cat] = await database.db
    .insert(categories)
    .values({ code: 'pothole', name: { en: 'Pothole', pl: 'Dziura' }, geometryTypes: ['Point'], responseDays: 5, contactRequired: { name: false, email: false, phone: false } })
    .returning();
  categoryId = cat!.id;
});
afterAll(() => database?.close());

// Perth's centre, and the zoom-15 tile holding it (16071/10138): a tile whose version reads that zoom-12 cell.
const PERTH = { lon: -3.437, lat: 56.396 };
const tileOf = (z: number, lon: number, lat: number) => ({
  z,
  x: Math.floor(((mercX(lon) + MERCATOR_ORIGIN) / (2 * MERCATOR_ORIGIN)) * 2 ** z),
  y: Math.floor(((MERCATOR_ORIGIN - mercY(lat)) / (2 * MERCATOR_ORIGIN)) * 2 ** z),
});
const tile = tileOf(15, PERTH.lon, PERTH.lat);
const version = async () => Number((await database.rows<{ v: string | number }>(versionSql(tile.z, tile.x, tile.y)))[0]!.v);
let n = 0;
const report = () => {
  n += 1;
  return {
    publicId: `tv${String(n).padStart(6, '0')}`,
    categoryId,
    geom: { type: 'Point' as const, coordinates: [PERTH.lon, PERTH.lat] as [number, number] },
    point: { type: 'Point' as const, coordinates: [PERTH.lon, PERTH.lat] as [number, number] },
    geomType: 'Point' as const,
    description: 'Deep pothole',
  };
};

describe('tile versions', () => {
  it('are read for the zoom-15 tile over Perth', () => expect(tile).toEqual({ z: 15, x: 16071, y: 10138 }));

  it('move by one for every report committed in the cell, and not for a rolled-back one', async () => {
    const before = await version();
    await database.db.insert(reports).values(report());
    await database.db.insert(reports).values(report());
    expect(await version()).toBe(before + 2);
    await database.db
      .transaction(async (tx) => {
        await tx.insert(reports).values(report());
        throw new Error('rolled back');
      })
      .catch(() => {});
    expect(await version()).toBe(before + 2);
  });

  it('move by one for a transaction that writes many reports in the cell', async () => {
    const before = await version();
    await database.db.insert(reports).values(Array.from({ length: 3000 }, report));
    expect(await version()).toBe(before + 1);
    // Before 0024 each row updated the counter row again inside the one transaction (+3000),
    // walking the versions it had made so far: n² row visits, 20 minutes for 520,000 reports.
    const deleted = await database.rows<{ n: number }>(sql`with d as (delete from reports where public_id like 'tv%' returning 1) select count(*)::int n from d`);
    expect(deleted[0]!.n).toBeGreaterThanOrEqual(3000);
    expect(await version()).toBe(before + 2);
  });

  it.skipIf(!process.env.DATABASE_URL)('let two connections commit reports in one cell at once (PostgreSQL)', async () => {
    // Two connections whose backends bump different slots (pid modulo 16).
    const clients: postgres.Sql[] = [];
    const pids: number[] = [];
    try {
      while (clients.length < 2) {
        const c = postgres(database.url!, { max: 1, onnotice: () => {} });
        const [{ pid }] = await c<[{ pid: number }]>`select pg_backend_pid() as pid`;
        if (pids.some((p) => p % 16 === pid % 16)) {
          await c.end();
          continue;
        }
        clients.push(c);
        pids.push(pid);
      }
      const [first, second] = clients as [postgres.Sql, postgres.Sql];
      const before = await version();
      const point = `SRID=4326;POINT(${PERTH.lon} ${PERTH.lat})`;
      // The first holds its counter row as a committing transaction does (the trigger runs at commit).
      const held = first.begin(async (tx) => {
        await tx`select tile_versions_bump(${point}::geometry)`;
        await new Promise((r) => setTimeout(r, 1500));
      });
      await new Promise((r) => setTimeout(r, 300));
      const t0 = performance.now();
      await second.begin(async (tx) => {
        await tx`set local lock_timeout = '1s'`;
        await tx`select tile_versions_bump(${point}::geometry)`;
      });
      expect(performance.now() - t0).toBeLessThan(1000);
      await held;
      expect(await version()).toBe(before + 2);
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
  });
});
