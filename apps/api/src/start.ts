import pino, { type Logger } from 'pino';
import { attachExistingReports, connect, hasCategories, type Database } from '@groundswell/db';
import { loadDemo } from '@groundswell/db/demo';
import type { Config } from './config.ts';
import { systemClock, type AppDeps } from './deps.ts';
import { DiskStorage } from './storage/storage.ts';
import { loadDemoStaff } from './staff/demo-staff.ts';
import { createMailer } from './mail/mailer.ts';
import { createJobs } from './jobs/queue.ts';

/** Opens and migrates the database, loading the demo where the config asks for it. */
export async function openDatabase(config: Config, logger: Logger): Promise<Database> {
  const started = performance.now();
  const database = await connect(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir });
  await database.migrate();
  logger.info({ kind: database.kind, ms: Math.round(performance.now() - started) }, 'database ready');
  if (await shouldLoadDemo(config, database)) {
    const t = performance.now();
    const summary = await loadDemo(database, { now: systemClock.now() });
    const staff = await loadDemoStaff(database);
    // The demo writes reports directly; attach its ditch-line reports as a resident's would be.
    const attached = await attachExistingReports(database);
    logger.info({ ...summary, staff, attached, ms: Math.round(performance.now() - t) }, 'demo data loaded');
  }
  return database;
}

async function shouldLoadDemo(config: Config, database: Database): Promise<boolean> {
  if (config.demoData === 'off') return false;
  if (config.demoData === 'on') return true;
  // auto: only a brand-new embedded database, so a council's own data is never mixed with it.
  if (database.kind !== 'pglite') return false;
  return !(await hasCategories(database));
}

export function createLogger(config: Config): Logger {
  return pino({ level: config.logLevel, base: { service: 'groundswell-api' } });
}

export async function buildDeps(config: Config): Promise<AppDeps> {
  const logger = createLogger(config);
  const database = await openDatabase(config, logger);
  const mailer = createMailer({ smtpUrl: config.smtpUrl, dataDir: config.dataDir, from: config.mailFrom });
  const jobs = createJobs(database, mailer, logger);
  return { config, logger, database, clock: systemClock, storage: new DiskStorage(config.dataDir), mailer, jobs };
}
