/**
 * The drainage network: line reports attach to the segment they run along (and a blocked-
 * ditch report updates its condition), crossing or distant lines do not, the at-risk list,
 * and the staff actions (confirm a report as a segment, split, join, inspect) with their
 * history and audit entries.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff, schema } from '@groundswell/db';
import { sql } from '@groundswell/db/testing';
import { json, testApp } from './helpers.ts';
import { hashPassword } from '../src/staff/passwords.ts';

let ctx: Awaited<ReturnType<typeof testApp>>;
const NOW = new Date('2026-11-01T12:00:00Z');
const DAY = 86_400_000;
const ORIGIN = 'http://gs.test';

// Metres to degrees around the test ditch (an equirectangular approximation: the cases keep wide margins).
const LAT0 = 56.4;
const M_LAT = 1 / 111_320;
const M_LON = 1 / (111_320 * Math.cos((LAT0 * Math.PI) / 180));
const LON0 = -3.25;
/** A point `east` and `north` metres from the start of the ditch. */
const at = (east: number, north: number): [number, number] => [LON0 + east * M_LON, LAT0 + north * M_LAT];
const line = (...pts: [number, number][]) => ({ type: 'LineString' as const, coordinates: pts });

/** The main test ditch: straight, due north for 500 m. */
const DITCH = line(at(0, 0), at(0, 100), at(0, 200), at(0, 300), at(0, 400), at(0, 500));
/** A second ditch 2 km east that carries on from the north end of a third: for joins. */
const SOUTH = line(at(2000, 0), at(2000, 150), at(2000, 300));
const NORTH = line(at(2000, 300), at(2010, 450), at(2020, 600));

const HOW_BLOCKED = {
  id: 'how_blocked',
  type: 'single_choice' as const,
  required: true,
  label: { en: 'How blocked is it?' },
  choices: [
    { value: 'partly_blocked', label: { en: 'Partly' } },
    { value: 'blocked', label: { en: 'Blocked' } },
    { value: 'collapsed', label: { en: 'Collapsed' } },
  ],
};

