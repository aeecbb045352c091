import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import * as schema from './schema.ts';
import { leanPostgis } from './pglite-postgis.ts';

export type Schema = typeof schema;
/** The one drizzle interface the rest of the code sees, whichever engine is underneath. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../../drizzle', import.meta.url));

/** Anything that runs SQL: the database or a transaction inside it. */
export type Executor = Pick<Db, 'execute'>;

/** Rows of a raw statement on either driver (PGlite answers `{rows}`, postgres.js an array). */
export async function execRows<T = Record<string, unknown>>(executor: Executor, query: SQL): Promise<T[]> {
  const result = (await executor.execute(query)) as unknown;
  return Array.isArray(result) ? (result as T[]) : (result as { rows: T[] }).rows;
}

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** The embedded engine, for the few tools that talk to it directly (the job queue). */
  pglite?: PGlite;
  /** The server's address, for tools that open their own connections (the job queue). */
  url?: string;
  /** Rows of a raw SQL statement, the same shape on both engines. */
  rows<T = Record<string, unknown>>(query: SQL): Promise<T[]>;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

/** How long a request waits for a PostgreSQL connection before it is told the database is unavailable. */
export const CONNECT_TIMEOUT_SECONDS = 5;

export interface ConnectOptions {
  /** postgres://… ; when absent the embedded PGlite is used. */
  databaseUrl?: string;
  /** Where the embedded database lives; `memory://` keeps it in memory. */
  dataDir?: string;
  /** A PGlite data dir dump to start from (tests copy a migrated template this way). */
  loadDataDir?: Blob;
  /** Pool size for PostgreSQL. */
  maxConnections?: number;
  /**
   * Told of every statement this connection sends (BEGIN and COMMIT included), for tests that
   * count a request's round trips. Not the job queue's: it has its own connections.
   */
  onQuery?: (statement: string) => void;
}

export async function connect(options: ConnectOptions): Promise<Database> {
  return options.databaseUrl ? connectPostgres(options.databaseUrl, options.maxConnections ?? 10, options.onQuery) : connectPglite(options);
}

