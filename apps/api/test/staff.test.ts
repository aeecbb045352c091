import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@groundswell/db/testing';
import { loadDemo } from '@groundswell/db/demo';
import { json, testApp } from './helpers.ts';
import { DEMO_PASSWORD, loadDemoStaff } from '../src/staff/demo-staff.ts';
import { notifyFollowers } from '../src/subscriptions/notify.ts';

let ctx: Awaited<ReturnType<typeof testApp>>;
const ORIGIN = 'http://gs.test';

interface Session {
  cookie: string;
  csrf: string;
  id: string;
}

async function login(email: string, password = DEMO_PASSWORD, headers: Record<string, string> = {}) {
  return ctx.app.request('/api/staff/login', { method: 'POST', headers: { 'content-type': 'application/json', origin: ORIGIN, ...headers }, body: JSON.stringify({ email, password }) });
}
async function session(email: string): Promise<Session> {
  const res = await login(email);
  expect(res.status).toBe(200);
  const body = await json(res);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  return { cookie, csrf: body.csrfToken, id: body.id };
}
const get = (s: Session | null, path: string) => ctx.app.request(path, { headers: s ? { cookie: s.cookie } : {} });
const post = (s: Session | null, path: string, body: unknown, headers: Record<string, string> = {}) =>
  ctx.app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: ORIGIN, ...(s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {}), ...headers },
    body: JSON.stringify(body),
  });

let admin: Session;
let drainage: Session;
let waste: Session;
/** Open reports by team, from the demo data. */
const reportsOf = async (team: string, state = 'new') =>
  (await ctx.database.rows<{ public_id: string }>(sql`select r.public_id from reports r join teams t on t.id = r.team_id where t.code = ${team} and r.state = ${state} order by r.id`)).map(
    (r) => r.public_id,
  );
const eventsOf = (publicId: string) =>
  ctx.database.rows<{ kind: string; public: boolean; actor_id: string | null; actor_type: string; payload: Record<string, unknown> }>(
    sql`select e.kind, e.public, e.actor_id, e.actor_type, e.payload from report_events e join reports r on r.id = e.report_id where r.public_id = ${publicId} order by e.id`,
  );

beforeAll(async () => {
  ctx = await testApp();
  await loadDemo(ctx.database, { now: new Date('2026-11-01T12:00:00Z') });
  await loadDemoStaff(ctx.database);
  admin = await session('admin@council.example');
  drainage = await session('drainage@council.example');
  waste = await session('waste@council.example');
});
afterAll(() => ctx?.close());

describe('staff sign-in', () => {
  it('sets an httpOnly, SameSite=Lax session cookie and gives a CSRF token', async () => {
    const res = await login('drainage@council.example');
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/gs_session=[\w-]{20,}/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect((await json(res)).csrfToken.length).toBeGreaterThan(20);
  });

  it('renews the session id at every sign-in and signs out everywhere', async () => {
    const one = await session('roads@council.example');
    const two = await session('roads@council.example');
    expect(one.cookie).not.toBe(two.cookie);
    expect((await get(one, '/api/staff/me')).status).toBe(200);
    const out = await post(two, '/api/staff/logout-everywhere', {});
    expect((await json(out)).sessions).toBeGreaterThanOrEqual(2);
    expect((await get(one, '/api/staff/me')).status).toBe(401);
    expect((await get(two, '/api/staff/me')).status).toBe(401);
  });

  it('throttles an account after five wrong passwords, with a clear message', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await login('waste@council.example', `wrong-${i}`)).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429, 429, 429, 429]);
    const res = await login('waste@council.example');
    expect(res.status).toBe(429); // even the right password, until the window passes
    expect((await json(res)).detail).toMatch(/Too many failed sign-ins\. Please wait \d+ minutes?/);
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('refuses a sign-in posted from another site', async () => {
    expect((await login('admin@council.example', DEMO_PASSWORD, { origin: 'https://evil.example' })).status).toBe(403);
  });
});

