import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff, schema } from '@groundswell/db';
import { sql } from '@groundswell/db/testing';
import { hashPassword } from '../src/staff/passwords.ts';
import { json, seedCategory, seedReport, testApp } from './helpers.ts';

/** Issue 12: teams have names per language; the staff list and the public page name them in the reader's. */
let ctx: Awaited<ReturnType<typeof testApp>>;
const ORIGIN = 'http://gs.test';
let cookie: string;

beforeAll(async () => {
  ctx = await testApp();
  const [team] = await ctx.database.db
    .insert(schema.teams)
    .values({ code: 'roads', name: 'Roads', names: { pl: 'Drogi' } })
    .returning();
  const cat = await seedCategory(ctx.database, 'pothole');
  const report = await seedReport(ctx.database, cat.id, { type: 'Point', coordinates: [-3.2, 56.4] }, { publicId: 'teamname1', teamId: team!.id });
  const created = await createStaff(ctx.database, {
    email: 'jan@council.example',
    name: 'Jan Kowalski',
    role: 'officer',
    passwordHash: await hashPassword('a-long-enough-password-1'),
    teamCodes: ['roads'],
  });
  const staffId = (created as { id: string }).id;
  await ctx.database.rows(sql`insert into report_events (report_id, kind, actor_type, actor_id, public, payload)
    values (${report.id}, 'public_answer', 'staff', ${staffId}, true, ${JSON.stringify({ message: 'Naprawimy to w tym tygodniu.' })}::jsonb)`);
  const login = await ctx.app.request('/api/staff/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: ORIGIN },
    body: JSON.stringify({ email: 'jan@council.example', password: 'a-long-enough-password-1' }),
  });
  expect(login.status).toBe(200);
  cookie = login.headers.get('set-cookie')!.split(';')[0]!;
});
afterAll(() => ctx?.close());

const answerActor = async (headers: Record<string, string>) => {
  const body = await json(await ctx.app.request('/api/reports/teamname1', { headers }));
  return (body.timeline as { kind: string; actor: string }[]).find((e) => e.kind === 'public_answer')!.actor;
};

describe('team names per language', () => {
  it('lists the teams with their names in other languages for the console', async () => {
    const body = await json(await ctx.app.request('/api/staff/teams', { headers: { cookie } }));
    expect(body.teams).toEqual([expect.objectContaining({ code: 'roads', name: 'Roads', names: { pl: 'Drogi' } })]);
  });

  it('names the officer with the team in the reader language on the public report', async () => {
    expect(await answerActor({ 'accept-language': 'pl' })).toBe('Jan (Drogi)');
    expect(await answerActor({ 'accept-language': 'en' })).toBe('Jan, roads team');
    expect(await answerActor({})).toBe('Jan, roads team');
  });
});
