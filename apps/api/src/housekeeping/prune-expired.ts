import { pruneBefore } from '@groundswell/core';
import { pruneExpired as deleteExpired } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';

/** The hourly housekeeping pass: bookkeeping rows past their retention go. */
export async function pruneExpired(deps: Pick<AppDeps, 'database' | 'clock' | 'logger'>) {
  const now = deps.clock.now();
  const pruned = await deleteExpired(deps.database, pruneBefore(now), now);
  deps.logger.info({ pruned }, 'housekeeping');
  return pruned;
}
