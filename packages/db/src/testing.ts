/**
 * Test databases. Migrating PGlite+PostGIS from nothing takes about ten seconds, so a run
 * migrates one template (vitest globalSetup) and every test file starts from a copy:
 * a PGlite dump loaded into memory, or `CREATE DATABASE … TEMPLATE` on PostgreSQL.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { connect, MIGRATIONS_FOLDER, type ConnectOptions, type Database } from './connect.ts';

/** Raw SQL for tests that arrange or inspect rows directly; the package itself exports only repositories. */
export { sql } from 'drizzle-orm';

const CACHE_DIR = fileURLToPath(new URL('../../../.tmp', import.meta.url));

function migrationsHash(): string {
  const h = createHash('sha256');
  for (const f of readdirSync(MIGRATIONS_FOLDER).sort()) {
    if (f.endsWith('.sql')) h.update(f).update(readFileSync(join(MIGRATIONS_FOLDER, f)));
  }
  return h.digest('hex').slice(0, 16);
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Runs once per test run: returns where the migrated template is. */
export async function prepareTemplate(databaseUrl = process.env.DATABASE_URL): Promise<string> {
  if (databaseUrl) {
    const name = `${new URL(databaseUrl).pathname.slice(1) || 'postgres'}_tpl_${migrationsHash()}`;
    const admin = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    try {
      const [exists] = await admin`select 1 from pg_database where datname = ${name}`;
      if (!exists) {
        await admin.unsafe(`create database "${name}"`);
        const db = await connect({ databaseUrl: withDatabase(databaseUrl, name), maxConnections: 1 });
        await db.migrate();
        await db.close();
      }
    } finally {
      await admin.end();
    }
    return name;
  }
  mkdirSync(CACHE_DIR, { recursive: true });
  const file = join(CACHE_DIR, `pglite-template-${migrationsHash()}.tar`);
  if (!existsSync(file)) {
    const db = await connect({ dataDir: 'memory://' });
    await db.migrate();
    const client = (db.db as unknown as { $client: { dumpDataDir(c: 'none'): Promise<Blob> } }).$client;
    const dump = await client.dumpDataDir('none');
    writeFileSync(`${file}.part`, Buffer.from(await dump.arrayBuffer()));
    await db.close();
    const { renameSync } = await import('node:fs');
    renameSync(`${file}.part`, file);
  }
  return file;
}

/** A fresh, migrated, empty database for one test file; `close()` disposes of it. */
export async function openTestDatabase(template: string, databaseUrl = process.env.DATABASE_URL, options: Pick<ConnectOptions, 'onQuery'> = {}): Promise<Database> {
  if (databaseUrl) {
    const name = `${template}_${randomBytes(4).toString('hex')}`.slice(0, 63);
    const admin = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}" template "${template}"`);
    const db = await connect({ databaseUrl: withDatabase(databaseUrl, name), maxConnections: 4, ...options });
    return {
      ...db,
      async close() {
        await db.close();
        await admin.unsafe(`drop database if exists "${name}" with (force)`);
        await admin.end();
      },
    };
  }
  const blob = new Blob([readFileSync(template)]);
  return connect({ dataDir: 'memory://', loadDataDir: blob, ...options });
}
