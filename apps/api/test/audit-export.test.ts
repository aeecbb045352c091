/**
 * The audit log exported as CSV for the council's records (issue 16): admins only, by date
 * range and actor, oldest first, scheduled runs named "system", formula-looking text defused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff, recordAudit } from '@groundswell/db';
import { hashPassword } from '../src/staff/passwords.ts';
import { staffSessions, testApp } from './helpers.ts';

const PASSWORD = 'correct horse battery';
let ctx: Awaited<ReturnType<typeof testApp>>;
let staff: ReturnType<typeof staffSessions>;
let bossId: string;
let officerId: string;

beforeAll(async () => {
  ctx = await testApp();
  const hash = await hashPassword(PASSWORD);
  const made = async (email: string, name: string, role: 'admin' | 'officer') => {
    const result = await createStaff(ctx.database, { email, name, role, passwordHash: hash, teamCodes: [] });
    if (!('id' in result)) throw new Error(`could not create ${email}`);
    return result.id;
  };
  bossId = await made('boss@council.example', 'Morag Boss', 'admin');
  officerId = await made('officer@council.example', 'Iain Officer', 'officer');
  const at = (iso: string) => new Date(iso);
  await recordAudit(ctx.database, { staffId: bossId, action: 'staff_created', targetType: 'staff', targetId: officerId, at: at('2026-10-01T09:00:00Z') });
  await recordAudit(ctx.database, { staffId: officerId, action: 'password_changed', targetType: 'staff', targetId: '=HYPERLINK("x")', at: at('2026-10-15T10:00:00Z') });
  await recordAudit(ctx.database, { staffId: null, action: 'retention_run', payload: { contacts: 3 }, at: at('2026-11-01T03:00:00Z') });
  await recordAudit(ctx.database, { staffId: bossId, action: 'api_key_created', targetType: 'api_key', targetId: 'k1', at: at('2026-11-20T16:30:00Z') });
  staff = staffSessions(ctx.app, PASSWORD);
  await staff.signIn('boss@council.example');
  await staff.signIn('officer@council.example');
});
afterAll(() => ctx?.close());

const lines = async (res: Response) =>
  (await res.text())
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n');

describe('GET /api/staff/audit.csv', () => {
  it('gives the whole log oldest first, as a CSV download', async () => {
    const res = await staff.get('boss@council.example', '/api/staff/audit.csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="audit-start-to-now.csv"');
    const rows = await lines(res);
    expect(rows[0]).toBe('time,staff_id,staff_name,action,target_type,target_id,details');
    // The four rows above and the test's own two sign-ins (at the test clock, 1 November 12:00), in time order.
    expect(rows.slice(1).map((r) => r.split(',')[3])).toEqual(['staff_created', 'password_changed', 'retention_run', 'login', 'login', 'api_key_created']);
    expect(rows[1]).toBe(`2026-10-01T09:00:00.000Z,${bossId},Morag Boss,staff_created,staff,${officerId},`);
    expect(rows[3]).toBe('2026-11-01T03:00:00.000Z,,system,retention_run,,,"{""contacts"":3}"');
    // Text a spreadsheet would run as a formula is written as text.
    expect(rows[2]).toBe(`2026-10-15T10:00:00.000Z,${officerId},Iain Officer,password_changed,staff,"'=HYPERLINK(""x"")",`);
  });

  it('narrows by date range (both ends inclusive) and by actor', async () => {
    const october = await lines(await staff.get('boss@council.example', '/api/staff/audit.csv?from=2026-10-01&to=2026-10-31'));
    expect(october.slice(1).map((r) => r.split(',')[3])).toEqual(['staff_created', 'password_changed']);
    const boss = await lines(await staff.get('boss@council.example', `/api/staff/audit.csv?staff=${bossId}`));
    expect(boss.slice(1).map((r) => r.split(',')[3])).toEqual(['staff_created', 'login', 'api_key_created']);
  });

  it('is for admins only, and names a bad filter', async () => {
    expect((await staff.get('officer@council.example', '/api/staff/audit.csv')).status).toBe(403);
    expect((await staff.get(null, '/api/staff/audit.csv')).status).toBe(401);
    const bad = await staff.get('boss@council.example', '/api/staff/audit.csv?from=last-tuesday');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toBe('application/problem+json');
    expect(JSON.stringify(await bad.json())).toContain('query.from');
  });
});
