/**
 * Single sign-on for staff over OpenID Connect: the rules that need no I/O. Which accounts
 * the directory may create, how its group claim maps to teams and roles, where the console
 * may be sent back to, and the short codes a failed sign-in returns with.
 */
import type { Role } from './staff.ts';

/** OIDC_CREATE_STAFF: create an account on a first sign-in, with this role; off: only existing accounts. */
export const SSO_CREATE_STAFF = ['off', 'officer', 'admin'] as const;
export type SsoCreateStaff = (typeof SSO_CREATE_STAFF)[number];

/** How long the browser has between leaving for the provider and coming back. */
export const SSO_ATTEMPT_MINUTES = 10;

/**
 * Why a single sign-on did not open a session, as the console's sign-in page reads it from
 * `#/staff/login?sso_error=<code>`. Short and stable: the page has a sentence for each.
 */
export const SSO_ERRORS = [
  /** The person cancelled, or the provider refused them. */
  'denied',
  /** The answer did not check out: wrong or reused state, expired attempt, a bad token. */
  'failed',
  /** No account for this person, and accounts are not created here. */
  'unknown',
  /** The provider did not vouch for the email address, so it cannot find or create an account. */
  'unverified',
  /** The account is disabled. */
  'disabled',
  /** The provider could not be reached. */
  'unavailable',
] as const;
export type SsoError = (typeof SSO_ERRORS)[number];

export function isSsoError(code: string | undefined | null): code is SsoError {
  return (SSO_ERRORS as readonly string[]).includes(code ?? '');
}

/** One entry of OIDC_GROUP_MAP: members of `group` work for team `team`, or have role `role`. */
export type GroupMapEntry = { group: string; team: string } | { group: string; role: Role };

/**
 * Reads `drainage-officers=team:drainage,gs-admins=role:admin`. Group names may hold anything
 * but `,` and `=` (Entra sends object ids, Keycloak paths like `/council/drainage`).
 */
export function parseGroupMap(text: string): { ok: true; value: GroupMapEntry[] } | { ok: false; message: string } {
  const value: GroupMapEntry[] = [];
  for (const raw of text.split(',')) {
    const item = raw.trim();
    if (!item) continue;
    const m = /^([^=]+)=(team|role):(.+)$/.exec(item);
    const group = m?.[1]?.trim();
    const target = m?.[3]?.trim();
    if (!m || !group || !target) return { ok: false, message: `"${item}" is not group=team:<code> or group=role:officer|admin` };
    if (m[2] === 'role') {
      if (target !== 'officer' && target !== 'admin') return { ok: false, message: `"${item}": a role is officer or admin` };
      value.push({ group, role: target });
    } else value.push({ group, team: target });
  }
  return { ok: true, value };
}

/** A groups claim as providers send it: an array of strings, or now and then one string. */
export function readGroups(claim: unknown): string[] {
  if (typeof claim === 'string') return [claim];
  return Array.isArray(claim) ? claim.filter((g): g is string => typeof g === 'string') : [];
}

/**
 * What the directory says about a person at this sign-in. `teams` is set only when the map
 * names teams (then the directory decides them all, and leaving a group leaves the team);
 * `role` only when the map names roles (the highest a group gives, else officer), so a map
 * of teams alone never changes a role an administrator gave.
 */
export function mapGroups(map: readonly GroupMapEntry[], groups: readonly string[]): { teams?: string[]; role?: Role } {
  const member = new Set(groups);
  const out: { teams?: string[]; role?: Role } = {};
  if (map.some((e) => 'team' in e)) out.teams = [...new Set(map.flatMap((e) => ('team' in e && member.has(e.group) ? [e.team] : [])))];
  if (map.some((e) => 'role' in e)) out.role = map.some((e) => 'role' in e && e.role === 'admin' && member.has(e.group)) ? 'admin' : 'officer';
  return out;
}

/** Where to land after signing in: only a console hash path, never another page or site. */
export function safeConsoleNext(next: string | undefined | null): string {
  if (!next || next.length > 500 || !/^#\/staff(?:[/?]|$)/.test(next) || next.startsWith('#/staff/login')) return '#/staff';
  // A hash path carries no host, but a backslash or control character has no business in one.
  return /[\\\s\p{Cc}]/u.test(next) ? '#/staff' : next;
}

/** The console's sign-in page with a failure code, where every failed callback lands. */
export function ssoErrorHash(code: SsoError): string {
  return `#/staff/login?sso_error=${code}`;
}
