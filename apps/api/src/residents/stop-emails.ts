import { stopResidentMail, recordAudit } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';
import type { Resident } from './resident.ts';

/**
 * "Stop all emails": every follow of the address ends and its reports are marked as not
 * wanting mail. Audited with counts only, never the address.
 */
export async function stopAllEmails(deps: AppDeps, resident: Resident): Promise<{ follows: number; reports: number }> {
  const now = deps.clock.now();
  const result = await stopResidentMail(deps.database, resident.email, now);
  await recordAudit(deps.database, { staffId: null, action: 'resident_stopped_emails', targetType: 'resident', payload: result, at: now });
  return result;
}
