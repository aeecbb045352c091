import { pruneMentions } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';
import { deleteStoredFiles } from '../storage/storage.ts';

/**
 * Listening retention (hourly, with the other housekeeping): mentions that became no report
 * go after LISTENING_RETENTION_DAYS, with their waiting photos; those on a closed report keep
 * only their text, link and time (the report has its own copies of the photos).
 */
export async function pruneListening(deps: Pick<AppDeps, 'database' | 'clock' | 'config' | 'storage' | 'logger'>) {
  const before = new Date(deps.clock.now().getTime() - deps.config.listening.retentionDays * 86_400_000);
  const { deleted, scrubbed, photoKeys } = await pruneMentions(deps.database, before);
  await deleteStoredFiles(deps, photoKeys, 'a mention photo');
  if (deleted || scrubbed) deps.logger.info({ deleted, scrubbed }, 'listening retention');
  return { deleted, scrubbed };
}