describe('authorization', () => {
  it('answers 401 to residents on every staff route', async () => {
    for (const path of ['/api/staff/reports', '/api/staff/me', '/api/staff/templates', '/api/staff/audit']) expect((await get(null, path)).status).toBe(401);
    expect((await post(null, '/api/staff/reports/abcd2345/notes', { note: 'x' })).status).toBe(401);
  });

  it("shows an officer only their teams' reports, and 404s another team's without leaking it", async () => {
    const list = await json(await get(drainage, '/api/staff/reports?limit=500'));
    expect(list.reports.length).toBeGreaterThan(0);
    expect(new Set(list.reports.map((r: { team: string }) => r.team))).toEqual(new Set(['flooding']));
    const [wasteReport] = await reportsOf('waste');
    const detail = await get(drainage, `/api/staff/reports/${wasteReport}`);
    expect(detail.status).toBe(404);
    const missing = await get(drainage, '/api/staff/reports/zzzz9999');
    expect((await json(detail)).detail.replace(wasteReport!, 'X')).toBe((await json(missing)).detail.replace('zzzz9999', 'X'));
    expect((await post(drainage, `/api/staff/reports/${wasteReport}/notes`, { note: 'sneaky' })).status).toBe(404);
    expect((await eventsOf(wasteReport!)).some((e) => e.payload.note === 'sneaky')).toBe(false);
  });

  it('shows contact details in remit only', async () => {
    const [mine] = await reportsOf('flooding');
    const body = await json(await get(drainage, `/api/staff/reports/${mine}`));
    expect(body.contact?.email ?? body.contact?.phone).toBeTruthy();
  });

  it('rejects a forged cross-site POST and a POST without the CSRF token', async () => {
    const [mine] = await reportsOf('flooding');
    const before = (await eventsOf(mine!)).length;
    expect((await post(drainage, `/api/staff/reports/${mine}/notes`, { note: 'forged' }, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await post(drainage, `/api/staff/reports/${mine}/notes`, { note: 'forged' }, { 'x-csrf-token': '' })).status).toBe(403);
    expect((await eventsOf(mine!)).length).toBe(before);
  });
});

describe('working a report', () => {
  it('records one event per action, with the right actor and visibility', async () => {
    const [id] = await reportsOf('flooding');
    const before = (await eventsOf(id!)).length;
    expect((await post(drainage, `/api/staff/reports/${id}/state`, { state: 'acknowledged' })).status).toBe(200);
    expect((await post(drainage, `/api/staff/reports/${id}/notes`, { note: 'Farmer says the pipe is cracked' })).status).toBe(200);
    expect((await post(drainage, `/api/staff/reports/${id}/assign`, { assigneeId: drainage.id })).status).toBe(200);
    expect((await post(drainage, `/api/staff/reports/${id}/priority`, { priority: 3 })).status).toBe(200);
    expect((await post(drainage, `/api/staff/reports/${id}/expected-date`, { expectedAt: '2026-11-20' })).status).toBe(200);
    expect((await post(drainage, `/api/staff/reports/${id}/answers`, { message: 'We will clear this ditch by 20 November.' })).status).toBe(200);
    const added = (await eventsOf(id!)).slice(before);
    expect(added.map((e) => [e.kind, e.public])).toEqual([
      ['state_changed', true],
      ['internal_note', false],
      ['assigned', false],
      ['priority_set', false],
      ['expected_date_set', true],
      ['public_answer', true],
    ]);
    expect(added.every((e) => e.actor_type === 'staff' && e.actor_id === drainage.id)).toBe(true);
    const pub = await json(await ctx.app.request(`/api/reports/${id}`));
    expect(pub.properties.expectedAt).toMatch(/^2026-11-20/);
    expect(pub.timeline.at(-1)).toMatchObject({ kind: 'public_answer', message: 'We will clear this ditch by 20 November.' });
    expect(JSON.stringify(pub)).not.toContain('pipe is cracked');
  });

  it('allows only the state moves core allows, and asks for a public answer when closing', async () => {
    const [id] = await reportsOf('flooding', 'fixed');
    const bad = await post(drainage, `/api/staff/reports/${id}/state`, { state: 'action_scheduled' });
    expect(bad.status).toBe(409);
    expect((await json(bad)).code).toBe('invalid_transition');
    const [open] = await reportsOf('flooding', 'in_progress');
    const noAnswer = await post(drainage, `/api/staff/reports/${open}/state`, { state: 'fixed' });
    expect(noAnswer.status).toBe(400);
    expect((await json(noAnswer)).errors[0].field).toBe('body.message');
    expect((await post(drainage, `/api/staff/reports/${open}/state`, { state: 'fixed', message: 'Cleared today.' })).status).toBe(200);
  });

  it('merges a duplicate: supporters and followers move, the reporter is told where to follow it', async () => {
    const [keep, dup] = await reportsOf('flooding');
    const dupSupports = await ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from report_supports s join reports r on r.id = s.report_id where r.public_id = ${dup}`);
    const before = await json(await ctx.app.request(`/api/reports/${keep}`));
    expect((await post(drainage, `/api/staff/reports/${dup}/merge`, { into: keep })).status).toBe(200);
    const after = await json(await ctx.app.request(`/api/reports/${keep}`));
    expect(after.properties.supportCount).toBe(before.properties.supportCount + dupSupports[0]!.n);
    const dupPage = await json(await ctx.app.request(`/api/reports/${dup}`));
    expect(dupPage.properties.state).toBe('duplicate');
    expect(dupPage.timeline.at(-1).message).toContain(`/#/reports/${keep}`);
    const followers = await ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from subscriptions s join reports r on r.id = s.report_id where r.public_id = ${dup}`);
    expect(followers[0]!.n).toBe(0);
  });

  it('moderates: hidden text is replaced, and the original is kept for admins only', async () => {
    const [id] = await reportsOf('flooding', 'acknowledged');
    const res = await post(drainage, `/api/staff/reports/${id}/moderate`, { reason: 'Personal data in the text', description: 'Water over the road at [address removed].' });
    expect(res.status).toBe(200);
    const pub = await json(await ctx.app.request(`/api/reports/${id}`));
    expect(pub.properties.description).toBe('Water over the road at [address removed].');
    const asOfficer = await json(await get(drainage, `/api/staff/reports/${id}`));
    const asAdmin = await json(await get(admin, `/api/staff/reports/${id}`));
    const redaction = (t: Array<{ kind: string; payload: { original?: string } }>) => t.find((e) => e.kind === 'redacted')!.payload.original;
    expect(redaction(asOfficer.timeline)).toBe('(redacted)');
    expect(redaction(asAdmin.timeline)).not.toBe('(redacted)');
    expect(redaction(asAdmin.timeline)!.length).toBeGreaterThan(5);
    expect(JSON.stringify(pub)).not.toContain(redaction(asAdmin.timeline)!);
    const hide = await post(admin, `/api/staff/reports/${id}/moderate`, { reason: 'Abusive', hide: true });
    expect(hide.status).toBe(200);
    expect((await ctx.app.request(`/api/reports/${id}`)).status).toBe(404);
  });
});

describe('working a report', () => {
  it('logs a phone report on behalf of a resident with the same validation', async () => {
    const body = {
      category: 'pothole',
      geometry: { type: 'Point', coordinates: [-3.2, 56.42] },
      description: 'Caller says: deep pothole by the bus stop',
      answers: { position: 'edge' },
      contact: { name: 'Mrs Phone', phone: '07700 900555', email: 'phone@example.org' },
      channel: 'phone',
      channelSource: 'Call at 09:12',
    };
    const bad = await post(waste, '/api/staff/reports', { ...body, geometry: { type: 'Point', coordinates: [-3.2, 95] } });
    expect(bad.status).toBe(400);
    const res = await post(waste, '/api/staff/reports', body);
    expect(res.status).toBe(201);
    const { id } = await json(res);
    const [row] = await ctx.database.rows<{ channel: string; channel_source: string }>(sql`select channel, channel_source from reports where public_id = ${id}`);
    expect(row).toEqual({ channel: 'phone', channel_source: 'Call at 09:12' });
    const [created] = await eventsOf(id);
    expect(created).toMatchObject({ kind: 'created', actor_type: 'staff', actor_id: waste.id });
  });

  it('applies bulk actions one by one, and refuses those outside the remit', async () => {
    const mine = (await reportsOf('waste')).slice(0, 2);
    const [other] = await reportsOf('roads');
    const res = await json(await post(waste, '/api/staff/reports/bulk', { ids: [...mine, other], action: { type: 'answer', message: 'We are on it this week.' } }));
    expect(res.results.map((r: { ok: boolean }) => r.ok)).toEqual([true, true, false]);
  });

  it('emails the reporter and followers about public events but never an internal note', async () => {
    // A resident reports litter with their email: they follow their own report from the start.
    const created = await ctx.app.request('/api/reports', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        category: 'litter',
        geometry: { type: 'Point', coordinates: [-3.21, 56.39] },
        description: 'Crisp packets all along the verge',
        answers: { amount: 'few_items' },
        contact: { email: 'reporter-follows@example.org' },
      }),
    });
    expect(created.status).toBe(201);
    const { id } = await json(created);
    await notifyFollowers(ctx.deps); // move past the events so far
    const contact = { email: 'reporter-follows@example.org' };
    await post(waste, `/api/staff/reports/${id}/notes`, { note: 'INTERNAL ONLY NOTE' });
    expect((await post(waste, `/api/staff/reports/${id}/answers`, { message: 'We will clear it on Friday.' })).status).toBe(200);
    const sent: string[] = [];
    const jobs = { ...ctx.deps.jobs, sendMail: async (m: { to: string; text: string }) => void sent.push(`${m.to}\n${m.text}`) };
    await notifyFollowers({ ...ctx.deps, jobs });
    expect(sent.some((m) => m.startsWith(contact.email) && m.includes('clear it on Friday'))).toBe(true);
    expect(sent.join('\n')).not.toContain('INTERNAL ONLY NOTE');
  });

  it('lists templates for a category and state, and the admin audit of staff actions', async () => {
    const t = await json(await get(drainage, '/api/staff/templates?category=blocked_ditch&state=action_scheduled'));
    expect(t.templates.map((x: { title: string }) => x.title)).toContain('Ditch clearance booked');
    expect((await get(drainage, '/api/staff/audit')).status).toBe(403);
    const audit = await json(await get(admin, `/api/staff/audit?staff=${drainage.id}`));
    expect(audit.entries.length).toBeGreaterThan(5);
    expect(new Set(audit.entries.map((e: { staffName: string }) => e.staffName))).toEqual(new Set(['Euan Drainage']));
  });
});
