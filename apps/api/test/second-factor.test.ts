/**
 * A second factor for local accounts (issue 16): TOTP (RFC 6238) set up with a code from the
 * app, asked for after the right password, never accepted twice, recovery codes once each,
 * required for administrators when the council says so, reset by another administrator;
 * and one's own sessions, seen and ended.
 */
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff } from '@groundswell/db';
import { sql } from '@groundswell/db/testing';
import { hashPassword } from '../src/staff/passwords.ts';
import { json, testApp } from './helpers.ts';

const PASSWORD = 'correct horse battery';
const ORIGIN = 'http://gs.test';
let now = new Date('2026-11-30T10:00:00Z');
const later = (seconds: number) => {
  now = new Date(now.getTime() + seconds * 1000);
};

async function setUp(overrides = {}) {
  const ctx = await testApp(overrides);
  ctx.deps.clock = { now: () => now };
  const hash = await hashPassword(PASSWORD);
  const ids: Record<string, string> = {};
  for (const [email, role] of [
    ['kasia@council.example', 'officer'],
    ['morag@council.example', 'admin'],
    ['ruth@council.example', 'admin'],
  ] as const) {
    const made = await createStaff(ctx.database, { email, name: email.split('@')[0]!, role, passwordHash: hash, teamCodes: [] });
    if (!('id' in made)) throw new Error('not created');
    ids[email] = made.id;
  }
  const login = (email: string, code?: string, userAgent = 'Test browser') =>
    ctx.app.request('/api/staff/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN, 'user-agent': userAgent },
      body: JSON.stringify({ email, password: PASSWORD, ...(code === undefined ? {} : { code }) }),
    });
  const session = async (email: string, code?: string, userAgent?: string) => {
    const res = await login(email, code, userAgent);
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    const csrf = (await json(res)).csrfToken as string;
    return {
      get: (path: string) => ctx.app.request(path, { headers: { cookie } }),
      post: (path: string, body: unknown = {}) =>
        ctx.app.request(path, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf, origin: ORIGIN, 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    };
  };
  return { ctx, ids, login, session };
}

const codeAt = (secret: string, at: Date) => new TOTP({ secret: Secret.fromBase32(secret.replace(/\s/g, '')), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: at.getTime() });

