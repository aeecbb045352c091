import { createResource, Show } from 'solid-js';
import { isSsoError, type SsoError } from '@groundswell/core/rules';
import { fetchConfig } from './api.ts';
import { ct, format } from './i18n/index.ts';
import { view } from './route.ts';

type StaffSignIn = { sso: { displayName: string } | null; localPasswords: boolean };

/**
 * How staff sign in on this site, from `/api/config`: single sign-on (its button's name) and
 * whether passwords are on. Undefined while it loads, so a site without passwords never
 * flashes a password form; a site whose config cannot be read keeps passwords.
 */
export function useStaffSignIn(): () => StaffSignIn | undefined {
  const [config] = createResource(() => fetchConfig().catch(() => undefined));
  return () => (config.loading ? undefined : (config()?.staffSignIn ?? { sso: null, localPasswords: true }));
}

/** The code a failed single sign-on came back with (`#/staff/login?sso_error=denied`). */
function ssoErrorInHash(): SsoError | undefined {
  const code = new URLSearchParams(location.hash.split('?')[1] ?? '').get('sso_error');
  return isSsoError(code) ? code : undefined;
}

/**
 * Above the password form: why a single sign-on failed, in a sentence, and the "Sign in with
 * <council account>" button, a plain link to the API, which sends the browser to the provider
 * and back to the console page the officer was going to.
 */
export function SsoSignIn(props: { signIn: StaffSignIn | undefined }) {
  const error = ssoErrorInHash();
  const href = () => {
    const next = (view() as { next?: string }).next;
    return `/api/staff/sso/start${next ? `?next=${encodeURIComponent(next)}` : ''}`;
  };
  return (
    <>
      <Show when={error}>
        {(code) => (
          <div class="c-alert c-alert-error" role="alert">
            <strong>{ct().login.errorSummary}: </strong>
            {ct().sso.errors[code()]}
          </div>
        )}
      </Show>
      <Show when={props.signIn?.sso}>
        {(sso) => (
          <>
            <a class="c-btn c-btn-primary c-btn-wide" href={href()}>
              {format(ct().sso.button, { name: sso().displayName })}
            </a>
            <Show when={props.signIn?.localPasswords}>
              <p class="c-hint">{ct().sso.or}</p>
            </Show>
          </>
        )}
      </Show>
    </>
  );
}
