/**
 * Issue 12, "My reports on any device": a resident asks for a sign-in link by email, opens
 * it, and sees every report made and every follow held with that address; stops all emails
 * in one click; has the contact details erased from the reports, which stay public and
 * unchanged. Real database, real routes; mail is caught where the queue would take it.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RESIDENT_LINK } from '@groundswell/core';
import { schema } from '@groundswell/db';
import { sql } from '@groundswell/db/testing';
import type { MailMessage } from '../src/mail/mailer.ts';
import { json, testApp } from './helpers.ts';

let ctx: Awaited<ReturnType<typeof testApp>>;
const ORIGIN = 'http://gs.test';
const ANN = 'Ann.Resident@Example.org';
const BOB = 'bob@example.org';
let now = new Date('2026-11-01T12:00:00Z');
let mails: MailMessage[] = [];
let address = 0;

const headers = (extra: Record<string, string> = {}) => ({ 'content-type': 'application/json', origin: ORIGIN, 'x-forwarded-for': `198.51.100.${address}`, ...extra });
const post = (path: string, body: unknown, extra: Record<string, string> = {}) => ctx.app.request(path, { method: 'POST', headers: headers(extra), body: JSON.stringify(body) });
const askLink = (email: string, extra: Record<string, string> = {}, locale?: 'en' | 'pl') => post('/api/me/link', { email, ...(locale ? { locale } : {}) }, extra);
const tokenIn = (mail: MailMessage) => /#\/me\/sign-in\?token=([A-Za-z0-9_-]+)/.exec(mail.text)![1]!;
/** The sign-in links mailed to an address (a report's confirmation may be there too). */
const mailsTo = (email: string) => mails.filter((m) => m.to.toLowerCase() === email.toLowerCase() && m.text.includes('#/me/sign-in'));

/** Asks for a link for the address, opens it, and returns the session cookie. */
async function signIn(email: string): Promise<string> {
  const before = mails.length;
  expect((await askLink(email)).status).toBe(202);
  const mail = mails.slice(before).find((m) => m.to.toLowerCase() === email.trim().toLowerCase());
  if (!mail) throw new Error(`no link was mailed to ${email}`);
  const res = await post('/api/me/session', { token: tokenIn(mail) });
  expect(res.status).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}
const me = (cookie: string) => ctx.app.request('/api/me', { headers: { cookie } });
const act = (cookie: string, path: string) => post(path, {}, { cookie });

async function report(email: string | undefined, x: number, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await post('/api/reports', {
    category: 'blocked_ditch',
    geometry: { type: 'Point', coordinates: [x, 56.39] },
    description: 'Water over the road',
    contact: email ? { email, name: 'Ann Resident', phone: '+44 1738 000000' } : {},
    locale: 'en',
    ...extra,
  });
  expect(res.status).toBe(201);
  return (await json(res)).id;
}

/** Follows by the API and confirms by the emailed link, as a resident does. */
async function follow(email: string, target: Record<string, string>): Promise<void> {
  const before = mails.length;
  expect((await post('/api/subscriptions', { email, locale: 'en', ...target })).status).toBe(202);
  const link = /\/api\/subscriptions\/confirm\?token=([A-Za-z0-9_-]+)/.exec(mails.slice(before).find((m) => m.to === email)!.text)![1]!;
  expect((await ctx.app.request(`/api/subscriptions/confirm?token=${link}`)).status).toBe(200);
}

beforeAll(async () => {
  ctx = await testApp({ trustProxy: true });
  ctx.deps.clock = { now: () => now };
  ctx.deps.jobs.sendMail = async (m) => void mails.push(m);
  await ctx.database.db.insert(schema.categories).values({
    code: 'blocked_ditch',
    name: { en: 'Blocked ditch', pl: 'Zablokowany rów' },
    geometryTypes: ['Point'],
    responseDays: 10,
    contactRequired: { name: false, email: false, phone: false },
    questions: [],
  });
  const square: [number, number][] = [
    [-3.25, 56.38],
    [-3.18, 56.38],
    [-3.18, 56.42],
    [-3.25, 56.42],
    [-3.25, 56.38],
  ];
  await ctx.database.db.insert(schema.areas).values({ code: 'errol', name: 'Errol', kind: 'community_council', geom: { type: 'Polygon', coordinates: [square] } });
});
// Each test from its own address and in its own rate-limit windows.
beforeEach(() => {
  now = new Date(now.getTime() + 3 * 3600_000);
  mails = [];
  address += 1;
});
afterAll(() => ctx?.close());

