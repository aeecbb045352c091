/**
 * Hardening, defect 12: every bbox filter tests the geometry itself, not its envelope (OGC
 * API Features Part 1, /req/core/fc-bbox-response). Each shape here has an envelope that
 * covers the `MISS` box although the shape does not reach it, and crosses the `HIT` box.
 * Open311 GeoReport v2 has no bbox parameter, so it has nothing to test here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff, schema } from '@groundswell/db';
import { sql } from '@groundswell/db/testing';
import { json, seedCategory, seedReport, testApp } from './helpers.ts';
import { hashPassword } from '../src/staff/passwords.ts';

let ctx: Awaited<ReturnType<typeof testApp>>;
const ORIGIN = 'http://gs.test';

/** A place `x`, `y` (0 to 1) across a 0.01° square in Perth and Kinross. */
const W = -3.3;
const S = 56.38;
const at = (x: number, y: number): [number, number] => [W + x * 0.01, S + y * 0.01];
const box = (x0: number, y0: number, x1: number, y1: number) => [...at(x0, y0), ...at(x1, y1)].join(',');

/** An L: a bar along the south and one up the west; its envelope is the whole square. */
const L_AREA = { type: 'Polygon' as const, coordinates: [[at(0, 0), at(1, 0), at(1, 0.2), at(0.2, 0.2), at(0.2, 1), at(0, 1), at(0, 0)]] };
/** A diagonal line from the south-west corner to the north-east one. */
const DIAGONAL = { type: 'LineString' as const, coordinates: [at(0, 0), at(1, 1)] };

/** The north-east corner for the L, the north-west corner for the diagonal: inside both envelopes, off both shapes. */
const MISS = { area: box(0.6, 0.6, 0.9, 0.9), line: box(0.05, 0.7, 0.3, 0.95) };
const HIT = { area: box(0.5, 0.05, 0.7, 0.15), line: box(0.4, 0.4, 0.6, 0.6) };

let reportId = '';
let cookie = '';

beforeAll(async () => {
  ctx = await testApp();
  const category = await seedCategory(ctx.database, 'blocked_ditch', ['LineString', 'Point']);
  // Made the day before the test clock's "now", so every time-windowed list (feeds) holds it.
  const report = await seedReport(ctx.database, category.id, DIAGONAL, { geomType: 'LineString', createdAt: new Date('2026-10-31T12:00:00Z'), updatedAt: new Date('2026-10-31T12:00:00Z') });
  reportId = report.publicId;
  await ctx.database.db.insert(schema.areas).values({ code: 'l-ward', name: 'L Ward', kind: 'ward', geom: L_AREA });
  await ctx.database.db.insert(schema.assets).values({ code: 'D-900', kind: 'ditch', name: 'Diagonal ditch', geom: DIAGONAL });
  await createStaff(ctx.database, { email: 'admin@council.example', name: 'Admin', role: 'admin', passwordHash: await hashPassword('correct horse battery'), teamCodes: [] });
  const res = await ctx.app.request('/api/staff/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: ORIGIN },
    body: JSON.stringify({ email: 'admin@council.example', password: 'correct horse battery' }),
  });
  expect(res.status).toBe(200);
  cookie = res.headers.get('set-cookie')!.split(';')[0]!;
});
afterAll(() => ctx?.close());

/** The body of a bbox query, as text: the shape's id is in it or not. */
async function answer(path: string, bbox: string, headers: Record<string, string> = {}) {
  const res = await ctx.app.request(`${path}${path.includes('?') ? '&' : '?'}bbox=${bbox}`, { headers });
  expect(res.status, await res.clone().text()).toBe(200);
  return res.text();
}

describe('the test boxes', () => {
  it('meet each envelope but not the shape (so an envelope-only filter would fail every test below)', async () => {
    const judge = async (table: string, code: string, bbox: string) => {
      const [w, s, e, n] = bbox.split(',').map(Number);
      const env = sql`ST_MakeEnvelope(${w}, ${s}, ${e}, ${n}, 4326)`;
      const column = table === 'reports' ? sql`public_id` : sql`code`;
      const [row] = await ctx.database.rows<{ envelope: boolean; shape: boolean }>(
        sql`select geom && ${env} as envelope, ST_Intersects(geom, ${env}) as shape from ${sql.raw(table)} where ${column} = ${code}`,
      );
      return row;
    };
    expect(await judge('areas', 'l-ward', MISS.area)).toEqual({ envelope: true, shape: false });
    expect(await judge('reports', reportId, MISS.line)).toEqual({ envelope: true, shape: false });
    expect(await judge('assets', 'D-900', MISS.line)).toEqual({ envelope: true, shape: false });
    expect(await judge('areas', 'l-ward', HIT.area)).toEqual({ envelope: true, shape: true });
  });
});

describe('a line report whose envelope meets the box', () => {
  const routes: Array<[string, string, Record<string, string>?]> = [
    ['the map API', '/api/reports'],
    ['the GeoJSON export', '/export/reports.geojson'],
    ['OGC API Features', '/ogc/collections/reports/items'],
    ['the Atom feed', '/feeds/reports.atom'],
    ['the staff list', '/api/staff/reports'],
  ];
  for (const [name, path, headers] of routes) {
    it(`is left out of ${name} when the line misses the box, and kept when it crosses it`, async () => {
      const h = path.startsWith('/api/staff') ? { cookie, ...headers } : (headers ?? {});
      expect(await answer(path, HIT.line, h)).toContain(reportId);
      expect(await answer(path, MISS.line, h)).not.toContain(reportId);
    });
  }
});

describe('an L-shaped area whose envelope meets the box', () => {
  it('is left out of the OGC areas collection when the L misses the box, and kept when it crosses it', async () => {
    const hit = await json(await ctx.app.request(`/ogc/collections/areas/items?bbox=${HIT.area}`));
    expect(hit.features.map((f: { id: string }) => f.id)).toContain('l-ward');
    const miss = await json(await ctx.app.request(`/ogc/collections/areas/items?bbox=${MISS.area}`));
    expect(miss.features.map((f: { id: string }) => f.id)).not.toContain('l-ward');
    expect(miss.numberMatched ?? 0).toBe(0);
  });
});

describe('a diagonal network segment whose envelope meets the box', () => {
  for (const path of ['/api/assets', '/ogc/collections/assets/items']) {
    it(`is left out of ${path} when the line misses the box, and kept when it crosses it`, async () => {
      expect(await answer(path, HIT.line)).toContain('D-900');
      expect(await answer(path, MISS.line)).not.toContain('D-900');
    });
  }
});
