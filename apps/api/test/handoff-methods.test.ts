/**
 * Hand-off by each method against real servers (issue 14): a webhook receiver on a loopback
 * port checks our signature as docs/handoff.md tells receivers to; a webhook target pushes
 * signed updates back (good, wrong, old and replayed signatures); a team mailbox gets the
 * report with its photo and a GeoJSON file through the test mailer; an Open311 CRM (a second
 * Groundswell) that drops the connection after reading the request still ends up with ONE
 * request; a target that is down is dead-lettered after every try and resent by an admin; a
 * recategorised report goes to its new target too; a plain GeoReport server is polled by request.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HANDOFF_MAX_ATTEMPTS } from '@groundswell/core';
import { loadDemo } from '@groundswell/db/demo';
import { sql } from '@groundswell/db/testing';
import { DEMO_PASSWORD, loadDemoStaff } from '../src/staff/demo-staff.ts';
import { systemClock } from '../src/deps.ts';
import { sendHandoff } from '../src/handoff/send-handoff.ts';
import { queueHandoffs } from '../src/handoff/queue-handoffs.ts';
import { pollHandoffUpdates } from '../src/handoff/poll-updates.ts';
import { json, staffSessions, testApp } from './helpers.ts';

const ADMIN = 'admin@council.example';
const ROADS = 'roads@council.example';
const CRM_KEY = 'gs_crm_key_methods_0123456789abcdef';
const WEBHOOK_SECRET = 'whsec_test_0123456789';
const DUMPED = ['furniture'];

let ours: Awaited<ReturnType<typeof testApp>>;
let crm: Awaited<ReturnType<typeof testApp>>;
const servers: Server[] = [];
let staff: ReturnType<typeof staffSessions>;
let queued: number[] = [];
let spot: [number, number];

const listen = (server: Server) =>
  new Promise<string>((resolve) => {
    servers.push(server);
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
const bodyOf = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });

/** The deps of our app, with a queue that only records what would be sent, so each try is run here, in order. */
const direct = () => ({ ...ours.deps, jobs: { ...ours.deps.jobs, sendHandoff: async (id: number) => void queued.push(id) } });

async function makeReport(category: string, answers: Record<string, unknown> = {}) {
  const res = await ours.app.request('/api/reports', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ category, geometry: { type: 'Point', coordinates: spot }, description: `A ${category} report`, answers, contact: { email: 'resident@example.org' } }),
  });
  expect(res.status).toBe(201);
  return (await json(res)) as { id: string; uploadToken: string };
}

async function createTarget(body: Record<string, unknown>): Promise<number> {
  const res = await staff.post(ADMIN, '/api/staff/handoff/targets', body);
  expect(res.status, JSON.stringify(await res.clone().json())).toBe(201);
  return (await json(res)).id;
}

/** Queues what the rules hand off now, and returns the one new send. */
async function takeSend(): Promise<number> {
  queued = [];
  await queueHandoffs(direct());
  expect(queued).toHaveLength(1);
  return queued[0]!;
}

const sendRow = async (id: number) =>
  (
    await ours.database.rows<{ state: string; attempts: number; external_ref: string | null; last_error: string | null }>(
      sql`select state, attempts, external_ref, last_error from handoff_sends where id = ${id}`,
    )
  )[0]!;

beforeAll(async () => {
  crm = await testApp();
  crm.deps.clock = systemClock;
  await loadDemo(crm.database, { now: new Date() });
  await crm.database.rows(sql`insert into api_keys (name, prefix, key_hash) values ('Groundswell', 'gs_crm_key', ${createHash('sha256').update(CRM_KEY).digest('hex')})`);
  const crmServer = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: (req) => crm.app.fetch(req), port: 0, hostname: '127.0.0.1' }, () => resolve(s as Server));
  });
  servers.push(crmServer);

  ours = await testApp({ handoffSecretKey: Buffer.alloc(32, 3) });
  ours.deps.clock = systemClock;
  await loadDemo(ours.database, { now: new Date() });
  await loadDemoStaff(ours.database);
  staff = staffSessions(ours.app, DEMO_PASSWORD);
  await staff.signIn(ADMIN);
  await staff.signIn(ROADS);
  const [p] = await ours.database.rows<{ lon: number; lat: number }>(sql`select ST_X(point) as lon, ST_Y(point) as lat from reports order by id limit 1`);
  spot = [Number(p!.lon), Number(p!.lat)];
}, 120_000);

