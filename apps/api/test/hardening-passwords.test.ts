import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createStaff } from '@groundswell/db';
import { sql } from '@groundswell/db/testing';
import { json, testApp } from './helpers.ts';
import type { MailMessage } from '../src/mail/mailer.ts';
import { hashPassword } from '../src/staff/passwords.ts';
import { requestPasswordReset } from '../src/staff/request-password-reset.ts';

// Hardening defect 4: staff change their password, reset it by an emailed single-use link
// that expires, or have an administrator reset it; each ends the other sessions and is audited.

let ctx: Awaited<ReturnType<typeof testApp>>;
const ORIGIN = 'http://gs.test';
const PASSWORD = 'correct horse battery';
let now = new Date('2026-11-01T12:00:00Z');
let mails: MailMessage[] = [];
const ids: Record<string, string> = {};

interface Session {
  cookie: string;
  csrf: string;
}
const headers = (s: Session | null, extra: Record<string, string> = {}) => ({
  'content-type': 'application/json',
  origin: ORIGIN,
  ...(s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {}),
  ...extra,
});
const post = (s: Session | null, path: string, body: unknown, extra: Record<string, string> = {}) => ctx.app.request(path, { method: 'POST', headers: headers(s, extra), body: JSON.stringify(body) });
const me = (s: Session) => ctx.app.request('/api/staff/me', { headers: { cookie: s.cookie } });
const login = (email: string, password = PASSWORD) => post(null, '/api/staff/login', { email, password });
async function session(res: Response): Promise<Session> {
  expect(res.status).toBe(200);
  return { cookie: res.headers.get('set-cookie')!.split(';')[0]!, csrf: (await json(res)).csrfToken };
}
const tokenIn = (mail: MailMessage) => /#\/staff\/reset\?token=([A-Za-z0-9_-]+)/.exec(mail.text)![1]!;
const audit = (action: string, target: string) => ctx.database.rows<{ staff_id: string }>(sql`select staff_id from audit_log where action = ${action} and target_id = ${target}`);

beforeAll(async () => {
  ctx = await testApp();
  ctx.deps.clock = { now: () => now };
  ctx.deps.jobs.sendMail = async (m) => void mails.push(m);
  const passwordHash = await hashPassword(PASSWORD);
  for (const [name, role] of [
    ['changer', 'officer'],
    ['forgetful', 'officer'],
    ['expired', 'officer'],
    ['flooded', 'officer'],
    ['reset', 'officer'],
    ['chief', 'admin'],
  ] as const) {
    const made = await createStaff(ctx.database, { email: `${name}@council.example`, name: `Staff ${name}`, role, passwordHash, teamCodes: [] });
    ids[name] = (made as { id: string }).id;
  }
});
// Each test in its own rate-limit windows.
beforeEach(() => {
  now = new Date(now.getTime() + 3 * 3600_000);
  mails = [];
});
afterAll(() => ctx?.close());

describe('hardening: change a password (defect 4)', () => {
  it('needs the current password, keeps this session, ends the others, and is audited', async () => {
    const here = await session(await login('changer@council.example'));
    const elsewhere = await session(await login('changer@council.example'));
    const change = (body: unknown, s: Session | null = here) => post(s, '/api/staff/password', body);

    expect((await change({ currentPassword: PASSWORD, newPassword: 'a-new-long-password' }, null)).status).toBe(401);
    expect((await post({ ...here, csrf: 'forged' }, '/api/staff/password', { currentPassword: PASSWORD, newPassword: 'a-new-long-password' })).status).toBe(403);
    const wrong = await change({ currentPassword: 'not-it', newPassword: 'a-new-long-password' });
    expect(wrong.status).toBe(400);
    expect((await json(wrong)).errors[0].field).toBe('body.currentPassword');
    const short = await change({ currentPassword: PASSWORD, newPassword: 'short' });
    expect(short.status).toBe(400);
    expect((await json(short)).errors[0].field).toBe('body.newPassword');

    const ok = await change({ currentPassword: PASSWORD, newPassword: 'a-new-long-password' });
    expect(ok.status).toBe(200);
    expect(await json(ok)).toEqual({ changed: true, sessionsEnded: 1 });
    expect((await me(here)).status).toBe(200);
    expect((await me(elsewhere)).status).toBe(401);
    expect((await login('changer@council.example')).status).toBe(401);
    expect((await login('changer@council.example', 'a-new-long-password')).status).toBe(200);
    expect(await audit('password_changed', ids.changer!)).toEqual([{ staff_id: ids.changer }]);
  });
});

