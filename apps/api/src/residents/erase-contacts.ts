import { eraseResidentContacts, recordAudit } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';
import type { Resident } from './resident.ts';

/**
 * "Erase my contact details": the reports stay, anonymous, with their public face unchanged;
 * the contact details on them, every follow and every session of the address go. Written to
 * the audit log as counts, without the address (keeping it would undo the erasure).
 */
export async function eraseMyContacts(deps: AppDeps, resident: Resident): Promise<{ reports: number; follows: number }> {
  const now = deps.clock.now();
  const { reports, follows, sessions } = await eraseResidentContacts(deps.database, resident.email);
  await recordAudit(deps.database, { staffId: null, action: 'resident_erased_contacts', targetType: 'resident', payload: { reports, follows, sessions }, at: now });
  return { reports, follows };
}
