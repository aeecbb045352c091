import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportInput } from '@groundswell/core';
import { schema } from '@groundswell/db';
import { createReport } from '../src/reports/create.ts';
import { notifyFollowers } from '../src/subscriptions/notify.ts';
import { json, testApp } from './helpers.ts';

/** Issue 12: a resident who sent a report heard nothing until an officer acted. */
let ctx: Awaited<ReturnType<typeof testApp>>;

beforeAll(async () => {
  ctx = await testApp();
  await ctx.deps.jobs.start({ notify: async () => {} });
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
afterAll(() => ctx?.close());

/** Quoted-printable body and encoded-word headers, enough to read the words of a message. */
function decode(eml: string): string {
  const words = eml.replace(/=\?utf-8\?([qb])\?([^?]*)\?=\s*/gi, (_, enc: string, text: string) =>
    enc.toLowerCase() === 'b' ? Buffer.from(text, 'base64').toString('utf8') : decodeQp(text.replace(/_/g, ' ')),
  );
  return decodeQp(words.replace(/=\r?\n/g, ''));
}
function decodeQp(text: string): string {
  return text.replace(/(=[0-9A-F]{2})+/g, (run) => Buffer.from(run.replace(/=/g, ''), 'hex').toString('utf8'));
}
const mailsTo = (address: string) => {
  const dir = join(ctx.config.dataDir, 'mail');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .filter((m) => m.split(/\r?\n/).some((line) => /^to: /i.test(line) && line.slice(4).trim().toLowerCase() === address))
    .map(decode);
};
/** Mail goes out through the queue: wait for what is expected, then a while longer to see that nothing more comes. */
async function settledMailsTo(address: string, expected: number): Promise<string[]> {
  for (let i = 0; i < 100 && mailsTo(address).length < expected; i++) await new Promise((r) => setTimeout(r, 100));
  await new Promise((r) => setTimeout(r, 1500));
  return mailsTo(address);
}

const body = (email: string | undefined, locale: 'en' | 'pl' = 'en', x = -3.21) => ({
  category: 'blocked_ditch',
  geometry: { type: 'Point', coordinates: [x, 56.39] },
  description: 'Water over the road',
  contact: email ? { email } : {},
  locale,
});
const send = (b: unknown, key?: string) =>
  ctx.app.request('/api/reports', { method: 'POST', headers: { 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) }, body: JSON.stringify(b) });

describe('the confirmation email on sending a report', () => {
  it('sends one, to the address given, with the reference, the link, what happens next and the promised time', async () => {
    const res = await send(body('resident@example.org'));
    expect(res.status).toBe(201);
    const { id } = await json(res);
    const mails = await settledMailsTo('resident@example.org', 1);
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail).toMatch(new RegExp(`^Subject: .*${id}`, 'm'));
    expect(mail).toContain(`http://gs.test/#/reports/${id}`);
    expect(mail).toContain('What happens next');
    expect(mail).toContain('within 10 working days');
    // 1 November 2026 is a Sunday: ten working days on is Friday 13 November, dated as the site dates.
    expect(mail).toContain('13 Nov 2026');
    expect(mail).toContain('Blocked ditch');
    // How to stop hearing about it: the reporter's own follow, stopped from a page with a button.
    expect(mail).toMatch(/http:\/\/gs\.test\/api\/subscriptions\/unsubscribe\?token=[A-Za-z0-9_-]+/);
    // Transactional: no List-Unsubscribe header.
    expect(mail).not.toMatch(/^List-Unsubscribe:/im);
  });

  it("is in the report's language", async () => {
    const { id } = await json(await send(body('mieszkaniec@example.org', 'pl')));
    const [mail, ...more] = await settledMailsTo('mieszkaniec@example.org', 1);
    expect(more).toHaveLength(0);
    expect(mail).toMatch(new RegExp(`^Subject: Otrzymaliśmy Twoje zgłoszenie ${id}`, 'm'));
    expect(mail).toContain('Zablokowany rów');
    expect(mail).toContain('Co dalej');
    expect(mail).toContain('w ciągu 10 dni roboczych');
    expect(mail).toContain('13 lis 2026');
    expect(mail).toContain(`http://gs.test/#/reports/${id}`);
  });

  it('sends nothing when no email was given', async () => {
    const before = readdirMail();
    expect((await send(body(undefined))).status).toBe(201);
    await new Promise((r) => setTimeout(r, 1500));
    expect(readdirMail()).toBe(before);
  });

  it('sends one for a report sent twice with the same Idempotency-Key', async () => {
    const first = await send(body('retry@example.org'), 'confirm-key-0001');
    const again = await send(body('retry@example.org'), 'confirm-key-0001');
    expect([first.status, again.status]).toEqual([201, 201]);
    expect((await json(again)).id).toBe((await json(first)).id);
    expect(await settledMailsTo('retry@example.org', 1)).toHaveLength(1);
  });

  it('is sent for a report an officer took by phone with an email, and not for an Open311 client', async () => {
    const input: ReportInput = { ...body('caller@example.org'), geometry: { type: 'Point', coordinates: [-3.21, 56.39] }, answers: {}, showName: false, locale: 'en' };
    await createReport(ctx.deps, input, { channel: 'phone', actor: { type: 'staff', id: 'x', label: 'Officer' } });
    expect(await settledMailsTo('caller@example.org', 1)).toHaveLength(1);
    await createReport(ctx.deps, { ...input, contact: { email: 'crm-user@example.org' } }, { channel: 'open311', channelSource: 'CRM', actor: { type: 'api', id: 'k' } });
    expect(await settledMailsTo('crm-user@example.org', 0)).toHaveLength(0);
  });
});

