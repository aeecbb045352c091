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
  return { enabled, required: mustEnrolSecondFactor(actor.role, enabled, deps.config.adminSecondFactor), recoveryCodesLeft: enabled ? (state?.recoveryCodesLeft ?? 0) : 0 };
}
