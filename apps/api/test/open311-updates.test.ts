/**
 * Our Open311 server, completed (issue 14): FixMyStreet's `servicerequestupdates` extension,
 * `email` optional on `POST requests`, and `jurisdiction_id` honoured. Officers act through
 * the real staff API; the updates are read back over the real Open311 routes.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { loadDemo } from '@groundswell/db/demo';
import { sql } from '@groundswell/db/testing';
import { DEMO_PASSWORD, loadDemoStaff } from '../src/staff/demo-staff.ts';
import { json, staffSessions, testApp } from './helpers.ts';

let ctx: Awaited<ReturnType<typeof testApp>>;
let staff: ReturnType<typeof staffSessions>;
const KEY = 'gs_test_open311_updates_key_12345';
const hash = (k: string) => createHash('sha256').update(k).digest('hex');
const xml = new XMLParser({ isArray: (name) => ['request_update', 'error', 'request'].includes(name), parseTagValue: false });
const DRAINAGE = 'drainage@council.example';
const ADMIN = 'admin@council.example';

/** The officers act on 2 November, after every demo event (the demo ends on 1 November). */
const at = (hhmm: string) => new Date(`2026-11-02T${hhmm}:00Z`);
function setClock(d: Date) {
  ctx.deps.clock.now = () => d;
}

let worked: string;
let hidden: string;

beforeAll(async () => {
  ctx = await testApp();
  await loadDemo(ctx.database, { now: new Date('2026-11-01T12:00:00Z') });
  await loadDemoStaff(ctx.database);
  await ctx.database.rows(sql`insert into api_keys (name, prefix, key_hash) values ('Council CRM', 'gs_test_up', ${hash(KEY)})`);
  staff = staffSessions(ctx.app, DEMO_PASSWORD);
  // Signed in on the morning they act, so the sessions are fresh then.
  setClock(at('08:55'));
  await staff.signIn(DRAINAGE);
  await staff.signIn(ADMIN);
  const open = await ctx.database.rows<{ public_id: string }>(
    sql`select r.public_id from reports r join teams t on t.id = r.team_id where t.code = 'flooding' and r.state = 'new' order by r.id limit 2`,
  );
  worked = open[0]!.public_id;
  hidden = open[1]!.public_id;
  const act = async (when: string, id: string, action: string, body: unknown) => {
    setClock(at(when));
    const res = await staff.post(action === 'moderate' ? ADMIN : DRAINAGE, `/api/staff/reports/${id}/${action}`, body);
    expect(res.status, `${action} ${JSON.stringify(body)}`).toBe(200);
  };
  await act('09:00', worked, 'state', { state: 'acknowledged' });
  await act('09:05', worked, 'notes', { note: 'SECRET-NOTE the farmer is difficult' });
  await act('09:10', worked, 'answers', { message: 'We will clear this ditch by Friday.' });
  await act('09:20', worked, 'state', { state: 'fixed', message: 'Cleared today.' });
  // A second report is answered, then hidden: none of its updates may show.
  await act('09:30', hidden, 'answers', { message: 'HIDDEN-ANSWER on a report later hidden' });
  await act('09:40', hidden, 'moderate', { hide: true, reason: 'Abusive text' });
  setClock(at('12:00'));
});
afterAll(() => ctx?.close());

const get = (path: string) => ctx.app.request(`/open311/v2/${path}`);
const WINDOW = 'start_date=2026-11-02T08:00:00Z&end_date=2026-11-02T10:00:00Z';

