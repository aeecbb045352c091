import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader as Pbf } from 'pbf';
import { loadDemo } from '@groundswell/db/demo';
import { sql } from '@groundswell/db/testing';
import { json, testApp } from './helpers.ts';
import { renderTile } from '../src/tiles/routes.ts';

let ctx: Awaited<ReturnType<typeof testApp>>;
let publicIds: Set<string>;
let publicStates: Set<string>;
let extent: [number, number, number, number];

beforeAll(async () => {
  ctx = await testApp();
  await loadDemo(ctx.database, { now: new Date('2026-11-01T12:00:00Z') });
  const rows = await ctx.database.rows<{ id: string }>(sql`select public_id as id from reports where state <> 'hidden'`);
  publicIds = new Set(rows.map((r) => r.id));
  publicStates = new Set((await ctx.database.rows<{ state: string }>(sql`select distinct state from reports where state <> 'hidden'`)).map((r) => r.state));
  const [e] = await ctx.database.rows<{ w: number; s: number; e: number; n: number }>(
    sql`select ST_XMin(x) w, ST_YMin(x) s, ST_XMax(x) e, ST_YMax(x) n from (select ST_Extent(geom)::geometry x from reports) t`,
  );
  extent = [Number(e!.w), Number(e!.s), Number(e!.e), Number(e!.n)];
});
afterAll(() => ctx?.close());

const lon2x = (lon: number, z: number) => Math.floor(((lon + 180) / 360) * 2 ** z);
const lat2y = (lat: number, z: number) => {
  const r = (lat * Math.PI) / 180;
  return Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z);
};
function tilesOver(z: number): Array<[number, number, number]> {
  const [w, s, e, n] = extent;
  const out: Array<[number, number, number]> = [];
  for (let x = lon2x(w, z); x <= lon2x(e, z); x++) for (let y = lat2y(n, z); y <= lat2y(s, z); y++) out.push([z, x, y]);
  return out;
}

const decode = (bytes: Uint8Array) => new VectorTile(new Pbf(bytes));
function features(tile: VectorTile, layer: string) {
  const l = tile.layers[layer];
  return l ? Array.from({ length: l.length }, (_, i) => l.feature(i)) : [];
}

async function getTile(z: number, x: number, y: number, query = '') {
  const res = await ctx.app.request(`/tiles/reports/${z}/${x}/${y}.mvt${query}`);
  expect(res.status).toBe(200);
  return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
}

