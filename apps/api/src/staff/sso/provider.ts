/**
 * The council's OpenID provider, through openid-client (a certified relying party): its
 * metadata found once by discovery, the redirect to its sign-in page, and the checked
 * answer. Everything the protocol asks us to verify (state, PKCE, the id_token's signature,
 * issuer, audience, expiry and nonce) is verified by the library here; failures come out as
 * an SsoFailure with a short code the console explains.
 */
import * as oidc from 'openid-client';
import type { SsoError } from '@groundswell/core';
import type { SsoConfig } from './settings.ts';

export class SsoFailure extends Error {
  constructor(
    readonly code: SsoError,
    message: string,
  ) {
    super(message);
  }
}

export type SsoClaims = Record<string, unknown> & { iss: string; sub: string };

export interface SsoProvider {
  /** The provider's sign-in page for this attempt. */
  authorizationUrl(p: { redirectUri: string; state: string; nonce: string; codeChallenge: string }): Promise<URL>;
  /** Trades the callback's code for tokens, checks them, and returns what the provider says of the person. */
  finish(callbackUrl: URL, checks: { state: string; nonce: string; codeVerifier: string; wantClaims: string[] }): Promise<SsoClaims>;
}

/** The scopes every provider named in the docs understands; groups come as a claim the provider is told to add. */
export const SSO_SCOPE = 'openid email profile';
const TIMEOUT_SECONDS = 10;

/** Plain http is allowed only for a provider on this machine (a test's, or a developer's Keycloak). */
function isLoopback(issuer: URL): boolean {
  return issuer.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(issuer.hostname);
}

/**
 * One per app (no module singleton): discovery runs at the first sign-in, not at start, so a
 * provider that is down does not stop the API; a failed discovery is tried again next time.
 */
export function createSsoProvider(sso: SsoConfig): SsoProvider {
  let configuration: Promise<oidc.Configuration> | undefined;
  const issuer = new URL(sso.issuer);
  const discover = () => {
    configuration ??= oidc
      .discovery(issuer, sso.clientId, sso.clientSecret, undefined, {
        timeout: TIMEOUT_SECONDS,
        // openid-client refuses http:// outright; a loopback issuer cannot be overheard, so only it may use http.
        ...(isLoopback(issuer) ? { execute: [oidc.allowInsecureRequests] } : {}),
      })
      .catch((err: unknown) => {
        configuration = undefined;
        throw new SsoFailure('unavailable', `OpenID discovery at ${sso.issuer} failed: ${(err as Error).message}`);
      });
    return configuration;
  };

  return {
    async authorizationUrl(p) {
      const config = await discover();
      return oidc.buildAuthorizationUrl(config, {
        redirect_uri: p.redirectUri,
        scope: SSO_SCOPE,
        state: p.state,
        nonce: p.nonce,
        code_challenge: p.codeChallenge,
        code_challenge_method: 'S256',
      });
    },

    async finish(callbackUrl, checks) {
      const config = await discover();
      let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
      try {
        tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
          pkceCodeVerifier: checks.codeVerifier,
          expectedState: checks.state,
          expectedNonce: checks.nonce,
          idTokenExpected: true,
        });
      } catch (err) {
        throw grantFailure(err);
      }
      const idClaims = tokens.claims();
      if (!idClaims) throw new SsoFailure('failed', 'The provider sent no id_token');
      const claims: SsoClaims = { ...idClaims, iss: idClaims.iss, sub: idClaims.sub };
      // Some providers put email and groups only in UserInfo (oidc-provider, Keycloak without mappers).
      if (checks.wantClaims.some((c) => claims[c] === undefined) && config.serverMetadata().userinfo_endpoint) {
        try {
          const info = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
          for (const [k, v] of Object.entries(info)) if (claims[k] === undefined) claims[k] = v;
        } catch (err) {
          throw grantFailure(err);
        }
      }
      return claims;
    },
  };
}

function grantFailure(err: unknown): SsoFailure {
  if (err instanceof oidc.AuthorizationResponseError) {
    return new SsoFailure(err.error === 'access_denied' ? 'denied' : 'failed', `The provider refused: ${err.error} ${err.error_description ?? ''}`.trim());
  }
  const e = err as Error;
  // fetch's own failure or a timeout: the provider did not answer. Anything else is an answer that did not check out.
  if ((e instanceof TypeError && e.message === 'fetch failed') || e.name === 'TimeoutError' || e.name === 'AbortError') {
    return new SsoFailure('unavailable', `The provider could not be reached: ${e.message}`);
  }
  return new SsoFailure('failed', `The provider's answer did not check out: ${e.message}`);
}
