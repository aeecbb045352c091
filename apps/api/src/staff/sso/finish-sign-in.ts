import { timingSafeEqual } from 'node:crypto';
import { mapGroups, readGroups } from '@groundswell/core';
import { applyDirectoryGroups, createSsoStaff, findStaffByEmail, findStaffById, findStaffIdByIdentity, linkStaffIdentity, recordAudit, takeSsoAttempt, type StaffRecord } from '@groundswell/db';
import type { AppDeps } from '../../deps.ts';
import { openSession, type SignedIn } from '../sign-in.ts';
import { hashToken } from '../tokens.ts';
import { SsoFailure, type SsoClaims, type SsoProvider } from './provider.ts';
import type { SsoConfig } from './settings.ts';

export interface FinishSsoInput {
  /** The callback as the browser asked for it, on the public URL (the provider compares redirect URIs). */
  callbackUrl: URL;
  /** The state from the browser's cookie: the attempt must be this browser's own. */
  cookieState: string | undefined;
  address: string;
  previousToken?: string | undefined;
  userAgent?: string | undefined;
}

const sameText = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Ends a single sign-on: the attempt is taken once (a replayed callback finds nothing), the
 * provider's answer is verified, the account found by its subject or, the first time, by a
 * verified email (or created, when allowed), its teams and role taken from the directory's
 * groups, and a session opened as a password sign-in opens one. Throws SsoFailure.
 */
export async function finishSsoSignIn(deps: AppDeps, provider: SsoProvider, input: FinishSsoInput): Promise<{ signedIn: SignedIn; next: string }> {
  const sso = deps.config.sso;
  if (!sso) throw new SsoFailure('unavailable', 'Single sign-on is not set up');
  const state = input.callbackUrl.searchParams.get('state') ?? '';
  if (!state || !input.cookieState || !sameText(state, input.cookieState)) throw new SsoFailure('failed', 'The state does not match this browser’s sign-in');
  const attempt = await takeSsoAttempt(deps.database, hashToken(state), deps.clock.now());
  if (!attempt) throw new SsoFailure('failed', 'No open sign-in for this state: expired, or used already');

  // Asked of UserInfo only when the id_token lacks them (Entra ID puts everything in the id_token).
  const wantClaims = ['email', ...(sso.groupsClaim ? [sso.groupsClaim] : [])];
  const claims = await provider.finish(input.callbackUrl, { state, nonce: attempt.nonce, codeVerifier: attempt.codeVerifier, wantClaims });
  let staff = await findAccount(deps, sso, claims);
  if (staff.disabled) throw new SsoFailure('disabled', `The account ${staff.id} is disabled`);

  if (sso.groupsClaim && sso.groupMap.length) {
    const mapped = mapGroups(sso.groupMap, readGroups(claims[sso.groupsClaim]));
    const { unknownTeams } = await applyDirectoryGroups(deps.database, staff.id, mapped);
    if (unknownTeams.length) deps.logger.warn({ unknownTeams }, 'OIDC_GROUP_MAP names teams that do not exist; add them or correct the map');
    const before = staff;
    staff = (await findStaffById(deps.database, staff.id))!;
    // A change of remit or role made by the directory is on the record like one made by an administrator.
    if (before.role !== staff.role || before.teamIds.map(Number).join() !== staff.teamIds.map(Number).join()) {
      const teams = mapped.teams?.filter((t) => !unknownTeams.includes(t));
      await recordAudit(deps.database, {
        staffId: staff.id,
        action: 'staff_directory_groups',
        targetType: 'staff',
        targetId: staff.id,
        payload: { role: staff.role, ...(teams ? { teams } : {}), via: 'sso' },
        at: deps.clock.now(),
      });
    }
  }
  const signedIn = await openSession(deps, staff, input, 'login_sso');
  return { signedIn, next: attempt.next };
}

/** The account for these claims: linked by subject, else by a verified email, else new if allowed. */
async function findAccount(deps: AppDeps, sso: SsoConfig, claims: SsoClaims): Promise<StaffRecord> {
  const { database, clock } = deps;
  const now = clock.now();
  const linked = await findStaffIdByIdentity(database, claims.iss, claims.sub);
  if (linked) {
    await linkStaffIdentity(database, { staffId: linked, issuer: claims.iss, subject: claims.sub, at: now });
    return (await findStaffById(database, linked))!;
  }
  const email = typeof claims.email === 'string' ? claims.email.trim() : '';
  if (!email || !emailVerified(claims)) throw new SsoFailure('unverified', 'The provider did not vouch for an email address');

  let staff = await findStaffByEmail(database, email);
  if (!staff) {
    if (sso.createStaff === 'off') throw new SsoFailure('unknown', 'No account for this email, and OIDC_CREATE_STAFF is off');
    const name = typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim().slice(0, 200) : email;
    const id = await createSsoStaff(database, { email, name, role: sso.createStaff });
    await recordAudit(database, { staffId: id, action: 'staff_created', targetType: 'staff', targetId: id, payload: { email, role: sso.createStaff, via: 'sso' }, at: now });
    staff = (await findStaffById(database, id))!;
  }
  if (staff.disabled) throw new SsoFailure('disabled', `The account ${staff.id} is disabled`);
  if (!(await linkStaffIdentity(database, { staffId: staff.id, issuer: claims.iss, subject: claims.sub, at: now }))) {
    // The account is someone else's at this provider: a reused address must not take it over.
    throw new SsoFailure('unknown', `The account ${staff.id} is linked to another person at ${claims.iss}`);
  }
  return staff;
}

/**
 * Whether the provider vouches for the email address. Keycloak and Google send
 * `email_verified` (some as a string). Entra ID never sends it for work accounts; its optional
 * `xms_edov` claim says the address is in a domain the tenant has verified, which is what a
 * council's own directory can vouch for, so it counts only when `email_verified` is absent.
 */
function emailVerified(claims: SsoClaims): boolean {
  if (claims.email_verified !== undefined) return claims.email_verified === true || claims.email_verified === 'true';
  return claims.xms_edov === true || claims.xms_edov === 'true' || claims.xms_edov === '1';
}
