/**
 * Hardening, defect 5: every report an action touches is checked against the actor's remit.
 * A merge's target of another team answers exactly like a missing one (nothing moves), bulk
 * actions go through the same check, a segment shows a hidden report's id only to staff whose
 * remit holds it (admins: all), and confirming a segment from a report checks the report.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff, schema } from '@groundswell/db';
import { sql } from '@groundswell/db/testing';
import { json, seedReport, staffSessions, testApp } from './helpers.ts';
import { hashPassword } from '../src/staff/passwords.ts';

let ctx: Awaited<ReturnType<typeof testApp>>;
const ORIGIN = 'http://gs.test';
const PASSWORD = 'correct horse battery';
const DRAINS = 'drains@council.example';
const WASTE = 'waste@council.example';
const ADMIN = 'admin@council.example';

const line = (...pts: [number, number][]) => ({ type: 'LineString' as const, coordinates: pts });
/** A ditch due north, and a line report 3 m east of it along most of its length. */
const DITCH = line([-3.25, 56.4], [-3.25, 56.402], [-3.25, 56.404]);
const ALONG = line([-3.24995, 56.4004], [-3.24995, 56.4036]);

// Bound once the app exists (beforeAll); the helpers read it when called.
let staff: ReturnType<typeof staffSessions>;
const signIn = (email: string) => staff.signIn(email);
const post = (email: string, path: string, body: unknown) => staff.post(email, path, body);
const get = (email: string | null, path: string) => staff.get(email, path);

let teams: Record<string, number> = {};
let ditchCategory = 0;
let wasteCategory = 0;

/** A report of `team`, with one supporter and one follower. */
async function reportOf(team: 'drains' | 'waste', state: 'new' | 'hidden' = 'new') {
  const r = await seedReport(ctx.database, team === 'drains' ? ditchCategory : wasteCategory, { type: 'Point', coordinates: [-3.2, 56.39] }, { teamId: teams[team]!, state });
  await ctx.database.db.insert(schema.reportSupports).values({ reportId: r.id, supporterKey: `k-${r.publicId}` });
  await ctx.database.rows(sql`update reports set support_count = 1 where id = ${r.id}`);
  await ctx.database.db.insert(schema.subscriptions).values({ email: `f-${r.publicId}@example.org`, reportId: r.id, confirmTokenHash: `c-${r.publicId}`, unsubscribeToken: `u-${r.publicId}` });
  return r;
}
const facts = async (publicId: string) =>
  (
    await ctx.database.rows<{ state: string; support_count: number; followers: number; events: number }>(sql`
    select r.state, r.support_count, (select count(*)::int from subscriptions s where s.report_id = r.id) as followers,
           (select count(*)::int from report_events e where e.report_id = r.id) as events
    from reports r where r.public_id = ${publicId}`)
  )[0]!;
/** A problem with the report id taken out, to compare two answers word for word. */
const problemWithout = async (res: Response, id: string) => JSON.parse((await res.text()).replaceAll(id, '<id>'));

beforeAll(async () => {
  ctx = await testApp();
  staff = staffSessions(ctx.app, PASSWORD, ORIGIN);
  const rows = await ctx.database.db
    .insert(schema.teams)
    .values([
      { code: 'drains', name: 'Drains' },
      { code: 'waste', name: 'Waste' },
    ])
    .returning();
  teams = Object.fromEntries(rows.map((t) => [t.code, t.id]));
  const noContact = { name: false, email: false, phone: false };
  const cats = await ctx.database.db
    .insert(schema.categories)
    .values([
      { code: 'blocked_ditch', name: { en: 'Blocked ditch' }, geometryTypes: ['LineString', 'Point'], responseDays: 10, contactRequired: noContact, questions: [], defaultTeamId: teams.drains! },
      { code: 'fly_tipping', name: { en: 'Fly-tipping' }, geometryTypes: ['LineString', 'Point'], responseDays: 5, contactRequired: noContact, questions: [], defaultTeamId: teams.waste! },
    ])
    .returning();
  ditchCategory = cats[0]!.id;
  wasteCategory = cats[1]!.id;
  const passwordHash = await hashPassword(PASSWORD);
  await createStaff(ctx.database, { email: DRAINS, name: 'Drains Officer', role: 'officer', passwordHash, teamCodes: ['drains'] });
  await createStaff(ctx.database, { email: WASTE, name: 'Waste Officer', role: 'officer', passwordHash, teamCodes: ['waste'] });
  await createStaff(ctx.database, { email: ADMIN, name: 'Admin', role: 'admin', passwordHash, teamCodes: [] });
  for (const email of [DRAINS, WASTE, ADMIN]) await signIn(email);
});
afterAll(() => ctx?.close());