describe('the confirmation and the follower emails', () => {
  it("is the reporter's only email about the new report, while followers of the area still hear of it", async () => {
    await notifyFollowers(ctx.deps); // what earlier tests left
    const follower = 'area@example.org';
    const res = await ctx.app.request('/api/subscriptions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: follower, area: 'errol', locale: 'en' }),
    });
    expect(res.status).toBe(202);
    const [confirm] = await settledMailsTo(follower, 1);
    const link = confirm!.match(/http:\/\/gs\.test(\/api\/subscriptions\/confirm\?token=[A-Za-z0-9_-]+)/)![1]!;
    expect((await ctx.app.request(link)).status).toBe(200);

    const { id } = await json(await send(body('one-email@example.org', 'en', -3.2)));
    expect(await notifyFollowers(ctx.deps)).toBe(1);
    const reporter = await settledMailsTo('one-email@example.org', 1);
    expect(reporter).toHaveLength(1);
    expect(reporter[0]).toContain('What happens next');
    const toFollower = await settledMailsTo(follower, 2);
    expect(toFollower).toHaveLength(2);
    expect(toFollower.some((m) => m.includes('New report') && m.includes(id))).toBe(true);
  });

  it('sends a reporter who also follows the area only the confirmation, not the area news too', async () => {
    await notifyFollowers(ctx.deps);
    const both = 'reporter-and-follower@example.org';
    expect(
      (await ctx.app.request('/api/subscriptions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: both, area: 'errol', locale: 'en' }) })).status,
    ).toBe(202);
    const [confirm] = await settledMailsTo(both, 1);
    const link = confirm!.match(/http:\/\/gs\.test(\/api\/subscriptions\/confirm\?token=[A-Za-z0-9_-]+)/)![1]!;
    expect((await ctx.app.request(link)).status).toBe(200);

    await send(body(both, 'en', -3.21));
    await notifyFollowers(ctx.deps);
    // The follow confirmation and the report's confirmation, and nothing more.
    const mails = await settledMailsTo(both, 2);
    expect(mails).toHaveLength(2);
    expect(mails.filter((m) => m.includes('New report'))).toHaveLength(0);
  });
});

function readdirMail(): number {
  const dir = join(ctx.config.dataDir, 'mail');
  return existsSync(dir) ? readdirSync(dir).length : 0;
}