async function connectPglite(options: ConnectOptions): Promise<Database> {
  let dataDir = options.dataDir ?? 'memory://';
  // PostGIS's files, unpacked once: beside the database when it is on disk, else in the system's temporary directory.
  let extensionsDir: string | undefined;
  if (!dataDir.startsWith('memory://')) {
    extensionsDir = join(dataDir, 'extensions');
    dataDir = join(dataDir, 'pglite');
    mkdirSync(dataDir, { recursive: true });
  }
  // Loaded only for the embedded mode: PGlite's WASM costs ~50 MB that a server on PostgreSQL does not need.
  const [{ PGlite }, postgis, { pg_trgm }, { drizzle: drizzlePglite }, { migrate: migratePglite }] = await Promise.all([
    import('@electric-sql/pglite'),
    // PostGIS read from disk, without the raster, topology and geocoder parts of its bundle (pglite-postgis.ts).
    leanPostgis(extensionsDir),
    // Trigram similarity folds near-identical mentions (listening, issue 13).
    import('@electric-sql/pglite/contrib/pg_trgm'),
    import('drizzle-orm/pglite'),
    import('drizzle-orm/pglite/migrator'),
  ]);
  const client = await PGlite.create({
    dataDir,
    extensions: { postgis, pg_trgm },
    // PostgreSQL's 128 MB of shared buffers are all touched at start inside the WASM heap;
    // 16 MB kept an embedded server at 50,000 reports ~80 MB smaller (bench/RESULTS.md, issue 15).
    // Every page PGlite reads is one read call into the data dir (Emscripten's NODEFS), in order
    // or not, so a random page costs what a sequential one does; the default 4 made the planner
    // seq-scan small tables once per row (areas in a report list), each scan paying a file-size
    // lookup (an fstat through NODEFS): 1.1 made a 1,000-report town box ~12% quicker (issue 15).
    startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB', '-c', 'random_page_cost=1.1'],
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
  // PostGIS's library is read and compiled when a PostGIS function is first called; loading it
  // now keeps that second out of the first spatial request (and the RSS of a ready server true).
  await client.exec(`LOAD '$libdir/postgis-3'`);
  const onQuery = options.onQuery;
  const db = drizzlePglite(client, { schema, ...(onQuery ? { logger: { logQuery: (q: string) => onQuery(q) } } : {}) }) as unknown as Db;
  if (onQuery) {
    // drizzle's logger does not see the BEGIN and COMMIT PGlite sends for a transaction.
    const transaction = db.transaction.bind(db);
    db.transaction = ((fn, config) => {
      onQuery('begin');
      return transaction(fn, config).finally(() => onQuery('commit'));
    }) as typeof db.transaction;
  }
  return {
    db,
    kind: 'pglite',
    pglite: client,
    rows: (query) => execRows(db, query),
    migrate: () => migratePglite(db as never, { migrationsFolder: MIGRATIONS_FOLDER }),
    close: () => client.close(),
  };
}

/** Statement texts counted for preparing; past this many distinct texts the count starts again (a bound, never reached by the app's own queries). */
const SEEN_TEXTS = 1000;

/**
 * The postgres.js client drizzle is given, preparing the statements this process runs again
 * and again. Drizzle asks postgres.js for an unnamed statement every time, and postgres.js
 * runs an unnamed statement that has parameters in two round trips (Parse and Describe, to
 * learn the parameters' types, then Bind and Execute), with PostgreSQL parsing and planning
 * it anew each time. A text seen before (every repository query, however its values change)
 * is prepared once per connection instead: one round trip, and PostgreSQL may keep its plan.
 * A text seen once (a cursor's random name, a list written into the SQL) is never prepared,
 * so each connection's statement cache holds only the app's own fixed queries. Statements in
 * a transaction are counted and prepared alike. Each connection plans every execution for
 * its own values (plan_cache_mode = force_custom_plan, set in openPostgres): PostgreSQL's
 * generic plan, chosen after five runs, guesses at a bounding box's selectivity, and on a
 * million reports made uncached tiles 30% slower than planning each one.
 */
function preparingRepeats(client: postgres.Sql, seen = new Map<string, number>()): postgres.Sql {
  const repeated = (text: string) => {
    const n = (seen.get(text) ?? 0) + 1;
    if (seen.size >= SEEN_TEXTS && n === 1) seen.clear();
    seen.set(text, n);
    return n > 1;
  };
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === 'unsafe') {
        return (text: string, params?: unknown[], options?: { prepare?: boolean }) => target.unsafe(text, params as never, params?.length && repeated(text) ? { ...options, prepare: true } : options);
      }
      // A transaction's (or savepoint's) statements run on the client it hands its body.
      if (prop === 'begin' || prop === 'savepoint') {
        return (...args: unknown[]) => {
          const body = args.pop() as (tx: postgres.Sql) => unknown;
          return (target as unknown as Record<string, (...a: unknown[]) => unknown>)[prop]!(...args, (tx: postgres.Sql) => body(preparingRepeats(tx, seen)));
        };
      }
      return Reflect.get(target, prop, receiver);
    },
  });
}

/**
 * A postgres.js pool and drizzle over it, as every PostgreSQL connection of the app is made
 * (the primary's and each replica's): notices ("extension already exists, skipping") are
 * noise in the logs, not news; a server that does not answer within connect_timeout is
 * reported (503) rather than waited for; repeated statements prepared, each run planned for
 * its values (preparingRepeats).
 */
export function openPostgres(url: string, max: number, onQuery?: (statement: string) => void): { client: postgres.Sql; db: Db } {
  const client = postgres(url, {
    max,
    onnotice: () => {},
    connect_timeout: CONNECT_TIMEOUT_SECONDS,
    connection: { plan_cache_mode: 'force_custom_plan' },
    ...(onQuery ? { debug: (_c: number, q: string) => onQuery(q) } : {}),
  });
  return { client, db: drizzlePostgres(preparingRepeats(client), { schema }) as unknown as Db };
}

async function connectPostgres(url: string, max: number, onQuery?: (statement: string) => void): Promise<Database> {
  const { client, db } = openPostgres(url, max, onQuery);
  return {
    db,
    kind: 'postgres',
    url,
    rows: (query) => execRows(db, query),
    migrate: () => migratePostgres(db as never, { migrationsFolder: MIGRATIONS_FOLDER }),
    close: () => client.end({ timeout: 5 }),
  };
}
