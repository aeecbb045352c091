import { DomainError, type Role, type StaffActor } from '@groundswell/core';
import { createStaff as insertStaff, recordAudit } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';
import { hashPassword } from './passwords.ts';

export interface NewStaff {
  email: string;
  name: string;
  role: Role;
  teams: string[];
  password: string;
}

/** An admin opens an account; the email must be new and every team must exist. */
export async function createStaff(deps: AppDeps, actor: StaffActor, input: NewStaff): Promise<{ id: string }> {
  const { database, clock } = deps;
  const result = await insertStaff(database, { email: input.email, name: input.name, role: input.role, teamCodes: input.teams, passwordHash: await hashPassword(input.password) }).catch(
    (err: { code?: string; cause?: { code?: string } }) => {
      // 23505: the unique index on lower(email) refused a second account for the address.
      if (err.code === '23505' || err.cause?.code === '23505') throw new DomainError('conflict', 'There is already an account with this email', [{ field: 'body.email', message: 'Already used' }]);
      throw err;
    },
  );
  if ('unknownTeams' in result) throw new DomainError('validation_failed', `Unknown team ${result.unknownTeams.join(', ')}`, [{ field: 'body.teams', message: 'Unknown team' }]);
  await recordAudit(database, {
    staffId: actor.id,
    action: 'staff_created',
    targetType: 'staff',
    targetId: result.id,
    payload: { email: input.email, role: input.role, teams: input.teams },
    at: clock.now(),
  });
  return { id: result.id };
}
