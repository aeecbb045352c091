import { CLOSED_STATES, personalDataCutoffs } from '@groundswell/core';
import { erasePersonalData, recordAudit } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';

/**
 * The scheduled retention run: residents' personal data past its time goes (contact details
 * of long-closed reports, their follows, follows never confirmed or long ended). Every run is
 * logged with its counts; a run that removed anything is also written to the audit log, the
 * record information governance reads.
 */
export async function applyRetention(deps: Pick<AppDeps, 'database' | 'clock' | 'logger' | 'config'>) {
  const now = deps.clock.now();
  const cutoffs = personalDataCutoffs(now, deps.config.contactRetentionMonths);
  const erased = await erasePersonalData(deps.database, cutoffs, CLOSED_STATES);
  deps.logger.info({ erased, contactRetentionMonths: deps.config.contactRetentionMonths }, 'retention run');
  if (Object.values(erased).some((n) => n > 0)) {
    await recordAudit(deps.database, { staffId: null, action: 'retention_run', payload: { ...erased, contactRetentionMonths: deps.config.contactRetentionMonths }, at: now });
  }
  return erased;
}