const sessions: Record<string, { cookie: string; csrf: string }> = {};
async function signIn(email: string) {
  const res = await ctx.app.request('/api/staff/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: ORIGIN },
    body: JSON.stringify({ email, password: 'correct horse battery' }),
  });
  expect(res.status).toBe(200);
  sessions[email] = { cookie: res.headers.get('set-cookie')!.split(';')[0]!, csrf: (await json(res)).csrfToken };
}
const staffPost = (email: string, path: string, body: unknown, csrf = true) =>
  ctx.app.request(path, {
    method: 'POST',
    headers: { cookie: sessions[email]!.cookie, ...(csrf ? { 'x-csrf-token': sessions[email]!.csrf } : {}), origin: ORIGIN, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
const staffGet = (email: string, path: string) => ctx.app.request(path, { headers: { cookie: sessions[email]!.cookie } });

async function report(category: string, geometry: unknown, answers: Record<string, unknown> = {}) {
  const res = await ctx.app.request('/api/reports', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ category, geometry, description: 'Along the ditch', answers }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await json(res)).id as string;
}
const assetOf = async (publicId: string) =>
  (await ctx.database.rows<{ code: string | null }>(sql`select a.code from reports r left join assets a on a.id = r.asset_id where r.public_id = ${publicId}`))[0]!.code;
const asset = async (code: string) =>
  (await ctx.database.rows<{ id: number; condition: string; condition_at: string | null }>(sql`select id, condition, condition_at::text from assets where code = ${code}`))[0]!;

async function seedAsset(code: string, kind: 'ditch' | 'culvert', geom: ReturnType<typeof line>, inspections: Array<{ daysAgo: number; condition: string }> = [], condition?: string) {
  const last = inspections[inspections.length - 1];
  const [row] = await ctx.database.db
    .insert(schema.assets)
    .values({
      code,
      kind,
      name: `Test ${code}`,
      geom,
      condition: condition ?? last?.condition ?? 'unknown',
      conditionAt: last ? new Date(NOW.getTime() - last.daysAgo * DAY) : null,
      createdAt: new Date('2024-01-01T00:00:00Z'),
    })
    .returning();
  for (const i of inspections) {
    await ctx.database.db.insert(schema.assetEvents).values({ assetId: row!.id, kind: 'inspected', condition: i.condition, actorType: 'staff', createdAt: new Date(NOW.getTime() - i.daysAgo * DAY) });
  }
  return row!;
}

beforeAll(async () => {
  ctx = await testApp();
  const [team] = await ctx.database.db
    .insert(schema.teams)
    .values([
      { code: 'drains', name: 'Drains' },
      { code: 'waste', name: 'Waste' },
    ])
    .returning();
  const noContact = { name: false, email: false, phone: false };
  await ctx.database.db.insert(schema.categories).values([
    { code: 'blocked_ditch', name: { en: 'Blocked ditch' }, geometryTypes: ['LineString', 'Point'], responseDays: 10, contactRequired: noContact, questions: [HOW_BLOCKED], defaultTeamId: team!.id },
    { code: 'litter', name: { en: 'Litter' }, geometryTypes: ['Point', 'LineString'], responseDays: 5, contactRequired: noContact, questions: [] },
  ]);
  await seedAsset('D-001', 'ditch', DITCH, [{ daysAgo: 400, condition: 'clear' }]);
  await seedAsset('D-002', 'ditch', SOUTH, [{ daysAgo: 30, condition: 'partly_blocked' }]);
  await seedAsset('D-003', 'ditch', NORTH, [{ daysAgo: 200, condition: 'clear' }]);
  const hash = await hashPassword('correct horse battery');
  await createStaff(ctx.database, { email: 'drains@council.example', name: 'Drains Officer', role: 'officer', passwordHash: hash, teamCodes: ['drains'] });
  await createStaff(ctx.database, { email: 'waste@council.example', name: 'Waste Officer', role: 'officer', passwordHash: hash, teamCodes: ['waste'] });
  await signIn('drains@council.example');
  await signIn('waste@council.example');
});
afterAll(() => ctx?.close());

describe('a line report along a mapped ditch', () => {
  let along = '';
  it('attaches to the segment and updates its condition from the answer', async () => {
    // 5 m east of the ditch, from 50 m to 350 m along it, drawn with a few wobbly taps.
    along = await report('blocked_ditch', line(at(5, 50), at(3, 150), at(7, 250), at(4, 350)), { how_blocked: 'blocked' });
    expect(await assetOf(along)).toBe('D-001');
    const a = await asset('D-001');
    expect(a.condition).toBe('blocked');
    expect(new Date(a.condition_at!).toISOString()).toBe(NOW.toISOString());
    const events = await ctx.database.rows<{ kind: string; condition: string; actor_type: string; public_id: string }>(sql`
      select e.kind, e.condition, e.actor_type, r.public_id from asset_events e join reports r on r.id = e.report_id where e.asset_id = ${a.id}`);
    expect(events).toEqual([{ kind: 'reported', condition: 'blocked', actor_type: 'resident', public_id: along }]);
  });

  it("shows the report in the segment's public history", async () => {
    const body = await json(await ctx.app.request('/api/assets/D-001'));
    expect(body.properties.condition).toBe('blocked');
    expect(body.history.map((e: { kind: string; condition: string | null; report: string | null }) => [e.kind, e.condition, e.report])).toEqual([
      ['inspected', 'clear', null],
      ['reported', 'blocked', along],
    ]);
    expect(body.attachedReports.map((r: { id: string }) => r.id)).toEqual([along]);
  });

  it('does not attach a short line drawn across the ditch, though all of it is within 15 m', async () => {
    const across = await report('blocked_ditch', line(at(-12, 250), at(12, 252)), { how_blocked: 'collapsed' });
    expect(await assetOf(across)).toBeNull();
    expect((await asset('D-001')).condition).toBe('blocked');
  });

  it('does not attach a long crossing line, a parallel line 30 m away, a line only half along it, or a point', async () => {
    expect(await assetOf(await report('blocked_ditch', line(at(-100, 200), at(100, 205)), { how_blocked: 'collapsed' }))).toBeNull();
    expect(await assetOf(await report('blocked_ditch', line(at(30, 100), at(30, 300)), { how_blocked: 'collapsed' }))).toBeNull();
    // 100 m along the ditch, then 100 m away from it, due east.
    expect(await assetOf(await report('blocked_ditch', line(at(4, 100), at(4, 200), at(104, 200)), { how_blocked: 'collapsed' }))).toBeNull();
    const point = await ctx.app.request('/api/reports', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ category: 'blocked_ditch', geometry: { type: 'Point', coordinates: at(2, 200) }, description: 'x', answers: { how_blocked: 'collapsed' } }),
    });
    expect(await assetOf((await json(point)).id)).toBeNull();
    expect((await asset('D-001')).condition).toBe('blocked');
  });

  it('attaches a litter line without changing the condition', async () => {
    const litter = await report('litter', line(at(-6, 300), at(-6, 480)));
    expect(await assetOf(litter)).toBe('D-001');
    expect((await asset('D-001')).condition).toBe('blocked');
    const [e] = await ctx.database.rows<{ condition: string | null }>(sql`select e.condition from asset_events e join reports r on r.id = e.report_id where r.public_id = ${litter}`);
    expect(e!.condition).toBeNull();
  });

  it('keeps a condition recorded after the report', async () => {
    await ctx.database.rows(sql`update assets set condition = 'clear', condition_at = '2026-12-01T00:00:00Z' where code = 'D-002'`);
    const late = await report('blocked_ditch', line(at(2003, 20), at(2003, 250)), { how_blocked: 'collapsed' });
    expect(await assetOf(late)).toBe('D-002');
    expect((await asset('D-002')).condition).toBe('clear');
    await ctx.database.rows(sql`update assets set condition = 'partly_blocked', condition_at = ${new Date(NOW.getTime() - 30 * DAY).toISOString()}::timestamptz where code = 'D-002'`);
  });

  it('leaves a hidden report out of the public history, not the staff one', async () => {
    const hidden = await report('litter', line(at(-4, 120), at(-4, 330)));
    expect(await assetOf(hidden)).toBe('D-001');
    // Hidden reports are seen only in the remit that holds them (Hardening, defect 5): give it to drains.
    await ctx.database.rows(sql`update reports set state = 'hidden', team_id = (select id from teams where code = 'drains') where public_id = ${hidden}`);
    const pub = await json(await ctx.app.request('/api/assets/D-001'));
    expect(pub.history.some((e: { report: string | null }) => e.report === hidden)).toBe(false);
    expect(pub.attachedReports.some((r: { id: string }) => r.id === hidden)).toBe(false);
    const staff = await json(await staffGet('drains@council.example', '/api/staff/assets/D-001'));
    expect(staff.history.some((e: { report: string | null }) => e.report === hidden)).toBe(true);
    const otherTeam = await json(await staffGet('waste@council.example', '/api/staff/assets/D-001'));
    expect(otherTeam.history.some((e: { report: string | null }) => e.report === hidden)).toBe(false);
  });
});

