/**
 * GET /api/map/picture.svg (issue 12, ADR 0004): the still picture phones show before the map
 * library loads. Against the demo data: every parameter refused by name, the tiles' own
 * cluster counts at their places, the map's hidden reports never drawn, a report highlighted,
 * place names, and revalidation by ETag.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader as Pbf } from 'pbf';
import { loadDemo } from '@groundswell/db/demo';
import { sql } from '@groundswell/db/testing';
import { MERCATOR_ORIGIN, pictureFrame, tileZoomOf, type BBox } from '@groundswell/core';
import { json, testApp } from './helpers.ts';

let ctx: Awaited<ReturnType<typeof testApp>>;
let extent: [number, number, number, number];

beforeAll(async () => {
  ctx = await testApp();
  await loadDemo(ctx.database, { now: new Date('2026-11-01T12:00:00Z') });
  const [e] = await ctx.database.rows<{ w: number; s: number; e: number; n: number }>(
    sql`select ST_XMin(x) w, ST_YMin(x) s, ST_XMax(x) e, ST_YMax(x) n from (select ST_Extent(point)::geometry x from reports) t`,
  );
  extent = [Number(e!.w), Number(e!.s), Number(e!.e), Number(e!.n)];
});
afterAll(() => ctx?.close());

const lon2x = (lon: number, z: number) => Math.floor(((lon + 180) / 360) * 2 ** z);
const lat2y = (lat: number, z: number) => {
  const r = (lat * Math.PI) / 180;
  return Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z);
};
const x2lon = (x: number, z: number) => (x / 2 ** z) * 360 - 180;
const y2lat = (y: number, z: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / 2 ** z))) * 180) / Math.PI;

async function picture(query: string, headers: Record<string, string> = {}) {
  return ctx.app.request(`/api/map/picture.svg?${query}`, { headers });
}

/** The cluster circles of a picture: centre and count. */
function pictureClusters(svg: string): { x: number; y: number; count: number }[] {
  return [...svg.matchAll(/<g class="cluster" data-count="(\d+)"><circle cx="([-\d.]+)" cy="([-\d.]+)"/g)].map((m) => ({ count: Number(m[1]), x: Number(m[2]), y: Number(m[3]) }));
}

/** The report tiles' clusters over a block of tiles, in the block's pixels (512 per tile). */
async function tileClusters(z: number, tx0: number, ty0: number, tx1: number, ty1: number) {
  const out: { x: number; y: number; count: number }[] = [];
  for (let x = tx0; x <= tx1; x++) {
    for (let y = ty0; y <= ty1; y++) {
      const res = await ctx.app.request(`/tiles/reports/${z}/${x}/${y}.mvt`);
      expect(res.status).toBe(200);
      const layer = new VectorTile(new Pbf(new Uint8Array(await res.arrayBuffer()))).layers.clusters;
      for (let i = 0; i < (layer?.length ?? 0); i++) {
        const f = layer!.feature(i);
        const [[p]] = f.loadGeometry() as unknown as [[{ x: number; y: number }]];
        out.push({ count: f.properties.count as number, x: (x - tx0) * 512 + (p!.x / layer!.extent) * 512, y: (y - ty0) * 512 + (p!.y / layer!.extent) * 512 });
      }
    }
  }
  return out;
}

const byPlace = (a: { x: number; y: number }, b: { x: number; y: number }) => a.x - b.x || a.y - b.y;

