/**
 * Hand-off both ways against a real Open311 CRM (issue 14): a SECOND Groundswell instance,
 * served over HTTP on a loopback port, is the council's CRM. A report made here goes through
 * the real job queue to the CRM's `POST requests`, the reference comes back; an officer THERE
 * changes its state and answers; our scheduled poll of its `servicerequestupdates` brings both
 * onto OUR public timeline through the officers' use-cases, and the reporter is emailed.
 */
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '@groundswell/db/demo';
import { sql } from '@groundswell/db/testing';
import { DEMO_PASSWORD, loadDemoStaff } from '../src/staff/demo-staff.ts';
import { systemClock } from '../src/deps.ts';
import { notifyFollowers } from '../src/subscriptions/notify.ts';
import { sendHandoff } from '../src/handoff/send-handoff.ts';
import { queueHandoffs } from '../src/handoff/queue-handoffs.ts';
import { pollHandoffUpdates } from '../src/handoff/poll-updates.ts';
import { createServer } from 'node:http';
import { createJobs } from '../src/jobs/queue.ts';
import { json, staffSessions, testApp } from './helpers.ts';
import { readMails } from './mail-files.ts';

const KEY = 'gs_crm_key_for_groundswell_0123456789';
const ADMIN = 'admin@council.example';
const SECRET_KEY = Buffer.alloc(32, 7);

let ours: Awaited<ReturnType<typeof testApp>>;
let crm: Awaited<ReturnType<typeof testApp>>;
let crmServer: ReturnType<typeof serve>;
let crmUrl: string;
let ourStaff: ReturnType<typeof staffSessions>;
let crmStaff: ReturnType<typeof staffSessions>;

