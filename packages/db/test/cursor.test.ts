/**
 * The export cursor (open-data/cursor.ts) on both databases. On PostgreSQL it keeps FETCHes on
 * the wire ahead of the rows asked for; whatever way the reading ends (read to the end,
 * stopped early, or a row that fails), every row comes once and in order, no FETCH is left
 * unanswered, and the connection is free for the next query.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/connect.ts';
import { streamRows } from '../src/open-data/cursor.ts';
import { testDatabase } from '../src/vitest.ts';

describe('export cursor', () => {
  let database: Database;
  beforeAll(async () => {
    database = await testDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  const series = (n: number) => sql`select g as n, repeat('x', g) as pad from generate_series(1, ${n}::int) g order by g`;
  const openTransactions = async () =>
    database.kind === 'postgres'
      ? (await database.rows<{ n: number }>(sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'`))[0]!.n
      : 0;

  it('gives every row once, in order, batch by batch', async () => {
    const batches: number[][] = [];
    for await (const batch of streamRows<{ n: number }>(database, series(20), { batchSize: 3 })) batches.push(batch.map((r) => Number(r.n)));
    expect(batches.map((b) => b.length)).toEqual([3, 3, 3, 3, 3, 3, 2]);
    expect(batches.flat()).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    // A multiple of the batch size: the last FETCH (already sent ahead) answers nothing.
    const exact: number[] = [];
    for await (const batch of streamRows<{ n: number }>(database, series(9), { batchSize: 3 })) exact.push(...batch.map((r) => Number(r.n)));
    expect(exact).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('on PostgreSQL gives the bytes the server sent when asked to', async () => {
    const rows: Array<{ n: unknown; pad: unknown }> = [];
    for await (const batch of streamRows<{ n: unknown; pad: unknown }>(database, series(7), { batchSize: 2, bytes: true })) rows.push(...batch);
    expect(rows).toHaveLength(7);
    if (database.kind === 'postgres') {
      expect(Buffer.isBuffer(rows[6]!.pad)).toBe(true);
      expect(String(rows[6]!.pad)).toBe('xxxxxxx');
    } else expect(rows[6]!.pad).toBe('xxxxxxx');
  });

  it('stopped early, answers the FETCHes already sent, closes the cursor and frees the connection', async () => {
    const seen: number[] = [];
    for await (const batch of streamRows<{ n: number }>(database, series(1000), { batchSize: 5 })) {
      seen.push(...batch.map((r) => Number(r.n)));
      if (seen.length >= 10) break;
    }
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(await openTransactions()).toBe(0);
    expect(await database.rows<{ one: number }>(sql`select 1 as one`)).toEqual([{ one: 1 }]);
  });

  it('a row that fails in a later batch fails the reading there, and nothing is left unhandled', async () => {
    const seen: number[] = [];
    const failing = sql`select case when g = 8 then 1 / (g - 8) else g end as n from generate_series(1, 20) g`;
    const failure = await (async () => {
      for await (const batch of streamRows<{ n: number }>(database, failing, { batchSize: 3 })) {
        seen.push(...batch.map((r) => Number(r.n)));
        // Slow reading: the FETCHes sent ahead fail while nobody is awaiting them.
        await new Promise((r) => setTimeout(r, 30));
      }
    })().then(
      () => undefined,
      (err: Error & { cause?: Error }) => err,
    );
    // drizzle names the statement and keeps the database's own error as the cause.
    expect(String(failure?.cause?.message ?? failure?.message)).toMatch(/division by zero/);
    expect(seen.slice(0, 3)).toEqual([1, 2, 3]);
    expect(seen.every((n, i) => n === i + 1)).toBe(true);
    expect(await openTransactions()).toBe(0);
    expect(await database.rows<{ one: number }>(sql`select 1 as one`)).toEqual([{ one: 1 }]);
  });
});