afterAll(async () => {
  for (const s of servers) s.close();
  await ours?.close();
  await crm?.close();
});

describe('admin API', () => {
  it('is for admins only, names bad fields, and never returns a secret', async () => {
    expect((await staff.get(ROADS, '/api/staff/handoff/targets')).status).toBe(403);
    const bad = await staff.post(ADMIN, '/api/staff/handoff/targets', { name: 'No endpoint', method: 'open311', config: {} });
    expect(bad.status).toBe(400);
    expect((await json(bad)).errors.map((e: { field: string }) => e.field)).toContain('body.config.endpoint');
    const badRule = await staff.post(ADMIN, '/api/staff/handoff/rules', { category: 'nope', targetId: 999 });
    expect(badRule.status).toBe(400);
    expect((await json(badRule)).errors.map((e: { field: string }) => e.field)).toEqual(['body.category', 'body.targetId']);
    const id = await createTarget({ name: 'Spare', method: 'webhook', config: { url: 'http://127.0.0.1:9/x' }, secret: 'spare-secret-1' });
    expect((await staff.post(ADMIN, '/api/staff/handoff/targets', { name: 'Spare', method: 'email', config: {} })).status).toBe(409);
    // A change without a secret keeps the stored one.
    expect((await staff.post(ADMIN, `/api/staff/handoff/targets/${id}`, { name: 'Spare', method: 'webhook', config: { url: 'http://127.0.0.1:9/y' }, active: false })).status).toBe(200);
    const { targets } = await json(await staff.get(ADMIN, '/api/staff/handoff/targets'));
    expect(targets.find((t: { id: number }) => t.id === id)).toMatchObject({ hasSecret: true, active: false, config: { url: 'http://127.0.0.1:9/y' } });
    expect(JSON.stringify(targets)).not.toContain('spare-secret-1');
    const audit = await ours.database.rows<{ action: string; payload: unknown }>(sql`select action, payload from audit_log where action like 'handoff_%' order by id`);
    expect(audit.map((a) => a.action)).toEqual(['handoff_target_created', 'handoff_target_changed']);
    expect(JSON.stringify(audit)).not.toContain('spare-secret-1');
  });
});

