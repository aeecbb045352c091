/**
 * Council asset layers (issue 14) against real servers: a SECOND Groundswell instance,
 * served over HTTP, is the council's OGC API Features server (its /ogc `assets` collection),
 * and a recorded WFS 2.0 GetFeature GeoJSON answer of street lights is served by a local HTTP
 * server that checks every parameter it is sent, as a WFS would.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bboxAround, greatCircleMetres, type BBox } from '@groundswell/core';
import { findReportAsset } from '@groundswell/db';
import { loadDemo } from '@groundswell/db/demo';
import { sql } from '@groundswell/db/testing';
import { systemClock } from '../src/deps.ts';
import { DEMO_PASSWORD, loadDemoStaff } from '../src/staff/demo-staff.ts';
import { queueHandoffs } from '../src/handoff/queue-handoffs.ts';
import { sendHandoff } from '../src/handoff/send-handoff.ts';
import { json, staffSessions, testApp } from './helpers.ts';

const ADMIN = 'admin@council.example';
const ROADS = 'roads@council.example';
const TYPE_NAME = 'council:street_lights';
const LAT_FIRST_TYPE_NAME = 'council:street_lights_latlon';
type Lamp = { type: 'Feature'; id: string; geometry: { type: 'Point'; coordinates: [number, number] }; properties: Record<string, unknown> };
const RECORDED = JSON.parse(readFileSync(new URL('./fixtures/asset-layers/wfs-street-lights.json', import.meta.url), 'utf8')) as { features: Lamp[] } & Record<string, unknown>;

let ours: Awaited<ReturnType<typeof testApp>>;
let gis: Awaited<ReturnType<typeof testApp>>;
let gisServer: ReturnType<typeof serve>;
let gisUrl: string;
let wfs: Server;
let wfsUrl: string;
let deadUrl: string;
const wfsRequests: URL[] = [];
let staff: ReturnType<typeof staffSessions>;

/** The parts of a WFS 2.0 GetFeature a real server refuses to go without, checked as it would. */
function answerWfs(url: URL): { status: number; body: string; type: string } {
  const p = Object.fromEntries([...url.searchParams].map(([k, v]) => [k.toUpperCase(), v]));
  const refuse = (code: string, locator: string) => ({
    status: 400,
    type: 'application/xml',
    body: `<ows:ExceptionReport xmlns:ows="http://www.opengis.net/ows/1.1" version="2.0.0"><ows:Exception exceptionCode="${code}" locator="${locator}"/></ows:ExceptionReport>`,
  });
  if (p.SERVICE !== 'WFS') return refuse('MissingParameterValue', 'service');
  if (p.VERSION !== '2.0.0') return refuse('InvalidParameterValue', 'version');
  if (p.REQUEST !== 'GetFeature') return refuse('OperationNotSupported', 'request');
  if (p.TYPENAMES !== TYPE_NAME && p.TYPENAMES !== LAT_FIRST_TYPE_NAME) return refuse('InvalidParameterValue', 'typeNames');
  if (p.OUTPUTFORMAT !== 'application/json') return refuse('InvalidParameterValue', 'outputFormat');
  if (p.SRSNAME !== 'EPSG:4326') return refuse('InvalidParameterValue', 'srsName');
  if (!/^\d+$/.test(p.COUNT ?? '')) return refuse('InvalidParameterValue', 'count');
  const box = (p.BBOX ?? '').split(',');
  // urn:ogc:def:crs:EPSG::4326 is latitude first: south,west,north,east.
  if (box.length !== 5 || box[4] !== 'urn:ogc:def:crs:EPSG::4326') return refuse('InvalidParameterValue', 'bbox');
  const [s, w, n, e] = box.slice(0, 4).map(Number) as [number, number, number, number];
  const inside = RECORDED.features
    .filter(
      ({
        geometry: {
          coordinates: [x, y],
        },
      }) => x >= w && x <= e && y >= s && y <= n,
    )
    .slice(0, Number(p.COUNT));
  const features = p.TYPENAMES === LAT_FIRST_TYPE_NAME ? inside.map((f) => ({ ...f, geometry: { ...f.geometry, coordinates: [f.geometry.coordinates[1], f.geometry.coordinates[0]] } })) : inside;
  return { status: 200, type: 'application/json;charset=UTF-8', body: JSON.stringify({ ...RECORDED, features, numberMatched: features.length, numberReturned: features.length }) };
}