async function until<T>(what: string, probe: () => Promise<T | undefined | null | false>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  crm = await testApp();
  crm.deps.clock = systemClock;
  await loadDemo(crm.database, { now: new Date() });
  await loadDemoStaff(crm.database);
  await crm.database.rows(sql`insert into api_keys (name, prefix, key_hash) values ('Groundswell hand-off', 'gs_crm_key', ${createHash('sha256').update(KEY).digest('hex')})`);
  crmServer = await new Promise((resolve) => {
    const s = serve({ fetch: (req) => crm.app.fetch(req), port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  crmUrl = `http://127.0.0.1:${(crmServer.address() as AddressInfo).port}`;

  ours = await testApp({ handoffSecretKey: SECRET_KEY });
  ours.deps.clock = systemClock;
  // The real queue, with retries a second apart rather than 30 s, so a retry is seen here.
  ours.deps.jobs = createJobs(ours.database, ours.deps.mailer, ours.deps.logger, { pollSeconds: 0.5, handoffRetryDelaySeconds: 1 });
  await loadDemo(ours.database, { now: new Date() });
  await loadDemoStaff(ours.database);
  ourStaff = staffSessions(ours.app, DEMO_PASSWORD);
  crmStaff = staffSessions(crm.app, DEMO_PASSWORD);
  await ourStaff.signIn(ADMIN);
  await crmStaff.signIn(ADMIN);
}, 120_000);

afterAll(async () => {
  await ours?.deps.jobs.stop();
  await ours?.close();
  crmServer?.close();
  await crm?.close();
});

describe('Open311 hand-off to a second Groundswell', () => {
  it('sends a report made here, and brings the CRM officer’s change and answer back onto our timeline, emailing the reporter', async () => {
    const target = await ourStaff.post(ADMIN, '/api/staff/handoff/targets', {
      name: 'Council CRM',
      method: 'open311',
      config: { endpoint: `${crmUrl}/open311/v2`, jurisdictionId: 'gs.test', attributes: { position: 'position', width_cm: 'width_cm' }, pollMinutes: 0.05 },
      secret: KEY,
      statusMap: { investigating: 'acknowledged', in_progress: 'in_progress', fixed: 'fixed' },
    });
    expect(target.status).toBe(201);
    const targetId = (await json(target)).id as number;
    expect((await ourStaff.post(ADMIN, '/api/staff/handoff/rules', { category: 'pothole', targetId })).status).toBe(201);
    // The key is stored sealed and never shown again.
    const listed = await json(await ourStaff.get(ADMIN, '/api/staff/handoff/targets'));
    expect(listed.targets[0]).toMatchObject({ name: 'Council CRM', hasSecret: true });
    expect(JSON.stringify(listed)).not.toContain(KEY);
    const [stored] = await ours.database.rows<{ secret: string }>(sql`select secret from handoff_targets`);
    expect(stored!.secret).not.toContain(KEY);

    // The real job queue does the work, as on the server.
    await ours.deps.jobs.start({
      notify: () => notifyFollowers(ours.deps, { settleSeconds: 0 }).then(() => undefined),
      handoff: { send: (id) => sendHandoff(ours.deps, id), tick: async () => [await queueHandoffs(ours.deps), await pollHandoffUpdates(ours.deps)] },
    });

    const [spot] = await ours.database.rows<{ lon: number; lat: number }>(
      sql`select ST_X(point) as lon, ST_Y(point) as lat from reports r join categories c on c.id = r.category_id where c.code = 'pothole' limit 1`,
    );
    const made = await ours.app.request('/api/reports', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        category: 'pothole',
        geometry: { type: 'Point', coordinates: [Number(spot!.lon), Number(spot!.lat)] },
        description: 'Deep pothole by the bus stop',
        answers: { position: 'edge', width_cm: 40 },
        contact: { email: 'reporter@example.org' },
      }),
    });
    expect(made.status).toBe(201);
    const reportId = (await json(made)).id as string;

    const sent = await until('the send', async () => {
      const [row] = await ours.database.rows<{ state: string; external_ref: string | null; attempts: number }>(
        sql`select s.state, s.external_ref, s.attempts from handoff_sends s join reports r on r.id = s.report_id where r.public_id = ${reportId}`,
      );
      return row?.state === 'sent' ? row : null;
    });
    expect(Number(sent.attempts)).toBe(1);
    const ref = sent.external_ref!;

    // It is there, once, with our answers as their attributes.
    const there = await json(await crm.app.request(`/open311/v2/requests/${ref}.json`));
    expect(there[0]).toMatchObject({ service_request_id: ref, service_code: 'pothole' });
    expect(there[0].description).toContain('Deep pothole by the bus stop');
    expect(there[0].description).toContain(`/#/reports/${reportId}`);
    const [answers] = await crm.database.rows<{ answers: Record<string, unknown>; channel_source: string }>(sql`select answers, channel_source from reports where public_id = ${ref}`);
    expect(answers).toEqual({ answers: { position: 'edge', width_cm: 40 }, channel_source: 'Groundswell hand-off' });

    // Staff here see where it went.
    const detail = await json(await ourStaff.get(ADMIN, `/api/staff/reports/${reportId}`));
    expect(detail.handoffs).toEqual([expect.objectContaining({ target: 'Council CRM', state: 'sent', externalRef: ref })]);
    expect(detail.timeline.find((e: { kind: string; public: boolean; payload: { note?: string } }) => e.kind === 'internal_note' && e.payload.note?.includes(`their reference ${ref}`))).toMatchObject({
      public: false,
    });

    // An officer at the CRM works the request.
    expect((await crmStaff.post(ADMIN, `/api/staff/reports/${ref}/state`, { state: 'in_progress' })).status).toBe(200);
    expect((await crmStaff.post(ADMIN, `/api/staff/reports/${ref}/answers`, { message: 'A crew is booked for Tuesday.' })).status).toBe(200);

    // Within one polling interval (3 s here) both are on OUR public timeline, by the CRM.
    const report = await until('the update back', async () => {
      const r = await json(await ours.app.request(`/api/reports/${reportId}`));
      return r.properties.state === 'in_progress' && r.timeline.some((e: { kind: string }) => e.kind === 'public_answer') ? r : null;
    });
    const events = report.timeline.filter((e: { kind: string }) => ['state_changed', 'public_answer'].includes(e.kind));
    expect(events.map((e: { kind: string; actor: string }) => [e.kind, e.actor])).toEqual([
      ['state_changed', 'Council CRM'],
      ['public_answer', 'Council CRM'],
    ]);
    expect(JSON.stringify(report)).toContain('A crew is booked for Tuesday.');

    // The reporter hears of it as of any officer's action.
    const mail = await until('the reporter’s email', async () => readMails(ours.config.dataDir).find((m) => m.to === 'reporter@example.org' && m.text.includes('A crew is booked for Tuesday.')));
    expect(mail.text).toContain(reportId);

    // Polling again takes nothing twice.
    const again = await pollHandoffUpdates(ours.deps, { force: true });
    expect(again).toEqual({ polled: 1, applied: 0 });
    const after = await json(await ours.app.request(`/api/reports/${reportId}`));
    expect(after.timeline.filter((e: { kind: string }) => e.kind === 'public_answer')).toHaveLength(1);
  }, 90_000);

  it('retries a failed try through the queue with backoff, and the CRM ends with one request', async () => {
    // In front of the CRM: the first POST fails with a 503, as a CRM being restarted would.
    let failed = 0;
    const front = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', async () => {
        if (req.method === 'POST' && failed === 0) {
          failed += 1;
          return void res.writeHead(503, { 'content-type': 'application/json' }).end('[{"code":503,"description":"restarting"}]');
        }
        const answer = await fetch(`${crmUrl}${req.url}`, {
          method: req.method!,
          headers: { 'content-type': String(req.headers['content-type'] ?? 'text/plain') },
          ...(req.method === 'POST' ? { body: Buffer.concat(chunks) } : {}),
        });
        res.writeHead(answer.status, { 'content-type': 'application/json' }).end(await answer.text());
      });
    });
    await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
    try {
      const target = await ourStaff.post(ADMIN, '/api/staff/handoff/targets', {
        name: 'Restarting CRM',
        method: 'open311',
        config: { endpoint: `http://127.0.0.1:${(front.address() as { port: number }).port}/open311/v2`, attributes: { position: 'position' } },
        secret: KEY,
      });
      const targetId = (await json(target)).id as number;
      // For the roads team: more specific than the category rule of the first test.
      expect((await ourStaff.post(ADMIN, '/api/staff/handoff/rules', { category: 'pothole', team: 'roads', targetId })).status).toBe(201);
      const [spot] = await ours.database.rows<{ lon: number; lat: number }>(
        sql`select ST_X(point) as lon, ST_Y(point) as lat from reports r join categories c on c.id = r.category_id where c.code = 'pothole' limit 1`,
      );
      const made = await ours.app.request('/api/reports', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          category: 'pothole',
          geometry: { type: 'Point', coordinates: [Number(spot!.lon), Number(spot!.lat)] },
          description: 'Another pothole',
          answers: { position: 'middle' },
          contact: { email: 'second@example.org' },
        }),
      });
      const reportId = (await json(made)).id as string;
      const sent = await until('the retried send', async () => {
        const [row] = await ours.database.rows<{ state: string; attempts: number; external_ref: string | null }>(
          sql`select s.state, s.attempts, s.external_ref from handoff_sends s join reports r on r.id = s.report_id where r.public_id = ${reportId} and s.target_id = ${targetId}`,
        );
        return row?.state === 'sent' ? row : null;
      });
      expect(failed).toBe(1);
      expect(Number(sent.attempts)).toBe(2);
      const there = await crm.database.rows(sql`select public_id from reports where description like ${`%[ref gs-${reportId}-t${targetId}]%`}`);
      expect(there).toEqual([{ public_id: sent.external_ref }]);
    } finally {
      front.close();
    }
  }, 60_000);
});
