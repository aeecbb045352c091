import type { Logger } from 'pino';
import type { Database } from '@groundswell/db';
import type { Config } from './config.ts';
import type { Storage } from './storage/storage.ts';
import type { Mailer } from './mail/mailer.ts';
import type { Jobs } from './jobs/queue.ts';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Everything the app needs from outside; tests pass their own. */
export interface AppDeps {
  database: Database;
  config: Config;
  logger: Logger;
  clock: Clock;
  storage: Storage;
  mailer: Mailer;
  jobs: Jobs;
}
