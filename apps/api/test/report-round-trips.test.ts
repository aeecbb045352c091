import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema, type Database } from '@groundswell/db';
import { sql } from '@groundswell/db/testing';
import { testDatabase } from '@groundswell/db/vitest';
import { createApp } from '../src/app.ts';
import { testConfig } from '../src/config.ts';
import { DiskStorage } from '../src/storage/storage.ts';
import { createMailer } from '../src/mail/mailer.ts';
import { createJobs, type Jobs } from '../src/jobs/queue.ts';
import { fixedClock, json } from './helpers.ts';

/**
 * Issue 15, S5: a web report costs two round trips to the database, its confirmation mail
 * queued by the second. Counted at the driver: every statement the app's connection sends
 * (postgres.js's `debug` hook, or drizzle's logger plus the transaction's BEGIN and COMMIT on
 * PGlite); the job queue's own connection is not used for it (sendMail would be). A statement
 * postgres.js has not yet prepared on a connection is described first (one more round trip,
 * once per connection), so the counted post follows a warm-up post.
 */
let database: Database;
let app: ReturnType<typeof createApp>;
let jobs: Jobs;
let statements: string[] = [];
let queued = 0;

beforeAll(async () => {
  database = await testDatabase({ onQuery: (q) => statements.push(q) });
  const dataDir = mkdtempSync(join(tmpdir(), 'gs-rt-'));
  const logger = pino({ level: 'silent' });
  const mailer = createMailer({ dataDir, from: 'test@groundswell.invalid' });
  jobs = createJobs(database, mailer, logger, { pollSeconds: 0.5 });
  const counted: Jobs = {
    ...jobs,
    mailJob: (message) => {
      queued += 1;
      return jobs.mailJob(message);
    },
    sendMail: () => Promise.reject(new Error('a report queues its confirmation in its own statement')),
  };
  app = createApp({ database, config: testConfig({ publicUrl: 'http://gs.test', dataDir, trustProxy: true }), logger, clock: fixedClock(), storage: new DiskStorage(dataDir), mailer, jobs: counted });
  await database.db.insert(schema.categories).values({
    code: 'pothole',
    name: { en: 'Pothole', pl: 'Dziura' },
    geometryTypes: ['Point', 'LineString'],
    responseDays: 5,
    contactRequired: { name: false, email: true, phone: false },
    questions: [
      {
        id: 'depth',
        label: { en: 'How deep?', pl: 'Jak głęboka?' },
        type: 'single_choice',
        required: true,
        choices: [
          { value: 'shallow', label: { en: 'Shallow', pl: 'Płytka' } },
          { value: 'deep', label: { en: 'Deep', pl: 'Głęboka' } },
        ],
      },
    ],
  });
  const square = [
    [-3.25, 56.38],
    [-3.18, 56.38],
    [-3.18, 56.42],
    [-3.25, 56.42],
    [-3.25, 56.38],
  ] as [number, number][];
  await database.db.insert(schema.areas).values({ code: 'errol', name: 'Errol', kind: 'community_council', geom: { type: 'Polygon', coordinates: [square] } });
  // Sends a message through the queue once, so its setup is not counted against a report.
  await jobs.sendMail({ to: 'warm@example.org', subject: 'warm-up', text: 'warm-up' });
});
afterAll(async () => {
  await jobs?.stop();
  await database?.close();
});

