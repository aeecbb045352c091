import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff, loadHandoffSend, schema } from '@groundswell/db';
import { sql } from '@groundswell/db/testing';
import { STREET_SNAP_METRES } from '@groundswell/core';
import { json, seedCategory, seedReport, staffSessions, testApp } from './helpers.ts';
import { hashPassword } from '../src/staff/passwords.ts';
import { handoffEmail, reportFeature } from '../src/handoff/compose.ts';

// Two east-west streets 0.01° of latitude (about 1.1 km) apart, near Errol.
const HIGH = { usrn: '48500001', name: 'High Street', lat: 56.4 };
const MILL = { usrn: '48500002', name: 'Mill Lane', lat: 56.41 };
const street = (s: { usrn?: string; name: string; lat: number }, extra: Record<string, unknown> = {}) => ({
  type: 'Feature',
  properties: { ...(s.usrn ? { usrn: s.usrn } : {}), name: s.name, ...extra },
  geometry: {
    type: 'LineString',
    coordinates: [
      [-3.2, s.lat],
      [-3.19, s.lat],
    ],
  },
});
// Metres north of a street at its middle, as latitude: 1° is 111,320 m to within 0.5% here.
const north = (lat: number, metres: number) => lat + metres / 111_320;

let ctx: Awaited<ReturnType<typeof testApp>>;
let staff: ReturnType<typeof staffSessions>;
const ADMIN = 'admin@council.example';
const OFFICER = 'officer@council.example';

async function report(lat: number, long = -3.195): Promise<string> {
  const res = await ctx.app.request('/api/reports', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ category: 'pothole', geometry: { type: 'Point', coordinates: [long, lat] }, description: 'Deep pothole by the kerb' }),
  });
  expect(res.status).toBe(201);
  return (await json(res)).id;
}
const detail = async (id: string) => json(await staff.get(ADMIN, `/api/staff/reports/${id}`));
const listed = async (query: string) => ((await json(await staff.get(ADMIN, `/api/staff/reports?${query}`))).reports as Array<{ id: string }>).map((r) => r.id).sort();
const importStreets = (email: string, body: unknown, source = 'usrn') => staff.post(email, `/api/staff/streets/import?source=${source}`, body);

beforeAll(async () => {
  ctx = await testApp();
  await ctx.database.db.insert(schema.teams).values([{ code: 'roads', name: 'Roads' }]);
  const hash = await hashPassword('correct horse battery');
  await createStaff(ctx.database, { email: ADMIN, name: 'Admin', role: 'admin', passwordHash: hash, teamCodes: [] });
  await createStaff(ctx.database, { email: OFFICER, name: 'Officer', role: 'officer', passwordHash: hash, teamCodes: ['roads'] });
  staff = staffSessions(ctx.app, 'correct horse battery');
  await staff.signIn(ADMIN);
  await staff.signIn(OFFICER);
  const pothole = await seedCategory(ctx.database, 'pothole', ['Point', 'LineString']);
  await ctx.database.rows(
    sql`update categories set default_team_id = (select id from teams where code = 'roads'), contact_required = '{"name":false,"email":false,"phone":false}' where id = ${pothole.id}`,
  );
});
afterAll(() => ctx?.close());