describe('hardening: reset a password by an emailed link (defect 4)', () => {
  it('answers the same whether or not the address has an account, and refuses another site', async () => {
    const unknown = await post(null, '/api/staff/password/forgot', { email: 'nobody@council.example' });
    const known = await post(null, '/api/staff/password/forgot', { email: 'Forgetful@council.example' });
    expect([unknown.status, known.status]).toEqual([202, 202]);
    expect(await json(unknown)).toEqual(await json(known));
    expect(mails.map((m) => m.to)).toEqual(['forgetful@council.example']);
    expect((await post(null, '/api/staff/password/forgot', { email: 'forgetful@council.example' }, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await post(null, '/api/staff/password/forgot', { email: 'not an email' })).status).toBe(400);
  });

  it('sets a new password once with the link, ends every session, signs in, and keeps only a hash of the token', async () => {
    const before = await session(await login('forgetful@council.example'));
    expect((await post(null, '/api/staff/password/forgot', { email: 'forgetful@council.example' }, { 'accept-language': 'pl' })).status).toBe(202);
    expect(mails[0]!.subject).toContain('nowe hasło');
    const token = tokenIn(mails[0]!);
    const stored = (await ctx.database.rows<{ token_hash: string }>(sql`select token_hash from staff_password_resets where staff_id = ${ids.forgetful}`)).map((r) => r.token_hash);
    expect(stored).toContain(createHash('sha256').update(token).digest('hex'));
    expect(stored).not.toContain(token);

    expect((await post(null, '/api/staff/password/reset', { token, password: 'short' })).status).toBe(400);
    const reset = await post(null, '/api/staff/password/reset', { token, password: 'forgetful-no-more' });
    const after = await session(reset);
    expect((await me(after)).status).toBe(200);
    expect((await me(before)).status).toBe(401);
    const again = await post(null, '/api/staff/password/reset', { token, password: 'someone-else-again' });
    expect(again.status).toBe(400);
    expect((await json(again)).errors[0].field).toBe('body.token');
    expect((await login('forgetful@council.example')).status).toBe(401);
    expect((await login('forgetful@council.example', 'forgetful-no-more')).status).toBe(200);
    expect(await audit('password_reset', ids.forgetful!)).toHaveLength(1);
  });

  it('lets a link expire after an hour', async () => {
    await post(null, '/api/staff/password/forgot', { email: 'expired@council.example' });
    const token = tokenIn(mails[0]!);
    now = new Date(now.getTime() + 61 * 60_000);
    expect((await post(null, '/api/staff/password/reset', { token, password: 'too-late-for-this' })).status).toBe(400);
    expect((await login('expired@council.example')).status).toBe(200);
  });

  it('limits requests per address (refused) and per recipient (nothing more is sent)', async () => {
    const fromOne = [];
    for (let i = 0; i < 6; i++) fromOne.push((await post(null, '/api/staff/password/forgot', { email: `someone-${i}@council.example` })).status);
    expect(fromOne).toEqual([202, 202, 202, 202, 202, 429]);
    // Many addresses at one inbox: the answer does not change, but the inbox stops filling.
    for (let i = 0; i < 8; i++) await requestPasswordReset(ctx.deps, { email: 'flooded@council.example', address: `203.0.113.${i}`, locale: 'en' });
    expect(mails.filter((m) => m.to === 'flooded@council.example')).toHaveLength(3);
  });
});

describe('hardening: an administrator resets a password (defect 4)', () => {
  it('stops the old password, ends every session, emails a link and audits it; admins only', async () => {
    const chief = await session(await login('chief@council.example'));
    const officer = await session(await login('reset@council.example'));
    const path = `/api/staff/users/${ids.reset}/password-reset`;
    expect((await post(officer, `/api/staff/users/${ids.chief}/password-reset`, {})).status).toBe(403);
    expect((await post(chief, `/api/staff/users/${ids.chief}/password-reset`, {})).status).toBe(409);

    const res = await post(chief, path, {});
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ sent: true, sessionsEnded: 1 });
    expect((await me(officer)).status).toBe(401);
    expect((await login('reset@council.example')).status).toBe(401);
    expect(await audit('staff_password_reset', ids.reset!)).toEqual([{ staff_id: ids.chief }]);
    expect(mails.map((m) => m.to)).toEqual(['reset@council.example']);
    expect(mails[0]!.text).toContain('administrator');

    // A link an administrator sent still works later that day.
    now = new Date(now.getTime() + 3 * 3600_000);
    expect((await post(null, '/api/staff/password/reset', { token: tokenIn(mails[0]!), password: 'chosen-by-the-officer' })).status).toBe(200);
  });

  it('documents the new routes in OpenAPI with their answers', async () => {
    const doc = await json(await ctx.app.request('/api/openapi.json'));
    for (const path of ['/api/staff/password', '/api/staff/password/forgot', '/api/staff/password/reset', '/api/staff/users/{id}/password-reset'])
      expect(doc.paths[path]?.post?.responses).toBeDefined();
    expect(doc.paths['/api/staff/password/forgot'].post.responses['202'].content['application/json'].schema).toBeDefined();
  });
});