describe('asking for a sign-in link', () => {
  it('answers the same for an address with reports and one without, and mails only the first, in its language', async () => {
    await report(ANN, -3.21);
    const known = await askLink(` ${ANN.toUpperCase()} `, {}, 'pl');
    const unknown = await askLink('nobody@example.org');
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(await known.text()).toBe(await unknown.text());
    expect(mailsTo('nobody@example.org')).toEqual([]);
    const [mail] = mailsTo(ANN);
    expect(mail!.subject).toContain('link do logowania');
    expect(mail!.text).toContain(`w ciągu ${RESIDENT_LINK.validMinutes} minut`);
    expect(mail!.text).toMatch(/^http:\/\/gs\.test\/#\/me\/sign-in\?token=[A-Za-z0-9_-]{40,}$/m);
    // Only a hash of the token is stored.
    const stored = await ctx.database.rows<{ token_hash: string; email: string }>(sql`select token_hash, email from resident_links`);
    expect(stored.map((r) => r.email)).toContain(ANN.toLowerCase());
    expect(stored.some((r) => r.token_hash === tokenIn(mail!))).toBe(false);
  });

  it('takes the language from Accept-Language when the body does not say', async () => {
    expect((await askLink(ANN, { 'accept-language': 'en-GB,en;q=0.8' })).status).toBe(202);
    expect(mailsTo(ANN)[0]!.subject).toContain('your sign-in link for My reports');
  });

  it('refuses a malformed address naming the field, and a request from another site', async () => {
    const bad = await askLink('not an address');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect((await json(bad)).errors[0].field).toBe('body.email');
    const missing = await post('/api/me/link', {});
    expect((await json(missing)).errors[0].field).toBe('body.email');
    const cross = await askLink(ANN, { origin: 'https://evil.example' });
    expect(cross.status).toBe(403);
    expect(mails).toEqual([]);
  });

  it('limits one network address (429 with Retry-After) whichever addresses it asks for', async () => {
    for (let i = 0; i < RESIDENT_LINK.perAddress; i++) expect((await askLink(`someone${i}@example.org`)).status).toBe(202);
    const refused = await askLink(ANN);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await json(refused)).detail).toMatch(/^Too many sign-in links asked for\. Please wait \d+ minutes and try again\.$/);
    expect(mailsTo(ANN)).toEqual([]);
    // Another address is not held back by it.
    address += 1;
    expect((await askLink(ANN)).status).toBe(202);
    expect(mailsTo(ANN)).toHaveLength(1);
  });

  it('sends one mailbox only so many links, whoever asks; beyond it the answer is the same and nothing is sent', async () => {
    for (let i = 0; i < RESIDENT_LINK.perRecipient + 2; i++) {
      address += 1;
      expect((await askLink(ANN)).status).toBe(202);
    }
    expect(mails).toHaveLength(RESIDENT_LINK.perRecipient);
    // A +tag is the same mailbox.
    await report(ANN.replace('@', '+x@'), -3.211);
    mails = [];
    address += 1;
    expect((await askLink(ANN.replace('@', '+x@'))).status).toBe(202);
    expect(mails).toEqual([]);
  });
});

describe('opening the link', () => {
  it('signs in once: the cookie is httpOnly and SameSite=Lax for /api/me, and the link cannot be used again', async () => {
    await askLink(ANN);
    const token = tokenIn(mailsTo(ANN)[0]!);
    const res = await post('/api/me/session', { token });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ email: ANN.toLowerCase() });
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^gs_resident=/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Path=/api/me');
    expect(cookie).not.toContain('Secure');
    expect(cookie).toContain(`Max-Age=${30 * 86_400}`);
    const again = await post('/api/me/session', { token });
    expect(again.status).toBe(400);
    expect((await json(again)).errors[0].field).toBe('body.token');
    // In the reader's language, as every problem is.
    const polish = await json(await post('/api/me/session', { token }, { 'accept-language': 'pl' }));
    expect(polish.detail).toBe('Ten link do logowania wygasł albo został już użyty. Poproś, proszę, o nowy.');
    expect(polish.errors).toEqual([{ field: 'body.token', message: 'Wygasł albo został już użyty' }]);
    // The staff console does not take it.
    expect((await ctx.app.request('/api/staff/me', { headers: { cookie: cookie.split(';')[0]! } })).status).toBe(401);
    const sessions = await ctx.database.rows<{ id_hash: string }>(sql`select id_hash from resident_sessions`);
    expect(sessions.some((s) => cookie.includes(s.id_hash))).toBe(false);
  });

  it('expires after its time, by the clock', async () => {
    await askLink(ANN);
    const token = tokenIn(mailsTo(ANN)[0]!);
    now = new Date(now.getTime() + (RESIDENT_LINK.validMinutes + 1) * 60_000);
    const late = await post('/api/me/session', { token });
    expect(late.status).toBe(400);
    expect((await json(late)).detail).toContain('expired or has already been used');
  });

  it('marks the session Secure behind https', async () => {
    // The cookie reads the configuration at each request: the same app, served as https for this test.
    const plain = ctx.deps.config;
    ctx.deps.config = { ...plain, publicUrl: 'https://gs.test' };
    try {
      await report('dana@example.org', -3.201);
      const secure = { origin: 'https://gs.test' };
      expect((await askLink('dana@example.org', secure)).status).toBe(202);
      const res = await post('/api/me/session', { token: tokenIn(mailsTo('dana@example.org')[0]!) }, secure);
      expect(res.status).toBe(200);
      expect(res.headers.get('set-cookie')).toContain('Secure');
    } finally {
      ctx.deps.config = plain;
    }
  });
});

