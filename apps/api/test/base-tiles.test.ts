import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VectorTile, type VectorTileFeature } from '@mapbox/vector-tile';
import { PbfReader as Pbf } from 'pbf';
import { loadDemo } from '@groundswell/db/demo';
import { sql } from '@groundswell/db/testing';
import { json, testApp } from './helpers.ts';

let ctx: Awaited<ReturnType<typeof testApp>>;

beforeAll(async () => {
  ctx = await testApp();
  await loadDemo(ctx.database, { now: new Date('2026-11-01T12:00:00Z') });
});
afterAll(() => ctx?.close());

/** Errol, the demo's biggest village. */
const ERROL: [number, number] = [-3.213, 56.392];
const lon2x = (lon: number, z: number) => Math.floor(((lon + 180) / 360) * 2 ** z);
const lat2y = (lat: number, z: number) => {
  const r = (lat * Math.PI) / 180;
  return Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z);
};
const tileAt = ([lon, lat]: [number, number], z: number): [number, number, number] => [z, lon2x(lon, z), lat2y(lat, z)];

async function getTile([z, x, y]: [number, number, number], init?: RequestInit) {
  const res = await ctx.app.request(`/tiles/base/${z}/${x}/${y}.mvt`, init);
  return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
}
function features(bytes: Uint8Array, layer: string): VectorTileFeature[] {
  const l = new VectorTile(new Pbf(bytes)).layers[layer];
  return l ? Array.from({ length: l.length }, (_, i) => l.feature(i)) : [];
}
const layerNames = (bytes: Uint8Array) => Object.keys(new VectorTile(new Pbf(bytes)).layers).sort();

describe('GET /tiles/base/{z}/{x}/{y}.mvt', () => {
  it('draws the areas, the ditch network and the place names around the village at zoom 14, public attributes only', async () => {
    const at = tileAt(ERROL, 14);
    const { res, bytes } = await getTile(at);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile');
    expect(res.headers.get('cache-control')).toBe('public, max-age=60');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(layerNames(bytes)).toEqual(['areas', 'ditches', 'places']);

    const places = features(bytes, 'places');
    const errol = places.find((f) => f.properties.name === 'Errol');
    expect(errol?.properties).toEqual({ name: 'Errol', kind: 'village', rank: 3 });
    expect(errol?.type).toBe(1);
    const [lon, lat] = (errol!.toGeoJSON(at[1], at[2], at[0]).geometry as unknown as { coordinates: [number, number] }).coordinates;
    expect(lon).toBeCloseTo(ERROL[0], 3);
    expect(lat).toBeCloseTo(ERROL[1], 3);

    const areas = features(bytes, 'areas');
    for (const f of areas) expect(Object.keys(f.properties).sort()).toEqual(['code', 'kind', 'name']);
    expect(areas.some((f) => f.type === 3 && f.properties.name === 'Errol')).toBe(true);

    const ditches = features(bytes, 'ditches');
    expect(ditches.length).toBeGreaterThan(0);
    for (const f of ditches) {
      expect(f.type).toBe(2);
      expect(Object.keys(f.properties).sort()).toEqual(expect.arrayContaining(['code', 'kind']));
      expect(Object.keys(f.properties).every((k) => ['code', 'kind', 'name'].includes(k))).toBe(true);
    }
  });

  it('labels each area once, at a point inside it, and shows villages but no ditches at zoom 10', async () => {
    const at = tileAt(ERROL, 10);
    const { bytes } = await getTile(at);
    expect(layerNames(bytes)).toEqual(['areas', 'places']);
    const labels = features(bytes, 'areas').filter((f) => f.type === 1);
    const names = labels.map((f) => f.properties.name).sort();
    expect(names).toEqual([...new Set(names)]);
    expect(names).toContain('Errol');
    expect(features(bytes, 'places').map((f) => f.properties.name)).toEqual(expect.arrayContaining(['Errol', 'Inchture', 'St Madoes']));
    // Below a village's zoom there are no village names (a county map, not a parish one).
    expect(features((await getTile(tileAt(ERROL, 7))).bytes, 'places')).toEqual([]);
  });

  it('shows a farm only from zoom 14, and a changed gazetteer changes the ETag', async () => {
    const at = tileAt(ERROL, 14);
    const before = await getTile(at);
    const etag = before.res.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect((await getTile(at, { headers: { 'if-none-match': etag } })).res.status).toBe(304);

    await ctx.database.rows(sql`insert into places (name, kind, geom) values ('Mains of Errol', 'farm', ST_SetSRID(ST_MakePoint(-3.2125, 56.3925), 4326))`);
    const after = await getTile(at);
    expect(after.res.headers.get('etag')).not.toBe(etag);
    expect((await getTile(at, { headers: { 'if-none-match': etag } })).res.status).toBe(200);
    const farm = features(after.bytes, 'places').find((f) => f.properties.name === 'Mains of Errol');
    expect(farm?.properties).toEqual({ name: 'Mains of Errol', kind: 'farm', rank: 6 });
    expect(features((await getTile(tileAt(ERROL, 13))).bytes, 'places').map((f) => f.properties.name)).not.toContain('Mains of Errol');
  });

  it('leaves a retired ditch segment out', async () => {
    const at = tileAt(ERROL, 14);
    const codes = features((await getTile(at)).bytes, 'ditches').map((f) => f.properties.code as string);
    const code = codes[0]!;
    await ctx.database.rows(sql`update assets set retired_at = now() where code = ${code}`);
    const after = features((await getTile(at)).bytes, 'ditches').map((f) => f.properties.code);
    expect(after).not.toContain(code);
    await ctx.database.rows(sql`update assets set retired_at = null where code = ${code}`);
  });

  it('answers an empty tile far from the council', async () => {
    const { res, bytes } = await getTile(tileAt([0, 0], 14));
    expect(res.status).toBe(200);
    expect(bytes.length).toBe(0);
    expect(layerNames(bytes)).toEqual([]);
  });

  it('refuses tiles that do not exist with a problem naming the field', async () => {
    const cases: Array<[string, string]> = [
      ['/tiles/base/23/0/0.mvt', 'path.z'],
      ['/tiles/base/3/8/1.mvt', 'path.x'],
      ['/tiles/base/3/1/8.mvt', 'path.y'],
    ];
    for (const [path, field] of cases) {
      const res = await ctx.app.request(path);
      expect(res.status, path).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const body = await json(res);
      expect(body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
    }
    expect((await ctx.app.request('/tiles/base/a/0/0.mvt')).status).toBe(404);
  });

  it('is documented in the OpenAPI document', async () => {
    const doc = await json(await ctx.app.request('/api/openapi.json'));
    expect(doc.paths['/tiles/base/{z}/{x}/{y}.mvt'].get.summary).toMatch(/areas.*ditches.*places/);
  });
});
