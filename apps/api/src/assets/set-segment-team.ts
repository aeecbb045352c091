import { canSetSegmentTeam, DomainError, type StaffActor } from '@groundswell/core';
import { inAssetTransaction } from '@groundswell/db';
import type { AssetDeps } from './deps.ts';
import { lockSegmentInRemit, retiredSegment } from './live-segment.ts';

/** Gives a live segment to another team (administrators only), written to the audit log with the team it had. */
export function setSegmentTeam(deps: AssetDeps, actor: StaffActor, input: { code: string; team: string }): Promise<{ code: string; team: string }> {
  if (!canSetSegmentTeam(actor)) throw new DomainError('forbidden', 'Only an administrator can do this');
  const now = deps.clock.now();
  return inAssetTransaction(deps.database, async (network) => {
    const a = await lockSegmentInRemit(network, actor, input.code);
    if (a.retired) throw retiredSegment(a.code);
    const team = await network.team(input.team);
    if (!team) throw new DomainError('validation_failed', `There is no team "${input.team}"`, [{ field: 'body.team', message: 'Unknown team' }]);
    await network.setTeam(a.id, team.id);
    await network.audit({ actor, action: 'asset_team', code: a.code, payload: { team: input.team, fromTeamId: a.teamId }, at: now });
    return { code: a.code, team: input.team };
  });
}
