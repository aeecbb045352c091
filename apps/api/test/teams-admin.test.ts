/**
 * Administrators keep the council's teams: a code for routing and single sign-on, a name in
 * English and Polish (the Polish console and the public timeline use it), and the team's mailbox.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff } from '@groundswell/db';
import { sql } from '@groundswell/db/testing';
import { hashPassword } from '../src/staff/passwords.ts';
import { json, staffSessions, testApp } from './helpers.ts';

const PASSWORD = 'correct horse battery';
const ADMIN = 'admin@council.example';
const OFFICER = 'officer@council.example';
let ctx: Awaited<ReturnType<typeof testApp>>;
let staff: ReturnType<typeof staffSessions>;

beforeAll(async () => {
  ctx = await testApp();
  const passwordHash = await hashPassword(PASSWORD);
  await createStaff(ctx.database, { email: ADMIN, name: 'Morag Admin', role: 'admin', passwordHash, teamCodes: [] });
  await createStaff(ctx.database, { email: OFFICER, name: 'Iain Officer', role: 'officer', passwordHash, teamCodes: [] });
  staff = staffSessions(ctx.app, PASSWORD);
  await staff.signIn(ADMIN);
  await staff.signIn(OFFICER);
});
afterAll(() => ctx?.close());

describe('teams, kept by administrators', () => {
  let id: number;

  it('adds a team with its Polish name and mailbox, which every member of staff then sees', async () => {
    const res = await staff.post(ADMIN, '/api/staff/teams', { code: 'drainage', name: 'Drainage team', names: { pl: 'Zespół odwodnienia' }, email: 'drainage@council.example' });
    expect(res.status).toBe(201);
    const team = await json(res);
    id = team.id;
    expect(team).toMatchObject({ code: 'drainage', name: 'Drainage team', names: { pl: 'Zespół odwodnienia' }, email: 'drainage@council.example' });
    const list = await json(await staff.get(OFFICER, '/api/staff/teams'));
    expect(list.teams).toContainEqual(team);
  });

  it('renames it in Polish only, keeping the rest, and the audit log says who did', async () => {
    const res = await staff.post(ADMIN, `/api/staff/teams/${id}`, { names: { pl: 'Rowy i przepusty' } }, 'PATCH');
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ code: 'drainage', name: 'Drainage team', names: { pl: 'Rowy i przepusty' }, email: 'drainage@council.example' });
    const cleared = await json(await staff.post(ADMIN, `/api/staff/teams/${id}`, { email: null }, 'PATCH'));
    expect(cleared.email).toBeNull();
    expect(cleared.names).toEqual({ pl: 'Rowy i przepusty' });
    const actions = await ctx.database.rows<{ action: string; target_id: string }>(sql`select action, target_id from audit_log where target_type = 'team' order by id`);
    expect(actions).toEqual([
      { action: 'team_created', target_id: 'drainage' },
      { action: 'team_updated', target_id: 'drainage' },
      { action: 'team_updated', target_id: 'drainage' },
    ]);
  });

  it('refuses a taken code, a bad code, a bad mailbox and an unknown language, naming the field', async () => {
    const cases: Array<[unknown, number, string]> = [
      [{ code: 'drainage', name: 'Another' }, 409, 'code'],
      [{ code: 'Drainage Team', name: 'Bad code' }, 400, 'code'],
      [{ code: 'roads', name: 'Roads', email: 'not an address' }, 400, 'email'],
      [{ code: 'roads', name: 'Roads', names: { de: 'Straßen' } }, 400, 'names'],
      [{ code: 'roads', name: '' }, 400, 'name'],
    ];
    for (const [body, status, field] of cases) {
      const res = await staff.post(ADMIN, '/api/staff/teams', body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(JSON.stringify((await json(res)).errors ?? [])).toContain(field);
    }
    expect((await staff.post(ADMIN, '/api/staff/teams/999999', { name: 'Ghost' }, 'PATCH')).status).toBe(404);
    const count = await ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from teams`);
    expect(Number(count[0]!.n)).toBe(1);
  });

  it('is for administrators only', async () => {
    expect((await staff.post(OFFICER, '/api/staff/teams', { code: 'parks', name: 'Parks' })).status).toBe(403);
    expect((await staff.post(OFFICER, `/api/staff/teams/${id}`, { name: 'Hijacked' }, 'PATCH')).status).toBe(403);
    expect((await ctx.app.request('/api/staff/teams', { method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://gs.test' }, body: '{"code":"x1","name":"X"}' })).status).toBe(
      401,
    );
  });
});
