/**
 * Hardening, defect 5 (the network): a segment belongs to a team, and staff change only the
 * segments of their teams (admins: all). Another team's segment answers an inspection, a
 * split or a join word for word as a missing one, and nothing changes; split parts keep the
 * team, a join across teams is for admins, new segments are routed like a blocked-ditch
 * report in their area, an admin gives a segment to another team (audited), and the
 * migration's backfill routes the segments mapped before teams existed.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff, schema } from '@groundswell/db';
import { sql } from '@groundswell/db/testing';
import { json, staffSessions, testApp } from './helpers.ts';
import { hashPassword } from '../src/staff/passwords.ts';

let ctx: Awaited<ReturnType<typeof testApp>>;
const ORIGIN = 'http://gs.test';
const PASSWORD = 'correct horse battery';
const DRAINS = 'drains@council.example';
const WASTE = 'waste@council.example';
/** An officer of two teams: drains and roads. */
const BOTH = 'both@council.example';
const ADMIN = 'admin@council.example';

const LAT0 = 56.4;
const M_LAT = 1 / 111_320;
const M_LON = 1 / (111_320 * Math.cos((LAT0 * Math.PI) / 180));
/** A point `east` and `north` metres from [-3.25, 56.4]. */
const at = (east: number, north: number): [number, number] => [-3.25 + east * M_LON, LAT0 + north * M_LAT];
const line = (...pts: [number, number][]) => ({ type: 'LineString' as const, coordinates: pts });
/** The north of the district (from about 5.5 km north), where blocked ditches go to roads by a routing rule. */
const NORTH_AREA = { type: 'Polygon' as const, coordinates: [[at(-20000, 5566), at(20000, 5566), at(20000, 22000), at(-20000, 22000), at(-20000, 5566)]] };
/** The rest of the district, with no routing rule of its own. */
const SOUTH_AREA = { type: 'Polygon' as const, coordinates: [[at(-20000, -10000), at(20000, -10000), at(20000, 5566), at(-20000, 5566), at(-20000, -10000)]] };
const NORTH = 12_000;

// Bound once the app exists (beforeAll); the helpers read it when called.
let staff: ReturnType<typeof staffSessions>;
const signIn = (email: string) => staff.signIn(email);
const post = (email: string, path: string, body: unknown) => staff.post(email, path, body);
const get = (email: string | null, path: string) => staff.get(email, path);
/** A problem with the segment code taken out, to compare two answers word for word. */
const problemWithout = async (res: Response, code: string) => JSON.parse((await res.text()).replaceAll(code, '<code>'));

let teams: Record<string, number> = {};
let northArea = 0;

async function segment(code: string, geom: ReturnType<typeof line>, team: 'drains' | 'waste' | 'roads' | null, areaId: number | null = null) {
  await ctx.database.db.insert(schema.assets).values({ code, kind: 'ditch', name: `Test ${code}`, geom, teamId: team ? teams[team]! : null, areaId, createdAt: new Date('2024-01-01T00:00:00Z') });
}
/** What a change would touch: its events, condition, retirement and team. */
const facts = async (code: string) =>
  (
    await ctx.database.rows<{ events: number; condition: string; retired: boolean; team: string | null }>(sql`
    select (select count(*)::int from asset_events e where e.asset_id = a.id) as events, a.condition, a.retired_at is not null as retired,
           (select t.code from teams t where t.id = a.team_id) as team
    from assets a where a.code = ${code}`)
  )[0]!;
const teamOf = async (code: string) => (await facts(code)).team;

async function lineReport(category: string, geometry: ReturnType<typeof line>) {
  const res = await ctx.app.request('/api/reports', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ category, geometry, description: 'Along the ditch' }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await json(res)).id as string;
}

