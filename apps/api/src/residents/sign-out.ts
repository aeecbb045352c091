import { deleteResidentSession } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';

/** Ends the session the request came with (by the hash of its cookie); other devices stay signed in. */
export async function signOutResident(deps: AppDeps, sessionHash: string): Promise<void> {
  await deleteResidentSession(deps.database, sessionHash);
}
