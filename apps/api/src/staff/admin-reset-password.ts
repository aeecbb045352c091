import { DomainError, type Locale, type StaffActor } from '@groundswell/core';
import { findStaffById, recordAudit, replacePassword } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';
import { sendResetLink } from './request-password-reset.ts';

/**
 * An administrator resets an officer's password: the old one stops working at once and
 * every session ends (the usual reason is a lost laptop or a shared password), and the
 * officer is emailed a link to choose a new one. The administrator never learns it.
 */
export async function adminResetPassword(deps: AppDeps, actor: StaffActor, staffId: string, locale: Locale): Promise<{ sessionsEnded: number }> {
  const { database, clock } = deps;
  if (staffId === actor.id) throw new DomainError('conflict', 'Use “Change password” for your own account');
  const staff = await findStaffById(database, staffId);
  if (!staff) throw new DomainError('not_found', 'No such staff account');
  if (staff.disabled) throw new DomainError('conflict', 'This account is disabled');
  const sessionsEnded = (await replacePassword(database, staff.id, null, clock.now())) ?? 0;
  await sendResetLink(deps, staff, { requestedBy: actor.id, locale });
  await recordAudit(database, { staffId: actor.id, action: 'staff_password_reset', targetType: 'staff', targetId: staff.id, payload: { sessionsEnded }, at: clock.now() });
  return { sessionsEnded };
}
