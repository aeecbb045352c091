import { deleteAllSessions, deleteSession, recordAudit } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';

/** Ends the session the request came with. */
export async function signOut(deps: AppDeps, sessionHash: string): Promise<void> {
  await deleteSession(deps.database, sessionHash);
}

/** Ends every session of the account, on every device; written to the audit log. */
export async function signOutEverywhere(deps: AppDeps, staffId: string): Promise<number> {
  const { database, clock } = deps;
  const count = await deleteAllSessions(database, staffId);
  await recordAudit(database, { staffId, action: 'logout_everywhere', payload: { sessions: count }, at: clock.now() });
  return count;
}
