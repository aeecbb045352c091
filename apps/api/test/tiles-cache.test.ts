/**
 * The public report tiles' filters and shared cache: a repeated tile is one lookup (served
 * from tile_cache, `X-Tile-Cache: hit`), a write in the tile's area changes the next answer
 * (whatever wrote it: the trigger on reports keeps the data version), a write far away does
 * not, and filters in any order share one entry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader as Pbf } from 'pbf';
import { pruneTileCache } from '@groundswell/db';
import { sql } from '@groundswell/db/testing';
import { createApp } from '../src/app.ts';
import { json, seedCategory, seedReport, testApp } from './helpers.ts';

let ctx: Awaited<ReturnType<typeof testApp>>;
let litter = 0;
let potholes = 0;
const TOWN: [number, number] = [-3.2, 56.39];
const FAR: [number, number] = [-1.5, 53.0];
const near = (dx: number, dy: number) => ({ type: 'Point' as const, coordinates: [TOWN[0] + dx, TOWN[1] + dy] as [number, number] });

const lon2x = (lon: number, z: number) => Math.floor(((lon + 180) / 360) * 2 ** z);
const lat2y = (lat: number, z: number) => {
  const r = (lat * Math.PI) / 180;
  return Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z);
};
const tileAt = ([lon, lat]: [number, number], z: number) => `${z}/${lon2x(lon, z)}/${lat2y(lat, z)}`;

async function get(path: string, headers: Record<string, string> = {}) {
  const res = await ctx.app.request(`/tiles/reports/${path}`, { headers });
  return { res, cache: res.headers.get('x-tile-cache'), bytes: new Uint8Array(await res.arrayBuffer()) };
}
function layer(bytes: Uint8Array, name: string) {
  const l = new VectorTile(new Pbf(bytes)).layers[name];
  return l ? Array.from({ length: l.length }, (_, i) => l.feature(i).properties) : [];
}
const ids = (bytes: Uint8Array) =>
  layer(bytes, 'reports')
    .map((p) => p.id as string)
    .sort();
const clustered = (bytes: Uint8Array) => layer(bytes, 'clusters').reduce((n, p) => n + (p.count as number), 0);

beforeAll(async () => {
  ctx = await testApp();
  litter = (await seedCategory(ctx.database, 'litter')).id;
  potholes = (await seedCategory(ctx.database, 'potholes')).id;
  await seedReport(ctx.database, litter, near(0, 0), { publicId: 'tc0001', createdAt: new Date('2026-10-01T10:00:00Z') });
  await seedReport(ctx.database, potholes, near(0.0004, 0.0002), { publicId: 'tc0002', state: 'fixed', createdAt: new Date('2026-10-20T10:00:00Z') });
  await seedReport(ctx.database, litter, near(-0.0003, 0.0001), { publicId: 'tc0003', state: 'hidden' });
  await seedReport(ctx.database, litter, { type: 'Point', coordinates: FAR }, { publicId: 'tc0900' });
});
afterAll(() => ctx?.close());

describe('the shared tile cache', () => {
  it('serves a repeated tile from the cache, the same bytes, with an ETag of its data version', async () => {
    const tile = tileAt(TOWN, 16);
    const first = await get(`${tile}.mvt`);
    expect(first.res.status).toBe(200);
    expect(first.cache).toBe('miss');
    expect(ids(first.bytes)).toEqual(['tc0001', 'tc0002']);
    const second = await get(`${tile}.mvt`);
    expect(second.cache).toBe('hit');
    expect(second.bytes).toEqual(first.bytes);
    expect(second.res.headers.get('etag')).toBe(first.res.headers.get('etag'));
    expect(first.res.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);
    const stored = await ctx.database.rows<{ key: string }>(sql`select key from tile_cache where key = ${`reports/${tile}`}`);
    expect(stored).toHaveLength(1);
    const revalidated = await get(`${tile}.mvt`, { 'if-none-match': first.res.headers.get('etag')! });
    expect(revalidated.res.status).toBe(304);
  });

  it('renders again after a report is created in the tile, and keeps a far tile cached', async () => {
    const tile = tileAt(TOWN, 16);
    const town12 = tileAt(TOWN, 12);
    const far = tileAt(FAR, 16);
    const before = await get(`${tile}.mvt`);
    const lowBefore = await get(`${town12}.mvt`);
    await get(`${far}.mvt`);
    expect((await get(`${far}.mvt`)).cache).toBe('hit');
    expect((await get(`${town12}.mvt`)).cache).toBe('hit');

    await seedReport(ctx.database, litter, near(0.0001, -0.0001), { publicId: 'tc0004' });
    const after = await get(`${tile}.mvt`);
    expect(after.cache).toBe('miss');
    expect(ids(after.bytes)).toEqual(['tc0001', 'tc0002', 'tc0004']);
    expect(after.res.headers.get('etag')).not.toBe(before.res.headers.get('etag'));
    // The old ETag no longer matches: a revalidating browser gets the new tile.
    expect((await get(`${tile}.mvt`, { 'if-none-match': before.res.headers.get('etag')! })).res.status).toBe(200);
    const lowAfter = await get(`${town12}.mvt`);
    expect(lowAfter.cache).toBe('miss');
    expect(clustered(lowAfter.bytes)).toBe(clustered(lowBefore.bytes) + 1);
    expect((await get(`${far}.mvt`)).cache).toBe('hit');
  });

  it('renders again after a state change, a move away and a hide, whichever way they are written', async () => {
    const tile = tileAt(TOWN, 16);
    await get(`${tile}.mvt`);
    expect((await get(`${tile}.mvt`)).cache).toBe('hit');

    await ctx.database.rows(sql`update reports set state = 'in_progress' where public_id = 'tc0004'`);
    const changed = await get(`${tile}.mvt`);
    expect(changed.cache).toBe('miss');
    expect(layer(changed.bytes, 'reports').find((p) => p.id === 'tc0004')?.state).toBe('in_progress');

    // A change no tile shows (the description) keeps the cached tile.
    await ctx.database.rows(sql`update reports set description = 'More words' where public_id = 'tc0004'`);
    expect((await get(`${tile}.mvt`)).cache).toBe('hit');

    // Moved far away: both the tile it left and the tile it reached change.
    const far = tileAt(FAR, 16);
    await get(`${far}.mvt`);
    await ctx.database.rows(
      sql`update reports set geom = ST_SetSRID(ST_MakePoint(${FAR[0] + 0.0001}, ${FAR[1]}), 4326), point = ST_SetSRID(ST_MakePoint(${FAR[0] + 0.0001}, ${FAR[1]}), 4326) where public_id = 'tc0004'`,
    );
    const left = await get(`${tile}.mvt`);
    expect(left.cache).toBe('miss');
    expect(ids(left.bytes)).toEqual(['tc0001', 'tc0002']);
    const reached = await get(`${far}.mvt`);
    expect(reached.cache).toBe('miss');
    expect(ids(reached.bytes)).toEqual(['tc0004', 'tc0900']);

    await ctx.database.db.transaction(async (tx) => {
      await tx.execute(sql`update reports set state = 'hidden' where public_id = 'tc0900'`);
    });
    expect(ids((await get(`${far}.mvt`)).bytes)).toEqual(['tc0004']);
  });

  it('shares one entry between filters given in any order', async () => {
    const tile = tileAt(TOWN, 16);
    const a = await get(`${tile}.mvt?state=fixed,new&category=potholes,litter`);
    expect(a.cache).toBe('miss');
    const b = await get(`${tile}.mvt?category=litter,potholes,litter&state=new,fixed`);
    expect(b.cache).toBe('hit');
    expect(b.res.headers.get('etag')).toBe(a.res.headers.get('etag'));
    expect(ids(b.bytes)).toEqual(['tc0001', 'tc0002']);
  });

  it('lets housekeeping drop old cached tiles', async () => {
    const [{ n }] = (await ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from tile_cache`)) as [{ n: number }];
    expect(n).toBeGreaterThan(0);
    expect(await pruneTileCache(ctx.database, new Date('2000-01-01'))).toBe(0);
    expect(await pruneTileCache(ctx.database, new Date(Date.now() + 86_400_000))).toBe(Number(n));
    // Another process, with nothing of its own in memory, renders the tile again.
    const other = createApp(ctx.deps);
    const res = await other.request(`/tiles/reports/${tileAt(TOWN, 16)}.mvt`);
    expect(res.headers.get('x-tile-cache')).toBe('miss');
    expect(ids(new Uint8Array(await res.arrayBuffer()))).toEqual(['tc0001', 'tc0002']);
  });

  it('is shared between processes: a tile one renders, another serves from the database', async () => {
    const [one, two] = [createApp(ctx.deps), createApp(ctx.deps)];
    const tile = `/tiles/reports/${tileAt(TOWN, 15)}.mvt?state=new`;
    const first = await one.request(tile);
    expect(first.headers.get('x-tile-cache')).toBe('miss');
    const second = await two.request(tile);
    expect(second.headers.get('x-tile-cache')).toBe('hit');
    expect(new Uint8Array(await second.arrayBuffer())).toEqual(new Uint8Array(await first.arrayBuffer()));
    // A write there: both processes render or read the new version, neither serves its old copy.
    await seedReport(ctx.database, litter, near(0.0002, 0.0002), { publicId: 'tc0005' });
    const fresh = await two.request(tile);
    expect(fresh.headers.get('x-tile-cache')).toBe('miss');
    expect(ids(new Uint8Array(await fresh.arrayBuffer()))).toContain('tc0005');
    const again = await one.request(tile);
    expect(again.headers.get('x-tile-cache')).toBe('hit');
    expect(ids(new Uint8Array(await again.arrayBuffer()))).toContain('tc0005');
    // Deleted: gone from the next answer of either.
    await ctx.database.rows(sql`delete from reports where public_id = 'tc0005'`);
    expect(ids(new Uint8Array(await (await one.request(tile)).arrayBuffer()))).not.toContain('tc0005');
  });
});

describe('tile filters', () => {
  it('filters by state, category and creation time, at high and low zoom', async () => {
    const tile = tileAt(TOWN, 16);
    expect(ids((await get(`${tile}.mvt?state=fixed`)).bytes)).toEqual(['tc0002']);
    expect(ids((await get(`${tile}.mvt?category=litter`)).bytes)).toEqual(['tc0001']);
    expect(ids((await get(`${tile}.mvt?since=2026-10-15`)).bytes)).toEqual(['tc0002']);
    expect(ids((await get(`${tile}.mvt?since=2026-10-15T00:00:00Z&category=litter`)).bytes)).toEqual([]);
    const low = tileAt(TOWN, 9);
    expect(clustered((await get(`${low}.mvt`)).bytes)).toBe(2);
    expect(clustered((await get(`${low}.mvt?state=new`)).bytes)).toBe(1);
    expect(layer((await get(`${low}.mvt?state=fixed`)).bytes, 'clusters')[0]).toMatchObject({ count: 1, openCount: 0, state: 'fixed' });
  });

  it('refuses bad tiles and filters with a problem naming the field', async () => {
    const cases: Array<[string, string]> = [
      ['16/0/0.mvt?state=hidden', 'state'],
      ['16/0/0.mvt?state=new,nonsense', 'state'],
      ['16/0/0.mvt?category=no%20spaces', 'category'],
      ['16/0/0.mvt?since=last-week', 'since'],
      ['16/0/0.mvt?since=2026-02-31', 'since'],
      ['3/8/1.mvt', 'path.x'],
      ['3/1/8.mvt', 'path.y'],
      ['23/0/0.mvt', 'path.z'],
    ];
    for (const [path, field] of cases) {
      const { res } = await get(path);
      expect(res.status, path).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const body = JSON.parse(new TextDecoder().decode((await get(path)).bytes));
      expect(JSON.stringify(body.errors ?? body), path).toContain(field);
    }
  });

  it('puts the canonical filters in the TileJSON tile URL', async () => {
    const tj = await json(await ctx.app.request('/tiles/reports.json?state=new,fixed&category=potholes,litter'));
    expect(tj.tiles).toEqual(['http://gs.test/tiles/reports/{z}/{x}/{y}.mvt?category=litter,potholes&state=fixed,new']);
  });
});
