/**
 * A resident's rights exercised by staff (issue 16): an administrator finds everything held
 * about an email address or a phone number, downloads it as a file, and erases it; the reports
 * stay, anonymous, with their public face unchanged, and the audit log never keeps the identifier.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff } from '@groundswell/db';
import { sql } from '@groundswell/db/testing';
import { hashPassword } from '../src/staff/passwords.ts';
import { json, seedCategory, seedReport, staffSessions, testApp } from './helpers.ts';

const PASSWORD = 'correct horse battery';
const point = { type: 'Point' as const, coordinates: [-3.2, 56.4] as [number, number] };
let ctx: Awaited<ReturnType<typeof testApp>>;
let staff: ReturnType<typeof staffSessions>;
const reports: Record<string, string> = {};

beforeAll(async () => {
  ctx = await testApp();
  const hash = await hashPassword(PASSWORD);
  await createStaff(ctx.database, { email: 'boss@council.example', name: 'Boss', role: 'admin', passwordHash: hash, teamCodes: [] });
  await createStaff(ctx.database, { email: 'officer@council.example', name: 'Officer', role: 'officer', passwordHash: hash, teamCodes: [] });
  staff = staffSessions(ctx.app, PASSWORD);
  await staff.signIn('boss@council.example');
  await staff.signIn('officer@council.example');
  const category = await seedCategory(ctx.database);
  // Ann reported twice (her address typed differently), once by phone only; Bob once.
  const contacts: Array<[string, string | null, string | null, string | null]> = [
    ['ann1', 'Ann Resident', 'Ann@Example.org ', '+44 7700 900123'],
    ['ann2', 'Ann Resident', 'ann@example.org', null],
    ['annPhone', null, null, '07700-900123'],
    ['bob', 'Bob Other', 'bob@example.org', '07700 900999'],
  ];
  for (const [key, name, email, phone] of contacts) {
    const r = await seedReport(ctx.database, category.id, point, { description: `Blocked ditch (${key})` });
    reports[key] = r.publicId;
    await ctx.database.rows(sql`insert into report_contacts (report_id, name, email, phone) values (${r.id}, ${name}, ${email}, ${phone})`);
  }
  const [ann1] = await ctx.database.rows<{ id: number }>(sql`select id from reports where public_id = ${reports.ann1!}`);
  await ctx.database.rows(
    sql`insert into report_events (report_id, kind, public, actor_type, payload) values (${ann1!.id}, 'not_fixed', true, 'resident', '{"message":"Still flooding by the gate"}')`,
  );
  await ctx.database.rows(
    sql`insert into subscriptions (email, report_id, confirm_token_hash, unsubscribe_token, confirmed_at) values ('ANN@example.org', ${ann1!.id}, 'h1', 'u1', now()), ('bob@example.org', ${ann1!.id}, 'h2', 'u2', now())`,
  );
});
afterAll(() => ctx?.close());

const find = (who: string | null, subject: string) => staff.get(who, `/api/staff/subject-access?subject=${encodeURIComponent(subject)}`);

describe('subject access', () => {
  it('finds every report and follow of an email address, however it was typed, with what the resident wrote', async () => {
    const res = await find('boss@council.example', ' ann@EXAMPLE.org');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = await json(res);
    expect(body.subject).toEqual({ kind: 'email' });
    expect(body.reports.map((r: { id: string }) => r.id)).toEqual([reports.ann1, reports.ann2]);
    expect(body.reports[0]).toMatchObject({ name: 'Ann Resident', email: 'Ann@Example.org ', phone: '+44 7700 900123', description: 'Blocked ditch (ann1)' });
    expect(body.reports[0].ownWords).toEqual([{ kind: 'not_fixed', at: expect.any(String), text: 'Still flooding by the gate' }]);
    expect(body.follows).toEqual([{ kind: 'report', target: reports.ann1, createdAt: expect.any(String), confirmedAt: expect.any(String), endedAt: null }]);
    expect(JSON.stringify(body)).not.toContain('bob@example.org');
  });

  it('finds a phone number written with or without the country code and spaces', async () => {
    const body = await json(await find('boss@council.example', '07700 900 123'));
    expect(body.subject).toEqual({ kind: 'phone' });
    expect(body.reports.map((r: { id: string }) => r.id)).toEqual([reports.ann1, reports.annPhone]);
    expect(body.follows).toEqual([]);
  });

  it('gives the same as a file to send to the resident', async () => {
    const res = await staff.get('boss@council.example', `/api/staff/subject-access/export?subject=${encodeURIComponent('ann@example.org')}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="personal-data-\d{4}-\d{2}-\d{2}\.json"$/);
    const file = JSON.parse(await res.text());
    expect(file.site).toBe('Groundswell');
    expect(file.reports).toHaveLength(2);
  });

  it('is for administrators only, and names a bad identifier', async () => {
    expect((await find('officer@council.example', 'ann@example.org')).status).toBe(403);
    expect((await find(null, 'ann@example.org')).status).toBe(401);
    const bad = await find('boss@council.example', 'not a person');
    expect(bad.status).toBe(400);
    expect((await json(bad)).errors).toEqual([expect.objectContaining({ field: 'query.subject' })]);
  });

  it('erases an email address: contacts and follows go, the reports stay as the public sees them, the audit keeps no address', async () => {
    const before = await json(await ctx.app.request(`/api/reports/${reports.ann1}`));
    const res = await staff.post('boss@council.example', '/api/staff/subject-access/erase', { subject: 'ann@example.org' });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ reports: 2, follows: 1, sessions: 0 });
    expect(await json(await ctx.app.request(`/api/reports/${reports.ann1}`))).toEqual(before);
    const left = await json(await find('boss@council.example', 'ann@example.org'));
    expect(left.reports).toEqual([]);
    expect(left.follows).toEqual([]);
    // Bob's contact and follow are untouched; the phone-only report of Ann is still found by phone.
    expect((await json(await find('boss@council.example', 'bob@example.org'))).follows).toHaveLength(1);
    expect((await json(await find('boss@council.example', '+447700900123'))).reports.map((r: { id: string }) => r.id)).toEqual([reports.annPhone]);
    const audit = await ctx.database.rows<{ action: string; payload: unknown }>(sql`select action, payload from audit_log where action like 'subject%' order by id`);
    expect(audit.filter((a) => a.action === 'subject_erased')).toEqual([{ action: 'subject_erased', payload: { by: 'email', reports: 2, follows: 1, sessions: 0 } }]);
    expect(audit.filter((a) => a.action === 'subject_access_search').length).toBeGreaterThanOrEqual(5);
    expect(JSON.stringify(audit)).not.toMatch(/example\.org|7700/);
  });

  it('erases a phone number too', async () => {
    const res = await staff.post('boss@council.example', '/api/staff/subject-access/erase', { subject: '+44 (0)7700 900123' });
    expect(await json(res)).toEqual({ reports: 1, follows: 0, sessions: 0 });
    expect((await json(await find('boss@council.example', '07700900123'))).reports).toEqual([]);
  });
});