describe('GET servicerequestupdates', () => {
  it("lists an officer's changes of state and public answers, with ids, status and description, oldest first (JSON)", async () => {
    const res = await get(`servicerequestupdates.json?${WINDOW}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const text = await res.text();
    const body = JSON.parse(text) as Array<Record<string, string>>;
    expect(body.map((u) => [u.service_request_id, u.status, u.description, u.updated_datetime, u.external_status_code])).toEqual([
      [worked, 'investigating', '', '2026-11-02T09:00:00Z', 'acknowledged'],
      [worked, 'investigating', 'We will clear this ditch by Friday.', '2026-11-02T09:10:00Z', 'acknowledged'],
      [worked, 'fixed', '', '2026-11-02T09:20:00Z', 'fixed'],
      [worked, 'fixed', 'Cleared today.', '2026-11-02T09:20:00Z', 'fixed'],
    ]);
    // Each update id is the timeline event's own id: distinct, stable, increasing.
    const ids = body.map((u) => u.update_id!);
    expect(ids.every((id) => /^\d+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(4);
    expect(ids.map(Number)).toEqual([...ids.map(Number)].sort((a, b) => a - b));
    const events = await ctx.database.rows<{ id: string }>(
      sql`select e.id::text as id from report_events e join reports r on r.id = e.report_id where r.public_id = ${worked} and e.kind in ('state_changed', 'public_answer') order by e.id`,
    );
    expect(ids).toEqual(events.slice(-4).map((e) => e.id));
    expect((await json(await get(`servicerequestupdates.json?${WINDOW}`))).map((u: { update_id: string }) => u.update_id)).toEqual(ids);
    // Never an internal note, a hidden report's answer, or who the officer was.
    expect(text).not.toContain('SECRET-NOTE');
    expect(text).not.toContain('HIDDEN-ANSWER');
    expect(text).not.toContain(hidden);
    expect(text).not.toContain('drainage@');
  });

  it('says the same in XML: service_request_updates > request_update', async () => {
    const res = await get(`servicerequestupdates.xml?${WINDOW}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/xml; charset=utf-8');
    const text = await res.text();
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(XMLValidator.validate(text)).toBe(true);
    const updates = xml.parse(text).service_request_updates.request_update as Array<Record<string, string>>;
    const asJson = (await json(await get(`servicerequestupdates.json?${WINDOW}`))) as Array<Record<string, string>>;
    expect(updates).toHaveLength(4);
    for (const [i, u] of updates.entries()) {
      expect(u).toMatchObject({
        update_id: asJson[i]!.update_id,
        service_request_id: worked,
        status: asJson[i]!.status,
        description: asJson[i]!.description,
        updated_datetime: asJson[i]!.updated_datetime,
        media_url: '',
      });
    }
    expect(text).not.toContain('SECRET-NOTE');
  });

  it('keeps to the date window, and defaults to the last day', async () => {
    const later = (await json(await get('servicerequestupdates.json?start_date=2026-11-02T09:06:00Z&end_date=2026-11-02T09:15:00%2B00:00'))) as Array<Record<string, string>>;
    expect(later.map((u) => u.description)).toEqual(['We will clear this ditch by Friday.']);
    const offset = (await json(await get('servicerequestupdates.json?start_date=2026-11-02T10:15:00%2B01:00&end_date=2026-11-02T11:00:00%2B01:00'))) as Array<Record<string, string>>;
    expect(offset.map((u) => u.updated_datetime)).toEqual(['2026-11-02T09:20:00Z', '2026-11-02T09:20:00Z']);
    expect(await json(await get('servicerequestupdates.json?start_date=2026-11-02T10:00:00Z&end_date=2026-11-02T11:00:00Z'))).toEqual([]);
    // The clock reads 12:00 on 2 November: the last 24 hours hold the officer's four updates and no demo event.
    const byDefault = (await json(await get('servicerequestupdates.json?start_date=&end_date='))) as Array<Record<string, string>>;
    expect(byDefault.map((u) => u.updated_datetime)).toEqual(['2026-11-02T09:00:00Z', '2026-11-02T09:10:00Z', '2026-11-02T09:20:00Z', '2026-11-02T09:20:00Z']);
  });

  it("carries a reopening after the reporter said 'not fixed' as a change of state, without the reporter's words", async () => {
    const [r] = await ctx.database.rows<{ id: number }>(sql`select id from reports where public_id = ${worked}`);
    await ctx.database.rows(sql`insert into report_events (report_id, kind, actor_type, public, payload, created_at)
      values (${r!.id}, 'not_fixed', 'resident', true, ${JSON.stringify({ message: 'RESIDENT-WORDS still flooded', from: 'fixed', to: 'in_progress' })}::jsonb, '2026-11-03T09:00:00Z'),
             (${r!.id}, 'not_fixed', 'resident', true, ${JSON.stringify({ message: 'RESIDENT-WORDS again' })}::jsonb, '2026-11-03T09:30:00Z')`);
    const res = await get('servicerequestupdates.json?start_date=2026-11-03T08:00:00Z&end_date=2026-11-03T10:00:00Z');
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject([{ service_request_id: worked, status: 'in_progress', description: '', updated_datetime: '2026-11-03T09:00:00Z' }]);
    expect(text).not.toContain('RESIDENT-WORDS');
  });

  it('refuses a bad date with the Open311 error naming the parameter, in both formats', async () => {
    const bad = await get('servicerequestupdates.json?start_date=yesterday&end_date=2026-11-02T10:00:00Z');
    expect(bad.status).toBe(400);
    const errors = (await json(bad)) as Array<{ code: number; description: string }>;
    expect(errors).toEqual([{ code: 400, description: expect.stringContaining('start_date') }]);
    const noZone = await get('servicerequestupdates.xml?start_date=2026-11-02T08:00:00Z&end_date=2026-11-02T10:00:00');
    expect(noZone.status).toBe(400);
    const doc = xml.parse(await noZone.text());
    expect(doc.errors.error[0].description).toContain('end_date');
    const backwards = await get('servicerequestupdates.json?start_date=2026-11-02T10:00:00Z&end_date=2026-11-02T08:00:00Z');
    expect(backwards.status).toBe(400);
    expect((await json(backwards))[0].description).toContain('start_date');
    const wide = await get('servicerequestupdates.json?start_date=2026-01-01T00:00:00Z&end_date=2026-11-02T00:00:00Z');
    expect(wide.status).toBe(400);
    expect((await json(wide))[0].description).toMatch(/at most 90 days/);
  });
});

describe('POST requests without an email', () => {
  const flood = { service_code: 'flooding', lat: '56.4201', long: '-3.2102', description: 'Water across the lane after the storm', 'attribute[property_affected]': 'false', api_key: KEY };
  const post = (body: Record<string, string>) =>
    ctx.app.request('/open311/v2/requests.json', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: new URLSearchParams(body).toString(),
    });

  it('is accepted for a category that needs contact details, and officers are told none came', async () => {
    const required = await ctx.database.rows<{ contact_required: Record<string, boolean> }>(sql`select contact_required from categories where code = 'flooding'`);
    expect(required[0]!.contact_required).toMatchObject({ name: true, email: true });
    const res = await post(flood);
    expect(res.status).toBe(200);
    const [created] = await json(res);
    expect(created.service_request_id).toMatch(/^[a-z0-9]+$/);
    const id = created.service_request_id as string;
    const [contact] = await ctx.database.rows<{ email: string | null; name: string | null }>(
      sql`select c.email, c.name from report_contacts c join reports r on r.id = c.report_id where r.public_id = ${id}`,
    );
    expect(contact?.email ?? null).toBeNull();
    const notes = await ctx.database.rows<{ public: boolean; actor_type: string; actor_label: string; payload: { note: string; missingContact: string[] } }>(
      sql`select e.public, e.actor_type, e.actor_label, e.payload from report_events e join reports r on r.id = e.report_id where r.public_id = ${id} and e.kind = 'internal_note'`,
    );
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ public: false, actor_type: 'api', actor_label: 'Council CRM', payload: { missingContact: ['name', 'email'] } });
    expect(notes[0]!.payload.note).toContain('Council CRM');
    expect(notes[0]!.payload.note).toContain('email address');
    expect(notes[0]!.payload.note).toContain('brak: imię i nazwisko, adres e-mail');
    // The officer sees the note; the public page and Open311 never do.
    const detail = await (await staff.get(DRAINAGE, `/api/staff/reports/${id}`)).text();
    expect(detail).toContain('email address');
    const pub = await (await ctx.app.request(`/api/reports/${id}`)).text();
    expect(pub).not.toContain('email address');
    expect(await (await get(`requests/${id}.json`)).text()).not.toContain('email address');
  });

  it('records nothing when the client sends the details the category asks for', async () => {
    const res = await post({ ...flood, email: 'caller@example.org', first_name: 'Ada', last_name: 'Caller' });
    expect(res.status).toBe(200);
    const [{ service_request_id: id }] = await json(res);
    const [n] = await ctx.database.rows<{ n: number }>(sql`select count(*)::int n from report_events e join reports r on r.id = e.report_id where r.public_id = ${id} and e.kind = 'internal_note'`);
    expect(n!.n).toBe(0);
  });

  it('still refuses a malformed email', async () => {
    expect((await post({ ...flood, email: 'not-an-email' })).status).toBe(400);
  });
});