beforeAll(async () => {
  ctx = await testApp();
  staff = staffSessions(ctx.app, PASSWORD, ORIGIN);
  const rows = await ctx.database.db
    .insert(schema.teams)
    .values([
      { code: 'drains', name: 'Drains' },
      { code: 'waste', name: 'Waste' },
      { code: 'roads', name: 'Roads' },
    ])
    .returning();
  teams = Object.fromEntries(rows.map((t) => [t.code, t.id]));
  const noContact = { name: false, email: false, phone: false };
  const cats = await ctx.database.db
    .insert(schema.categories)
    .values([
      { code: 'blocked_ditch', name: { en: 'Blocked ditch' }, geometryTypes: ['LineString'], responseDays: 10, contactRequired: noContact, questions: [], defaultTeamId: teams.drains! },
      { code: 'fly_tipping', name: { en: 'Fly-tipping' }, geometryTypes: ['LineString'], responseDays: 5, contactRequired: noContact, questions: [], defaultTeamId: teams.waste! },
    ])
    .returning();
  const [area] = await ctx.database.db
    .insert(schema.areas)
    .values([
      { code: 'north', name: 'North', kind: 'community_council', geom: NORTH_AREA },
      { code: 'south', name: 'South', kind: 'community_council', geom: SOUTH_AREA },
    ])
    .returning();
  northArea = area!.id;
  await ctx.database.db.insert(schema.routingRules).values({ areaId: northArea, categoryId: cats[0]!.id, teamId: teams.roads! });
  const passwordHash = await hashPassword(PASSWORD);
  await createStaff(ctx.database, { email: DRAINS, name: 'Drains Officer', role: 'officer', passwordHash, teamCodes: ['drains'] });
  await createStaff(ctx.database, { email: WASTE, name: 'Waste Officer', role: 'officer', passwordHash, teamCodes: ['waste'] });
  await createStaff(ctx.database, { email: BOTH, name: 'Two-team Officer', role: 'officer', passwordHash, teamCodes: ['drains', 'roads'] });
  await createStaff(ctx.database, { email: ADMIN, name: 'Admin', role: 'admin', passwordHash, teamCodes: [] });
  for (const email of [DRAINS, WASTE, BOTH, ADMIN]) await signIn(email);

  await segment('D-001', line(at(0, 0), at(0, 250), at(0, 500)), 'drains');
  // Waste's, carrying on from D-001's north end: touching, so only the team stands in the way of a join.
  await segment('D-002', line(at(0, 500), at(0, 650), at(0, 800)), 'waste');
  await segment('D-003', line(at(3000, 0), at(3000, 300)), 'drains');
  await segment('D-004', line(at(3000, 300), at(3000, 600)), 'roads');
  // Mapped with no team (loaded straight into the table), in the north: routing gives it to roads.
  await segment('D-005', line(at(6000, NORTH), at(6000, NORTH + 300)), null, northArea);
});
afterAll(() => ctx?.close());

describe("another team's segment", () => {
  it('answers an inspection, a split and a join exactly as a missing segment does, and changes nothing', async () => {
    const before = await facts('D-002');
    const attempts: Array<[string, unknown, string, unknown]> = [
      ['/api/staff/assets/D-002/inspections', { condition: 'blocked' }, '/api/staff/assets/D-999/inspections', { condition: 'blocked' }],
      ['/api/staff/assets/D-002/split', { at: at(0, 650) }, '/api/staff/assets/D-999/split', { at: at(0, 650) }],
      ['/api/staff/assets/join', { codes: ['D-001', 'D-002'] }, '/api/staff/assets/join', { codes: ['D-001', 'D-999'] }],
    ];
    for (const [path, body, missingPath, missingBody] of attempts) {
      const across = await post(DRAINS, path, body);
      const missing = await post(DRAINS, missingPath, missingBody);
      expect(across.status, path).toBe(404);
      expect(await problemWithout(across, 'D-002'), path).toEqual(await problemWithout(missing, 'D-999'));
    }
    expect(await facts('D-002')).toEqual(before);
    expect((await facts('D-001')).retired).toBe(false);
  });

  it('is worked by its own team and by admins', async () => {
    expect((await post(WASTE, '/api/staff/assets/D-002/inspections', { condition: 'partly_blocked' })).status).toBe(201);
    expect((await post(ADMIN, '/api/staff/assets/D-002/inspections', { condition: 'blocked' })).status).toBe(201);
    expect(await facts('D-002')).toMatchObject({ events: 2, condition: 'blocked', team: 'waste' });
  });

  it('follows routing when it was mapped with no team', async () => {
    expect((await post(DRAINS, '/api/staff/assets/D-005/inspections', { condition: 'clear' })).status).toBe(404);
    expect((await post(BOTH, '/api/staff/assets/D-005/inspections', { condition: 'clear' })).status).toBe(201);
  });
});

describe("the segment's staff detail", () => {
  it('names its team and whether you work it; staff ids on its events only for its team', async () => {
    const own = await json(await get(WASTE, '/api/staff/assets/D-002'));
    expect(own).toMatchObject({ team: { code: 'waste', name: 'Waste' }, inRemit: true });
    expect(own.history.some((e: { payload: { actorId?: string } }) => e.payload.actorId)).toBe(true);
    const res = await get(DRAINS, '/api/staff/assets/D-002');
    expect(res.status).toBe(200);
    const other = await json(res);
    expect(other).toMatchObject({ team: { code: 'waste' }, inRemit: false });
    expect(other.history.length).toBe(own.history.length);
    expect(other.history.some((e: { payload: { actorId?: string } }) => e.payload.actorId)).toBe(false);
    const pub = await json(await get(null, '/api/assets/D-002'));
    expect(pub).not.toHaveProperty('team');
    expect(pub).not.toHaveProperty('inRemit');
    expect((await get(DRAINS, '/api/staff/assets/D-999')).status).toBe(404);
  });
});