describe('webhook', () => {
  let targetId: number;
  const received: Array<{ headers: IncomingMessage['headers']; body: string; verified: boolean }> = [];

  beforeAll(async () => {
    // A receiver as docs/handoff.md tells one to be written: HMAC of "t.body", compared in constant time.
    const url = await listen(
      createServer(async (req, res) => {
        const body = await bodyOf(req);
        const header = String(req.headers['x-groundswell-signature'] ?? '');
        const t = /t=(\d+)/.exec(header)?.[1] ?? '';
        const v1 = /v1=([0-9a-f]{64})/.exec(header)?.[1] ?? '';
        const expected = createHmac('sha256', WEBHOOK_SECRET).update(`${t}.${body}`).digest();
        const verified = v1.length === 64 && timingSafeEqual(Buffer.from(v1, 'hex'), expected) && Math.abs(Date.now() / 1000 - Number(t)) < 300;
        received.push({ headers: req.headers, body, verified });
        res.writeHead(verified ? 200 : 401, { 'content-type': 'application/json' }).end(JSON.stringify({ reference: `WH-${received.length}` }));
      }),
    );
    targetId = await createTarget({ name: 'Works system', method: 'webhook', config: { url: `${url}/hook` }, secret: WEBHOOK_SECRET, statusMap: { done: 'fixed', started: 'in_progress' } });
    expect((await staff.post(ADMIN, '/api/staff/handoff/rules', { category: 'fly_tipping', targetId })).status).toBe(201);
  });

  it('POSTs the report as signed JSON with a stable Idempotency-Key, and keeps their reference', async () => {
    const report = await makeReport('fly_tipping', { dumped: DUMPED });
    const sendId = await takeSend();
    expect(await sendHandoff(ours.deps, sendId)).toBe('sent');
    expect(received).toHaveLength(1);
    expect(received[0]!.verified).toBe(true);
    const body = JSON.parse(received[0]!.body);
    expect(body.report).toMatchObject({ type: 'Feature', id: report.id, geometry: { type: 'Point' }, properties: { category: 'fly_tipping', url: `http://gs.test/#/reports/${report.id}` } });
    expect(JSON.stringify(body)).not.toContain('resident@example.org');
    const key = received[0]!.headers['idempotency-key'];
    expect(key).toBe(`gs-${report.id}-t${targetId}`);
    expect(await sendRow(sendId)).toMatchObject({ state: 'sent', external_ref: 'WH-1' });
    // Sent already: a duplicate job sends nothing; an admin's resend carries the same key.
    expect(await sendHandoff(ours.deps, sendId)).toBe('already_sent');
    expect(received).toHaveLength(1);
    expect((await staff.post(ADMIN, `/api/staff/handoff/sends/${sendId}/resend`, {})).status).toBe(200);
    expect(await sendHandoff(ours.deps, sendId)).toBe('sent');
    expect(received[1]!.headers['idempotency-key']).toBe(key);
  });

  it('takes signed updates back on the inbound endpoint, and refuses wrong, old and replayed signatures', async () => {
    const report = await makeReport('fly_tipping', { dumped: DUMPED });
    const sendId = await takeSend();
    await sendHandoff(ours.deps, sendId);
    const ref = (await sendRow(sendId)).external_ref!;
    const post = (body: string, signature: string | null) =>
      ours.app.request(`/api/handoff/inbound/${targetId}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(signature ? { 'x-groundswell-signature': signature } : {}) }, body });
    const sign = (body: string, t = Math.floor(Date.now() / 1000), secret = WEBHOOK_SECRET) => `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;

    const started = JSON.stringify({ reference: ref, status: 'started', description: 'Crew on site this afternoon.' });
    expect((await post(started, null)).status).toBe(401);
    const polish = await ours.app.request(`/api/handoff/inbound/${targetId}`, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': 'pl' }, body: started });
    expect((await json(polish)).detail).toBe('Brak podpisu albo podpis jest nieprawidłowy');
    expect((await post(started, sign(started, undefined, 'not-the-secret'))).status).toBe(401);
    const old = await post(started, sign(started, Math.floor(Date.now() / 1000) - 301));
    expect(old.status).toBe(401);
    expect((await json(old)).detail).toContain('too old');
    // Signed over other bytes than those sent.
    expect((await post(started, sign(`${started} `))).status).toBe(401);

    const signature = sign(started);
    const ok = await post(started, signature);
    expect(ok.status).toBe(200);
    expect(await json(ok)).toEqual({ outcome: 'changed' });
    expect((await post(started, signature)).status).toBe(409);

    // Our own report id works as the reference too; an unmapped status only adds the words.
    const note = JSON.stringify({ reference: report.id, status: 'waiting_for_skip', description: 'Skip ordered.' });
    expect(await json(await post(note, sign(note)))).toEqual({ outcome: 'answered' });
    const unknown = JSON.stringify({ reference: 'nope1234', status: 'done' });
    expect((await post(unknown, sign(unknown))).status).toBe(404);

    const pub = await json(await ours.app.request(`/api/reports/${report.id}`));
    expect(pub.properties.state).toBe('in_progress');
    const said = pub.timeline.filter((e: { kind: string }) => e.kind === 'public_answer').map((e: { actor: string; message: string }) => [e.actor, e.message]);
    expect(said).toEqual([
      ['Works system', 'Crew on site this afternoon.'],
      ['Works system', 'Skip ordered.'],
    ]);
  });
});

/** The parts of a multipart message nodemailer wrote: headers and decoded bytes. */
function mimeParts(raw: string): Array<{ headers: string; bytes: Buffer }> {
  const boundary = /boundary="?([^"\r\n;]+)"?/i.exec(raw)![1]!;
  return raw
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((part) => {
      const split = part.search(/\r?\n\r?\n/);
      const headers = part.slice(0, split).replace(/\r?\n[ \t]+/g, ' ');
      const body = part.slice(split).trim();
      if (/content-transfer-encoding: base64/i.test(headers)) return { headers, bytes: Buffer.from(body.replace(/\s+/g, ''), 'base64') };
      if (!/content-transfer-encoding: quoted-printable/i.test(headers)) return { headers, bytes: Buffer.from(body) };
      const bytes = Buffer.from(
        body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
        'latin1',
      );
      return { headers, bytes };
    });
}

