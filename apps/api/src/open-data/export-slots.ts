import { randomUUID } from 'node:crypto';
import { EXPORT_SLOTS } from '@groundswell/core';
import { releaseLease, renewLease, takeLease } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';

/** A held slot lasts this long without a sign of life, so a process that dies frees its slots. */
const LEASE_SECONDS = 120;
/** A streaming export renews its lease when the last renewal is older than this. */
const RENEW_AFTER_SECONDS = 40;

export interface ExportSlot {
  /** Extends the lease when it is due; cheap to call for every chunk. */
  keepAlive(): Promise<void>;
  release(): Promise<void>;
}

/**
 * One of the `EXPORT_SLOTS` export slots, shared by every API process on the database (a
 * lease row each). Each export holds a database connection (a cursor in a transaction) for as
 * long as its client reads, so more wait for a 503 rather than take the whole pool.
 * Undefined when all are held.
 */
export async function takeExportSlot(deps: Pick<AppDeps, 'database' | 'clock' | 'logger'>): Promise<ExportSlot | undefined> {
  const { database, clock, logger } = deps;
  const holder = randomUUID();
  const until = () => new Date(clock.now().getTime() + LEASE_SECONDS * 1000);
  const key = await takeLease(database, 'export', EXPORT_SLOTS, holder, clock.now(), until());
  if (!key) return undefined;
  let renewedAt = clock.now().getTime();
  let released: Promise<void> | undefined;
  return {
    async keepAlive() {
      if (released || clock.now().getTime() - renewedAt < RENEW_AFTER_SECONDS * 1000) return;
      renewedAt = clock.now().getTime();
      if (!(await renewLease(database, key, holder, until()))) logger.warn({ slot: key }, 'an export outlived its slot lease');
    },
    release() {
      released ??= releaseLease(database, key, holder);
      return released;
    },
  };
}