describe('street register', () => {
  it('lets only admins import streets', async () => {
    const res = await importStreets(OFFICER, { type: 'FeatureCollection', features: [street(HIGH)] });
    expect(res.status).toBe(403);
    expect((await ctx.database.rows(sql`select 1 from streets`)).length).toBe(0);
  });

  it('refuses a register with bad features, naming each, and stores none', async () => {
    const point = { type: 'Feature', properties: { usrn: '48500009', name: 'Church Square' }, geometry: { type: 'Point', coordinates: [-3.2, 56.4] } };
    const bowTie = {
      type: 'Feature',
      properties: { usrn: '48500010', name: 'Loop Road' },
      geometry: { type: 'LineString', coordinates: [[-3.2, 56.4]] },
    };
    const res = await importStreets(ADMIN, { type: 'FeatureCollection', features: [street(HIGH), street({ name: 'No Number Road', lat: 56.42 }), point, bowTie] });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const problem = await json(res);
    expect(problem.detail).toMatch(/of 4 streets have problems; nothing was imported/);
    expect(problem.errors[0]).toEqual({ field: 'features.1', message: 'No Number Road: has no usrn property' });
    // Refused by JSON shape first; once the identifiers are fixed PostGIS judges the shapes.
    const again = await json(await importStreets(ADMIN, { type: 'FeatureCollection', features: [street(HIGH), point, bowTie] }));
    expect(again.errors.map((e: { field: string }) => e.field)).toEqual(['features.1', 'features.2']);
    expect(again.errors[0].message).toBe('Church Square: a point is not a street line');
    expect(again.errors[1].message).toMatch(/^Loop Road: /);
    expect((await importStreets(ADMIN, { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: null }] })).status).toBe(400);
    expect((await importStreets(ADMIN, { type: 'FeatureCollection', features: [] })).status).toBe(400);
    expect((await ctx.database.rows(sql`select 1 from streets`)).length).toBe(0);
  });

  it('imports a register, gives existing reports their street, and new ones within 50 m', async () => {
    const pothole = await ctx.database.rows<{ id: number }>(sql`select id from categories where code = 'pothole'`);
    const before = await seedReport(ctx.database, Number(pothole[0]!.id), { type: 'Point', coordinates: [-3.193, north(MILL.lat, 30)] }, { state: 'acknowledged' });
    const res = await importStreets(ADMIN, { type: 'FeatureCollection', features: [street(HIGH), street(MILL)] });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ imported: 2, reportsUpdated: 1 });
    const [audit] = await ctx.database.rows<{ action: string; payload: { count: number; source: string } }>(sql`select action, payload from audit_log where action = 'streets_imported'`);
    expect(audit!.payload).toMatchObject({ count: 2, source: 'usrn' });
    expect(await detail(before.publicId)).toMatchObject({ streetName: MILL.name, streetUsrn: MILL.usrn });

    const near = await report(north(HIGH.lat, STREET_SNAP_METRES - 10));
    const far = await report(north(HIGH.lat, STREET_SNAP_METRES + 15));
    expect(await detail(near)).toMatchObject({ streetName: HIGH.name, streetUsrn: HIGH.usrn });
    expect(await detail(far)).toMatchObject({ streetName: null, streetUsrn: null });

    // Moving a report takes the street of its new place.
    const moved = await staff.post(ADMIN, `/api/staff/reports/${near}/location`, { geometry: { type: 'Point', coordinates: [-3.191, north(MILL.lat, -20)] } });
    expect(moved.status).toBe(200);
    expect(await detail(near)).toMatchObject({ streetName: MILL.name, streetUsrn: MILL.usrn });
    const movedAway = await staff.post(ADMIN, `/api/staff/reports/${near}/location`, { geometry: { type: 'Point', coordinates: [-3.191, north(MILL.lat, -300)] } });
    expect(movedAway.status).toBe(200);
    expect(await detail(near)).toMatchObject({ streetName: null, streetUsrn: null });
    await staff.post(ADMIN, `/api/staff/reports/${near}/location`, { geometry: { type: 'Point', coordinates: [-3.191, north(MILL.lat, 5)] } });

    // The staff list shows and filters by it: a name fragment, or the identifier exactly.
    const rows = (await json(await staff.get(ADMIN, '/api/staff/reports?street=mill'))).reports as Array<{ id: string; streetName: string | null; streetUsrn: string | null }>;
    expect(rows.map((r) => r.id).sort()).toEqual([before.publicId, near].sort());
    expect(rows.every((r) => r.streetName === MILL.name && r.streetUsrn === MILL.usrn)).toBe(true);
    expect(await listed(`street=${MILL.usrn}`)).toEqual([before.publicId, near].sort());
    expect(await listed(`street=${HIGH.usrn}`)).toEqual([]);
    expect(await listed('street=4850')).toEqual([]);
    expect(await listed('street=%25')).toEqual([]);
    expect((await json(await staff.get(ADMIN, '/api/staff/reports'))).total).toBe(3);
    expect(far).toBeTruthy();
  });

  it('exports the street in the CSV and GeoJSON downloads', async () => {
    const csv = await (await ctx.app.request('/export/reports.csv')).text();
    const [head, ...lines] = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    const columns = head!.split(',');
    expect(columns).toEqual(expect.arrayContaining(['street_name', 'street_usrn']));
    const named = lines.map((l) => l.split(',')).filter((cells) => cells[columns.indexOf('street_usrn')] === MILL.usrn);
    expect(named.length).toBe(2);
    expect(named.every((cells) => cells[columns.indexOf('street_name')] === MILL.name)).toBe(true);
    const geojson = await json(await ctx.app.request('/export/reports.geojson'));
    const props = (geojson.features as Array<{ properties: { streetName: string | null; streetUsrn: string | null } }>).map((f) => f.properties);
    expect(props.filter((p) => p.streetUsrn === MILL.usrn && p.streetName === MILL.name).length).toBe(2);
    expect(props.filter((p) => p.streetUsrn === null && p.streetName === null).length).toBe(1);
  });

  it('hands the street to council systems: in the GeoJSON feature and the email', async () => {
    const [target] = await ctx.database.db.insert(schema.handoffTargets).values({ name: 'crm', method: 'email', config: {} }).returning();
    const [send] = await ctx.database.rows<{ id: number }>(sql`
      insert into handoff_sends (report_id, target_id) select id, ${target!.id} from reports where street_usrn = ${MILL.usrn} order by id limit 1 returning id`);
    const job = await loadHandoffSend(ctx.database, Number(send!.id));
    const feature = reportFeature(job!.report, 'http://gs.test', 'send-1');
    expect(feature.properties).toMatchObject({ street_name: MILL.name, street_usrn: MILL.usrn });
    expect(feature.properties.location).toMatch(/^Near Mill Lane \(48500002\), at 56\.4/);
    const mail = await handoffEmail(job!.report, 'roads@council.example', { publicUrl: 'http://gs.test', siteName: 'Groundswell', sendKey: 'send-1', storage: ctx.storage });
    expect(mail.text).toContain(`Where: Near ${MILL.name} (${MILL.usrn}), at `);
  });

  it('imports OpenStreetMap ways by their way id, replacing a street of the same id', async () => {
    const way = (name: string, id: unknown) => ({ ...street({ name, lat: north(HIGH.lat, 30) }), properties: { name, '@id': id } });
    expect(await json(await importStreets(ADMIN, { type: 'FeatureCollection', features: [way('Station Road', 'way/123')] }, 'osm'))).toMatchObject({ imported: 1 });
    // The report 65 m north of High Street is 35 m from the way.
    const [row] = await ctx.database.rows<{ usrn: string; name: string }>(sql`select street_usrn as usrn, street_name as name from reports where street_usrn like 'way/%'`);
    expect(row).toEqual({ usrn: 'way/123', name: 'Station Road' });
    const renamed = await importStreets(ADMIN, { type: 'FeatureCollection', features: [{ ...way('Station Brae', 123), properties: { name: 'Station Brae', osm_id: 123 } }] }, 'osm');
    expect(await json(renamed)).toMatchObject({ imported: 1, reportsUpdated: 1 });
    expect(await ctx.database.rows(sql`select usrn, name, source from streets where usrn = 'way/123'`)).toEqual([{ usrn: 'way/123', name: 'Station Brae', source: 'osm' }]);
    const noId = await importStreets(ADMIN, { type: 'FeatureCollection', features: [{ ...way('Nowhere Lane', undefined), properties: { name: 'Nowhere Lane' } }] }, 'osm');
    expect((await json(noId)).errors).toEqual([{ field: 'features.0', message: 'Nowhere Lane: has no @id or osm_id property' }]);
  });
});
