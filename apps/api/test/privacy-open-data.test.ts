/**
 * No personal data in any public output. Reports are created through the API (the web form
 * and Open311) with unique names, emails and phone numbers, some showing the name; an
 * internal note is added; then every public output is fetched and searched for them.
 */
import { randomBytes } from 'node:crypto';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { loadDemo } from '@groundswell/db/demo';
import { sql } from '@groundswell/db/testing';
import { json, testApp } from './helpers.ts';

let ctx: Awaited<ReturnType<typeof testApp>>;
const tag = randomBytes(4).toString('hex');
const API_KEY = `gs_privacy_${tag}`;

interface Resident {
  name: string;
  email: string;
  phone: string;
  showName: boolean;
  id?: string;
}
const residents: Resident[] = [];
const secrets: string[] = [];
let shownNames: string[] = [];
let center: [number, number];

function resident(i: number, showName: boolean): Resident {
  const r = { name: `Quilla Privatperson${tag}${i}`, email: `quilla.${tag}.${i}@private.example`, phone: `+44 7700 9${String(i).padStart(2, '0')}${tag.slice(0, 3).replace(/\D/g, '1')}`, showName };
  residents.push(r);
  return r;
}

beforeAll(async () => {
  ctx = await testApp();
  await loadDemo(ctx.database, { now: new Date('2026-11-01T12:00:00Z') });
  const [p] = await ctx.database.rows<{ x: number; y: number }>(sql`select ST_X(point) x, ST_Y(point) y from reports where area_id is not null order by id limit 1`);
  center = [Number(p!.x), Number(p!.y)];
  const [x, y] = center;
  const shapes = [
    { category: 'litter', geometry: { type: 'Point', coordinates: [x, y] }, answers: {} },
    {
      category: 'litter',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [x, y],
            [x + 0.001, y],
            [x + 0.001, y + 0.0008],
            [x, y + 0.0008],
            [x, y],
          ],
        ],
      },
      answers: {},
    },
    {
      category: 'blocked_ditch',
      geometry: {
        type: 'LineString',
        coordinates: [
          [x, y],
          [x + 0.002, y + 0.001],
        ],
      },
      answers: { how_blocked: 'blocked' },
    },
    { category: 'flooding', geometry: { type: 'Point', coordinates: [x + 0.0005, y] }, answers: { property_affected: false } },
  ];
  for (const [i, shape] of shapes.entries()) {
    const who = resident(i, i % 2 === 0);
    const res = await ctx.app.request('/api/reports', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...shape, description: `Privacy test report ${i}`, contact: { name: who.name, email: who.email, phone: who.phone }, showName: who.showName }),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    who.id = (await json(res)).id;
  }
  // Open311 sends names, email and phone too.
  await ctx.database.rows(sql`insert into api_keys (name, prefix, key_hash) values ('CRM', 'gs_privacy', ${createHash('sha256').update(API_KEY).digest('hex')})`);
  const o = resident(9, false);
  const [first, ...last] = o.name.split(' ');
  const form = new URLSearchParams({
    api_key: API_KEY,
    service_code: 'litter',
    lat: String(y),
    long: String(x),
    description: 'Privacy test via Open311',
    email: o.email,
    phone: o.phone,
    first_name: first!,
    last_name: last.join(' '),
  });
  const res = await ctx.app.request('/open311/v2/requests.json', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
  expect(res.status).toBe(200);
  o.id = (await json(res))[0].service_request_id;
  // An internal note from an officer, with words nobody outside may read.
  const note = `INTERNAL-NOTE-${tag}`;
  await ctx.database.rows(sql`insert into report_events (report_id, kind, actor_type, actor_label, public, payload)
    select id, 'internal_note', 'staff', ${`Officer Secretname${tag}`}, false, ${JSON.stringify({ note, message: `${note}-message` })}::jsonb from reports where public_id = ${residents[0]!.id!}`);
  secrets.push(note, `Secretname${tag}`, ...residents.flatMap((r) => [r.email, r.phone, ...(r.showName ? [] : [r.name])]));
  shownNames = residents.filter((r) => r.showName).map((r) => r.name);
});
afterAll(() => ctx?.close());

async function text(path: string): Promise<string> {
  const res = await ctx.app.request(path);
  expect(res.status, path).toBe(200);
  return res.text();
}