const listen = (server: Server) => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));

beforeAll(async () => {
  gis = await testApp();
  await loadDemo(gis.database, { now: new Date() });
  gisServer = await new Promise((resolve) => {
    const s = serve({ fetch: (req) => gis.app.fetch(req), port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  gisUrl = `http://127.0.0.1:${(gisServer.address() as AddressInfo).port}`;

  wfs = createServer((req, res) => {
    const url = new URL(req.url!, 'http://wfs.test');
    wfsRequests.push(url);
    const answer = url.pathname === '/geoserver/wfs' ? answerWfs(url) : { status: 404, type: 'text/plain', body: 'not here' };
    res.writeHead(answer.status, { 'content-type': answer.type }).end(answer.body);
  });
  wfsUrl = `${await listen(wfs)}/geoserver/wfs`;
  // A port that answered once and is gone: connections are refused, as from a GIS that is down.
  const gone = createServer();
  deadUrl = `${await listen(gone)}/geoserver/wfs`;
  await new Promise((r) => gone.close(r));

  ours = await testApp({ handoffSecretKey: Buffer.alloc(32, 5) });
  ours.deps.clock = systemClock;
  await loadDemo(ours.database, { now: new Date() });
  await loadDemoStaff(ours.database);
  staff = staffSessions(ours.app, DEMO_PASSWORD);
  await staff.signIn(ADMIN);
  await staff.signIn(ROADS);
}, 120_000);

afterAll(async () => {
  await ours?.close();
  gisServer?.close();
  wfs?.close();
  await gis?.close();
});

const lampLayer = (extra: Record<string, unknown> = {}) => ({
  name: 'Street lights',
  kind: 'wfs',
  url: wfsUrl,
  collection: TYPE_NAME,
  idField: 'unit_no',
  nameField: 'street',
  categories: ['street_light'],
  snapMetres: 30,
  ...extra,
});

async function addLayer(body: Record<string, unknown>): Promise<number> {
  const res = await staff.post(ADMIN, '/api/staff/asset-layers', body);
  expect(res.status, JSON.stringify(await res.clone().json())).toBe(201);
  return (await json(res)).id;
}

const features = (layer: number, bbox: BBox, near?: [number, number]) => ours.app.request(`/api/asset-layers/${layer}/features?bbox=${bbox.join(',')}${near ? `&near=${near.join(',')}` : ''}`);

const ANSWERS: Record<string, Record<string, string>> = { street_light: { fault: 'out' }, blocked_ditch: { how_blocked: 'blocked' } };

const report = (category: string, geometry: unknown, asset?: unknown) =>
  ours.app.request('/api/reports', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ category, geometry, description: 'Out every night this week', answers: ANSWERS[category] ?? {}, contact: { email: 'resident@example.org' }, ...(asset ? { asset } : {}) }),
  });

const reportId = async (publicId: string) => (await ours.database.rows<{ id: number }>(sql`select id from reports where public_id = ${publicId}`))[0]!.id;

describe('council asset layers', () => {
  it('is set up by an admin only, with known categories, and listed publicly without its URL', async () => {
    const refused = await staff.post(ROADS, '/api/staff/asset-layers', lampLayer());
    expect(refused.status).toBe(403);
    const unknown = await staff.post(ADMIN, '/api/staff/asset-layers', lampLayer({ categories: ['street_light', 'no_such'] }));
    expect(unknown.status).toBe(400);
    expect((await json(unknown)).errors.map((e: { field: string }) => e.field)).toEqual(['body.categories']);
    const id = await addLayer(lampLayer({ name: 'Lamps listed' }));
    const taken = await staff.post(ADMIN, '/api/staff/asset-layers', lampLayer({ name: 'Lamps listed' }));
    expect(taken.status).toBe(409);
    const listed = await json(await ours.app.request('/api/asset-layers?category=street_light'));
    expect(listed.layers).toContainEqual({ id, name: 'Lamps listed', categories: ['street_light'], snapMetres: 30 });
    expect(JSON.stringify(listed)).not.toContain(wfsUrl);
    expect((await json(await ours.app.request('/api/asset-layers?category=litter'))).layers.map((l: { id: number }) => l.id)).not.toContain(id);
    const off = await staff.post(ADMIN, `/api/staff/asset-layers/${id}`, lampLayer({ name: 'Lamps listed', active: false }));
    expect(off.status).toBe(200);
    expect((await json(await ours.app.request('/api/asset-layers?category=street_light'))).layers.map((l: { id: number }) => l.id)).not.toContain(id);
    const audit = await ours.database.rows<{ action: string }>(sql`select action from audit_log where target_type = 'asset_layer' and target_id = ${String(id)} order by id`);
    expect(audit.map((a) => a.action)).toEqual(['asset_layer_created', 'asset_layer_changed']);
  });

  it('fetches the lamps near a place from the WFS by bbox, latitude first, offers the nearest, and caches the answer', async () => {
    const layer = await addLayer(lampLayer());
    const place: [number, number] = [-3.21325, 56.39203];
    const bbox = bboxAround(place, 60);
    const before = wfsRequests.length;
    const res = await features(layer, bbox, place);
    expect(res.status).toBe(200);
    const body = await json(res);
    const expected = RECORDED.features.filter(
      ({
        geometry: {
          coordinates: [x, y],
        },
      }) => x >= bbox[0] && x <= bbox[2] && y >= bbox[1] && y <= bbox[3],
    );
    expect(expected.length).toBeGreaterThan(1);
    expect(body.features.map((f: { id: string }) => f.id).sort()).toEqual(expected.map((f) => f.properties.unit_no).sort());
    const nearestLamp = expected.reduce((a, b) => (greatCircleMetres(place, a.geometry.coordinates) < greatCircleMetres(place, b.geometry.coordinates) ? a : b));
    expect(body.nearest).toMatchObject({ id: nearestLamp.properties.unit_no, name: 'High Street', geometry: nearestLamp.geometry });
    expect(body.nearest.metres).toBeCloseTo(greatCircleMetres(place, nearestLamp.geometry.coordinates), 0);
    const asked = wfsRequests[before]!;
    expect(asked.searchParams.get('BBOX')).toBe(`${bbox[1]},${bbox[0]},${bbox[3]},${bbox[2]},urn:ogc:def:crs:EPSG::4326`);
    // The same street again within the minute: answered from the cache.
    expect((await features(layer, bbox, place)).status).toBe(200);
    expect(wfsRequests.length).toBe(before + 1);
    // Nothing within the snapping distance: lamps shown, none offered.
    const far = await json(await features(layer, bbox, [-3.2132, 56.3926]));
    expect(far.nearest).toBeNull();
    // A bbox for a whole town is refused, naming it.
    const wide = await features(layer, [-3.3, 56.3, -3.1, 56.5]);
    expect(wide.status).toBe(400);
    expect((await json(wide)).errors[0].field).toBe('query.bbox');
  });

  it('turns a WFS answer written latitude first around', async () => {
    const layer = await addLayer(lampLayer({ name: 'Lamps, EPSG axis order', collection: LAT_FIRST_TYPE_NAME }));
    const place: [number, number] = [-3.2128, 56.392];
    const body = await json(await features(layer, bboxAround(place, 20), place));
    expect(body.nearest).toMatchObject({ id: 'LP-104', geometry: { type: 'Point', coordinates: [-3.2128, 56.392] } });
  });

  it('stores the picked lamp on the report, shows it to staff, hands it off; refuses one that is not near or a layer not for the category', async () => {
    const hooks: Array<Record<string, any>> = [];
    const receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        hooks.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ reference: 'WORKS-1' }));
      });
    });
    const hookUrl = await listen(receiver);
    const target = await json(
      await staff.post(ADMIN, '/api/staff/handoff/targets', { name: 'Lighting contractor', method: 'webhook', config: { url: `${hookUrl}/hook` }, secret: 'lighting-hook-secret' }),
    );
    expect((await staff.post(ADMIN, '/api/staff/handoff/rules', { category: 'street_light', targetId: target.id })).status).toBe(201);
    const [layer] = (await json(await ours.app.request('/api/asset-layers?category=street_light'))).layers.filter((l: { name: string }) => l.name === 'Street lights');
    const place = { type: 'Point', coordinates: [-3.21325, 56.39203] };
    const made = await report('street_light', place, { layer: layer.id, id: 'LP-103', name: 'whatever the browser said' });
    expect(made.status, JSON.stringify(await made.clone().json())).toBe(201);
    const publicId = (await json(made)).id;
    expect(await findReportAsset(ours.database, await reportId(publicId))).toEqual({ layer: 'Street lights', layerId: layer.id, id: 'LP-103', name: 'High Street', verified: true });
    const detail = await json(await staff.get(ROADS, `/api/staff/reports/${publicId}`));
    expect(detail.asset).toEqual({ layer: 'Street lights', layerId: layer.id, id: 'LP-103', name: 'High Street', verified: true });

    const queued: number[] = [];
    await queueHandoffs({ ...ours.deps, jobs: { ...ours.deps.jobs, sendHandoff: async (id: number) => void queued.push(id) } });
    expect(queued).toHaveLength(1);
    expect(await sendHandoff(ours.deps, queued[0]!)).toBe('sent');
    receiver.close();
    expect(hooks[0]!.report).toMatchObject({ id: publicId, properties: { asset_layer: 'Street lights', asset_id: 'LP-103', asset_name: 'High Street' } });

    const notNear = await report('street_light', place, { layer: layer.id, id: 'LP-240' });
    expect(notNear.status).toBe(400);
    expect((await json(notNear)).errors).toEqual([{ field: 'asset', message: 'This asset is not within 30 m of the place on the map' }]);
    const wrongCategory = await report('litter', place, { layer: layer.id, id: 'LP-103' });
    expect(wrongCategory.status).toBe(400);
    expect((await json(wrongCategory)).errors.map((e: { field: string }) => e.field)).toEqual(['asset']);
    const noLayer = await report('street_light', place, { layer: 999_999, id: 'LP-103' });
    expect((await json(noLayer)).errors.map((e: { field: string }) => e.field)).toEqual(['asset']);
  });

  it('reads the assets of our own OGC API Features server of another instance, and pins a ditch report to one', async () => {
    const items = (await (await fetch(`${gisUrl}/ogc/collections/assets/items?limit=5`)).json()) as {
      features: Array<{ geometry: { coordinates: [number, number][] }; properties: { kind: string; code: string; name: string } }>;
    };
    const ditch = items.features.find((f) => f.properties.kind === 'ditch')!;
    const [a, b] = ditch.geometry.coordinates as [number, number][];
    const onIt: [number, number] = [(a![0] + b![0]) / 2, (a![1] + b![1]) / 2];
    const layer = await addLayer({
      name: 'Drainage network',
      kind: 'ogc',
      url: `${gisUrl}/ogc`,
      collection: 'assets',
      idField: 'code',
      nameField: 'name',
      categories: ['blocked_ditch'],
      snapMetres: 15,
    });
    const body = await json(await features(layer, bboxAround(onIt, 50), onIt));
    expect(body.features.map((f: { id: string }) => f.id)).toContain(ditch.properties.code);
    expect(body.nearest).toMatchObject({ id: ditch.properties.code, name: ditch.properties.name });
    expect(body.nearest.metres).toBeLessThan(1);
    const made = await report('blocked_ditch', { type: 'Point', coordinates: onIt }, { layer, id: ditch.properties.code });
    expect(made.status).toBe(201);
    expect(await findReportAsset(ours.database, await reportId((await json(made)).id))).toMatchObject({ id: ditch.properties.code, name: ditch.properties.name, verified: true });
  });

  it('answers 503 when the layer’s server is down, and still takes the report with the asset marked unverified', async () => {
    const layer = await addLayer(lampLayer({ name: 'Lamps on a server that is down', url: deadUrl }));
    const place: [number, number] = [-3.21325, 56.39203];
    const down = await features(layer, bboxAround(place, 60), place);
    expect(down.status).toBe(503);
    expect(down.headers.get('content-type')).toContain('application/problem+json');
    expect(down.headers.get('retry-after')).toBe('60');
    expect((await json(down)).code).toBe('unavailable');
    const made = await report('street_light', { type: 'Point', coordinates: place }, { layer, id: 'LP-103', name: 'High Street' });
    expect(made.status).toBe(201);
    expect(await findReportAsset(ours.database, await reportId((await json(made)).id))).toEqual({
      layer: 'Lamps on a server that is down',
      layerId: layer,
      id: 'LP-103',
      name: 'High Street',
      verified: false,
    });
  });
});