describe('the network as GeoJSON', () => {
  it('lists live segments with their condition, filterable', async () => {
    const res = await ctx.app.request('/api/assets');
    expect(res.headers.get('content-type')).toMatch(/geo\+json/);
    const body = await json(res);
    expect(body.type).toBe('FeatureCollection');
    expect(body.features.map((f: { id: string }) => f.id)).toEqual(expect.arrayContaining(['D-001', 'D-002', 'D-003']));
    const d1 = body.features.find((f: { id: string }) => f.id === 'D-001');
    expect(d1.geometry.type).toBe('LineString');
    expect(d1.properties).toMatchObject({ kind: 'ditch', condition: 'blocked', reports: 2, openReports: 2 });
    expect(d1.properties.lengthMeters).toBeGreaterThan(495);
    expect(d1.properties.lengthMeters).toBeLessThan(505);
    const blocked = await json(await ctx.app.request('/api/assets?condition=blocked,collapsed'));
    expect(blocked.features.map((f: { id: string }) => f.id)).toEqual(['D-001']);
    expect((await ctx.app.request('/api/assets?condition=wet')).status).toBe(400);
    expect((await ctx.app.request('/api/assets/D-999')).status).toBe(404);
  });
});

describe('segments at risk', () => {
  /** Culverts with known histories; the rule worked out here. */
  const CASES: Array<{ code: string; inspections: Array<{ daysAgo: number; condition: string }>; condition?: string }> = [
    { code: 'C-101', inspections: [{ daysAgo: 10, condition: 'blocked' }] },
    { code: 'C-102', inspections: [{ daysAgo: 215, condition: 'clear' }] },
    { code: 'C-103', inspections: [{ daysAgo: 31, condition: 'clear' }] },
    { code: 'C-104', inspections: [], condition: 'unknown' },
    {
      code: 'C-105',
      inspections: [
        { daysAgo: 250, condition: 'clear' },
        { daysAgo: 20, condition: 'unknown' },
      ],
    },
    { code: 'C-106', inspections: [], condition: 'collapsed' },
    { code: 'C-107', inspections: [{ daysAgo: 170, condition: 'partly_blocked' }] },
  ];
  const cutoff = new Date('2026-05-01T12:00:00Z'); // six calendar months before NOW
  const expected = () =>
    CASES.map((c) => {
      const seen = c.inspections.filter((i) => i.condition !== 'unknown').map((i) => NOW.getTime() - i.daysAgo * DAY);
      const last = seen.length ? Math.max(...seen) : null;
      const condition = c.condition ?? c.inspections[c.inspections.length - 1]!.condition;
      const reasons = [...(['blocked', 'collapsed'].includes(condition) ? ['condition'] : []), ...(last === null || last < cutoff.getTime() ? ['not_inspected'] : [])];
      return { code: c.code, condition, last, reasons, days: last === null ? null : Math.floor((NOW.getTime() - last) / DAY) };
    }).filter((c) => c.reasons.length);

  beforeAll(async () => {
    let n = 0;
    for (const c of CASES) await seedAsset(c.code, 'culvert', line(at(5000 + 100 * n, 0), at(5000 + 100 * n++, 60)), c.inspections, c.condition);
  });

  it('lists blocked or collapsed segments and those not seen by an inspection for six months', async () => {
    const body = await json(await ctx.app.request('/api/assets/at-risk?kind=culvert'));
    expect(body.months).toBe(6);
    const want = expected();
    expect(want.map((w) => w.code).sort()).toEqual(['C-101', 'C-102', 'C-104', 'C-105', 'C-106']);
    for (const w of want) {
      const got = body.segments.find((s: { code: string }) => s.code === w.code);
      expect(got, w.code).toBeDefined();
      expect(got.reasons).toEqual(w.reasons);
      expect(got.condition).toBe(w.condition);
      expect(got.daysSinceInspection).toBe(w.days);
      expect(got.lastInspectedAt === null ? null : Date.parse(got.lastInspectedAt)).toBe(w.last);
    }
    expect(body.segments.length).toBe(want.length);
    // Risk order: collapsed, then blocked, then the longest unseen (never first).
    expect(body.segments.map((s: { code: string }) => s.code)).toEqual(['C-106', 'C-101', 'C-104', 'C-105', 'C-102']);
  });

  it('takes another number of months, sorts, and downloads as CSV with the same rows', async () => {
    const three = await json(await ctx.app.request('/api/assets/at-risk?kind=culvert&months=3&sort=inspected&order=asc'));
    expect(three.segments.map((s: { code: string }) => s.code)).toEqual(['C-104', 'C-106', 'C-105', 'C-102', 'C-107', 'C-101']);
    const res = await ctx.app.request('/api/assets/at-risk?kind=culvert&sort=code&order=desc&format=csv');
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const text = (await res.text()).replace(/^\uFEFF/, '');
    const [header, ...rows] = text
      .trim()
      .split('\r\n')
      .map((l) => l.split(','));
    expect(header).toEqual(['code', 'kind', 'name', 'area', 'condition', 'condition_at', 'last_inspected_at', 'days_since_inspection', 'reasons', 'open_reports', 'length_m']);
    expect(rows.map((r) => r[0])).toEqual(['C-106', 'C-105', 'C-104', 'C-102', 'C-101']);
    for (const w of expected()) {
      const r = rows.find((x) => x[0] === w.code)!;
      expect(r[4]).toBe(w.condition);
      expect(r[7] === '' ? null : Number(r[7])).toBe(w.days);
      expect(r[8]).toBe(w.reasons.join(' '));
    }
  });
});

