/**
 * Staff names in public (Hardening, "what a security reviewer expects"): the public sees an
 * officer only as PUBLIC_STAFF_NAME allows, in every output that names who acted (the report's
 * timeline, Atom, follower emails), and the OpenAPI document says so. The timeline used to
 * carry the officer's full name, while the schema promised "the team name".
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_STAFF_NAMES, type PublicStaffName } from '@groundswell/core';
import { createStaff, schema } from '@groundswell/db';
import { createApp } from '../src/app.ts';
import { ConfigError, loadConfig } from '../src/config.ts';
import { hashPassword } from '../src/staff/passwords.ts';
import { notifyFollowers } from '../src/subscriptions/notify.ts';
import { json, seedCategory, seedReport, testApp } from './helpers.ts';

const ORIGIN = 'http://gs.test';
const PASSWORD = 'a long enough test password';
const SURNAME = 'Zbyszewska';
const EXPECTED: Record<PublicStaffName, string> = {
  first_name_and_team: 'Kasia, waste team',
  team: 'Waste team',
  full_name: `Kasia ${SURNAME}, waste team`,
};

let ctx: Awaited<ReturnType<typeof testApp>>;
let session: { cookie: string; csrf: string };
let reportId = '';

const mails = () => {
  const dir = join(ctx.config.dataDir, 'mail');
  return existsSync(dir) ? readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8').replace(/=\r?\n/g, '')) : [];
};
async function waitForMail(predicate: (m: string) => boolean): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const found = mails().find(predicate);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`mail not written; have ${mails().length} messages`);
}

/** The same database and deps, with another PUBLIC_STAFF_NAME. */
function withSetting(setting: PublicStaffName) {
  const deps = { ...ctx.deps, config: { ...ctx.config, publicStaffName: setting } };
  return { deps, app: createApp(deps) };
}

