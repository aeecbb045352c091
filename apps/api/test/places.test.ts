import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '@groundswell/db';
import { json, testApp } from './helpers.ts';

let ctx: Awaited<ReturnType<typeof testApp>>;
let withGeocoder: Awaited<ReturnType<typeof testApp>>;
let geocoder: Server;
const geocoderQueries: string[] = [];

beforeAll(async () => {
  // A Nominatim-compatible geocoder on loopback, answering as Nominatim does.
  geocoder = createServer((req, res) => {
    geocoderQueries.push(req.url ?? '');
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify([{ display_name: 'Megginch Castle, Errol, Perth and Kinross', lon: '-3.2367', lat: '56.4043', boundingbox: ['56.40', '56.41', '-3.24', '-3.23'] }]));
  });
  await new Promise<void>((r) => geocoder.listen(0, '127.0.0.1', () => r()));
  ctx = await testApp();
  for (const app of [ctx]) {
    await app.database.db.insert(schema.areas).values({
      code: 'errol',
      name: 'Errol',
      kind: 'community_council',
      geom: {
        type: 'Polygon',
        coordinates: [
          [
            [-3.25, 56.38],
            [-3.18, 56.38],
            [-3.18, 56.42],
            [-3.25, 56.42],
            [-3.25, 56.38],
          ],
        ],
      },
    });
    await app.database.db.insert(schema.places).values([
      { name: 'Errol Station', kind: 'village', geom: { type: 'Point', coordinates: [-3.205, 56.405] } },
      { name: 'Inchture', kind: 'village', geom: { type: 'Point', coordinates: [-3.167, 56.446] } },
      { name: 'Kinnaird 100%', kind: 'farm', geom: { type: 'Point', coordinates: [-3.2, 56.45] } },
    ]);
  }
  withGeocoder = await testApp({ geocoderUrl: `http://127.0.0.1:${(geocoder.address() as AddressInfo).port}` });
});
afterAll(async () => {
  await ctx?.close();
  await withGeocoder?.close();
  geocoder?.close();
});

describe('GET /api/places', () => {
  it('finds areas and places by name, exact and prefix matches first, case-insensitive', async () => {
    const hits = await json(await ctx.app.request('/api/places?q=ERROL'));
    expect(hits.map((h: { name: string }) => h.name)).toEqual(['Errol', 'Errol Station']);
    expect(hits[0]).toMatchObject({ kind: 'area', bbox: [-3.25, 56.38, -3.18, 56.42] });
    expect(hits[1]).toMatchObject({ kind: 'place', center: [-3.205, 56.405], bbox: null });
  });

  it('treats % and _ as letters, and needs two letters', async () => {
    expect((await json(await ctx.app.request('/api/places?q=%25%25'))).length).toBe(0);
    expect((await json(await ctx.app.request('/api/places?q=100%25'))).map((h: { name: string }) => h.name)).toEqual(['Kinnaird 100%']);
    const short = await ctx.app.request('/api/places?q=e');
    expect(short.status).toBe(400);
    expect((await json(short)).errors[0].field).toBe('query.q');
  });

  it('lists the council areas with their extent', async () => {
    expect(await json(await ctx.app.request('/api/areas'))).toEqual([{ code: 'errol', name: 'Errol', kind: 'community_council', bbox: [-3.25, 56.38, -3.18, 56.42] }]);
  });

  it('asks the configured geocoder within the council extent', async () => {
    const hits = await json(await withGeocoder.app.request('/api/places?q=Megginch'));
    expect(hits).toEqual([{ name: 'Megginch Castle, Errol, Perth and Kinross', kind: 'place', center: [-3.2367, 56.4043], bbox: [-3.24, 56.4, -3.23, 56.41] }]);
    expect(geocoderQueries[0]).toContain('q=Megginch');
    expect(geocoderQueries[0]).toContain('format=jsonv2');
  });
});