describe('setting up and using an authenticator app', () => {
  let t: Awaited<ReturnType<typeof setUp>>;
  let kasia: Awaited<ReturnType<typeof t.session>>;
  let secret: string;
  let recovery: string[];
  beforeAll(async () => {
    t = await setUp();
    kasia = await t.session('kasia@council.example');
  });
  afterAll(() => t?.ctx.close());

  it('starts with none, and changes nothing until a code proves the app has the secret', async () => {
    const before = await json(await kasia.get('/api/staff/security'));
    expect(before.secondFactor).toEqual({ enabled: false, required: false, recoveryCodesLeft: 0 });
    const started = await json(await kasia.post('/api/staff/security/totp'));
    secret = started.secret;
    expect(secret).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{4})+$/);
    expect(started.uri).toMatch(/^otpauth:\/\/totp\/Groundswell:kasia%40council\.example\?/);
    expect(started.uri).toContain('issuer=Groundswell');
    expect(started.qrSvg).toMatch(/^<svg /);
    // Still signs in with the password alone.
    expect((await t.login('kasia@council.example')).status).toBe(200);

    const wrong = await kasia.post('/api/staff/security/totp/confirm', { code: '000000' === codeAt(secret, now) ? '111111' : '000000' });
    expect(wrong.status).toBe(400);
    expect((await json(wrong)).errors).toEqual([expect.objectContaining({ field: 'code' })]);
    const confirmed = await kasia.post('/api/staff/security/totp/confirm', { code: codeAt(secret, now) });
    expect(confirmed.status).toBe(200);
    recovery = (await json(confirmed)).recoveryCodes;
    expect(recovery).toHaveLength(10);
    for (const c of recovery) expect(c).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);
    expect(new Set(recovery).size).toBe(10);
    const stored = await t.ctx.database.rows<{ code_hash: string }>(sql`select code_hash from staff_recovery_codes`);
    expect(stored.map((r) => r.code_hash)).not.toContain(recovery[0]);
    expect((await json(await kasia.get('/api/staff/security'))).secondFactor).toEqual({ enabled: true, required: false, recoveryCodesLeft: 10 });
  });

  it('asks for the code after the right password, and refuses a wrong one beside the field', async () => {
    const asked = await t.login('kasia@council.example');
    expect(asked.status).toBe(401);
    expect((await json(asked)).errors).toEqual([{ field: 'code', message: expect.stringContaining('6-digit code') }]);
    const wrong = await t.login('kasia@council.example', '123456' === codeAt(secret, now) ? '654321' : '123456');
    expect(wrong.status).toBe(401);
    expect((await json(wrong)).errors).toEqual([{ field: 'code', message: expect.any(String) }]);
  });

  it('never takes the same code twice: not the one that confirmed the app, not one that signed in', async () => {
    expect((await t.login('kasia@council.example', codeAt(secret, now))).status).toBe(401);
    later(30);
    const code = codeAt(secret, now);
    expect((await t.login('kasia@council.example', code)).status).toBe(200);
    expect((await t.login('kasia@council.example', code)).status).toBe(401);
    // A phone a step behind is still believed, once the step is new.
    later(30);
    expect((await t.login('kasia@council.example', codeAt(secret, new Date(now.getTime() - 30_000)))).status).toBe(401);
    expect((await t.login('kasia@council.example', codeAt(secret, new Date(now.getTime() + 30_000)))).status).toBe(200);
  });

  it('takes each recovery code once, typed in any case with spaces, and says how many are left', async () => {
    const typed = ` ${recovery[0]!.toUpperCase().replace('-', ' ')} `;
    expect((await t.login('kasia@council.example', typed)).status).toBe(200);
    expect((await t.login('kasia@council.example', recovery[0])).status).toBe(401);
    expect((await json(await kasia.get('/api/staff/security'))).secondFactor.recoveryCodesLeft).toBe(9);
    const [audit] = await t.ctx.database.rows<{ payload: { left: number } }>(sql`select payload from audit_log where action = 'recovery_code_used'`);
    expect(audit!.payload).toEqual({ left: 9 });
  });

  it('counts wrong codes as failed sign-ins, so codes are guessed no faster than passwords', async () => {
    later(900);
    let last = 0;
    for (let i = 0; i < 7; i++) last = (await t.login('kasia@council.example', '999999' === codeAt(secret, now) ? '888888' : '999999', 'Guesser')).status;
    expect(last).toBe(429);
  });

  it('asks for the code with an emailed reset link too, before the link is spent', async () => {
    later(900);
    const forgot = await t.ctx.app.request('/api/staff/password/forgot', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN },
      body: JSON.stringify({ email: 'kasia@council.example' }),
    });
    expect(forgot.status).toBe(202);
    // The token is only in the email: make one the way the use-case does, straight in the table.
    const { createHash } = await import('node:crypto');
    const token = 'a-reset-token-for-the-second-factor-test';
    await t.ctx.database.rows(
      sql`insert into staff_password_resets (token_hash, staff_id, expires_at) values (${createHash('sha256').update(token).digest('hex')}, ${t.ids['kasia@council.example']}, ${new Date(now.getTime() + 3600_000).toISOString()}::timestamptz)`,
    );
    const reset = (code?: string) =>
      t.ctx.app.request('/api/staff/password/reset', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: ORIGIN },
        body: JSON.stringify({ token, password: 'a brand new password 2026', ...(code ? { code } : {}) }),
      });
    const asked = await reset();
    expect(asked.status).toBe(401);
    expect((await json(asked)).errors).toEqual([expect.objectContaining({ field: 'code' })]);
    const done = await reset(codeAt(secret, now));
    expect(done.status).toBe(200);
  });
});