describe('GET /api/map/picture.svg', () => {
  it("refuses each bad parameter with a problem naming it, in the reader's language", async () => {
    const good = { bbox: extent.join(','), w: '400', h: '300' };
    const cases: Array<[Record<string, string | undefined>, string, number]> = [
      [{ bbox: undefined }, 'query.bbox', 400],
      [{ bbox: '1,2,3' }, 'query.bbox', 400],
      [{ bbox: '-3.5,56.3,-3.6,56.5' }, 'query.bbox', 400],
      [{ bbox: '-10,50,0,56' }, 'query.bbox', 400],
      [{ w: undefined }, 'query.w', 400],
      [{ w: '10' }, 'query.w', 400],
      [{ w: '12.5' }, 'query.w', 400],
      [{ h: '5000' }, 'query.h', 400],
      [{ h: 'tall' }, 'query.h', 400],
      [{ report: 'NOT-AN-ID' }, 'query.report', 400],
      [{ report: 'zzzz9999' }, 'query.report', 404],
    ];
    for (const [change, field, status] of cases) {
      const q = new URLSearchParams(Object.entries({ ...good, ...change }).filter((e): e is [string, string] => e[1] !== undefined));
      const res = await picture(q.toString());
      expect(res.status, q.toString()).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const body = await json(res);
      expect(
        body.errors.map((e: { field: string }) => e.field),
        q.toString(),
      ).toContain(field);
    }
    const pl = await json(await picture(`bbox=-10,50,0,56&w=400&h=300`, { 'accept-language': 'pl' }));
    expect(pl.errors[0].message).toBe('Obszar bbox może mieć najwyżej 5 stopnia w każdą stronę');
    const missing = await json(await picture(`bbox=${extent.join(',')}&w=400&h=300&report=zzzz9999`, { 'accept-language': 'pl' }));
    expect(missing.errors[0].message).toBe('Nie ma publicznego zgłoszenia zzzz9999');
  });

  it("counts reports in the report tiles' own clusters, at their places, and every public report once", async () => {
    const publicCount = (await ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from reports where state <> 'hidden'`))[0]!.n;
    for (const z of [10, 11]) {
      const [tx0, ty0, tx1, ty1] = [lon2x(extent[0], z), lat2y(extent[3], z), lon2x(extent[2], z), lat2y(extent[1], z)];
      expect(tx1 - tx0, `zoom ${z} fits`).toBeLessThan(4);
      expect(ty1 - ty0, `zoom ${z} fits`).toBeLessThan(4);
      const [w, h] = [(tx1 - tx0 + 1) * 512, (ty1 - ty0 + 1) * 512];
      const bbox = [x2lon(tx0, z), y2lat(ty1 + 1, z), x2lon(tx1 + 1, z), y2lat(ty0, z)];
      const res = await picture(`bbox=${bbox.join(',')}&w=${w}&h=${h}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/svg+xml');
      const drawn = pictureClusters(await res.text())
        .filter((c) => c.x >= 0 && c.x < w && c.y >= 0 && c.y < h)
        .sort(byPlace);
      const tiles = (await tileClusters(z, tx0, ty0, tx1, ty1)).sort(byPlace);
      expect(drawn.length, `zoom ${z}`).toBe(tiles.length);
      drawn.forEach((c, i) => {
        expect(c.count, `zoom ${z} cluster ${i}`).toBe(tiles[i]!.count);
        expect(Math.abs(c.x - tiles[i]!.x)).toBeLessThan(1);
        expect(Math.abs(c.y - tiles[i]!.y)).toBeLessThan(1);
      });
      expect(
        drawn.reduce((a, c) => a + c.count, 0),
        `zoom ${z}`,
      ).toBe(publicCount);
    }
  });

  it('agrees with the tiles at a zoom between two tile zooms, as the home map opens', async () => {
    // A box the shape of a phone's map, fitted around the reports: zoom 10.x, as MapLibre fits the council.
    const [w, h] = [390, 760];
    const pad = 0.02;
    const box: BBox = [extent[0] - pad, extent[1] - pad, extent[2] + pad, extent[3] + pad];
    const frame = pictureFrame(box, w, h);
    const z = tileZoomOf(frame.zoom);
    expect(frame.zoom - z).toBeGreaterThan(0.05);
    const svg = await (await picture(`bbox=${box.join(',')}&w=${w}&h=${h}`)).text();
    const inside = (c: { x: number; y: number }) => c.x >= 0 && c.x < w && c.y >= 0 && c.y < h;
    const drawn = pictureClusters(svg).filter(inside).sort(byPlace);
    // The tiles of zoom z over the box, their clusters moved into the picture's pixels.
    const scale = 2 ** (frame.zoom - z);
    const [left, top] = [(frame.x0 + MERCATOR_ORIGIN) * frame.k, (MERCATOR_ORIGIN - frame.y1) * frame.k];
    const [tx0, ty0, tx1, ty1] = [lon2x(box[0], z), lat2y(box[3], z), lon2x(box[2], z), lat2y(box[1], z)];
    const tiles = (await tileClusters(z, tx0, ty0, tx1, ty1))
      .map((c) => ({ count: c.count, x: (tx0 * 512 + c.x) * scale - left, y: (ty0 * 512 + c.y) * scale - top }))
      .filter(inside)
      .sort(byPlace);
    expect(drawn.length).toBeGreaterThan(3);
    expect(drawn.map((c) => c.count)).toEqual(tiles.map((c) => c.count));
    drawn.forEach((c, i) => {
      expect(Math.abs(c.x - tiles[i]!.x)).toBeLessThan(1);
      expect(Math.abs(c.y - tiles[i]!.y)).toBeLessThan(1);
    });
  });

  it('never draws a hidden report, and highlights a public one in its category colour', async () => {
    const [row] = await ctx.database.rows<{ id: string; x: number; y: number; colour: string; type: string }>(sql`
      select r.public_id as id, ST_X(r.point) as x, ST_Y(r.point) as y, c.color as colour, r.geom_type as type
      from reports r join categories c on c.id = r.category_id where r.state <> 'hidden' and r.geom_type = 'Point' order by r.id limit 1`);
    const [x, y] = [Number(row!.x), Number(row!.y)];
    const d = 0.001;
    const near = `bbox=${x - d},${y - d / 2},${x + d},${y + d / 2}&w=400&h=300`;
    const dotAtCentre = (svg: string) => [...svg.matchAll(/<circle cx="([-\d.]+)" cy="([-\d.]+)" r="8"/g)].some((m) => Math.abs(Number(m[1]) - 200) < 1.5 && Math.abs(Number(m[2]) - 150) < 1.5);

    const shown = await (await picture(near)).text();
    expect(dotAtCentre(shown)).toBe(true);
    const lit = await (await picture(`${near}&report=${row!.id}`)).text();
    expect(lit).toMatch(new RegExp(`<g class="highlight"><circle cx="200" cy="150" r="9" fill="${row!.colour}"`));
    // One report's picture shows that report alone.
    expect(dotAtCentre(lit)).toBe(false);
    expect(lit).not.toContain('class="cluster"');

    await ctx.database.rows(sql`update reports set state = 'hidden' where public_id = ${row!.id}`);
    try {
      expect(dotAtCentre(await (await picture(near)).text())).toBe(false);
      const res = await picture(`${near}&report=${row!.id}`);
      expect(res.status).toBe(404);
      const n = (await ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from reports where state <> 'hidden'`))[0]!.n;
      const all = pictureClusters(await (await picture(`bbox=${extent.join(',')}&w=800&h=600`)).text());
      expect(all.reduce((a, c) => a + c.count, 0)).toBe(n);
    } finally {
      await ctx.database.rows(sql`update reports set state = 'new' where public_id = ${row!.id}`);
    }
  });

  it('draws area outlines and names, ditches and village names, and no personal data', async () => {
    const [village] = await ctx.database.rows<{ name: string; x: number; y: number }>(sql`
      select p.name, ST_X(p.geom) as x, ST_Y(p.geom) as y from places p
      where p.kind = 'village' order by (select min(ST_Distance(p.geom, a.geom)) from assets a where a.retired_at is null), p.name limit 1`);
    const [x, y] = [Number(village!.x), Number(village!.y)];
    const res = await picture(`bbox=${x - 0.03},${y - 0.015},${x + 0.03},${y + 0.015}&w=800&h=600`);
    const svg = await res.text();
    expect(svg).toContain(`>${village!.name}</text>`);
    expect(svg).toMatch(/stroke="#4f8fc0"/); // the ditch network
    expect(svg).toMatch(/stroke="#8d8a73"/); // area outlines
    const people = await ctx.database.rows<{ v: string }>(sql`select email as v from report_contacts where email is not null union select name from report_contacts where name is not null`);
    expect(people.length).toBeGreaterThan(0);
    for (const p of people) if (p.v.length >= 5) expect(svg).not.toContain(p.v);
    expect(svg).not.toContain('@');
  });

  it('answers 304 to its own ETag, and a new one once a report there changes', async () => {
    const q = `bbox=${extent.join(',')}&w=600&h=400`;
    const first = await picture(q);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get('cache-control')).toMatch(/max-age=\d+/);
    expect((await picture(q, { 'if-none-match': etag })).status).toBe(304);
    const [row] = await ctx.database.rows<{ id: string; state: string }>(sql`select public_id as id, state from reports where state <> 'hidden' order by id limit 1`);
    await ctx.database.rows(sql`update reports set state = 'hidden' where public_id = ${row!.id}`);
    try {
      const after = await picture(q, { 'if-none-match': etag });
      expect(after.status).toBe(200);
      expect(after.headers.get('etag')).not.toBe(etag);
    } finally {
      await ctx.database.rows(sql`update reports set state = ${row!.state} where public_id = ${row!.id}`);
    }
  });
});
