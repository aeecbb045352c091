import { randomBytes } from 'node:crypto';
import { DomainError, RECOVERY_CODES, formatRecoveryCode, readSecondFactor, type StaffActor } from '@groundswell/core';
import { confirmTotp, findStaffById, recordAudit, totpState } from '@groundswell/db';
import type { AppDeps } from '../../deps.ts';
import { hashToken } from '../tokens.ts';
import { matchingStep, totpFor } from './totp.ts';

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

function newRecoveryCode(): string {
  const length = RECOVERY_CODES.groups * RECOVERY_CODES.groupLength;
  return [...randomBytes(length)].map((b) => BASE32[b % 32]).join('');
}

/**
 * A code from the app proves it holds the pending secret: the second factor is on, and the
 * recovery codes are shown this once (only their hashes are kept).
 */
export async function confirmTotpEnrolment(deps: Pick<AppDeps, 'database' | 'config' | 'clock'>, actor: StaffActor, typed: string): Promise<{ recoveryCodes: string[] }> {
  const now = deps.clock.now();
  const [staff, state] = await Promise.all([findStaffById(deps.database, actor.id), totpState(deps.database, actor.id)]);
  if (!staff || !state?.pendingSecret) throw new DomainError('conflict', 'Start setting up the authenticator app first', [{ field: 'code', message: 'Nothing is being set up' }]);
  const input = readSecondFactor(typed);
  const step = input.kind === 'totp' ? matchingStep(totpFor(state.pendingSecret, staff.email, deps.config.siteName), input.code, now) : undefined;
  if (step === undefined)
    throw new DomainError('validation_failed', 'That code does not match: check the time on your phone and type the code the app shows now', [
      { field: 'code', message: 'Not the code the app shows now' },
    ]);
  const codes = Array.from({ length: RECOVERY_CODES.count }, newRecoveryCode);
  if (!(await confirmTotp(deps.database, actor.id, step, codes.map(hashToken), now))) throw new DomainError('conflict', 'Start setting up the authenticator app first');
  await recordAudit(deps.database, { staffId: actor.id, action: 'second_factor_enabled', targetType: 'staff', targetId: actor.id, at: now });
  return { recoveryCodes: codes.map(formatRecoveryCode) };
}
