/**
 * The console map's tiles hold exactly what the staff list holds for the same person and
 * filters: an officer sees their teams' reports (hidden ones too) and never another team's,
 * an admin sees all, a visitor without a session gets 401, and nothing is cacheable.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader as Pbf } from 'pbf';
import { createStaff, schema } from '@groundswell/db';
import { json, seedReport, staffSessions, testApp } from './helpers.ts';
import { hashPassword } from '../src/staff/passwords.ts';

let ctx: Awaited<ReturnType<typeof testApp>>;
let staff: ReturnType<typeof staffSessions>;
const PASSWORD = 'correct horse battery';
const DRAINS = 'drains@council.example';
const WASTE = 'waste@council.example';
const ADMIN = 'admin@council.example';
const TOWN: [number, number] = [-3.2, 56.39];
const BBOX = [TOWN[0] - 0.01, TOWN[1] - 0.01, TOWN[0] + 0.01, TOWN[1] + 0.01].join(',');

const lon2x = (lon: number, z: number) => Math.floor(((lon + 180) / 360) * 2 ** z);
const lat2y = (lat: number, z: number) => {
  const r = (lat * Math.PI) / 180;
  return Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z);
};
const tileAt = (z: number) => `${z}/${lon2x(TOWN[0], z)}/${lat2y(TOWN[1], z)}`;

function layer(bytes: Uint8Array, name: string) {
  const l = new VectorTile(new Pbf(bytes)).layers[name];
  return l ? Array.from({ length: l.length }, (_, i) => l.feature(i).properties) : [];
}
async function staffTile(email: string | null, path: string) {
  const res = await staff.get(email, `/api/staff/tiles/reports/${path}`);
  return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
}
async function listIds(email: string, query = '') {
  const body = await json(await staff.get(email, `/api/staff/reports?bbox=${BBOX}&limit=500${query}`));
  return (body.reports as Array<{ id: string }>).map((r) => r.id).sort();
}

beforeAll(async () => {
  ctx = await testApp();
  staff = staffSessions(ctx.app, PASSWORD);
  const teams = await ctx.database.db
    .insert(schema.teams)
    .values([
      { code: 'drains', name: 'Drains' },
      { code: 'waste', name: 'Waste' },
    ])
    .returning();
  const [drains, waste] = [teams[0]!.id, teams[1]!.id];
  const noContact = { name: false, email: false, phone: false };
  const cats = await ctx.database.db
    .insert(schema.categories)
    .values([
      { code: 'blocked_ditch', name: { en: 'Blocked ditch' }, geometryTypes: ['Point'], responseDays: 10, contactRequired: noContact, questions: [], defaultTeamId: drains },
      { code: 'fly_tipping', name: { en: 'Fly-tipping' }, geometryTypes: ['Point'], responseDays: 5, contactRequired: noContact, questions: [], defaultTeamId: waste },
    ])
    .returning();
  const at = (dx: number) => ({ type: 'Point' as const, coordinates: [TOWN[0] + dx, TOWN[1]] as [number, number] });
  await seedReport(ctx.database, cats[0]!.id, at(0), { publicId: 'st0001', teamId: drains });
  await seedReport(ctx.database, cats[0]!.id, at(0.0002), { publicId: 'st0002', teamId: drains, state: 'hidden' });
  await seedReport(ctx.database, cats[0]!.id, at(0.0004), { publicId: 'st0003', teamId: drains, state: 'fixed' });
  await seedReport(ctx.database, cats[1]!.id, at(-0.0002), { publicId: 'st0004', teamId: waste });
  await seedReport(ctx.database, cats[1]!.id, at(-0.0004), { publicId: 'st0005', teamId: waste, state: 'hidden' });
  const passwordHash = await hashPassword(PASSWORD);
  await createStaff(ctx.database, { email: DRAINS, name: 'Drains Officer', role: 'officer', passwordHash, teamCodes: ['drains'] });
  await createStaff(ctx.database, { email: WASTE, name: 'Waste Officer', role: 'officer', passwordHash, teamCodes: ['waste'] });
  await createStaff(ctx.database, { email: ADMIN, name: 'Admin', role: 'admin', passwordHash, teamCodes: [] });
  for (const email of [DRAINS, WASTE, ADMIN]) await staff.signIn(email);
});
afterAll(() => ctx?.close());

describe('GET /api/staff/tiles/reports/{z}/{x}/{y}.mvt', () => {
  it("holds the reports the staff list holds for each person: their remit, hidden ones included, never another team's", async () => {
    const seen: Record<string, string[]> = {};
    for (const email of [DRAINS, WASTE, ADMIN]) {
      const { res, bytes } = await staffTile(email, `${tileAt(16)}.mvt`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile');
      expect(res.headers.get('cache-control')).toMatch(/no-store/);
      expect(res.headers.get('cache-control')).not.toMatch(/public/);
      seen[email] = layer(bytes, 'reports')
        .map((p) => p.id as string)
        .sort();
      expect(seen[email], email).toEqual(await listIds(email));
    }
    expect(seen[DRAINS]).toEqual(['st0001', 'st0002', 'st0003']);
    expect(seen[WASTE]).toEqual(['st0004', 'st0005']);
    expect(seen[ADMIN]).toHaveLength(5);
    // The public tile of the same place has neither hidden report.
    const publicTile = new Uint8Array(await (await ctx.app.request(`/tiles/reports/${tileAt(16)}.mvt`)).arrayBuffer());
    expect(
      layer(publicTile, 'reports')
        .map((p) => p.id)
        .sort(),
    ).toEqual(['st0001', 'st0003', 'st0004']);
  });

  it("counts the remit's reports in clusters at low zoom, as many as the list's total", async () => {
    for (const email of [DRAINS, WASTE]) {
      const { bytes } = await staffTile(email, `${tileAt(10)}.mvt`);
      const counted = layer(bytes, 'clusters').reduce((n, p) => n + (p.count as number), 0);
      const list = await json(await staff.get(email, `/api/staff/reports?bbox=${BBOX}`));
      expect(counted, email).toBe(list.total);
    }
  });

  it("applies the list's filters", async () => {
    const ids = async (query: string) =>
      layer((await staffTile(DRAINS, `${tileAt(16)}.mvt${query}`)).bytes, 'reports')
        .map((p) => p.id)
        .sort();
    expect(await ids('?state=hidden')).toEqual(['st0002']);
    expect(await ids('?state=new,fixed')).toEqual(await listIds(DRAINS, '&state=new,fixed'));
    expect(await ids('?category=fly_tipping')).toEqual([]);
    expect(await ids('?team=waste')).toEqual([]);
    expect((await ids('?team=waste')).length).toBe((await listIds(DRAINS, '&team=waste')).length);
  });

  it('answers 401 without a session and a problem naming a bad filter or tile', async () => {
    const anonymous = await staffTile(null, `${tileAt(16)}.mvt`);
    expect(anonymous.res.status).toBe(401);
    expect(anonymous.res.headers.get('content-type')).toContain('application/problem+json');
    for (const [path, field] of [
      [`${tileAt(16)}.mvt?state=bogus`, 'state'],
      [`${tileAt(16)}.mvt?priority=9`, 'priority'],
      ['2/4/0.mvt', 'path.x'],
    ] as const) {
      const { res, bytes } = await staffTile(DRAINS, path);
      expect(res.status, path).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(new TextDecoder().decode(bytes)).toContain(field);
    }
  });
});
