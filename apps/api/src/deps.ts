import type { Logger } from 'pino';
import type { Database, ReadPool } from '@groundswell/db';
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
  /** The primary: every write, and every read that must see its own writes. */
  database: Database;
  /**
   * Where read-only public work reads (tiles, exports, OGC API, Open311 GET, feeds, public
   * insight): a streaming replica within the lag bound (DATABASE_REPLICA_URL), else the
   * primary. Absent: the primary. Take it through readsFrom().
   */
  readDatabase?: Database;
  /** The replicas behind readDatabase, for health and metrics; absent or size 0 without replicas. */
  replicas?: ReadPool;
  config: Config;
  logger: Logger;
  clock: Clock;
  storage: Storage;
  mailer: Mailer;
  jobs: Jobs;
}

/**
 * The database for one piece of read-only work that may be a few seconds behind: a healthy
 * replica when there is one, the same one for all of its statements (take it once per
 * request). Never for writes, leases or anything read back right after a write.
 */
export function readsFrom(deps: Pick<AppDeps, 'database' | 'readDatabase' | 'replicas'>): Database {
  return deps.replicas?.size ? deps.replicas.session() : (deps.readDatabase ?? deps.database);
}