describe('email', () => {
  it("mails the team's mailbox a clear message with the photo and a GeoJSON file, under a stable Message-ID", async () => {
    const targetId = await createTarget({ name: 'Team mailbox', method: 'email', config: {} });
    expect((await staff.post(ADMIN, '/api/staff/handoff/rules', { category: 'litter', targetId })).status).toBe(201);
    const report = await makeReport('litter');
    const form = new FormData();
    form.set(
      'photo',
      new Blob(
        [
          await sharp({ create: { width: 64, height: 48, channels: 3, background: '#c33' } })
            .jpeg()
            .toBuffer(),
        ],
        { type: 'image/jpeg' },
      ),
      'litter.jpg',
    );
    expect((await ours.app.request(`/api/reports/${report.id}/photos`, { method: 'POST', headers: { 'x-upload-token': report.uploadToken }, body: form })).status).toBe(201);

    const sendId = await takeSend();
    expect(await sendHandoff(ours.deps, sendId)).toBe('sent');
    const dir = join(ours.config.dataDir, 'mail');
    const file = readdirSync(dir)
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .find((m) => /^To: waste@council\.example/m.test(m) && m.includes(`Report ${report.id}`))!;
    expect(file).toBeDefined();
    expect(file).toMatch(new RegExp(`^Message-ID: <gs-${report.id}-t${targetId}@gs\\.test>`, 'm'));
    const parts = mimeParts(file);
    const text = parts.find((p) => /text\/plain/i.test(p.headers))!.bytes.toString('utf8');
    expect(text).toContain(`http://gs.test/#/reports/${report.id}`);
    expect(text).toContain('https://www.openstreetmap.org/?mlat=');
    expect(text).toMatch(/latitude, longitude/);
    const photo = parts.find((p) => /filename="?report-.*-photo-1\.jpg/.test(p.headers))!;
    expect((await sharp(photo.bytes).metadata()).format).toBe('jpeg');
    const geojson = JSON.parse(parts.find((p) => /\.geojson/.test(p.headers))!.bytes.toString('utf8'));
    expect(geojson).toMatchObject({ type: 'FeatureCollection', features: [{ type: 'Feature', id: report.id, geometry: { type: 'Point' }, properties: { category: 'litter' } }] });
    expect(geojson.features[0].geometry.coordinates).toEqual(spot);
    expect(geojson.features[0].properties.photos).toHaveLength(1);
    expect(JSON.stringify(geojson)).not.toContain('resident@example.org');
  });
});

describe('Open311, when the server goes away', () => {
  let crmUrl: string;
  let dropNext = false;

  beforeAll(async () => {
    crmUrl = `http://127.0.0.1:${(servers[0]!.address() as AddressInfo).port}`;
  });

  it('retries after the connection is cut once the request was read, and the CRM holds exactly ONE request', async () => {
    // In front of the CRM: passes requests on, but may cut the connection after the CRM made the request.
    const front = await listen(
      createServer(async (req, res) => {
        const body = await bodyOf(req);
        const answer = await fetch(`${crmUrl}${req.url}`, {
          method: req.method!,
          headers: { 'content-type': String(req.headers['content-type'] ?? 'text/plain') },
          ...(req.method === 'POST' ? { body } : {}),
        });
        const text = await answer.text();
        if (req.method === 'POST' && dropNext) {
          dropNext = false;
          req.socket.destroy();
          return;
        }
        res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' }).end(text);
      }),
    );
    const targetId = await createTarget({ name: 'Flaky CRM', method: 'open311', config: { endpoint: `${front}/open311/v2`, attributes: { position: 'position' } }, secret: CRM_KEY });
    expect((await staff.post(ADMIN, '/api/staff/handoff/rules', { category: 'pothole', targetId })).status).toBe(201);
    const report = await makeReport('pothole', { position: 'middle' });
    const sendId = await takeSend();

    dropNext = true;
    await expect(sendHandoff(ours.deps, sendId)).rejects.toThrow(/POST requests|failed/);
    expect(await sendRow(sendId)).toMatchObject({ state: 'pending', attempts: 1, external_ref: null });
    // The retry finds the request the first try made instead of posting again.
    expect(await sendHandoff(ours.deps, sendId)).toBe('sent');
    const marker = `[ref gs-${report.id}-t${targetId}]`;
    const there = await crm.database.rows<{ public_id: string }>(sql`select public_id from reports where description like ${`%${marker}%`}`);
    expect(there).toHaveLength(1);
    expect(await sendRow(sendId)).toMatchObject({ state: 'sent', attempts: 2, external_ref: there[0]!.public_id });
  });

  it('dead-letters a send after every try fails, lists it for admins with the error, and resends it once the CRM is back', async () => {
    // A port with nothing listening: the CRM is stopped.
    const down = await listen(createServer());
    servers.at(-1)!.close();
    const targetId = await createTarget({ name: 'Stopped CRM', method: 'open311', config: { endpoint: `${down}/open311/v2`, attributes: { position: 'position' } }, secret: CRM_KEY });
    // More specific than the category rule above: only for the roads team.
    const [roads] = await ours.database.rows<{ code: string }>(sql`select code from teams where code = 'roads'`);
    expect((await staff.post(ADMIN, '/api/staff/handoff/rules', { category: 'pothole', team: roads!.code, targetId })).status).toBe(201);
    const report = await makeReport('pothole', { position: 'edge' });
    const sendId = await takeSend();
    for (let i = 1; i < HANDOFF_MAX_ATTEMPTS; i++) await expect(sendHandoff(ours.deps, sendId)).rejects.toThrow(/ECONNREFUSED/);
    expect(await sendHandoff(ours.deps, sendId)).toBe('dead');
    expect(await sendRow(sendId)).toMatchObject({ state: 'failed', attempts: HANDOFF_MAX_ATTEMPTS });

    const { sends } = await json(await staff.get(ADMIN, '/api/staff/handoff/sends?state=failed'));
    expect(sends).toEqual([expect.objectContaining({ id: sendId, report: report.id, target: 'Stopped CRM', state: 'failed', attempts: HANDOFF_MAX_ATTEMPTS })]);
    expect(sends[0].lastError).toContain('ECONNREFUSED');

    // The CRM is back (its address corrected), and an admin resends.
    expect(
      (
        await staff.post(ADMIN, `/api/staff/handoff/targets/${targetId}`, {
          name: 'Stopped CRM',
          method: 'open311',
          config: { endpoint: `${crmUrl}/open311/v2`, attributes: { position: 'position' } },
        })
      ).status,
    ).toBe(200);
    queued = [];
    ours.deps.jobs.sendHandoff = async (id: number) => void queued.push(id);
    expect((await staff.post(ADMIN, `/api/staff/handoff/sends/${sendId}/resend`, {})).status).toBe(200);
    expect(queued).toEqual([sendId]);
    expect(await sendHandoff(ours.deps, sendId)).toBe('sent');
    const there = await crm.database.rows(sql`select public_id from reports where description like ${`%gs-${report.id}-t${targetId}%`}`);
    expect(there).toHaveLength(1);
    const detail = await json(await staff.get(ADMIN, `/api/staff/reports/${report.id}`));
    expect(detail.handoffs).toEqual([expect.objectContaining({ target: 'Stopped CRM', state: 'sent', externalRef: (there[0] as { public_id: string }).public_id })]);
  });
});

describe('recategorised', () => {
  it('hands a report recategorised into a category with another target to that target too', async () => {
    const report = await makeReport('litter');
    const first = await takeSend();
    expect((await staff.post(ADMIN, `/api/staff/reports/${report.id}/category`, { category: 'fly_tipping' })).status).toBe(200);
    const second = await takeSend();
    expect(second).not.toBe(first);
    const { sends } = await json(await staff.get(ADMIN, `/api/staff/handoff/sends?report=${report.id}`));
    expect(sends.map((s: { target: string }) => s.target).sort()).toEqual(['Team mailbox', 'Works system']);
    // Moved back: that target has it already, nothing new is queued.
    expect((await staff.post(ADMIN, `/api/staff/reports/${report.id}/category`, { category: 'litter' })).status).toBe(200);
    queued = [];
    await queueHandoffs(direct());
    expect(queued).toEqual([]);
  });
});

describe('Open311 without servicerequestupdates', () => {
  it('reads the status of the requests it sent instead, mapped through the table', async () => {
    const crmUrl = `http://127.0.0.1:${(servers[0]!.address() as AddressInfo).port}`;
    // A plain GeoReport server: the FixMyStreet extension is not there.
    const plain = await listen(
      createServer(async (req, res) => {
        if (req.url?.includes('/servicerequestupdates')) return void res.writeHead(404).end('[]');
        const body = await bodyOf(req);
        const answer = await fetch(`${crmUrl}${req.url}`, {
          method: req.method!,
          headers: { 'content-type': String(req.headers['content-type'] ?? 'text/plain') },
          ...(req.method === 'POST' ? { body } : {}),
        });
        res.writeHead(answer.status, { 'content-type': 'application/json' }).end(await answer.text());
      }),
    );
    const targetId = await createTarget({
      name: 'Plain CRM',
      method: 'open311',
      config: { endpoint: `${plain}/open311/v2`, attributes: { position: 'position' } },
      secret: CRM_KEY,
      statusMap: { closed: 'fixed' },
    });
    // Area and team: more specific than the category and the team rules before.
    const [area] = await ours.database.rows<{ code: string }>(sql`select code from areas where ST_Intersects(geom, ST_SetSRID(ST_MakePoint(${spot[0]}, ${spot[1]}), 4326)) limit 1`);
    expect((await staff.post(ADMIN, '/api/staff/handoff/rules', { category: 'pothole', area: area!.code, team: 'roads', targetId })).status).toBe(201);
    const report = await makeReport('pothole', { position: 'junction' });
    const sendId = await takeSend();
    expect(await sendHandoff(ours.deps, sendId)).toBe('sent');
    const ref = (await sendRow(sendId)).external_ref!;

    // Their officer closes it as fixed there (GeoReport says "closed").
    await loadDemoStaff(crm.database);
    const theirs = staffSessions(crm.app, DEMO_PASSWORD);
    await theirs.signIn(ADMIN);
    expect((await theirs.post(ADMIN, `/api/staff/reports/${ref}/state`, { state: 'fixed', message: 'Filled in.' })).status).toBe(200);

    const polled = await pollHandoffUpdates(ours.deps, { force: true });
    expect(polled.applied).toBeGreaterThanOrEqual(1);
    const pub = await json(await ours.app.request(`/api/reports/${report.id}`));
    expect(pub.properties.state).toBe('fixed');
    expect(pub.timeline.filter((e: { actor: string }) => e.actor === 'Plain CRM').map((e: { kind: string }) => e.kind)).toEqual(['state_changed', 'public_answer']);
    // Asked again: the same status is not taken twice.
    await pollHandoffUpdates(ours.deps, { force: true });
    const again = await json(await ours.app.request(`/api/reports/${report.id}`));
    expect(again.timeline).toHaveLength(pub.timeline.length);
  });
});

describe('a report the target sent itself', () => {
  it('is not handed back to it, while another Open311 client’s report is', async () => {
    const post311 = async (key: string, name: string) => {
      await ours.database.rows(sql`insert into api_keys (name, prefix, key_hash) values (${name}, ${key.slice(0, 10)}, ${createHash('sha256').update(key).digest('hex')})`);
      const form = new URLSearchParams({ api_key: key, service_code: 'fly_tipping', lat: String(spot[1]), long: String(spot[0]), description: `From ${name}` });
      form.append('attribute[dumped][]', 'tyres');
      const res = await ours.app.request('/open311/v2/requests.json', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
      expect(res.status).toBe(200);
    };
    // "Works system" is the webhook target of fly-tipping: its own report stays here.
    await post311('gs_works_system_key_0123456789', 'Works system');
    queued = [];
    await queueHandoffs(direct());
    expect(queued).toEqual([]);
    await post311('gs_other_client_key_0123456789', 'FixMyStreet');
    expect(await takeSend()).toBeGreaterThan(0);
  });
});