describe("merging into another team's report", () => {
  it('answers exactly as for a missing target, and moves nothing', async () => {
    const own = await reportOf('drains');
    const theirs = await reportOf('waste');
    const before = await facts(theirs.publicId);
    const across = await post(DRAINS, `/api/staff/reports/${own.publicId}/merge`, { into: theirs.publicId });
    const missing = await post(DRAINS, `/api/staff/reports/${own.publicId}/merge`, { into: 'zz404zz' });
    expect(across.status).toBe(missing.status);
    expect(across.status).toBeGreaterThanOrEqual(400);
    expect(across.status).toBeLessThan(500);
    expect(await problemWithout(across, theirs.publicId)).toEqual(await problemWithout(missing, 'zz404zz'));
    expect(await facts(own.publicId)).toMatchObject({ state: 'new', support_count: 1, followers: 1 });
    expect(await facts(theirs.publicId)).toEqual(before);
  });

  it('is refused for a hidden target of another team in the same words', async () => {
    const own = await reportOf('drains');
    const hidden = await reportOf('waste', 'hidden');
    const res = await post(DRAINS, `/api/staff/reports/${own.publicId}/merge`, { into: hidden.publicId });
    const missing = await post(DRAINS, `/api/staff/reports/${own.publicId}/merge`, { into: 'zz404zz' });
    expect(await problemWithout(res, hidden.publicId)).toEqual(await problemWithout(missing, 'zz404zz'));
  });

  it('still merges within the team, and an admin across teams', async () => {
    const one = await reportOf('drains');
    const two = await reportOf('drains');
    expect((await post(DRAINS, `/api/staff/reports/${one.publicId}/merge`, { into: two.publicId })).status).toBe(200);
    expect(await facts(two.publicId)).toMatchObject({ support_count: 2, followers: 2 });
    const mine = await reportOf('drains');
    const theirs = await reportOf('waste');
    expect((await post(ADMIN, `/api/staff/reports/${mine.publicId}/merge`, { into: theirs.publicId })).status).toBe(200);
    expect(await facts(mine.publicId)).toMatchObject({ state: 'duplicate' });
  });

  it('does not let a bulk action reach another team', async () => {
    const theirs = await reportOf('waste');
    const res = await post(DRAINS, '/api/staff/reports/bulk', { ids: [theirs.publicId], action: { type: 'state', state: 'in_progress' } });
    expect((await json(res)).results).toEqual([{ id: theirs.publicId, ok: false, problem: expect.any(String) }]);
    expect(await facts(theirs.publicId)).toMatchObject({ state: 'new' });
  });
});

describe('a segment and the reports on it', () => {
  let hidden = '';
  let ownLine = '';

  beforeAll(async () => {
    await ctx.database.db.insert(schema.assets).values({ code: 'D-001', kind: 'ditch', name: 'Test ditch', geom: DITCH, createdAt: new Date('2024-01-01T00:00:00Z') });
    const create = async (category: string) => {
      const res = await ctx.app.request('/api/reports', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ category, geometry: ALONG, description: 'Along the ditch' }),
      });
      expect(res.status, await res.clone().text()).toBe(201);
      return (await json(res)).id as string;
    };
    hidden = await create('fly_tipping');
    ownLine = await create('blocked_ditch');
    const attached = await ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from reports where asset_id is not null and public_id in (${hidden}, ${ownLine})`);
    expect(attached[0]!.n).toBe(2);
    await ctx.database.rows(sql`update reports set state = 'hidden' where public_id = ${hidden}`);
  });

  const idsOn = async (email: string | null, path: string) => {
    const res = await get(email, path);
    expect(res.status).toBe(200);
    const body = await json(res);
    return JSON.stringify([body.history, body.attachedReports]);
  };

  it("shows a hidden report's id only to staff whose remit holds it, and to admins", async () => {
    expect(await idsOn(WASTE, '/api/staff/assets/D-001')).toContain(hidden);
    expect(await idsOn(ADMIN, '/api/staff/assets/D-001')).toContain(hidden);
    const other = await idsOn(DRAINS, '/api/staff/assets/D-001');
    expect(other).not.toContain(hidden);
    expect(other).toContain(ownLine);
    const pub = await idsOn(null, '/api/assets/D-001');
    expect(pub).not.toContain(hidden);
    expect(pub).toContain(ownLine);
  });

  it("confirms a segment from a report only in the officer's remit, answering another team's like a missing one", async () => {
    const theirs = await seedReport(ctx.database, wasteCategory, line([-3.1, 56.5], [-3.1, 56.503]), { teamId: teams.waste!, geomType: 'LineString' });
    const across = await post(DRAINS, '/api/staff/assets', { report: theirs.publicId });
    const missing = await post(DRAINS, '/api/staff/assets', { report: 'zz404zz' });
    expect(across.status).toBe(404);
    expect(await problemWithout(across, theirs.publicId)).toEqual(await problemWithout(missing, 'zz404zz'));
    expect((await post(WASTE, '/api/staff/assets', { report: theirs.publicId })).status).toBe(201);
  });
});
