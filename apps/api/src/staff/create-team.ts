import { DomainError, type StaffActor, type TeamCreate } from '@groundswell/core';
import { insertTeam, recordAudit, type TeamRow } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';

/** A new team for routing, remits and hand-off; its code can never be reused for another. */
export async function createTeam(deps: AppDeps, actor: StaffActor, input: TeamCreate): Promise<TeamRow> {
  const team = await insertTeam(deps.database, { code: input.code, name: input.name, names: input.names, email: input.email });
  if (!team) throw new DomainError('conflict', 'A team with this code already exists', [{ field: 'code', message: 'This code is taken' }]);
  await recordAudit(deps.database, {
    staffId: actor.id,
    action: 'team_created',
    targetType: 'team',
    targetId: team.code,
    payload: { name: team.name, names: team.names, email: team.email },
    at: deps.clock.now(),
  });
  return team;
}
