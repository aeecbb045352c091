/**
 * The staff sign-in settings from the environment: single sign-on over OpenID Connect and
 * whether local passwords are on. Read with the rest of config.ts at start, so a wrong value
 * stops start-up naming it rather than failing on an officer's first sign-in.
 */
import { z } from 'zod';
import { SSO_CREATE_STAFF, parseGroupMap, type GroupMapEntry, type SsoCreateStaff } from '@groundswell/core';

export interface SsoConfig {
  /** The issuer's URL; its metadata is at `<issuer>/.well-known/openid-configuration`. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The button's words: "Sign in with <displayName>". */
  displayName: string;
  createStaff: SsoCreateStaff;
  /** The claim holding the person's groups (`groups`, `roles`); unset, no mapping. */
  groupsClaim?: string;
  groupMap: GroupMapEntry[];
}

const onOff = z.enum(['on', 'off']);

/** Spread into config.ts's EnvSchema. */
export const STAFF_SIGN_IN_ENV = {
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_DISPLAY_NAME: z.string().max(60).default('Council account'),
  OIDC_CREATE_STAFF: z.enum(SSO_CREATE_STAFF).default('off'),
  OIDC_GROUPS_CLAIM: z.string().optional(),
  OIDC_GROUP_MAP: z.string().optional(),
  LOCAL_PASSWORDS: onOff.default('on'),
};

const StaffSignInEnv = z.object(STAFF_SIGN_IN_ENV);
type Env = z.infer<typeof StaffSignInEnv>;

/** The settings that hang together, or the lines that say what is wrong (`NAME: why`). */
export function staffSignInSettings(e: Env): { ok: true; sso?: SsoConfig; localPasswords: boolean } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const localPasswords = e.LOCAL_PASSWORDS === 'on';
  const map = parseGroupMap(e.OIDC_GROUP_MAP ?? '');
  if (!map.ok) problems.push(`OIDC_GROUP_MAP: ${map.message}`);
  if (e.OIDC_GROUP_MAP && !e.OIDC_GROUPS_CLAIM) problems.push('OIDC_GROUP_MAP: needs OIDC_GROUPS_CLAIM, the claim that holds the groups');
  if (!e.OIDC_ISSUER) {
    for (const name of ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_GROUPS_CLAIM', 'OIDC_GROUP_MAP'] as const) if (e[name]) problems.push(`${name}: is set but OIDC_ISSUER is not`);
    // Nobody could sign in at all.
    if (!localPasswords) problems.push('LOCAL_PASSWORDS: off needs single sign-on (OIDC_ISSUER) to be set up');
    return problems.length ? { ok: false, problems } : { ok: true, localPasswords };
  }
  if (!e.OIDC_CLIENT_ID) problems.push('OIDC_CLIENT_ID: required with OIDC_ISSUER');
  if (!e.OIDC_CLIENT_SECRET) problems.push('OIDC_CLIENT_SECRET: required with OIDC_ISSUER');
  if (problems.length || !map.ok) return { ok: false, problems };
  const sso: SsoConfig = {
    issuer: e.OIDC_ISSUER,
    clientId: e.OIDC_CLIENT_ID!,
    clientSecret: e.OIDC_CLIENT_SECRET!,
    displayName: e.OIDC_DISPLAY_NAME,
    createStaff: e.OIDC_CREATE_STAFF,
    ...(e.OIDC_GROUPS_CLAIM ? { groupsClaim: e.OIDC_GROUPS_CLAIM } : {}),
    groupMap: map.value,
  };
  return { ok: true, sso, localPasswords };
}