describe('what a signed-in resident sees', () => {
  it('lists every report made and every follow held with the address, and nothing of anyone else', async () => {
    const mine = [await report(ANN, -3.22), await report(ANN.toLowerCase(), -3.23)];
    const hidden = await report(ANN, -3.24);
    await ctx.database.rows(sql`update reports set state = 'hidden' where public_id = ${hidden}`);
    const bobs = await report(BOB, -3.2);
    await report(undefined, -3.19);
    await follow(ANN, { area: 'errol' });
    await follow(ANN, { report: bobs });
    await follow(BOB, { area: 'errol' });

    const ann = await signIn(` ${ANN.toLowerCase()}`);
    const res = await me(ann);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const data = await json(res);
    expect(data.email).toBe(ANN.toLowerCase());
    const ids = data.reports.map((r: { id: string }) => r.id);
    for (const id of [...mine, hidden]) expect(ids).toContain(id);
    expect(ids).not.toContain(bobs);
    const one = data.reports.find((r: { id: string }) => r.id === mine[0]);
    expect(one).toMatchObject({ category: 'blocked_ditch', categoryName: { en: 'Blocked ditch', pl: 'Zablokowany rów' }, state: 'new', link: `http://gs.test/#/reports/${mine[0]}` });
    expect(data.reports.find((r: { id: string }) => r.id === hidden).link).toBeNull();
    // Her own reports are followed from the start; the area and Bob's report by confirmed links.
    expect(data.follows).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'area', target: 'errol', name: 'Errol', confirmed: true })]));
    expect(data.follows).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'report', target: bobs, confirmed: true })]));
    expect(data.follows).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'report', target: mine[0] })]));
    expect(JSON.stringify(data)).not.toContain(BOB);
    expect(data.mailStopped).toBe(false);

    const bob = await signIn(BOB);
    const bobData = await json(await me(bob));
    expect(bobData.reports.map((r: { id: string }) => r.id)).toEqual([bobs]);
    expect(JSON.stringify(bobData)).not.toMatch(/ann/i);
  });

  it('needs a live session: none, a made-up one, a signed-out one and an expired one get 401', async () => {
    expect((await ctx.app.request('/api/me')).status).toBe(401);
    expect((await me('gs_resident=made-up-token-0000000000000000')).status).toBe(401);
    const ann = await signIn(ANN);
    const other = await signIn(ANN);
    expect((await act(ann, '/api/me/sign-out')).status).toBe(200);
    expect((await me(ann)).status).toBe(401);
    // Signing out twice is no error; the other device stays signed in until its time is up.
    expect((await act(ann, '/api/me/sign-out')).status).toBe(200);
    expect((await me(other)).status).toBe(200);
    now = new Date(now.getTime() + 31 * 86_400_000);
    expect((await me(other)).status).toBe(401);
  });
});

describe('stop all emails', () => {
  it('ends every follow of the address, marks its reports, and is refused from another site', async () => {
    const carol = 'carol@example.org';
    const own = await report(carol, -3.215);
    await follow(carol, { area: 'errol' });
    await follow(ANN, { report: own });
    const cookie = await signIn(carol);
    expect((await post('/api/me/stop-emails', {}, { cookie, origin: 'https://evil.example' })).status).toBe(403);
    const res = await act(cookie, '/api/me/stop-emails');
    expect(res.status).toBe(200);
    const result = await json(res);
    expect(result.stopped).toBe(true);
    expect(result).toEqual({ stopped: true, follows: 2, reports: 1 });
    const data = await json(await me(cookie));
    expect(data.follows).toEqual([]);
    expect(data.mailStopped).toBe(true);
    const live = await ctx.database.rows<{ email: string }>(sql`select email from subscriptions where unsubscribed_at is null and report_id = (select id from reports where public_id = ${own})`);
    expect(live.map((s) => s.email)).toEqual([ANN]);
    const marked = await ctx.database.rows<{ stopped: boolean }>(sql`select mail_stopped_at is not null as stopped from report_contacts where lower(email) = ${carol}`);
    expect(marked).toHaveLength(1);
    expect(marked.every((c) => c.stopped)).toBe(true);
    const audit = await ctx.database.rows<{ payload: unknown }>(sql`select payload from audit_log where action = 'resident_stopped_emails'`);
    expect(audit.map((a) => a.payload)).toEqual([{ follows: 2, reports: 1 }]);
  });
});

