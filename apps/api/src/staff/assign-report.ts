import { DomainError, assigneeAfter, canBeAssigned, type StaffActor } from '@groundswell/core';
import { addEvent, setReportTeam, staffMember, teamByCode } from '@groundswell/db';
import { act, type ActDeps } from './act.ts';

export interface AssignInput {
  id: string;
  team?: string | undefined;
  assigneeId?: string | null | undefined;
}

export async function assignReport(deps: ActDeps, actor: StaffActor, input: AssignInput) {
  return act(deps, actor, input.id, async (tx, r, at) => {
    let teamId = r.teamId;
    let teamName: string | undefined;
    if (input.team !== undefined) {
      const team = await teamByCode(tx, input.team);
      if (!team) throw new DomainError('validation_failed', `There is no team "${input.team}"`, [{ field: 'body.team', message: 'Unknown team' }]);
      teamId = team.id;
      teamName = team.name;
    }
    let assigneeName: string | null = null;
    if (input.assigneeId) {
      const officer = await staffMember(tx, input.assigneeId);
      if (!officer || !canBeAssigned(officer, teamId)) {
        throw new DomainError('validation_failed', "That person does not work for the report's team", [{ field: 'body.assigneeId', message: 'Choose someone in the team' }]);
      }
      assigneeName = officer.name;
    }
    await setReportTeam(tx, r.id, { teamId, assigneeId: assigneeAfter(r.teamId, teamId, input.assigneeId) });
    await addEvent(tx, { reportId: r.id, kind: 'assigned', public: false, actor, payload: { teamId, team: teamName ?? null, assigneeId: input.assigneeId ?? null, assignee: assigneeName }, at });
    return { teamId, assigneeId: input.assigneeId ?? null };
  });
}
