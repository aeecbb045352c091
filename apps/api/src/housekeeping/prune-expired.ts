import { pruneBefore } from '@groundswell/core';
import { pruneExpired as deleteExpired, pruneTileCache } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';

/** The hourly housekeeping pass: bookkeeping rows past their retention go. */
export async function pruneExpired(deps: Pick<AppDeps, 'database' | 'clock' | 'logger'>) {
  const now = deps.clock.now();
  const pruned = await deleteExpired(deps.database, pruneBefore(now), now);
  // Cached tiles: a day's worth stays (an outdated one is never read again, only its space is taken).
  const tileCache = await pruneTileCache(deps.database, new Date(now.getTime() - 86_400_000));
  deps.logger.info({ pruned, tileCache }, 'housekeeping');
  return pruned;
}