describe('GET /tiles/reports/{z}/{x}/{y}.mvt', () => {
  it('aggregates low zooms into clusters whose counts add up to every public report', async () => {
    for (const z of [8, 11, 13]) {
      let total = 0;
      for (const [tz, x, y] of tilesOver(z)) {
        const { res, bytes } = await getTile(tz, x, y);
        expect(res.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile');
        const tile = decode(bytes);
        expect(Object.keys(tile.layers).filter((l) => l !== 'clusters')).toEqual([]);
        for (const f of features(tile, 'clusters')) {
          expect(f.type).toBe(1);
          expect(Object.keys(f.properties).sort()).toEqual(['count', 'openCount', 'state']);
          expect(f.properties.openCount as number).toBeLessThanOrEqual(f.properties.count as number);
          expect(publicStates.has(f.properties.state as string)).toBe(true);
          total += f.properties.count as number;
        }
      }
      expect(total, `zoom ${z}`).toBe(publicIds.size);
    }
  });

  it('draws every public report with its shape and public attributes at zoom 14, and no hidden one', async () => {
    const seen = new Set<string>();
    const kinds = { Point: 1, LineString: 2, Polygon: 3 } as Record<string, number>;
    for (const [z, x, y] of tilesOver(14)) {
      const { bytes } = await getTile(z, x, y);
      expect(bytes.length).toBeLessThan(500 * 1024);
      const tile = decode(bytes);
      for (const f of features(tile, 'reports')) {
        expect(Object.keys(f.properties).sort()).toEqual(['category', 'createdAt', 'geometryType', 'id', 'state', 'status', 'supportCount']);
        expect(f.type).toBe(kinds[f.properties.geometryType as string]);
        expect(publicIds.has(f.properties.id as string)).toBe(true);
        expect(['open', 'closed']).toContain(f.properties.status);
        seen.add(f.properties.id as string);
      }
    }
    expect(seen).toEqual(publicIds);
  });

  it('filters by category, and rejects tiles that do not exist', async () => {
    const [z, x, y] = tilesOver(8)[0]!;
    const { bytes } = await getTile(z, x, y, '?category=blocked_ditch');
    const [n] = await ctx.database.rows<{ n: number }>(sql`select count(*)::int n from reports r join categories c on c.id = r.category_id where c.code = 'blocked_ditch' and r.state <> 'hidden'`);
    const counted = features(decode(bytes), 'clusters').reduce((s, f) => s + (f.properties.count as number), 0);
    expect(counted).toBeLessThanOrEqual(n!.n);
    expect(counted).toBeGreaterThan(0);
    expect((await ctx.app.request('/tiles/reports/3/8/1.mvt')).status).toBe(400);
    expect((await ctx.app.request('/tiles/reports/23/0/0.mvt')).status).toBe(400);
    expect((await ctx.app.request('/tiles/reports/1/0/0.mvt?state=hidden')).status).toBe(400);
  });

  it('answers an empty tile for the middle of the ocean', async () => {
    const { bytes } = await getTile(10, 0, 0);
    expect(Object.keys(decode(bytes).layers)).toEqual([]);
  });

  it('sends Cache-Control and an ETag, and 304 for a matching If-None-Match', async () => {
    const [z, x, y] = tilesOver(12)[0]!;
    const { res } = await getTile(z, x, y);
    const etag = res.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(res.headers.get('cache-control')).toMatch(/max-age=\d+/);
    const again = await ctx.app.request(`/tiles/reports/${z}/${x}/${y}.mvt`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
  });

  it('gives the same layers, attributes and features from ST_AsMVT and from the JavaScript encoder', async (t) => {
    if (ctx.database.kind !== 'postgres') t.skip('PGlite has no ST_AsMVT; the JavaScript path is what every other test here exercised');
    for (const [z, x, y] of [...tilesOver(10), ...tilesOver(14).slice(0, 40), ...tilesOver(16).slice(0, 10)]) {
      const a = decode(await renderTile(ctx.database, z, x, y, {}, 'postgis'));
      const b = decode(await renderTile(ctx.database, z, x, y, {}, 'js'));
      expect(Object.keys(a.layers).sort()).toEqual(Object.keys(b.layers).sort());
      for (const name of Object.keys(a.layers)) {
        const fa = features(a, name).map((f) => ({ ...f.properties, type: f.type }));
        const fb = features(b, name).map((f) => ({ ...f.properties, type: f.type }));
        const key = (p: Record<string, unknown>) => JSON.stringify(Object.entries(p).sort());
        expect(fa.map(key).sort(), `${name} ${z}/${x}/${y}`).toEqual(fb.map(key).sort());
      }
    }
  });
});

describe('GET /tiles/reports.json', () => {
  it('is TileJSON 3.0.0 describing both layers and their fields', async () => {
    const res = await ctx.app.request('/tiles/reports.json?category=litter');
    expect(res.status).toBe(200);
    const tj = await json(res);
    expect(tj.tilejson).toBe('3.0.0');
    expect(tj.tiles).toEqual(['http://gs.test/tiles/reports/{z}/{x}/{y}.mvt?category=litter']);
    expect(tj.minzoom).toBe(0);
    expect(tj.maxzoom).toBeGreaterThanOrEqual(14);
    expect(tj.bounds[0]).toBeCloseTo(extent[0], 4);
    expect(tj.center).toHaveLength(3);
    expect(tj.attribution).toContain('ODbL-1.0');
    const layers = Object.fromEntries(tj.vector_layers.map((l: { id: string }) => [l.id, l]));
    expect(Object.keys(layers).sort()).toEqual(['clusters', 'reports']);
    expect(Object.keys(layers.reports.fields)).toEqual(expect.arrayContaining(['id', 'category', 'state', 'status', 'supportCount']));
    expect(Object.keys(layers.clusters.fields)).toEqual(['count', 'openCount', 'state']);
  });
});
