/**
 * Personal data kept only as long as needed (issue 16): a retention run removes exactly the
 * rows its rules name, at a fixed clock, keeps the reports public and unchanged, and leaves
 * a record with its counts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personalDataCutoffs } from '@groundswell/core';
import { sql } from '@groundswell/db/testing';
import { applyRetention } from '../src/housekeeping/apply-retention.ts';
import { json, seedCategory, seedReport, testApp } from './helpers.ts';

const NOW = new Date('2026-11-30T12:00:00Z');
const monthsAgo = (m: number) => {
  const d = new Date(NOW);
  d.setUTCMonth(d.getUTCMonth() - m);
  return d;
};
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);
const point = { type: 'Point' as const, coordinates: [-3.2, 56.4] as [number, number] };

describe('the retention run', () => {
  let ctx: Awaited<ReturnType<typeof testApp>>;
  const ids: Record<string, { id: number; publicId: string }> = {};
  let before: unknown;

  beforeAll(async () => {
    ctx = await testApp();
    const db = ctx.database;
    const category = await seedCategory(db);
    // [name, state, resolved_at, updated_at]: the contact of 'fixedLongAgo' and 'closedLongAgo' (no resolved_at: its last change counts) go.
    const reports: Array<[string, string, Date | null, Date]> = [
      ['fixedLongAgo', 'fixed', monthsAgo(25), monthsAgo(25)],
      ['closedLongAgo', 'duplicate', null, monthsAgo(25)],
      ['fixedRecently', 'fixed', monthsAgo(23), monthsAgo(23)],
      ['openAndOld', 'in_progress', null, monthsAgo(30)],
    ];
    for (const [name, state, resolvedAt, updatedAt] of reports) {
      const r = await seedReport(db, category.id, point, { state: state as 'fixed', resolvedAt, updatedAt, createdAt: monthsAgo(31) });
      ids[name] = { id: r.id, publicId: r.publicId };
      await db.rows(sql`insert into report_contacts (report_id, name, email, phone) values (${r.id}, ${`Resident ${name}`}, ${`${name}@example.org`}, '07700 900123')`);
      await db.rows(sql`insert into subscriptions (email, report_id, confirm_token_hash, unsubscribe_token, created_at, confirmed_at)
        values (${`follower-${name}@example.org`}, ${r.id}, ${`h-${name}`}, ${`u-${name}`}, ${monthsAgo(31).toISOString()}::timestamptz, ${monthsAgo(31).toISOString()}::timestamptz)`);
    }
    // Follows of areas: [token, created, confirmed, unsubscribed].
    const follows: Array<[string, Date, Date | null, Date | null]> = [
      ['unconfirmed-8-days', daysAgo(8), null, null],
      ['unconfirmed-6-days', daysAgo(6), null, null],
      ['confirmed-long-ago', daysAgo(400), daysAgo(400), null],
      ['ended-31-days', daysAgo(100), daysAgo(100), daysAgo(31)],
      ['ended-29-days', daysAgo(100), daysAgo(100), daysAgo(29)],
    ];
    for (const [token, created, confirmed, ended] of follows) {
      await db.rows(sql`insert into subscriptions (email, geom, confirm_token_hash, unsubscribe_token, created_at, confirmed_at, unsubscribed_at)
        values (${`${token}@example.org`}, ST_GeomFromText('POLYGON((-3.3 56.3,-3.1 56.3,-3.1 56.5,-3.3 56.5,-3.3 56.3))', 4326), ${`h-${token}`}, ${token},
          ${created.toISOString()}::timestamptz, ${confirmed?.toISOString() ?? null}::timestamptz, ${ended?.toISOString() ?? null}::timestamptz)`);
    }
    before = await json(await ctx.app.request(`/api/reports/${ids.fixedLongAgo!.publicId}`));
  });
  afterAll(() => ctx?.close());

  it('computes its cutoffs in calendar months and days', () => {
    expect(personalDataCutoffs(NOW, 24)).toEqual({ closedReports: new Date('2024-11-30T12:00:00Z'), unconfirmedFollows: daysAgo(7), endedFollows: daysAgo(30) });
  });

  it('removes exactly what its rules name, says how many, and keeps the reports', async () => {
    const erased = await applyRetention({ ...ctx.deps, clock: { now: () => NOW } });
    expect(erased).toEqual({ contacts: 2, followsOfClosedReports: 2, unconfirmedFollows: 1, endedFollows: 1 });

    const contacts = await ctx.database.rows<{ report_id: number }>(sql`select report_id from report_contacts order by report_id`);
    expect(contacts.map((c) => Number(c.report_id))).toEqual([ids.fixedRecently!.id, ids.openAndOld!.id].sort((a, b) => a - b));
    const follows = await ctx.database.rows<{ email: string }>(sql`select email from subscriptions order by email`);
    expect(follows.map((f) => f.email)).toEqual([
      'confirmed-long-ago@example.org',
      'ended-29-days@example.org',
      'follower-fixedRecently@example.org',
      'follower-openAndOld@example.org',
      'unconfirmed-6-days@example.org',
    ]);
    // The reports stay, and what the public sees of them has not changed.
    const [{ n }] = (await ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from reports`)) as [{ n: number }];
    expect(n).toBe(4);
    expect(await json(await ctx.app.request(`/api/reports/${ids.fixedLongAgo!.publicId}`))).toEqual(before);

    const audit = await ctx.database.rows<{ action: string; staff_id: string | null; payload: Record<string, number> }>(sql`select action, staff_id, payload from audit_log`);
    expect(audit).toEqual([{ action: 'retention_run', staff_id: null, payload: { contacts: 2, followsOfClosedReports: 2, unconfirmedFollows: 1, endedFollows: 1, contactRetentionMonths: 24 } }]);
  });

  it('finds nothing more on a second run, and writes no empty record', async () => {
    const erased = await applyRetention({ ...ctx.deps, clock: { now: () => NOW } });
    expect(erased).toEqual({ contacts: 0, followsOfClosedReports: 0, unconfirmedFollows: 0, endedFollows: 0 });
    const [{ n }] = (await ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from audit_log`)) as [{ n: number }];
    expect(n).toBe(1);
  });

  it('honours a shorter CONTACT_RETENTION_MONTHS', async () => {
    const erased = await applyRetention({ ...ctx.deps, config: { ...ctx.deps.config, contactRetentionMonths: 12 }, clock: { now: () => NOW } });
    expect(erased.contacts).toBe(1);
    const contacts = await ctx.database.rows<{ report_id: number }>(sql`select report_id from report_contacts`);
    expect(contacts.map((c) => Number(c.report_id))).toEqual([ids.openAndOld!.id]);
  });
});
