import { mustEnrolSecondFactor, type StaffActor } from '@groundswell/core';
import { totpState } from '@groundswell/db';
import type { AppDeps } from '../../deps.ts';

export interface SecondFactorStatus {
  enabled: boolean;
  /** The account may do nothing else until it sets one up (ADMIN_SECOND_FACTOR=required, for administrators). */
  required: boolean;
  recoveryCodesLeft: number;
}

export async function secondFactorStatus(deps: Pick<AppDeps, 'database' | 'config'>, actor: Pick<StaffActor, 'id' | 'role'>): Promise<SecondFactorStatus> {
  const state = await totpState(deps.database, actor.id);
  const enabled = !!state?.secret;
  // The rule is for local accounts: one the council's directory signs in has its second factor there.
  const required = mustEnrolSecondFactor(actor.role, enabled || !!state?.directory, deps.config.adminSecondFactor);
  return { enabled, required, recoveryCodesLeft: enabled ? (state?.recoveryCodesLeft ?? 0) : 0 };
}