describe('erase my contact details', () => {
  const publicFace = async (id: string) => {
    const texts = await Promise.all(
      [`/api/reports/${id}`, '/api/reports?bbox=-3.3,56.3,-3.1,56.5', '/export/reports.geojson', '/export/reports.csv', '/feeds/reports.atom', `/feeds/reports/${id}.atom`].map(async (p) => {
        const res = await ctx.app.request(p);
        expect(res.status, p).toBe(200);
        // The export says when it was made; that moment is not the reports' face.
        return (await res.text()).replace(/"timeStamp":"[^"]+"/, '"timeStamp":"…"');
      }),
    );
    return texts;
  };

  it('removes the contact details from every report made with the address, keeps the reports public and unchanged, and deletes its follows', async () => {
    const erased = 'erase.me@example.org';
    const keep = await report(ANN, -3.207);
    const ids = [await report(erased, -3.205), await report(erased.toUpperCase(), -3.206, { showName: true })];
    await follow(erased, { area: 'errol' });
    await follow(erased, { report: keep });
    const before = await Promise.all(ids.map(publicFace));
    now = new Date(now.getTime() + 60_000);

    const cookie = await signIn(erased);
    expect((await post('/api/me/erase', {}, { cookie, origin: 'https://evil.example' })).status).toBe(403);
    const res = await act(cookie, '/api/me/erase');
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ erased: true, reports: 2, follows: 4 });
    expect(res.headers.get('set-cookie')).toMatch(/gs_resident=;/);

    // The reports stay, public and byte for byte the same; the contacts are gone, and nothing holds the address.
    const after = await Promise.all(ids.map(publicFace));
    for (const [i, texts] of after.entries()) for (const [j, text] of texts.entries()) expect(text, `${ids[i]} output ${j}`).toBe(before[i]![j]);
    const contacts = await ctx.database.rows(sql`select 1 from report_contacts c join reports r on r.id = c.report_id where r.public_id in (${ids[0]}, ${ids[1]})`);
    expect(contacts).toEqual([]);
    for (const table of ['report_contacts', 'subscriptions', 'resident_links', 'resident_sessions', 'audit_log', 'report_events']) {
      const rows = await ctx.database.rows(sql.raw(`select * from ${table}`));
      expect(JSON.stringify(rows).toLowerCase(), table).not.toContain(erased);
    }
    const [audit] = await ctx.database.rows<{ staff_id: string | null; payload: Record<string, number> }>(sql`select staff_id, payload from audit_log where action = 'resident_erased_contacts'`);
    expect(audit).toEqual({ staff_id: null, payload: { reports: 2, follows: 4, sessions: 1 } });
    // The session went with the address; Ann's report is untouched.
    expect((await me(cookie)).status).toBe(401);
    expect(await ctx.database.rows(sql`select 1 from report_contacts c join reports r on r.id = c.report_id where r.public_id = ${keep}`)).toHaveLength(1);
    // Asking again: the same answer, and no mail, since nothing is left.
    mails = [];
    expect((await askLink(erased)).status).toBe(202);
    expect(mails).toEqual([]);
  });
});

describe('the OpenAPI document', () => {
  it('describes every /api/me route with an operationId', async () => {
    const doc = await json(await ctx.app.request('/api/openapi.json'));
    const ops = Object.entries(doc.paths as Record<string, Record<string, { operationId?: string }>>)
      .filter(([path]) => path.startsWith('/api/me'))
      .flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => `${method} ${path} ${op.operationId}`));
    expect(ops.sort()).toEqual([
      'get /api/me getMyReports',
      'post /api/me/erase eraseMyContactDetails',
      'post /api/me/link requestResidentSignInLink',
      'post /api/me/session openResidentSession',
      'post /api/me/sign-out signOutResident',
      'post /api/me/stop-emails stopAllMyEmails',
    ]);
  });
});
