import pino, { type Logger } from 'pino';
import { demoDecision } from '@groundswell/core';
import { attachExistingReports, connect, hasCategories, openReadPool, type Database, type ReadPool } from '@groundswell/db';
import { demoLoaded, loadDemo } from '@groundswell/db/demo';
import type { Config } from './config.ts';
import { systemClock, type AppDeps } from './deps.ts';
import { DiskStorage } from './storage/storage.ts';
import { DEMO_STAFF, loadDemoStaff } from './staff/demo-staff.ts';
import { createMailer } from './mail/mailer.ts';
import { createJobs } from './jobs/queue.ts';

/** Opens and migrates the database, loading the demo where the config asks for it. */
export async function openDatabase(config: Config, logger: Logger): Promise<Database> {
  const started = performance.now();
  const database = await connect(config.databaseUrl ? { databaseUrl: config.databaseUrl, maxConnections: config.poolSize } : { dataDir: config.dataDir });
  await database.migrate();
  logger.info({ kind: database.kind, ms: Math.round(performance.now() - started) }, 'database ready');
  const loaded = await demoLoaded(database);
  const decision = demoDecision({
    setting: config.demoData,
    embedded: database.kind === 'pglite',
    publicUrl: config.publicUrl,
    // auto never mixes the demo with a council's own data: only a brand-new database.
    freshDatabase: !loaded && !(await hasCategories(database)),
    loaded: loaded !== undefined,
  });
  if (decision.load && !loaded) await loadDemoData(database, decision.passwords, logger);
  if (decision.warn) {
    logger.warn(
      { demoAccounts: DEMO_STAFF.map((s) => s.email) },
      'DEMO DATA IS LOADED ON THIS SERVER: invented reports and staff accounts that anyone who reads the README may know of. Remove them with `pnpm cli demo remove` before real use.',
    );
  }
  return database;
}

/** Loads the demo and its staff; generated passwords are shown once, here, and never again. */
export async function loadDemoData(database: Database, passwords: 'published' | 'generated', logger: Logger): Promise<void> {
  const t = performance.now();
  const summary = await loadDemo(database, { now: systemClock.now() });
  const staff = await loadDemoStaff(database, passwords);
  // The demo writes reports directly; attach its ditch-line reports as a resident's would be.
  const attached = await attachExistingReports(database);
  logger.info({ ...summary, staff: staff.length, attached, ms: Math.round(performance.now() - t) }, 'demo data loaded');
  if (passwords === 'generated' && staff.length) {
    logger.warn({ accounts: staff }, 'Demo staff accounts were created with these one-time passwords; write them down now, they are not shown again');
  }
}

export function createLogger(config: Config): Logger {
  return pino({ level: config.logLevel, base: { service: 'groundswell-api' } });
}

/** The read replicas (DATABASE_REPLICA_URL), checked now and every few seconds; each change of state is logged. */
export async function openReplicas(config: Config, database: Database, logger: Logger): Promise<ReadPool> {
  if (config.replicas.urls.length && database.kind === 'pglite') logger.warn('DATABASE_REPLICA_URL is ignored: the embedded database has no replicas (set DATABASE_URL)');
  const replicas = await openReadPool(database, config.replicas.urls, {
    maxLagSeconds: config.replicas.maxLagSeconds,
    onChange: (status, before) => {
      const line = { replica: status.name, state: status.state, before, lagSeconds: status.lagSeconds, error: status.error };
      if (status.state === 'ok') logger.info(line, 'read replica in use');
      else logger.warn(line, `read replica ${status.state}: its reads go to the primary`);
    },
  });
  replicas.start();
  return replicas;
}

export async function buildDeps(config: Config): Promise<AppDeps> {
  const logger = createLogger(config);
  const database = await openDatabase(config, logger);
  const replicas = await openReplicas(config, database, logger);
  const mailer = createMailer({ smtpUrl: config.smtpUrl, dataDir: config.dataDir, from: config.mailFrom });
  const jobs = createJobs(database, mailer, logger);
  return { config, logger, database, readDatabase: replicas.database, replicas, clock: systemClock, storage: new DiskStorage(config.dataDir), mailer, jobs };
}