describe('new segments and their team', () => {
  it('keeps the team in both parts of a split', async () => {
    const res = await post(ADMIN, '/api/staff/assets/D-002/split', { at: at(0, 650) });
    expect(res.status).toBe(201);
    const { codes } = await json(res);
    for (const code of codes) expect(await teamOf(code)).toBe('waste');
  });

  it('keeps a join in the team, lets only an admin join two teams, and routes what an admin joins', async () => {
    const refused = await post(BOTH, '/api/staff/assets/join', { codes: ['D-003', 'D-004'] });
    expect(refused.status).toBe(403);
    expect((await json(refused)).errors).toEqual([{ field: 'body.codes', message: 'Different teams' }]);
    expect((await facts('D-003')).retired).toBe(false);
    const res = await post(ADMIN, '/api/staff/assets/join', { codes: ['D-003', 'D-004'] });
    expect(res.status).toBe(201);
    // Outside the north: a blocked ditch there goes to the category's default team.
    expect(await teamOf((await json(res)).code)).toBe('drains');
  });

  it('routes a segment confirmed from a report by its area', async () => {
    const north = await lineReport('blocked_ditch', line(at(9000, NORTH), at(9000, NORTH + 200)));
    const res = await post(BOTH, '/api/staff/assets', { report: north });
    expect(res.status).toBe(201);
    expect(await teamOf((await json(res)).code)).toBe('roads');
    // Waste's own fly-tipping line becomes a ditch: ditches go where blocked ditches are routed.
    const tipping = await lineReport('fly_tipping', line(at(12000, 0), at(12000, 200)));
    const made = await post(WASTE, '/api/staff/assets', { report: tipping });
    expect(made.status).toBe(201);
    expect(await teamOf((await json(made)).code)).toBe('drains');
  });
});

describe('giving a segment to another team', () => {
  it('is for admins, names a known team, and is audited', async () => {
    expect((await post(DRAINS, '/api/staff/assets/D-001/team', { team: 'waste' })).status).toBe(403);
    const unknown = await post(ADMIN, '/api/staff/assets/D-001/team', { team: 'nobody' });
    expect(unknown.status).toBe(400);
    expect((await json(unknown)).errors).toEqual([{ field: 'body.team', message: 'Unknown team' }]);
    expect((await post(ADMIN, '/api/staff/assets/D-999/team', { team: 'waste' })).status).toBe(404);
    const res = await post(ADMIN, '/api/staff/assets/D-001/team', { team: 'waste' });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ code: 'D-001', team: 'waste' });
    expect(await teamOf('D-001')).toBe('waste');
    const [audit] = await ctx.database.rows<{ action: string; payload: { team: string; fromTeamId: number } }>(
      sql`select action, payload from audit_log where target_type = 'asset' and target_id = 'D-001' order by id desc limit 1`,
    );
    expect(audit).toEqual({ action: 'asset_team', payload: { team: 'waste', fromTeamId: teams.drains } });
    expect((await post(DRAINS, '/api/staff/assets/D-001/inspections', { condition: 'clear' })).status).toBe(404);
    expect((await post(WASTE, '/api/staff/assets/D-001/inspections', { condition: 'clear' })).status).toBe(201);
  });
});

describe('the migration that gave segments a team', () => {
  it('routes every segment mapped before, as a blocked-ditch report in its area', async () => {
    await segment('D-100', line(at(15000, 0), at(15000, 200)), null);
    await segment('D-101', line(at(15000, NORTH), at(15000, NORTH + 200)), null, northArea);
    const migration = readFileSync(new URL('../../../drizzle/0010_asset_teams.sql', import.meta.url), 'utf8');
    const backfill = migration.split('--> statement-breakpoint').at(-1)!;
    expect(backfill).toMatch(/UPDATE "assets"/);
    await ctx.database.rows(sql.raw(backfill));
    expect(await teamOf('D-100')).toBe('drains');
    expect(await teamOf('D-101')).toBe('roads');
    // Segments that had a team keep it.
    expect(await teamOf('D-001')).toBe('waste');
  });
});