const lon2x = (lon: number, z: number) => Math.floor(((lon + 180) / 360) * 2 ** z);
const lat2y = (lat: number, z: number) => {
  const r = (lat * Math.PI) / 180;
  return Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z);
};

async function tileText(z: number): Promise<string> {
  const res = await ctx.app.request(`/tiles/reports/${z}/${lon2x(center[0], z)}/${lat2y(center[1], z)}.mvt`);
  expect(res.status).toBe(200);
  const tile = new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer())));
  const out: unknown[] = [];
  for (const layer of Object.values(tile.layers)) for (let i = 0; i < layer.length; i++) out.push(layer.feature(i).properties);
  return JSON.stringify(out);
}

describe('personal data never leaves through a public output', () => {
  it('every public output is free of emails, phone numbers, hidden names and internal notes', async () => {
    const ids = residents.map((r) => r.id!);
    const outputs: Record<string, string> = {};
    const fetchAll = async (paths: string[]) => {
      for (const p of paths) outputs[p] = await text(p);
    };
    await fetchAll([
      '/api/reports?limit=5000',
      ...ids.map((id) => `/api/reports/${id}`),
      `/api/reports/nearby?lon=${center[0]}&lat=${center[1]}`,
      '/export/reports.geojson',
      '/export/reports.csv',
      // SQLite keeps text as UTF-8 as it is, so a search of the GeoPackage's bytes finds any name in it.
      '/export/reports.gpkg',
      '/export/ditch-register.csv',
      '/export/ditch-register.gpkg',
      '/ogc',
      '/ogc/collections',
      '/ogc/api',
      ...['reports', 'assets', 'areas'].flatMap((c) => [`/ogc/collections/${c}`, `/ogc/collections/${c}/items?limit=10000`, `/ogc/collections/${c}/queryables`]),
      ...ids.map((id) => `/ogc/collections/reports/items/${id}`),
      '/tiles/reports.json',
      '/open311/v2/discovery.json',
      '/open311/v2/services.json',
      '/open311/v2/requests.json?extensions=true',
      '/open311/v2/requests.xml?extensions=true',
      `/open311/v2/requests.json?service_request_id=${ids.join(',')}`,
      ...ids.flatMap((id) => [`/open311/v2/requests/${id}.json?extensions=true`, `/open311/v2/requests/${id}.xml`, `/open311/v2/tokens/${id}.json`]),
      '/open311/v2/servicerequestupdates.json',
      '/open311/v2/servicerequestupdates.xml',
      '/feeds/reports.atom',
      ...ids.map((id) => `/feeds/reports/${id}.atom`),
      '/api/places?q=Quilla',
      `/api/places?q=Privatperson${tag}`,
      '/api/categories',
      '/api/config',
    ]);
    for (const z of [8, 10, 12, 13, 14, 15, 16]) outputs[`tile z${z}`] = await tileText(z);

    // The new reports are really in these outputs (so the search below means something).
    for (const where of [
      '/export/reports.geojson',
      '/export/reports.csv',
      '/export/reports.gpkg',
      '/ogc/collections/reports/items?limit=10000',
      '/open311/v2/requests.json?extensions=true',
      '/feeds/reports.atom',
      'tile z16',
    ]) {
      expect(ids.filter((id) => outputs[where]!.includes(id)).length, where).toBeGreaterThanOrEqual(where.startsWith('tile') ? 1 : ids.length);
    }
    for (const [where, body] of Object.entries(outputs)) {
      for (const secret of secrets) expect(body.includes(secret), `${secret} in ${where}`).toBe(false);
      // A name the resident chose to show appears only with their own report on the report API, never in open data.
      if (!where.startsWith('/api/reports')) for (const name of shownNames) expect(body.includes(name), `${name} in ${where}`).toBe(false);
    }
    // Sanity: the shown name does appear on its own report, and the contact table does hold the private values.
    const shown = residents.find((r) => r.showName)!;
    expect(outputs[`/api/reports/${shown.id}`]).toContain(shown.name);
    const [stored] = await ctx.database.rows<{ n: number }>(sql`select count(*)::int n from report_contacts where email like ${`%${tag}%`}`);
    expect(stored!.n).toBe(residents.length);
  });
});
