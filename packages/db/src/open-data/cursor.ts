/**
 * Streams a query's rows in batches from a server-side cursor (`DECLARE … CURSOR` and
 * `FETCH n` inside a transaction), so an export of a million reports holds a few batches in
 * memory at a time. One code path for PGlite and PostgreSQL.
 *
 * Batches are fetched as the consumer asks for them, on PostgreSQL at most FETCHES_AHEAD
 * beyond the one asked for, so a slow reader slows the query instead of filling memory; a
 * reader that stops asking for `idleMs` loses its cursor.
 */
import { randomBytes } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { execRows, type Database } from '../connect.ts';

export interface CursorOptions {
  batchSize?: number;
  /** Give up (and roll back) when the consumer has not asked for a batch for this long. */
  idleMs?: number;
  /**
   * On PostgreSQL, every value arrives as the bytes the server sent (a Buffer, null for NULL)
   * instead of a decoded string: a million feature texts pass through without a million
   * strings for the garbage collector (the export's memory). PGlite gives strings as before.
   */
  bytes?: boolean;
}

type RawClient = { unsafe(query: string): { raw(): Promise<Array<Array<Buffer | null>> & { columns: Array<{ name: string }> }> } };

/** `FETCH` through the transaction's own postgres.js client (drizzle's session), rows of Buffers. */
async function fetchBytes<T>(tx: unknown, statement: string): Promise<T[]> {
  const client = (tx as { session?: { client?: RawClient } }).session?.client;
  if (!client) throw new Error('no postgres.js client under this transaction');
  const result = await client.unsafe(statement).raw();
  const names = result.columns.map((c) => c.name);
  return result.map((values) => Object.fromEntries(names.map((n, i) => [n, values[i] ?? null])) as T);
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * FETCHes sent before their rows are asked for: at most this many batches more in memory
 * (~6 MB for the GeoJSON export's thousand-row batches).
 */
const FETCHES_AHEAD = 10;

type Reply<T> = { rows: T[]; done: boolean } | { error: unknown };

export class CursorIdleError extends Error {}

/**
 * Batches of rows; break out of the loop (or call `return()`) to close the cursor early.
 * The transaction ends when the generator finishes, however it finishes.
 */
export async function* streamRows<T = Record<string, unknown>>(database: Database, query: SQL, options: CursorOptions = {}): AsyncGenerator<T[]> {
  const batch = options.batchSize ?? 1000;
  const idleMs = options.idleMs ?? 60_000;
  const name = `gs_cursor_${randomBytes(6).toString('hex')}`;
  let demand = deferred<boolean>();
  let reply = deferred<Reply<T>>();
  let failure: { error: unknown } | undefined;

  const finished = database.db
    .transaction(async (tx) => {
      await tx.execute(sql`declare ${sql.raw(name)} no scroll cursor for ${query}`);
      const statement = `fetch ${batch} from ${name}`;
      const fetchBatch = () => {
        const rows = options.bytes && database.kind === 'postgres' ? fetchBytes<T>(tx, statement) : execRows<T>(tx, sql.raw(statement));
        // Its failure is met where it is awaited; until then it must not count as unhandled (which ends the process).
        rows.catch(() => undefined);
        return rows;
      };
      // On PostgreSQL the next FETCHes are on the wire while this batch is handed over and
      // written (postgres.js pipelines a connection's queries), so the server does not wait
      // on us between batches, even through a garbage collection or a slow write: the export
      // runs at the database's pace. Exporting 1,000,000 reports: 7.4–8.1 s with ten ahead
      // (psql COPY 7.5 s; the backend busy all along), 8.1–8.6 with six, 8.9–9.4 with two
      // (the backend idle 14 % of the time), 1.34× COPY with none; bench/RESULTS.md. PGlite
      // runs one statement at a time anyway.
      const ahead = database.kind === 'postgres' ? FETCHES_AHEAD : 0;
      const inFlight: Array<Promise<T[]>> = [];
      try {
        for (;;) {
          let timer: NodeJS.Timeout | undefined;
          const go = await Promise.race([
            demand.promise,
            new Promise<'idle'>((r) => {
              timer = setTimeout(() => r('idle'), idleMs);
            }),
          ]);
          clearTimeout(timer);
          if (go === 'idle') throw new CursorIdleError(`nobody asked for rows for ${idleMs} ms`);
          if (!go) break;
          demand = deferred();
          if (!inFlight.length) inFlight.push(fetchBatch());
          const rows = await inFlight.shift()!;
          const done = rows.length < batch;
          if (!done) while (inFlight.length < ahead) inFlight.push(fetchBatch());
          reply.resolve({ rows, done });
          if (done) break;
        }
      } finally {
        // A FETCH still on the wire is answered before the cursor closes (or the transaction fails with it).
        for (const f of inFlight) await f.catch(() => undefined);
      }
      await tx.execute(sql.raw(`close ${name}`));
    })
    .catch((error: unknown) => {
      failure = { error };
      reply.resolve(failure);
    });

  try {
    for (;;) {
      reply = deferred();
      if (failure) throw failure.error;
      demand.resolve(true);
      const r = await reply.promise;
      if ('error' in r) throw r.error;
      if (r.rows.length) yield r.rows;
      if (r.done) return;
    }
  } finally {
    // Early exit: tell the transaction to close the cursor and commit (it only read).
    demand.resolve(false);
    await finished;
  }
}

/** The first batch, fetched before anything is sent, so errors can still become a 400 or 500. */
export async function openStream<T>(database: Database, query: SQL, options: CursorOptions = {}): Promise<{ first: T[]; rest: AsyncGenerator<T[]> }> {
  const it = streamRows<T>(database, query, options);
  const first = await it.next();
  return { first: first.done ? [] : first.value, rest: it };
}
