/**
 * The staff console: loaded only at `#/staff…` routes (a lazy chunk with its own styles and
 * messages), so residents never download it. It checks the session first and sends a
 * signed-out visitor to the sign-in page, then shows triage, assisted reporting or admin.
 */
import { createEffect, createResource, createSignal, Match, onCleanup, onMount, Show, Switch } from 'solid-js';
import type { Category } from '@groundswell/core';
import { fetchCategories, fetchConfig, HttpError, setCsrfToken, staffApi, whenSignedOut } from './api.ts';
import Admin from './admin/Admin.tsx';
import Assisted from './Assisted.tsx';
import { ConsoleHeader } from './Header.tsx';
import { ct, locale } from './i18n/index.ts';
import { Login } from './Login.tsx';
import { go, loginHref, TRIAGE_HREF, view } from './route.ts';
import { Triage } from './Triage.tsx';
import type { StaffMe, Team } from './types.ts';
import type { SiteConfig } from '../api/types.ts';
import './console.css';


/** What every console page needs: who is signed in and the council's set-up. */
export interface ConsoleContext {
  me: StaffMe;
  config: SiteConfig;
  categories: readonly Category[];
  teams: readonly Team[];
}

export default function Console() {
  const [me, setMe] = createSignal<StaffMe>();
  const [checked, setChecked] = createSignal(false);
  const [failed, setFailed] = createSignal(false);
  const [notice, setNotice] = createSignal<string>();
  const [config] = createResource(fetchConfig);
  const [categories] = createResource(() => fetchCategories().catch(() => [] as Category[]), { initialValue: [] });
  const [teams] = createResource(
    () => me()?.id,
    () => staffApi.teams().then((r) => r.teams).catch(() => [] as Team[]),
    { initialValue: [] },
  );

  const here = () => (location.hash.startsWith('#/staff') ? location.hash : TRIAGE_HREF);

  function signedOut(message?: string) {
    setMe(undefined);
    setCsrfToken('');
    setNotice(message);
    if (view().name !== 'login') go(loginHref(here()), true);
  }

  async function check() {
    setFailed(false);
    try {
      const current = await staffApi.me();
      setCsrfToken(current.csrfToken);
      setMe(current);
    } catch (err) {
      if (!(err instanceof HttpError && err.status === 401)) setFailed(true);
    } finally {
      setChecked(true);
    }
  }

  onMount(() => {
    whenSignedOut(() => {
      if (me()) signedOut(ct().app.sessionEnded);
    });
    void check();
    document.body.classList.add('c-body');
    onCleanup(() => document.body.classList.remove('c-body'));
  });

  // The guard: a signed-out visitor anywhere in the console goes to sign in, and back after.
  createEffect(() => {
    if (!checked() || failed()) return;
    const v = view();
    if (!me() && v.name !== 'login') go(loginHref(here()), true);
    if (me() && v.name === 'login') go(v.next ?? TRIAGE_HREF, true);
  });

  createEffect(() => {
    document.documentElement.lang = locale();
  });
  createEffect(() => {
    const v = view();
    const page = v.name === 'login' ? ct().login.heading : v.name === 'new' ? ct().app.newReport : v.name === 'admin' ? ct().admin.tabs[v.tab] : ct().app.triage;
    document.title = `${page} · ${ct().app.title} · ${config()?.siteName ?? 'Groundswell'}`;
  });

  async function signOut(everywhere: boolean) {
    if (everywhere && !window.confirm(ct().app.signOutEverywhereConfirm)) return;
    try {
      if (everywhere) {
        const result = await staffApi.logoutEverywhere();
        signedOut(ct().app.signedOutEverywhere.replace('{count}', String(result.sessions)));
      } else {
        await staffApi.logout();
        signedOut(ct().app.signedOut);
      }
    } catch {
      signedOut(ct().app.signedOut);
    }
  }

  const context = (): ConsoleContext | undefined => {
    const m = me();
    const c = config.error ? undefined : config();
    return m && c ? { me: m, config: c, categories: categories(), teams: teams() } : undefined;
  };

  return (
    <div class="c-app">
      <a class="c-skip" href="#c-main" onClick={(e) => (e.preventDefault(), document.getElementById('c-main')?.focus())}>
        {ct().app.skip}
      </a>
      <ConsoleHeader siteName={config()?.siteName ?? 'Groundswell'} locales={config()?.locales} me={me()} onSignOut={signOut} />
      <main class="c-main" id="c-main" tabindex="-1">
        <Switch>
          <Match when={failed() || config.error}>
            <div class="c-page c-message" role="alert">
              <p>{ct().app.failed}</p>
              <button type="button" class="c-btn c-btn-primary" onClick={() => location.reload()}>
                {ct().app.retry}
              </button>
            </div>
          </Match>
          <Match when={checked() && view().name === 'login' && !me()}>
            <Login
              notice={notice()}
              onSignedIn={(m) => {
                setNotice(undefined);
                setMe(m);
              }}
            />
          </Match>
          <Match when={context()}>
            {(ctx) => (
              <Switch>
                <Match when={view().name === 'triage'}>
                  <Triage ctx={ctx()} />
                </Match>
                <Match when={view().name === 'new'}>
                  <Assisted ctx={ctx()} />
                </Match>
                <Match when={view().name === 'admin'}>
                  <Show when={ctx().me.role === 'admin'} fallback={<p class="c-page c-message" role="alert">{ct().app.adminOnly}</p>}>
                    <Admin ctx={ctx()} />
                  </Show>
                </Match>
              </Switch>
            )}
          </Match>
          <Match when={true}>
            <p class="c-page c-message" role="status">
              {ct().app.loading}
            </p>
          </Match>
        </Switch>
      </main>
    </div>
  );
}
