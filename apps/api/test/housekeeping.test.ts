/**
 * Bookkeeping rows (rate-limit counters, sign-in slowdowns, reset links, known addresses,
 * replay keys, expired sessions) are pruned once no rule can read them any more.
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
  });
  afterAll(() => ctx?.close());

  it('deletes each kind of row past its time and keeps the rest', async () => {
    const pruned = await pruneExpired({ ...ctx.deps, clock: { now: () => NOW } });
    expect(pruned).toEqual({ rateLimits: 1, signInSlowdowns: 1, passwordResets: 1, knownAddresses: 1, idempotencyKeys: 1, residentLinks: 1, sessions: 1, residentSessions: 1 });
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
