import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type SQL } from 'drizzle-orm';
import type { BBox } from '@groundswell/core';
import { testDatabase } from '../src/vitest.ts';
import type { Database } from '../src/connect.ts';
import { bboxIntersects, inList, isoTime, publicReport, stateIn, stateNotIn, tsParam } from '../src/sql-kit.ts';

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database?.close());

const value = async <T>(expr: SQL): Promise<T> => {
  const [row] = await database.rows<{ v: T }>(sql`select ${expr} as v`);
  return row!.v;
};
const hits = (wkt: string, bbox: BBox) => value<boolean>(bboxIntersects(sql`ST_GeomFromText(${wkt}, 4326)`, bbox));

describe('bboxIntersects', () => {
  it('finds a point inside the box and not one outside', async () => {
    expect(await hits('POINT(-3.2 56.4)', [-3.3, 56.3, -3.1, 56.5])).toBe(true);
    expect(await hits('POINT(-3.0 56.4)', [-3.3, 56.3, -3.1, 56.5])).toBe(false);
  });

  it('drops a shape whose envelope meets the box but whose line does not', async () => {
    // A diagonal from the south-west to the north-east: its envelope covers the north-west
    // corner box, the line itself passes far from it.
    const line = 'LINESTRING(0 0, 10 10)';
    const corner: BBox = [0.5, 8, 2, 9.5];
    expect(await value<boolean>(sql`ST_GeomFromText(${line}, 4326) && ST_MakeEnvelope(0.5, 8, 2, 9.5, 4326)`)).toBe(true);
    expect(await hits(line, corner)).toBe(false);
    expect(await hits(line, [4, 4, 6, 6])).toBe(true);
  });

  it('tests a polygon by its area, not its envelope', async () => {
    const ring = 'POLYGON((0 0, 10 0, 0 10, 0 0))';
    expect(await hits(ring, [8, 8, 9, 9])).toBe(false);
    expect(await hits(ring, [1, 1, 2, 2])).toBe(true);
  });

  it('treats west > east as a box across the antimeridian', async () => {
    const pacific: BBox = [170, -20, -170, -10];
    expect(await hits('POINT(175 -15)', pacific)).toBe(true);
    expect(await hits('POINT(-175 -15)', pacific)).toBe(true);
    expect(await hits('POINT(0 -15)', pacific)).toBe(false);
    expect(await hits('POINT(175 -5)', pacific)).toBe(false);
    const box: BBox = [175, -20, -175, -10];
    expect(await hits('LINESTRING(170 -15, 179 -15)', box)).toBe(true);
    // Hooks around each half of the box: their envelopes overlap it, the lines do not.
    expect(await value<boolean>(sql`ST_GeomFromText('LINESTRING(170 -5, 170 -30, 179 -30)', 4326) && ST_MakeEnvelope(175, -20, 180, -10, 4326)`)).toBe(true);
    expect(await hits('LINESTRING(170 -5, 170 -30, 179 -30)', box)).toBe(false);
    expect(await hits('LINESTRING(-170 -5, -170 -30, -179 -30)', box)).toBe(false);
  });
});

describe('state and list helpers', () => {
  it('publicReport excludes hidden reports only', async () => {
    const isPublic = (state: string) => value<boolean>(sql`(select ${publicReport('t')} from (select ${state}::text as state) t)`);
    expect(await isPublic('new')).toBe(true);
    expect(await isPublic('duplicate')).toBe(true);
    expect(await isPublic('hidden')).toBe(false);
  });

  it('stateIn, stateNotIn and inList match, and their empty forms are safe', async () => {
    expect(await value<boolean>(stateIn(sql`'fixed'`, ['fixed', 'closed']))).toBe(true);
    expect(await value<boolean>(stateIn(sql`'new'`, ['fixed', 'closed']))).toBe(false);
    expect(await value<boolean>(stateIn(sql`'new'`, []))).toBe(false);
    expect(await value<boolean>(stateNotIn(sql`'new'`, ['fixed']))).toBe(true);
    expect(await value<boolean>(stateNotIn(sql`'new'`, []))).toBe(true);
    expect(await value<boolean>(inList(sql`'a''b'`, ["a'b", 'c']))).toBe(true);
    expect(await value<boolean>(inList(sql`'x'`, []))).toBe(false);
    expect(() => stateIn(sql`s`, ["new') or ('1'='1"])).toThrow();
  });

  it('isoTime prints UTC to the second or millisecond and tsParam reads it back', async () => {
    const at = new Date('2026-03-04T05:06:07.089Z');
    const [row] = await database.rows<{ s: string; ms: string }>(sql`select ${isoTime('t.x')} as s, ${isoTime('t.x', 'ms')} as ms from (select ${tsParam(at)} as x) t`);
    expect(row).toEqual({ s: '2026-03-04T05:06:07Z', ms: '2026-03-04T05:06:07.089Z' });
    expect(await value<string>(isoTime(`${"'2026-03-04T05:06:07+02:00'"}::timestamptz`))).toBe('2026-03-04T03:06:07Z');
  });
});
