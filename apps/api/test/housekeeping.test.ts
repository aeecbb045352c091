/**
 * Bookkeeping rows (rate-limit counters, sign-in slowdowns, reset links, known addresses,
 * replay keys, hand-off update keys, expired sessions) are pruned once no rule can read them any more.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RETENTION_DAYS } from '@groundswell/core';
import { sql } from '@groundswell/db/testing';
import { pruneExpired } from '../src/housekeeping/prune-expired.ts';
import { testApp } from './helpers.ts';

const NOW = new Date('2026-11-30T12:00:00Z');
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000).toISOString();

describe('housekeeping', () => {
  let ctx: Awaited<ReturnType<typeof testApp>>;
  beforeAll(async () => {
    ctx = await testApp();
    const db = ctx.database;
    await db.rows(sql`insert into staff_users (email, name, role) values ('kept@council.example', 'Kept', 'officer')`);
    const [staff] = await db.rows<{ id: string }>(sql`select id from staff_users where email = 'kept@council.example'`);
    const id = staff!.id;
    // One row just past its retention and one just inside it, for each kind: [days ago for 'old', for 'new', insert].
    const kinds: Array<[number, number, (tag: string, at: string) => ReturnType<typeof sql>]> = [
      [RETENTION_DAYS.rateLimits + 1, RETENTION_DAYS.rateLimits - 1, (tag, at) => sql`insert into rate_limits (bucket, window_start, count) values (${`b-${tag}`}, ${at}::timestamptz, 1)`],
      [RETENTION_DAYS.signInSlowdowns + 1, 0, (tag, at) => sql`insert into sign_in_slowdowns (account, failures, next_at, last_at) values (${`${tag}@x`}, 3, ${at}::timestamptz, ${at}::timestamptz)`],
      [RETENTION_DAYS.passwordResets + 1, 0, (tag, at) => sql`insert into staff_password_resets (token_hash, staff_id, expires_at) values (${`h-${tag}`}, ${id}, ${at}::timestamptz)`],
      [RETENTION_DAYS.knownAddresses + 1, 1, (tag, at) => sql`insert into staff_known_addresses (staff_id, address_hash, last_sign_in_at) values (${id}, ${`a-${tag}`}, ${at}::timestamptz)`],
      [RETENTION_DAYS.idempotencyKeys + 1, 1, (tag, at) => sql`insert into idempotency_keys (scope, key, fingerprint, created_at) values ('reports', ${`k-${tag}`}, 'f', ${at}::timestamptz)`],
      [RETENTION_DAYS.residentLinks + 1, 0, (tag, at) => sql`insert into resident_links (token_hash, email, expires_at) values (${`l-${tag}`}, 'ann@example.org', ${at}::timestamptz)`],
      // Sessions go once expired: 'old' expired a day ago, 'new' expires tomorrow.
      [1, -1, (tag, at) => sql`insert into staff_sessions (id_hash, staff_id, csrf_token, expires_at) values (${`s-${tag}`}, ${id}, 't', ${at}::timestamptz)`],
      [1, -1, (tag, at) => sql`insert into resident_sessions (id_hash, email, expires_at) values (${`r-${tag}`}, 'ann@example.org', ${at}::timestamptz)`],
    ];
    for (const [oldDays, newDays, insert] of kinds) {
      await db.rows(insert('old', daysAgo(oldDays)));
      await db.rows(insert('new', daysAgo(newDays)));
    }
    // Hand-off update keys: a request sent for an open report and one for a closed report.
    const [target] = await db.rows<{ id: number }>(sql`insert into handoff_targets (name, method) values ('CRM', 'open311') returning id`);
    const [category] = await db.rows<{ id: number }>(
      sql`insert into categories (code, name, geometry_types, response_days, contact_required) values ('litter', '{"en":"Litter"}', '{Point}', 5, '{"name":false,"email":false,"phone":false}') returning id`,
    );
    for (const [ref, state] of [
      ['REQ-OPEN', 'acknowledged'],
      ['REQ-CLOSED', 'closed'],
    ] as const) {
      const [report] = await db.rows<{ id: number }>(sql`insert into reports (public_id, category_id, geom, point, geom_type, description, state)
        values (${ref.toLowerCase().replace('-', '')}, ${category!.id}, ST_SetSRID(ST_MakePoint(-3.2, 56.4), 4326), ST_SetSRID(ST_MakePoint(-3.2, 56.4), 4326), 'Point', 'Bags', ${state}) returning id`);
      await db.rows(sql`insert into handoff_sends (report_id, target_id, state, external_ref, sent_at) values (${report!.id}, ${target!.id}, 'sent', ${ref}, ${daysAgo(100)}::timestamptz)`);
    }
    const old = daysAgo(RETENTION_DAYS.handoffUpdates + 1);
    for (const [key, at] of [
      ['sig:old', old],
      ['sig:new', daysAgo(RETENTION_DAYS.handoffUpdates - 1)],
      ['u:17', old],
      ['r:REQ-OPEN:acknowledged:2026-08-01T10:00:00Z', old],
      ['r:REQ-CLOSED:closed:2026-08-01T10:00:00Z', old],
    ]) {
      await db.rows(sql`insert into handoff_updates (target_id, key, created_at) values (${target!.id}, ${key}, ${at}::timestamptz)`);
    }
  });
  afterAll(() => ctx?.close());

  it('deletes each kind of row past its time and keeps the rest', async () => {
    const pruned = await pruneExpired({ ...ctx.deps, clock: { now: () => NOW } });
    expect(pruned).toEqual({ rateLimits: 1, signInSlowdowns: 1, passwordResets: 1, knownAddresses: 1, idempotencyKeys: 1, residentLinks: 1, handoffUpdates: 3, sessions: 1, residentSessions: 1 });
    // The state of a request whose report is open is asked again at every poll: its key stays however old.
    const keys = await ctx.database.rows<{ key: string }>(sql`select key from handoff_updates order by key`);
    expect(keys.map((k) => k.key)).toEqual(['r:REQ-OPEN:acknowledged:2026-08-01T10:00:00Z', 'sig:new']);
    const [left] = await ctx.database.rows<Record<string, string[]>>(sql`select
      (select array_agg(bucket) from rate_limits) as rate, (select array_agg(account) from sign_in_slowdowns) as slow,
      (select array_agg(token_hash) from staff_password_resets) as resets, (select array_agg(address_hash) from staff_known_addresses) as known,
      (select array_agg(key) from idempotency_keys) as keys, (select array_agg(id_hash) from staff_sessions) as sessions,
      (select array_agg(token_hash) from resident_links) as links, (select array_agg(id_hash) from resident_sessions) as residents`);
    expect(left).toEqual({ rate: ['b-new'], slow: ['new@x'], resets: ['h-new'], known: ['a-new'], keys: ['k-new'], sessions: ['s-new'], links: ['l-new'], residents: ['r-new'] });
    // Nothing left to prune on a second pass.
    expect(Object.values(await pruneExpired({ ...ctx.deps, clock: { now: () => NOW } })).every((n) => n === 0)).toBe(true);
  });
});