/** The officer answers through the console's API, so the event is written as in production. */
async function answer(message: string) {
  const res = await ctx.app.request(`/api/staff/reports/${reportId}/answers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: ORIGIN, cookie: session.cookie, 'x-csrf-token': session.csrf },
    body: JSON.stringify({ message }),
  });
  expect(res.status, await res.clone().text()).toBeLessThan(300);
}

/** Every public output that could name who acted on the report. */
async function publicOutputs(app: ReturnType<typeof createApp>): Promise<Record<string, string>> {
  const paths = [
    `/api/reports/${reportId}`,
    '/api/reports?limit=5000',
    `/feeds/reports/${reportId}.atom`,
    '/feeds/reports.atom',
    '/export/reports.geojson',
    '/export/reports.csv',
    '/ogc/collections/reports/items?limit=1000',
    `/ogc/collections/reports/items/${reportId}`,
    `/open311/v2/requests/${reportId}.json?extensions=true`,
    `/open311/v2/requests/${reportId}.xml?extensions=true`,
  ];
  const out: Record<string, string> = {};
  for (const p of paths) {
    const res = await app.request(p);
    expect(res.status, p).toBe(200);
    out[p] = await res.text();
  }
  return out;
}

beforeAll(async () => {
  ctx = await testApp();
  await ctx.deps.jobs.start({ notify: async () => {} });
  const [team] = await ctx.database.db.insert(schema.teams).values({ code: 'waste', name: 'Waste' }).returning();
  const cat = await seedCategory(ctx.database, 'litter');
  const report = await seedReport(ctx.database, cat.id, { type: 'Point', coordinates: [-3.2, 56.4] }, { publicId: 'names001', teamId: team!.id });
  reportId = report.publicId;
  const created = await createStaff(ctx.database, { email: 'kasia@council.example', name: `Kasia ${SURNAME}`, role: 'officer', passwordHash: await hashPassword(PASSWORD), teamCodes: ['waste'] });
  expect(created).toHaveProperty('id');
  const login = await ctx.app.request('/api/staff/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: ORIGIN },
    body: JSON.stringify({ email: 'kasia@council.example', password: PASSWORD }),
  });
  expect(login.status).toBe(200);
  session = { cookie: login.headers.get('set-cookie')!.split(';')[0]!, csrf: (await json(login)).csrfToken };
  await ctx.database.db.insert(schema.subscriptions).values({
    email: 'follower@example.org',
    reportId: report.id,
    confirmTokenHash: 'confirmed',
    unsubscribeToken: 'names-unsubscribe-token',
    createdAt: new Date('2026-01-01T00:00:00Z'),
    confirmedAt: new Date('2026-01-01T00:00:00Z'),
  });
});
afterAll(() => ctx?.close());

describe('PUBLIC_STAFF_NAME', () => {
  it('defaults to first name and team, and a wrong value stops start-up naming it', () => {
    expect(loadConfig({}).publicStaffName).toBe('first_name_and_team');
    expect(loadConfig({ PUBLIC_STAFF_NAME: 'team' }).publicStaffName).toBe('team');
    expect(() => loadConfig({ PUBLIC_STAFF_NAME: 'surname' })).toThrow(ConfigError);
    expect(() => loadConfig({ PUBLIC_STAFF_NAME: 'surname' })).toThrow(/PUBLIC_STAFF_NAME/);
  });

  it('by default signs an officer "Kasia, waste team" and shows the surname in no public output or email', async () => {
    await answer('We will clear it on Tuesday. [default]');
    const outputs = await publicOutputs(ctx.app);
    const timeline = JSON.parse(outputs[`/api/reports/${reportId}`]!).timeline as Array<{ kind: string; actor: string; message?: string }>;
    const answered = timeline.filter((e) => e.kind === 'public_answer' || e.kind === 'state_changed');
    expect(answered.length).toBeGreaterThanOrEqual(1);
    for (const e of answered) expect(e.actor).toBe(EXPECTED.first_name_and_team);
    expect(outputs[`/feeds/reports/${reportId}.atom`]).toContain(`<name>${EXPECTED.first_name_and_team}</name>`);

    expect(await notifyFollowers(ctx.deps)).toBeGreaterThanOrEqual(1);
    const mail = await waitForMail((m) => m.includes('[default]'));
    expect(mail).toContain(`From: ${EXPECTED.first_name_and_team}`);

    for (const [where, body] of Object.entries({ ...outputs, mail })) expect(body.includes(SURNAME), `${SURNAME} in ${where}`).toBe(false);
  });

  it.each(PUBLIC_STAFF_NAMES.filter((s) => s !== 'first_name_and_team'))('names the officer as %s allows on the timeline, in Atom and in emails', async (setting) => {
    const { app, deps } = withSetting(setting);
    await answer(`Crew booked. [${setting}]`);
    const timeline = (await json(await app.request(`/api/reports/${reportId}`))).timeline as Array<{ kind: string; actor: string; message?: string }>;
    expect(timeline.find((e) => e.message?.includes(`[${setting}]`))?.actor).toBe(EXPECTED[setting]);
    const atom = await (await app.request(`/feeds/reports/${reportId}.atom`)).text();
    expect(atom).toContain(`<name>${EXPECTED[setting]}</name>`);
    expect(await notifyFollowers(deps)).toBeGreaterThanOrEqual(1);
    const mail = await waitForMail((m) => m.includes(`[${setting}]`));
    expect(mail).toContain(`From: ${EXPECTED[setting]}`);
    if (setting === 'team') {
      for (const [where, body] of Object.entries({ ...(await publicOutputs(app)), mail })) {
        expect(body.includes(SURNAME), `${SURNAME} in ${where}`).toBe(false);
        expect(body.includes('Kasia'), `first name in ${where}`).toBe(false);
      }
    }
  });

  it('documents in OpenAPI what the actor field shows', async () => {
    const doc = await json(await ctx.app.request('/api/openapi.json'));
    const actor = doc.components.schemas.PublicEvent.properties.actor.description as string;
    expect(actor).toContain('PUBLIC_STAFF_NAME');
    for (const example of [EXPECTED.first_name_and_team, EXPECTED.team]) expect(actor).toContain(example);
  });
});