describe('staff changes to the network', () => {
  const D = 'drains@council.example';
  let parallel = '';

  it("confirms a line report as a new segment, once, and only a line in the officer's remit", async () => {
    parallel = await report('blocked_ditch', line(at(400, 0), at(400, 200), at(420, 380)), { how_blocked: 'partly_blocked' });
    expect(await assetOf(parallel)).toBeNull();
    expect((await staffPost('waste@council.example', '/api/staff/assets', { report: parallel })).status).toBe(404);
    expect((await staffPost(D, '/api/staff/assets', { report: parallel }, false)).status).toBe(403);
    const res = await staffPost(D, '/api/staff/assets', { report: parallel, kind: 'ditch', name: 'Back field drain' });
    expect(res.status).toBe(201);
    const { code } = await json(res);
    expect(code).toBe('D-004');
    expect(res.headers.get('location')).toBe('/api/assets/D-004');
    expect(await assetOf(parallel)).toBe('D-004');
    const body = await json(await ctx.app.request('/api/assets/D-004'));
    expect(body.properties).toMatchObject({ name: 'Back field drain', condition: 'partly_blocked', lastInspectedAt: null });
    expect(body.history.map((e: { kind: string; report: string | null }) => [e.kind, e.report])).toEqual([['created', parallel]]);
    const again = await staffPost(D, '/api/staff/assets', { report: parallel });
    expect(again.status).toBe(409);
    const point = (await ctx.database.rows<{ public_id: string }>(sql`select public_id from reports where geom_type = 'Point' limit 1`))[0]!.public_id;
    expect((await staffPost(D, '/api/staff/assets', { report: point })).status).toBe(409);
    // A later report along the new segment attaches to it.
    const next = await report('blocked_ditch', line(at(404, 20), at(404, 180)), { how_blocked: 'blocked' });
    expect(await assetOf(next)).toBe('D-004');
    expect((await asset('D-004')).condition).toBe('blocked');
  });

  it('splits a segment at a point: two new segments carry its condition, inspection and reports', async () => {
    const res = await staffPost(D, '/api/staff/assets/D-001/split', { at: at(8, 250) });
    expect(res.status).toBe(201);
    const { codes } = await json(res);
    expect(codes).toEqual(['D-005', 'D-006']);
    // Which part is which depends on the stored direction of the line (PostGIS 3.3 reverses lines on write).
    const parts = await Promise.all(codes.map(async (c: string) => json(await ctx.app.request(`/api/assets/${c}`))));
    const minLat = (f: { geometry: { coordinates: [number, number][] } }) => Math.min(...f.geometry.coordinates.map((p) => p[1]));
    const [south, north] = parts.sort((x, y) => minLat(x) - minLat(y));
    expect(south.properties.condition).toBe('blocked');
    expect(north.properties.condition).toBe('blocked');
    expect(south.properties.lengthMeters + north.properties.lengthMeters).toBeGreaterThanOrEqual(499);
    expect(south.properties.lengthMeters + north.properties.lengthMeters).toBeLessThanOrEqual(501);
    expect(Math.abs(south.properties.lengthMeters - 250)).toBeLessThanOrEqual(2);
    // The last inspection of D-001 (400 days ago) carries over.
    expect(Date.parse(south.properties.lastInspectedAt)).toBe(NOW.getTime() - 400 * DAY);
    expect(south.history[0]).toMatchObject({ kind: 'created', payload: { from: ['D-001'], reason: 'split' } });
    // The report from 50 m to 350 m has its middle at 200 m: the southern part.
    const old = await json(await ctx.app.request('/api/assets/D-001'));
    expect(old.properties.retiredAt).not.toBeNull();
    expect(old.history.at(-1)).toMatchObject({ kind: 'retired', payload: { into: codes, reason: 'split' } });
    expect(south.attachedReports.length + north.attachedReports.length).toBe(2);
    expect(south.attachedReports.map((r: { id: string }) => r.id)).toContain(old.history.find((e: { kind: string }) => e.kind === 'reported').report);
    const live = await json(await ctx.app.request('/api/assets'));
    expect(live.features.map((f: { id: string }) => f.id)).not.toContain('D-001');
    const retired = await json(await ctx.app.request('/api/assets?retired=true'));
    expect(retired.features.map((f: { id: string }) => f.id)).toEqual(['D-001']);
    expect((await staffPost(D, '/api/staff/assets/D-001/split', { at: at(0, 100) })).status).toBe(409);
    expect((await staffPost(D, '/api/staff/assets/D-005/split', { at: at(300, 100) })).status).toBe(400);
  });

  it('joins two segments that meet end to end, and refuses two that do not', async () => {
    expect((await staffPost(D, '/api/staff/assets/join', { codes: ['D-002', 'D-004'] })).status).toBe(409);
    const res = await staffPost(D, '/api/staff/assets/join', { codes: ['D-003', 'D-002'] });
    expect(res.status).toBe(201);
    const { code } = await json(res);
    const joined = await json(await ctx.app.request(`/api/assets/${code}`));
    // Partly blocked (D-002) is worse than clear (D-003); D-003 was inspected longer ago (200 days).
    expect(joined.properties.condition).toBe('partly_blocked');
    expect(Date.parse(joined.properties.lastInspectedAt)).toBe(NOW.getTime() - 200 * DAY);
    expect(joined.geometry.coordinates.length).toBe(SOUTH.coordinates.length + NORTH.coordinates.length - 1);
    const same = (p: [number, number], q: [number, number]) => expect(Math.hypot(p[0] - q[0], p[1] - q[1])).toBeLessThan(1e-6);
    const ends = [joined.geometry.coordinates[0], joined.geometry.coordinates.at(-1)].sort((p, q) => p[1] - q[1]);
    same(ends[0], SOUTH.coordinates[0]!);
    same(ends[1], NORTH.coordinates.at(-1)!);
    expect(Math.abs(joined.properties.lengthMeters - 300 - 302)).toBeLessThanOrEqual(3);
    expect(joined.attachedReports.length).toBe(1);
    for (const c of ['D-002', 'D-003']) expect((await json(await ctx.app.request(`/api/assets/${c}`))).properties.retiredAt).not.toBeNull();
  });

  it('records an inspection, which takes a segment off the at-risk list, and audits every change', async () => {
    expect((await staffPost(D, '/api/staff/assets/C-102/inspections', { condition: 'wet' })).status).toBe(400);
    expect((await staffPost(D, '/api/staff/assets/C-102/inspections', { condition: 'clear', note: 'Grille cleared' })).status).toBe(201);
    const risk = await json(await ctx.app.request('/api/assets/at-risk?kind=culvert'));
    expect(risk.segments.map((s: { code: string }) => s.code)).not.toContain('C-102');
    const audit = await ctx.database.rows<{ action: string; target_id: string }>(sql`select action, target_id from audit_log where target_type = 'asset' order by id`);
    expect(audit.map((a) => a.action)).toEqual(['asset_created', 'asset_split', 'asset_join', 'asset_inspected']);
    expect(audit.map((a) => a.target_id)).toEqual(['D-004', 'D-001', 'D-007', 'C-102']);
  });

  it('keeps staff actions behind the session', async () => {
    const res = await ctx.app.request('/api/staff/assets/join', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN },
      body: JSON.stringify({ codes: ['C-101', 'C-102'] }),
    });
    expect(res.status).toBe(401);
  });
});
