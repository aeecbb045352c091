import { DomainError, type StaffActor } from '@groundswell/core';
import { disableStaff as markDisabled, recordAudit } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';

/** An admin disables an account, ending all its sessions; never their own. */
export async function disableStaff(deps: AppDeps, actor: StaffActor, staffId: string): Promise<void> {
  const { database, clock } = deps;
  if (staffId === actor.id) throw new DomainError('conflict', 'You cannot disable your own account');
  if (!(await markDisabled(database, staffId, clock.now()))) throw new DomainError('not_found', 'No such staff account');
  await recordAudit(database, { staffId: actor.id, action: 'staff_disabled', targetType: 'staff', targetId: staffId, at: clock.now() });
}
