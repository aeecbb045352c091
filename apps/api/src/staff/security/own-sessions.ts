import { DomainError, type StaffActor } from '@groundswell/core';
import { endOwnSession as deleteOwnSession, listSessions, recordAudit, type SessionRow } from '@groundswell/db';
import type { AppDeps } from '../../deps.ts';

/** The account's live sessions (device, when last used), the one asking marked as current. */
export function listOwnSessions(deps: Pick<AppDeps, 'database' | 'clock'>, actor: StaffActor, currentHash: string): Promise<SessionRow[]> {
  return listSessions(deps.database, actor.id, currentHash, deps.clock.now());
}

/** Ends one of the account's own sessions (a lost laptop); never another account's. */
export async function endOwnSession(deps: Pick<AppDeps, 'database' | 'clock'>, actor: StaffActor, id: string): Promise<void> {
  if (!(await deleteOwnSession(deps.database, actor.id, id))) throw new DomainError('not_found', 'No such session of yours', [{ field: 'path.id', message: 'Not one of your sessions' }]);
  await recordAudit(deps.database, { staffId: actor.id, action: 'session_ended', targetType: 'staff', targetId: actor.id, at: deps.clock.now() });
}
