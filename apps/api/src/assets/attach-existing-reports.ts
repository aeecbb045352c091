import { DomainError, isAdmin, type StaffActor } from '@groundswell/core';
import { attachExistingReports as attachAll } from '@groundswell/db';
import type { AssetDeps } from './deps.ts';

/** Attaches line reports made before their segment was mapped (or before the rule existed). Administrators only. */
export async function attachExistingReports(deps: AssetDeps, actor: StaffActor): Promise<{ attached: number }> {
  if (!isAdmin(actor)) throw new DomainError('forbidden', 'Only an administrator can do this');
  return { attached: await attachAll(deps.database) };
}
