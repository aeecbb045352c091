/**
 * On PostgreSQL, a statement the process runs again is prepared once per connection and then
 * costs one round trip (Bind, Execute, Sync), where postgres.js runs an unnamed statement with
 * parameters in two (Parse and Describe, then Bind and Execute), and drizzle never prepares.
 * Checked where it shows: the client's writes to the server through a TCP proxy that counts
 * them, and the session's pg_prepared_statements. PGlite has no connection to round-trip over.
 */
import { createServer, connect as netConnect, type Server, type Socket } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, execRows, type Database } from '../src/connect.ts';
import { streamRows } from '../src/open-data/cursor.ts';
import { testDatabase } from '../src/vitest.ts';

describe.runIf(process.env.DATABASE_URL)('prepared statements on PostgreSQL', () => {
  let database: Database;
  let session: Database;
  let proxy: Server;
  const sockets = new Set<Socket>();
  /** Writes from the client to the server since the start (each is one message batch the client waited to send). */
  let writes = 0;

  beforeAll(async () => {
    database = await testDatabase();
    const target = new URL(database.url!);
    proxy = createServer((client) => {
      const upstream = netConnect(Number(target.port || 5432), target.hostname);
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('error', () => undefined);
      }
      client.on('data', (chunk) => {
        writes += 1;
        upstream.write(chunk);
      });
      upstream.pipe(client);
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    const through = new URL(database.url!);
    through.host = `127.0.0.1:${(proxy.address() as { port: number }).port}`;
    // One connection: every statement below runs in the one session whose prepared statements are read.
    session = await connect({ databaseUrl: through.toString(), maxConnections: 1 });
  });

  afterAll(async () => {
    await session?.close();
    for (const s of sockets) s.destroy();
    proxy?.close();
    await database?.close();
  });

  const prepared = async () => (await session.rows<{ statement: string }>(sql`select statement from pg_prepared_statements`)).map((r) => r.statement);
  const twice = (n: number) => sql`select ${n}::int * 2 as doubled`;

  it('runs a repeated statement in one round trip each time, with the values of each call', async () => {
    expect(await session.rows(twice(1))).toEqual([{ doubled: 2 }]);
    expect(await session.rows(twice(2))).toEqual([{ doubled: 4 }]);
    const before = writes;
    const answers: number[] = [];
    for (let n = 3; n < 23; n++) answers.push((await session.rows<{ doubled: number }>(twice(n)))[0]!.doubled);
    expect(answers).toEqual(Array.from({ length: 20 }, (_, i) => (i + 3) * 2));
    // 20 statements, 20 writes: the unprepared way took 40 (describe first, then execute).
    expect(writes - before).toBe(20);
    expect((await prepared()).filter((s) => s.includes('* 2 as doubled'))).toHaveLength(1);
    // Each run still planned for its own values: a generic plan guesses at a bounding box's selectivity.
    expect(await session.rows(sql`select current_setting('plan_cache_mode') as mode`)).toEqual([{ mode: 'force_custom_plan' }]);
  });

  it('never prepares a text run once, nor a cursor (its name is new each time)', async () => {
    await session.rows(sql`select ${'x'}::text as run_once_only`);
    const rows: number[] = [];
    for (let i = 0; i < 2; i++) {
      for await (const batch of streamRows<{ n: number }>(session, sql`select generate_series(1, ${5}::int) as n`, { batchSize: 2 })) rows.push(...batch.map((r) => r.n));
    }
    expect(rows).toEqual([1, 2, 3, 4, 5, 1, 2, 3, 4, 5]);
    const statements = await prepared();
    expect(statements.some((s) => s.includes('run_once_only'))).toBe(false);
    expect(statements.some((s) => /declare/i.test(s))).toBe(false);
  });

  it('prepares inside a transaction too, and a rolled-back transaction leaves the statement working', async () => {
    const inTx = (n: number) => session.db.transaction((tx) => execRows<{ tripled: number }>(tx, sql`select ${n}::int * 3 as tripled`));
    expect(await inTx(1)).toEqual([{ tripled: 3 }]);
    expect(await inTx(2)).toEqual([{ tripled: 6 }]);
    await expect(
      session.db.transaction(async (tx) => {
        await execRows(tx, sql`select ${3}::int * 3 as tripled`);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await inTx(4)).toEqual([{ tripled: 12 }]);
    expect((await prepared()).filter((s) => s.includes('* 3 as tripled'))).toHaveLength(1);
  });
});
