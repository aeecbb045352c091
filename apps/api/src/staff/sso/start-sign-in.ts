import * as oidc from 'openid-client';
import { SSO_ATTEMPT_MINUTES, safeConsoleNext } from '@groundswell/core';
import { saveSsoAttempt } from '@groundswell/db';
import type { AppDeps } from '../../deps.ts';
import { hashToken } from '../tokens.ts';
import type { SsoProvider } from './provider.ts';

/** Where the provider sends the browser back; registered with the provider as the redirect URI. */
export const ssoRedirectUri = (publicUrl: string) => `${publicUrl}/api/staff/sso/callback`;

/**
 * Begins a single sign-on: a fresh state, nonce and PKCE verifier (S256), kept for ten
 * minutes under a hash of the state with the console page to land on, and the provider's
 * sign-in page to send the browser to. The caller gives the state to the browser in a
 * cookie too, so a callback is only taken from the browser that started it.
 */
export async function startSsoSignIn(deps: AppDeps, provider: SsoProvider, input: { next?: string | undefined }): Promise<{ url: string; state: string }> {
  const now = deps.clock.now();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const codeChallenge = await oidc.calculatePKCECodeChallenge(codeVerifier);
  // Asked first: a provider that is down fails here, before anything is kept.
  const url = await provider.authorizationUrl({ redirectUri: ssoRedirectUri(deps.config.publicUrl), state, nonce, codeChallenge });
  await saveSsoAttempt(deps.database, {
    stateHash: hashToken(state),
    codeVerifier,
    nonce,
    next: safeConsoleNext(input.next),
    expiresAt: new Date(now.getTime() + SSO_ATTEMPT_MINUTES * 60_000),
    now,
  });
  return { url: url.href, state };
}