describe('jurisdiction_id', () => {
  it('is our public host; absent or empty is fine', async () => {
    expect((await get('services.json?jurisdiction_id=gs.test')).status).toBe(200);
    expect((await get('services.json?jurisdiction_id=')).status).toBe(200);
    expect((await get(`servicerequestupdates.json?${WINDOW}&jurisdiction_id=gs.test`)).status).toBe(200);
  });

  it('refuses another jurisdiction with the Open311 error naming jurisdiction_id, on reads and on posts', async () => {
    const res = await get('requests.json?jurisdiction_id=elsewhere.example');
    expect(res.status).toBe(404);
    expect(await json(res)).toEqual([{ code: 404, description: expect.stringContaining('jurisdiction_id') }]);
    const x = await get(`servicerequestupdates.xml?${WINDOW}&jurisdiction_id=elsewhere.example`);
    expect(x.status).toBe(404);
    expect(xml.parse(await x.text()).errors.error[0].description).toContain('jurisdiction_id');
    const [before] = await ctx.database.rows<{ n: number }>(sql`select count(*)::int n from reports`);
    const posted = await ctx.app.request('/open311/v2/requests.json', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ service_code: 'litter', lat: '56.42', long: '-3.21', description: 'Bags by the bench', api_key: KEY, jurisdiction_id: 'elsewhere.example' }).toString(),
    });
    expect(posted.status).toBe(404);
    expect((await json(posted))[0].description).toContain('jurisdiction_id');
    const [after] = await ctx.database.rows<{ n: number }>(sql`select count(*)::int n from reports`);
    expect(after!.n).toBe(before!.n);
  });
});
