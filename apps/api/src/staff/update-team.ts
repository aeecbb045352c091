import { DomainError, type StaffActor, type TeamUpdate } from '@groundswell/core';
import { recordAudit, type TeamRow, updateTeam as writeTeam } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';

/** Renames a team (in each language) or changes its mailbox; the audit log keeps what was set. */
export async function updateTeam(deps: AppDeps, actor: StaffActor, id: number, input: TeamUpdate): Promise<TeamRow> {
  const team = await writeTeam(deps.database, id, input);
  if (!team) throw new DomainError('not_found', 'No such team', [{ field: 'id', message: 'Unknown team' }]);
  await recordAudit(deps.database, { staffId: actor.id, action: 'team_updated', targetType: 'team', targetId: team.code, payload: { ...input }, at: deps.clock.now() });
  return team;
}