describe('sessions, administrators and the rule for them', () => {
  let t: Awaited<ReturnType<typeof setUp>>;
  beforeAll(async () => {
    t = await setUp({ adminSecondFactor: 'required' });
  });
  afterAll(() => t?.ctx.close());

  it('lists one’s own sessions with their device and ends one, never another account’s', async () => {
    const laptop = await t.session('kasia@council.example', undefined, 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0');
    later(60);
    const phone = await t.session('kasia@council.example', undefined, 'Mozilla/5.0 (Linux; Android 15) Chrome/140.0 Mobile');
    const listed = (await json(await phone.get('/api/staff/security'))).sessions as Array<{ id: string; userAgent: string; current: boolean; lastSeenAt: string }>;
    expect(listed.map((s) => [s.userAgent.includes('Android'), s.current])).toEqual([
      [true, true],
      [false, false],
    ]);
    const other = await t.session('ruth@council.example');
    expect((await other.post(`/api/staff/security/sessions/${listed[1]!.id}/end`)).status).toBe(403); // Ruth must set up her second factor first
    const ended = await phone.post(`/api/staff/security/sessions/${listed[1]!.id}/end`);
    expect(ended.status).toBe(200);
    expect((await laptop.get('/api/staff/security')).status).toBe(401);
    expect((await phone.post('/api/staff/security/sessions/0123456789abcdef/end')).status).toBe(404);
    expect((await phone.post('/api/staff/security/sessions/not-an-id/end')).status).toBe(400);
  });

  it('keeps an administrator without a second factor to setting one up, then lets her work', async () => {
    const morag = await t.session('morag@council.example');
    const me = await json(await morag.get('/api/staff/me'));
    expect(me.secondFactor).toEqual({ enabled: false, required: true, recoveryCodesLeft: 0 });
    const refused = await morag.get('/api/staff/users');
    expect(refused.status).toBe(403);
    expect((await json(refused)).errors).toEqual([{ field: 'secondFactor', message: expect.any(String) }]);
    const { secret } = await json(await morag.post('/api/staff/security/totp'));
    expect((await morag.post('/api/staff/security/totp/confirm', { code: codeAt(secret, now) })).status).toBe(200);
    expect((await morag.get('/api/staff/users')).status).toBe(200);
    // Officers are not bound by the rule.
    expect((await (await t.session('kasia@council.example')).get('/api/staff/users')).status).toBe(200);
  });

  it('does not hold an administrator the council’s directory signs in: the directory has its own second factor', async () => {
    await t.ctx.database.rows(sql`insert into staff_identities (issuer, subject, staff_id) values ('https://login.council.example', 'ruth-1', ${t.ids['ruth@council.example']})`);
    const ruth = await t.session('ruth@council.example');
    expect((await json(await ruth.get('/api/staff/me'))).secondFactor).toEqual({ enabled: false, required: false, recoveryCodesLeft: 0 });
    expect((await ruth.get('/api/staff/users')).status).toBe(200);
    await t.ctx.database.rows(sql`delete from staff_identities where subject = 'ruth-1'`);
  });

  it('lets another administrator reset a lost second factor: sessions end, the password alone signs in again', async () => {
    later(30);
    const [{ secret }] = (await t.ctx.database.rows<{ secret: string }>(sql`select totp_secret as secret from staff_users where email = 'morag@council.example'`)) as [{ secret: string }];
    const morag = await t.session('morag@council.example', codeAt(secret, now));
    expect((await morag.post(`/api/staff/users/${t.ids['morag@council.example']}/second-factor/reset`)).status).toBe(409);
    expect((await morag.post(`/api/staff/users/${t.ids['ruth@council.example']}/second-factor/reset`)).status).toBe(200);
    const kasia = await t.session('kasia@council.example');
    expect((await kasia.post(`/api/staff/users/${t.ids['morag@council.example']}/second-factor/reset`)).status).toBe(403);

    // Ruth (an admin, so she must set one up again) resets Morag's after setting up her own.
    const ruth = await t.session('ruth@council.example');
    const started = await json(await ruth.post('/api/staff/security/totp'));
    expect((await ruth.post('/api/staff/security/totp/confirm', { code: codeAt(started.secret, now) })).status).toBe(200);
    const reset = await ruth.post(`/api/staff/users/${t.ids['morag@council.example']}/second-factor/reset`);
    expect(await json(reset)).toEqual({ reset: true, sessionsEnded: 2 });
    expect((await morag.get('/api/staff/me')).status).toBe(401);
    expect((await t.login('morag@council.example')).status).toBe(200);
    const audit = await t.ctx.database.rows<{ action: string }>(sql`select action from audit_log where action like 'second_factor%' order by id`);
    expect(audit.map((a) => a.action)).toEqual(['second_factor_enabled', 'second_factor_reset', 'second_factor_enabled', 'second_factor_reset']);
  });
});
