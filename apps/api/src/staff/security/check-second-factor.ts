import { DomainError, readSecondFactor } from '@groundswell/core';
import { recordAudit, takeTotpStep, totpState, useRecoveryCode, type StaffRecord } from '@groundswell/db';
import type { AppDeps } from '../../deps.ts';
import { hashToken } from '../tokens.ts';
import { matchingStep, totpFor } from './totp.ts';

/** The answer when an account with a second factor gave its password but no code yet: the form then asks for one. */
export const codeNeeded = () =>
  new DomainError('unauthorized', 'Enter the code from your authenticator app', [{ field: 'code', message: 'Enter the 6-digit code from your authenticator app, or a recovery code' }]);
const codeWrong = () => new DomainError('unauthorized', 'That code is not right, or was already used', [{ field: 'code', message: 'Not a current code from your app, nor an unused recovery code' }]);

/**
 * After the right password: whether the account has a second factor, and if so that the code
 * is a current TOTP code not used before or an unused recovery code. Throws `codeNeeded` when
 * no code was typed and `codeWrong` when it does not hold; passes for an account without one.
 */
export async function checkSecondFactor(deps: Pick<AppDeps, 'database' | 'config' | 'clock'>, staff: StaffRecord, typed: string | undefined): Promise<void> {
  const state = await totpState(deps.database, staff.id);
  if (!state?.secret) return;
  const now = deps.clock.now();
  const input = readSecondFactor(typed);
  if (input.kind === 'none') throw typed?.trim() ? codeWrong() : codeNeeded();
  if (input.kind === 'totp') {
    const step = matchingStep(totpFor(state.secret, staff.email, deps.config.siteName), input.code, now);
    if (step === undefined || !(await takeTotpStep(deps.database, staff.id, step))) throw codeWrong();
    return;
  }
  if (!(await useRecoveryCode(deps.database, staff.id, hashToken(input.code), now))) throw codeWrong();
  await recordAudit(deps.database, { staffId: staff.id, action: 'recovery_code_used', targetType: 'staff', targetId: staff.id, payload: { left: state.recoveryCodesLeft - 1 }, at: now });
}
