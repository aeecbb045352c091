/**
 * Database dump and load for backups, per engine. PostgreSQL is dumped by `pg_dump` inside an
 * exported snapshot, so the rows counted and the photo keys listed here are exactly the rows
 * in the dump; PGlite is dumped as its data directory (`dumpDataDir`). The archive around
 * them (manifest, photos) is the API's business (apps/api/src/ops).
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { connect, execRows, MIGRATIONS_FOLDER, type Database, type Executor } from './connect.ts';

/** How much of a dump tool's error output to keep for the message. */
const STDERR_TAIL_CHARS = 4_000;

export interface MigrationLevel {
  /** The drizzle migration tag, e.g. `0009_staff_passwords`. */
  tag: string;
  /** The migration's `when` in drizzle's journal, which drizzle stores as `created_at`. */
  when: number;
}

export interface DatabaseContents {
  migration: MigrationLevel | null;
  counts: { reports: number; events: number; photos: number };
  /** Every photo row's storage key (the files are `<key>-display.jpg` and `<key>-thumbnail.jpg`). */
  photoKeys: string[];
}

export interface DumpResult extends DatabaseContents {
  engine: Database['kind'];
  /** The server's version (PostgreSQL) or the engine's (PGlite), for the manifest. */
  serverVersion: string;
  /** The tool that made the dump: `pg_dump (PostgreSQL) 15.20` or `pglite dumpDataDir`. */
  dumpTool: string;
}

/** The migrations this code knows, oldest first. */
export function knownMigrations(): MigrationLevel[] {
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: Array<{ tag: string; when: number }> };
  return journal.entries.map((e) => ({ tag: e.tag, when: e.when }));
}

async function migrationLevel(tx: Executor): Promise<MigrationLevel | null> {
  const [table] = await execRows<{ t: string | null }>(tx, sql`select to_regclass('drizzle.__drizzle_migrations')::text as t`);
  if (!table?.t) return null;
  const [row] = await execRows<{ when: string | null }>(tx, sql`select max(created_at)::text as when from drizzle.__drizzle_migrations`);
  if (!row?.when) return null;
  const when = Number(row.when);
  return knownMigrations().find((m) => m.when === when) ?? { tag: `unknown (${when})`, when };
}

/** What a backup promises to hold: counted in the same snapshot as the dump when given its transaction. */
export async function databaseContents(tx: Executor): Promise<DatabaseContents> {
  const [counts] = await execRows<{ reports: number; events: number; photos: number }>(
    tx,
    sql`select (select count(*)::int from reports) as reports, (select count(*)::int from report_events) as events, (select count(*)::int from photos) as photos`,
  );
  const keys = await execRows<{ storage_key: string }>(tx, sql`select storage_key from photos order by storage_key`);
  return {
    migration: await migrationLevel(tx),
    counts: { reports: Number(counts!.reports), events: Number(counts!.events), photos: Number(counts!.photos) },
    photoKeys: keys.map((k) => k.storage_key),
  };
}

