import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '@groundswell/db';
import { sql } from '@groundswell/db/testing';
import { json, seedCategory, seedReport, testApp } from './helpers.ts';
import { notifyFollowers } from '../src/subscriptions/notify.ts';

let ctx: Awaited<ReturnType<typeof testApp>>;
let reportId = 0;

const mails = () => {
  const dir = join(ctx.config.dataDir, 'mail');
  return existsSync(dir)
    ? readdirSync(dir)
        .sort()
        .map((f) => readFileSync(join(dir, f), 'utf8'))
    : [];
};
/** Mail is sent by the background queue; wait until it has written what we expect. */
async function waitForMail(predicate: (m: string) => boolean, count = 1): Promise<string[]> {
  for (let i = 0; i < 100; i++) {
    const found = mails().filter(predicate);
    if (found.length >= count) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`mail not written; have ${mails().length} messages`);
}
const subscribe = (body: unknown) => ctx.app.request('/api/subscriptions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const linkIn = (mail: string, path: string) => {
  const unfolded = mail.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
  return unfolded.match(new RegExp(`https?://[^\\s]*${path}\\?token=[A-Za-z0-9_-]+`))![0]!.replace('http://gs.test', '');
};

beforeAll(async () => {
  ctx = await testApp();
  await ctx.deps.jobs.start({ notify: async () => {} });
  const cat = await seedCategory(ctx.database, 'blocked_ditch');
  const r = await seedReport(ctx.database, cat.id, { type: 'Point', coordinates: [-3.2, 56.4] }, { publicId: 'follow01' });
  reportId = r.id;
  await ctx.database.db.insert(schema.areas).values({
    code: 'errol',
    name: 'Errol',
    kind: 'community_council',
    geom: {
      type: 'Polygon',
      coordinates: [
        [
          [-3.25, 56.38],
          [-3.18, 56.38],
          [-3.18, 56.42],
          [-3.25, 56.42],
          [-3.25, 56.38],
        ],
      ],
    },
  });
});
afterAll(() => ctx?.close());

describe('following by email', () => {
  it('sends a confirmation first and nothing else until it is confirmed', async () => {
    const res = await subscribe({ email: 'follower@example.org', report: 'follow01', locale: 'en' });
    expect(res.status).toBe(202);
    const [confirm] = await waitForMail((m) => m.includes('To: follower@example.org') && m.includes('Please confirm'));
    await ctx.database.rows(sql`insert into report_events (report_id, kind, actor_type, public, payload) values (${reportId}, 'public_answer', 'staff', true, '{"message":"Before confirming"}')`);
    expect(await notifyFollowers(ctx.deps)).toBe(0);
    const page = await ctx.app.request(linkIn(confirm!, '/api/subscriptions/confirm'));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('You are following it');
  });

  it('emails a follower about a public event, with a one-click unsubscribe, and never an internal note', async () => {
    await ctx.database.rows(sql`insert into report_events (report_id, kind, actor_type, actor_label, public, payload) values
      (${reportId}, 'internal_note', 'staff', 'Drainage team', false, '{"note":"TOP SECRET NOTE"}'),
      (${reportId}, 'public_answer', 'staff', 'Drainage team', true, '{"message":"We will clear the ditch on Tuesday."}')`);
    expect(await notifyFollowers(ctx.deps)).toBe(1);
    const [mail] = await waitForMail((m) => m.includes('clear the ditch on Tuesday'));
    expect(mail).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(mails().join('\n')).not.toContain('TOP SECRET NOTE');
    const unsubscribe = linkIn(mail!, '/api/subscriptions/unsubscribe');
    expect((await ctx.app.request(unsubscribe)).status).toBe(200); // a page with a button, not yet unsubscribed
    const oneClick = await ctx.app.request(unsubscribe, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(oneClick.status).toBe(200);
    await ctx.database.rows(sql`insert into report_events (report_id, kind, actor_type, public, payload) values (${reportId}, 'state_changed', 'staff', true, '{"from":"new","to":"fixed"}')`);
    expect(await notifyFollowers(ctx.deps)).toBe(0);
  });

  it('tells followers of a named area about a new report inside it, in their language', async () => {
    expect((await subscribe({ email: 'area@example.org', area: 'errol', locale: 'pl' })).status).toBe(202);
    const [confirm] = await waitForMail((m) => m.includes('To: area@example.org'));
    expect((await ctx.app.request(linkIn(confirm!, '/api/subscriptions/confirm'))).status).toBe(200);
    const created = await ctx.app.request('/api/reports', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ category: 'blocked_ditch', geometry: { type: 'Point', coordinates: [-3.21, 56.39] }, description: 'Water over the road', contact: { email: 'someone@example.org' } }),
    });
    expect(created.status).toBe(201);
    expect(await notifyFollowers(ctx.deps)).toBe(1);
    const [mail] = await waitForMail((m) => m.includes('To: area@example.org') && m.includes('Nowe zg'));
    expect(mail).not.toContain('someone@example.org');
  });

  it('accepts a drawn area, and refuses bad input by field', async () => {
    const drawn = {
      type: 'Polygon',
      coordinates: [
        [
          [-3.3, 56.4],
          [-3.29, 56.4],
          [-3.29, 56.41],
          [-3.3, 56.4],
        ],
      ],
    };
    expect((await subscribe({ email: 'drawn@example.org', geometry: drawn })).status).toBe(202);
    const bad = await subscribe({ email: 'not-an-email', report: 'follow01' });
    expect(bad.status).toBe(400);
    expect((await json(bad)).errors[0].field).toBe('body.email');
    const two = await subscribe({ email: 'x@example.org', report: 'follow01', area: 'errol' });
    expect((await json(two)).errors[0].field).toBe('body.report');
    expect((await subscribe({ email: 'x@example.org', area: 'atlantis' })).status).toBe(404);
    expect((await ctx.app.request('/api/subscriptions/confirm?token=short')).status).toBe(400);
    expect((await ctx.app.request(`/api/subscriptions/confirm?token=${'a'.repeat(32)}`)).status).toBe(404);
  });
});
