import { DomainError, type StaffActor } from '@groundswell/core';
import { clearTotp, deleteAllSessions, recordAudit } from '@groundswell/db';
import type { AppDeps } from '../../deps.ts';

/**
 * An administrator takes another account's second factor away (a lost phone and no recovery
 * codes): its sessions end, it signs in with the password alone and sets up a new app.
 * Administrators cannot reset their own, so one stolen admin password is not enough.
 */
export async function resetSecondFactor(deps: Pick<AppDeps, 'database' | 'clock'>, actor: StaffActor, staffId: string): Promise<{ sessionsEnded: number }> {
  if (staffId === actor.id) throw new DomainError('conflict', 'Another administrator must reset your second factor');
  if (!(await clearTotp(deps.database, staffId))) throw new DomainError('not_found', 'No such staff account');
  const sessionsEnded = await deleteAllSessions(deps.database, staffId);
  await recordAudit(deps.database, { staffId: actor.id, action: 'second_factor_reset', targetType: 'staff', targetId: staffId, payload: { sessionsEnded }, at: deps.clock.now() });
  return { sessionsEnded };
}
