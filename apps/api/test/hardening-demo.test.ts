/**
 * Hardening, defect 3: demo accounts with the public password must not reach a server, and
 * the demo can be taken out again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDecision, isLocalUrl } from '@groundswell/core';
import { demoLoaded, loadDemo } from '@groundswell/db/demo';
import { removeDemo } from '@groundswell/db/demo';
import { sql } from '@groundswell/db/testing';
import { DEMO_PASSWORD, DEMO_STAFF, loadDemoStaff, removeDemoStaff } from '../src/staff/demo-staff.ts';
import { json, testApp } from './helpers.ts';

describe('when the demo may load, and with which passwords', () => {
  const base = { freshDatabase: true, loaded: false };

  it('gives the published password only to an embedded database at a local address', () => {
    expect(demoDecision({ ...base, setting: 'auto', embedded: true, publicUrl: 'http://localhost:3000' })).toEqual({ load: true, passwords: 'published', warn: false });
    expect(demoDecision({ ...base, setting: 'on', embedded: false, publicUrl: 'http://localhost:3000' })).toEqual({ load: true, passwords: 'generated', warn: true });
    expect(demoDecision({ ...base, setting: 'on', embedded: true, publicUrl: 'https://report.council.example' })).toEqual({ load: true, passwords: 'generated', warn: true });
  });

  it('never loads by itself on a server, and keeps warning while the demo is there', () => {
    expect(demoDecision({ ...base, setting: 'auto', embedded: false, publicUrl: 'https://report.council.example' }).load).toBe(false);
    expect(demoDecision({ setting: 'off', embedded: false, publicUrl: 'https://report.council.example', freshDatabase: false, loaded: true })).toEqual({
      load: false,
      passwords: 'generated',
      warn: true,
    });
    expect(demoDecision({ setting: 'auto', embedded: true, publicUrl: 'http://localhost:3000', freshDatabase: false, loaded: false }).load).toBe(false);
  });

  it('knows a local address', () => {
    for (const url of ['http://localhost:3000', 'http://127.0.0.1', 'http://[::1]:8080']) expect(isLocalUrl(url), url).toBe(true);
    for (const url of ['https://report.council.example', 'http://10.0.0.5', 'not a url']) expect(isLocalUrl(url), url).toBe(false);
  });
});

describe('demo accounts on a server, and taking the demo out', () => {
  let ctx: Awaited<ReturnType<typeof testApp>>;
  beforeAll(async () => {
    ctx = await testApp();
  });
  afterAll(async () => ctx?.close());

  const signIn = (email: string, password: string) =>
    ctx.app.request('/api/staff/login', { method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://gs.test' }, body: JSON.stringify({ email, password }) });

  it('creates demo staff with generated passwords that work once shown, and the README password does not', async () => {
    await loadDemo(ctx.database, { now: new Date('2026-11-22T12:00:00Z') });
    const created = await loadDemoStaff(ctx.database, 'generated');
    expect(created.map((c) => c.email)).toEqual(DEMO_STAFF.map((s) => s.email));
    expect(new Set(created.map((c) => c.password)).size).toBe(created.length);
    expect(created.every((c) => c.password !== DEMO_PASSWORD && c.password.length >= 16)).toBe(true);
    expect((await signIn('admin@council.example', DEMO_PASSWORD)).status).toBe(401);
    expect((await signIn('admin@council.example', created[0]!.password)).status).toBe(200);
  });

  it('removes what the demo made and keeps what the council added since', async () => {
    const [before] = await ctx.database.rows<{ n: number }>(sql`select count(*)::int n from reports`);
    expect(before!.n).toBeGreaterThan(200);
    // A resident's real report in a demo category, made after the demo was loaded.
    const created = await ctx.app.request('/api/reports', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ category: 'litter', geometry: { type: 'Point', coordinates: [-3.1, 56.43] }, description: 'Real litter by the bus stop', contact: { email: 'real@example.org' } }),
    });
    expect(created.status).toBe(201);
    const real = (await json(created)) as { id: string };

    const removed = await removeDemo(ctx.database);
    expect(removed).toMatchObject({ reports: before!.n, assets: 66 });
    expect(removed!.kept.categories).toBe(1); // litter: the real report uses it
    const disabled = await removeDemoStaff(ctx.database, new Date());
    expect(disabled).toBe(DEMO_STAFF.length);

    const [left] = await ctx.database.rows<{ reports: number; events: number; assets: number; places: number; categories: string[] }>(sql`
      select (select count(*)::int from reports) reports, (select count(*)::int from report_events) events, (select count(*)::int from assets) assets,
        (select count(*)::int from places) places, (select array_agg(code order by code) from categories) categories`);
    expect(left).toMatchObject({ reports: 1, events: 1, assets: 0, places: 0, categories: ['litter'] });
    expect((await ctx.app.request(`/api/reports/${real.id}`)).status).toBe(200);
    expect(await demoLoaded(ctx.database)).toBeUndefined();
    // The demo's accounts no longer sign in, whatever their password was.
    const [admin] = await ctx.database.rows<{ disabled: boolean }>(sql`select disabled_at is not null as disabled from staff_users where email = 'admin@council.example'`);
    expect(admin!.disabled).toBe(true);
    // And nothing is left to remove.
    expect(await removeDemo(ctx.database)).toBeUndefined();
  });
});