let n = 0;
const body = (over: Record<string, unknown> = {}) => {
  n += 1;
  return {
    category: 'pothole',
    geometry: { type: 'Point', coordinates: [-3.21, 56.4 + n * 0.0001] },
    description: 'A deep pothole by the bus stop',
    answers: { depth: 'deep' },
    contact: { name: 'Ada Lovelace', email: 'ada@example.org' },
    ...over,
  };
};
const post = (b: unknown, headers: Record<string, string> = {}, ip = '203.0.113.9') =>
  app.request('/api/reports', { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': ip, ...headers }, body: JSON.stringify(b) });

/** The statements and queued messages one request causes. */
async function counting(send: () => Response | Promise<Response>) {
  statements = [];
  queued = 0;
  const res = await send();
  const sent = { res, statements: [...statements], queued };
  return sent;
}

/** Confirmation jobs queued for a report (its page address is in the mail). */
async function confirmations(publicId: string): Promise<number> {
  const [row] = await database.rows<{ n: number }>(sql`select count(*)::int as n from pgboss.job where name = 'mail' and data->>'text' like ${`%/#/reports/${publicId}%`}`);
  return row!.n;
}

async function stored(publicId: string) {
  const [row] = await database.rows<{ contacts: number; follows: number; events: number; kinds: string[] }>(sql`
    select (select count(*)::int from report_contacts c where c.report_id = r.id) as contacts,
           (select count(*)::int from subscriptions s where s.report_id = r.id and s.confirmed_at is not null) as follows,
           (select count(*)::int from report_events e where e.report_id = r.id) as events,
           (select array_agg(kind order by id) from report_events e where e.report_id = r.id) as kinds
    from reports r where r.public_id = ${publicId}`);
  return row;
}

describe('POST /api/reports round trips (issue 15, S5)', () => {
  it('a report with an email (contact, follow, confirmation) takes two statements, the second queuing its one mail', async () => {
    expect((await post(body())).status).toBe(201);
    const { res, statements: sent, queued: mails } = await counting(() => post(body()));
    expect(res.status).toBe(201);
    expect(res.headers.get('ratelimit-remaining')).toMatch(/^\d+$/);
    const created = await json(res);
    expect(sent, sent.join('\n---\n')).toHaveLength(2);
    expect(mails).toBe(1);
    expect(await stored(created.id)).toEqual({ contacts: 1, follows: 1, events: 1, kinds: ['created'] });
    expect(await confirmations(created.id)).toBe(1);
  });

  it('with an Idempotency-Key: the same two statements and one mail; the replay one statement and no mail, answering the same report', async () => {
    const b = body();
    const key = '7b0c3c1e-0000-4000-8000-00000000aa01';
    const first = await counting(() => post(b, { 'idempotency-key': key }));
    expect(first.res.status).toBe(201);
    expect(first.statements, first.statements.join('\n---\n')).toHaveLength(2);
    expect(first.queued).toBe(1);
    const again = await counting(() => post(b, { 'idempotency-key': key }));
    expect(again.res.status).toBe(201);
    expect(again.res.headers.get('idempotent-replayed')).toBe('true');
    expect(again.statements).toHaveLength(1);
    expect(again.queued).toBe(0);
    const id = (await json(first.res)).id;
    expect((await json(again.res)).id).toBe(id);
    expect(await confirmations(id)).toBe(1);
    const other = await counting(() => post({ ...b, description: 'another' }, { 'idempotency-key': key }));
    expect(other.res.status).toBe(409);
    expect(other.statements).toHaveLength(1);
  });

  it('a report without contact details: two statements, nothing queued', async () => {
    await database.rows(sql`update categories set contact_required = '{"name":false,"email":false,"phone":false}'::jsonb where code = 'pothole'`);
    try {
      const { res, statements: sent, queued: mails } = await counting(() => post(body({ contact: {} })));
      expect(res.status).toBe(201);
      expect(sent).toHaveLength(2);
      expect(mails).toBe(0);
      expect(await stored((await json(res)).id)).toEqual({ contacts: 0, follows: 0, events: 1, kinds: ['created'] });
    } finally {
      await database.rows(sql`update categories set contact_required = '{"name":false,"email":true,"phone":false}'::jsonb where code = 'pothole'`);
    }
  });

  it('a bad report costs one statement, names its fields, and stores nothing', async () => {
    const [before] = await database.rows<{ n: number }>(sql`select count(*)::int as n from reports`);
    const outside = await counting(() => post(body({ geometry: { type: 'Point', coordinates: [-2.0, 55.0] } })));
    expect(outside.res.status).toBe(400);
    expect((await json(outside.res)).code).toBe('outside_service_area');
    expect(outside.statements).toHaveLength(1);
    const bad = await counting(() => post(body({ answers: {}, contact: {} })));
    expect(bad.res.status).toBe(400);
    expect((await json(bad.res)).errors.map((e: { field: string }) => e.field).sort()).toEqual(['answers.depth', 'contact.email']);
    expect(bad.statements).toHaveLength(1);
    const unknown = await counting(() => post(body({ category: 'unicorns' })));
    expect((await json(unknown.res)).code).toBe('unknown_category');
    expect(unknown.statements).toHaveLength(1);
    const [after] = await database.rows<{ n: number }>(sql`select count(*)::int as n from reports`);
    expect(after!.n).toBe(before!.n);
    expect(outside.queued + bad.queued + unknown.queued).toBe(0);
  });

  it('counts the rate limit in the first statement: the 61st post from one address in an hour is refused with Retry-After after one statement', async () => {
    const ip = '198.51.100.77';
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++) statuses.push((await post(body(), {}, ip)).status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(60);
    const limited = await counting(() => post(body(), {}, ip));
    expect(limited.res.status).toBe(429);
    expect(limited.res.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await json(limited.res)).code).toBe('rate_limited');
    expect(limited.statements).toHaveLength(1);
    expect(limited.queued).toBe(0);
  });

  it('a line report is written in one transaction: BEGIN, the report, the ditch-network attachment, COMMIT', async () => {
    const line = {
      type: 'LineString',
      coordinates: [
        [-3.21, 56.401],
        [-3.209, 56.4012],
      ],
    };
    await post(body({ geometry: line }));
    const { res, statements: sent } = await counting(() =>
      post(
        body({
          geometry: {
            ...line,
            coordinates: [
              [-3.22, 56.401],
              [-3.219, 56.4012],
            ],
          },
        }),
      ),
    );
    expect(res.status).toBe(201);
    expect(sent[1]!.toLowerCase()).toMatch(/^begin/);
    expect(sent.at(-1)!.toLowerCase()).toMatch(/^commit/);
    expect(await stored((await json(res)).id)).toMatchObject({ contacts: 1, follows: 1, events: 1 });
  });
});