/** Dumps the database to `file`: `pg_dump --format=custom` on PostgreSQL, a gzipped data-dir tarball on PGlite. */
export async function dumpDatabase(database: Database, file: string): Promise<DumpResult> {
  if (database.kind === 'pglite') return dumpPglite(database, file);
  const pgDump = await pgTool('pg_dump');
  const serverMajor = await checkToolVersion(database, pgDump);
  // An exported snapshot: pg_dump sees exactly what this read-only transaction sees, so the
  // counts and photo keys below describe the dump, whatever the server writes meanwhile.
  return database.db.transaction(
    async (tx) => {
      const [snap] = await execRows<{ id: string; version: string }>(tx, sql`select pg_export_snapshot() as id, current_setting('server_version') as version`);
      const contents = await databaseContents(tx);
      await run(pgDump.path, ['--format=custom', `--snapshot=${snap!.id}`, `--file=${file}`, ...connectionArgs(database.url!)], connectionEnv(database.url!));
      return { ...contents, engine: 'postgres' as const, serverVersion: `${snap!.version} (major ${serverMajor})`, dumpTool: pgDump.version };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

async function dumpPglite(database: Database, file: string): Promise<DumpResult> {
  const client = database.pglite!;
  // PGlite is one connection in this process: nothing else runs between the count and the dump
  // when the caller holds the data dir alone (the CLI checks the server is stopped).
  const contents = await databaseContents(database.db);
  const [v] = await database.rows<{ version: string }>(sql`select current_setting('server_version') as version`);
  const dump = await client.dumpDataDir('gzip');
  await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  return { ...contents, engine: 'pglite', serverVersion: `${v!.version} (PGlite)`, dumpTool: 'pglite dumpDataDir (gzip)' };
}

/** Where PGlite keeps its files under DATA_DIR (as connect() lays it out). */
export function pgliteDir(dataDir: string): string {
  return join(dataDir, 'pglite');
}

/**
 * PGlite writes `postmaster.pid` in its data dir while it is open and removes it on close, but
 * lets a second process open the same dir (and then corrupt it). A pid file means a server is
 * running, or one stopped without closing the database.
 */
export function pgliteInUse(dataDir: string): boolean {
  return existsSync(join(pgliteDir(dataDir), 'postmaster.pid'));
}

function pgliteHasData(dataDir: string): boolean {
  return existsSync(join(pgliteDir(dataDir), 'PG_VERSION'));
}

export class BackupRefused extends Error {}

export interface RestoreOptions {
  /** Wipe what the target holds first (PostgreSQL: every non-system schema; PGlite: the data dir is moved aside). */
  replace: boolean;
}

/**
 * Opens a PGlite database loaded from a data-dir dump. `memory://` loads it in memory (tests);
 * a DATA_DIR must hold no database unless `replace`, and then the old one is moved aside, not deleted.
 */
export async function restorePglite(dataDir: string, dumpFile: string, options: RestoreOptions): Promise<{ database: Database; movedAside?: string }> {
  const blob = new Blob([await readFile(dumpFile)]);
  if (dataDir.startsWith('memory://')) return { database: await connect({ dataDir, loadDataDir: blob }) };
  if (pgliteInUse(dataDir)) throw new BackupRefused(`${pgliteDir(dataDir)} is in use (postmaster.pid): stop the server first`);
  let movedAside: string | undefined;
  if (existsSync(pgliteDir(dataDir)) && readdirSync(pgliteDir(dataDir)).length) {
    if (!options.replace || !pgliteHasData(dataDir)) throw new BackupRefused(`${pgliteDir(dataDir)} already holds a database: pass --replace to move it aside and restore in its place`);
    movedAside = `${pgliteDir(dataDir)}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    await rename(pgliteDir(dataDir), movedAside);
  }
  return { database: await connect({ dataDir, loadDataDir: blob }), ...(movedAside ? { movedAside } : {}) };
}

/** Tables outside the system schemas that no extension owns: zero means the database is empty. */
export async function userTableCount(database: Database): Promise<number> {
  const [row] = await database.rows<{ n: number }>(sql`
    select count(*)::int as n from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\_%'
      and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')`);
  return Number(row!.n);
}

/**
 * Loads a `pg_dump --format=custom` file into the database at `url`, in one transaction, so a
 * failed restore leaves the (empty or wiped) target as it was. The caller migrates afterwards.
 */
export async function restorePostgres(url: string, dumpFile: string, options: RestoreOptions): Promise<void> {
  const pgRestore = await pgTool('pg_restore');
  const target = await connect({ databaseUrl: url, maxConnections: 1 });
  try {
    if ((await userTableCount(target)) > 0) {
      if (!options.replace) throw new BackupRefused('The target database is not empty: pass --replace to wipe it first, or restore into a new database');
      await wipePostgres(target);
    }
  } finally {
    await target.close();
  }
  // Only an extension's owner may comment on it, and on a managed server (RDS, Cloud SQL) the
  // app's role is not: leave the extension comments out rather than fail the whole restore.
  const { stdout: toc } = await execFileAsync(pgRestore.path, ['--list', dumpFile], { maxBuffer: 256 * 1024 * 1024 });
  const list = `${dumpFile}.list`;
  await writeFile(
    list,
    toc
      .split('\n')
      .filter((line) => !/ COMMENT - EXTENSION /.test(line))
      .join('\n'),
  );
  const args = ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', `--use-list=${list}`];
  await run(pgRestore.path, [...args, ...connectionArgs(url), dumpFile], connectionEnv(url));
}

/** Drops every schema but the system ones (public with PostGIS, drizzle, pgboss, ...) and gives back an empty public. */
async function wipePostgres(database: Database): Promise<void> {
  const schemas = await database.rows<{ name: string }>(sql`
    select nspname as name from pg_namespace where nspname not in ('pg_catalog', 'information_schema', 'pg_toast') and nspname not like 'pg\_%'`);
  await database.db.transaction(async (tx) => {
    for (const s of schemas) await tx.execute(sql`drop schema if exists ${sql.identifier(s.name)} cascade`);
    await tx.execute(sql`create schema public`);
  });
}

// --- PostgreSQL client tools ---------------------------------------------------------------

interface PgTool {
  path: string;
  version: string;
  major: number;
}

const execFileAsync = promisify(execFile);

/** `pg_dump`/`pg_restore` from PATH, else Debian's versioned folders (newest first). */
export async function pgTool(name: 'pg_dump' | 'pg_restore'): Promise<PgTool> {
  const candidates: string[] = [name];
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const v of versions) candidates.push(join(debian, v, 'bin', name));
  }
  for (const path of candidates) {
    try {
      const { stdout } = await execFileAsync(path, ['--version']);
      const major = Number(/(\d+)(\.\d+)?/.exec(stdout)?.[1]);
      if (major) return { path, version: stdout.trim(), major };
    } catch {
      // not this one
    }
  }
  throw new BackupRefused(`${name} was not found on PATH nor in ${debian}/*/bin: install the PostgreSQL client (Debian: postgresql-client) of the server's major version or newer`);
}

async function checkToolVersion(database: Database, tool: PgTool): Promise<number> {
  const [row] = await database.rows<{ n: string }>(sql`select current_setting('server_version_num') as n`);
  const serverMajor = Math.floor(Number(row!.n) / 10000);
  if (tool.major < serverMajor) {
    throw new BackupRefused(
      `${tool.path} is ${tool.version}, older than the server (PostgreSQL ${serverMajor}); a pg_dump older than the server cannot dump it. Install postgresql-client-${serverMajor} or newer`,
    );
  }
  return serverMajor;
}

/** The URL without its password, which goes in PGPASSWORD so it never shows in the process list. */
function connectionArgs(url: string): string[] {
  const u = new URL(url);
  u.password = '';
  return [`--dbname=${u.toString()}`];
}

function connectionEnv(url: string): NodeJS.ProcessEnv {
  const password = decodeURIComponent(new URL(url).password);
  return { ...process.env, ...(password ? { PGPASSWORD: password } : {}) };
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-STDERR_TAIL_CHARS);
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${command.split('/').pop()} failed (exit ${code}): ${stderr.trim()}`))));
  });
}
