/**
 * The staff console: loaded only at `#/staff…` routes (a lazy chunk with its own styles and
 * messages), so residents never download it. It checks the session first and sends a
 * signed-out visitor to the sign-in page, then shows triage, assisted reporting or admin.
 */
import { createEffect, createResource, createSignal, lazy, Match, onCleanup, onMount, Show, Suspense, Switch } from 'solid-js';
import type { Category } from '@groundswell/core/rules';
import { fetchCategories, fetchConfig, ProblemError, setCsrfToken, staffApi, whenSignedOut } from './api.ts';
import Admin from './admin/Admin.tsx';
import Assisted from './Assisted.tsx';
import { ConsoleHeader } from './Header.tsx';
import { ct, locale } from './i18n/index.ts';
import { Login } from './Login.tsx';
import { ChangePassword, ForgotPassword, ResetPassword } from './Password.tsx';
import { SecurityPage } from './SecondFactor.tsx';
import { go, loginHref, SECURITY_HREF, SIGNED_OUT_VIEWS, TRIAGE_HREF, view } from './route.ts';
import { Triage } from './Triage.tsx';
import type { ConsoleContext } from './context.ts';
import type { StaffMe, Team } from './types.ts';
import './console.css';

/** The listening inbox (issue 13): its own lazy chunk, with its own messages. */
const ListeningInbox = lazy(() => import('./listening/Inbox.tsx'));

/** The console's session: who is signed in, the council's set-up, the sign-in guard and signing out. */
export function createConsoleSession() {
  const [me, setMe] = createSignal<StaffMe>();
  const [checked, setChecked] = createSignal(false);
  const [failed, setFailed] = createSignal(false);
  const [notice, setNotice] = createSignal<string>();
  const [config] = createResource(fetchConfig);
  const [categories] = createResource(() => fetchCategories().catch(() => [] as Category[]), { initialValue: [] });
  const [teams] = createResource(
    () => me()?.id,
    () =>
      staffApi
        .teams()
        .then((r) => r.teams)
        .catch(() => [] as Team[]),
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
      if (!(err instanceof ProblemError && err.status === 401)) setFailed(true);
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
    if (!me() && !SIGNED_OUT_VIEWS.has(v.name)) go(loginHref(here()), true);
    if (me() && v.name === 'login') go(v.next ?? TRIAGE_HREF, true);
    // An administrator the council requires a second factor of sets one up before anything else.
    if (me()?.secondFactor?.required && v.name !== 'security') go(SECURITY_HREF, true);
  });

  createEffect(() => {
    document.documentElement.lang = locale();
  });
  createEffect(() => {
    const v = view();
    const pages: Record<string, string> = {
      login: ct().login.heading,
      new: ct().app.newReport,
      listening: ct().app.listening,
      forgot: ct().password.forgotHeading,
      reset: ct().password.resetHeading,
      password: ct().password.changeHeading,
      security: ct().security.heading,
    };
    const page = v.name === 'admin' ? ct().admin.tabs[v.tab] : (pages[v.name] ?? ct().app.triage);
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

  return { me, setMe, checked, failed, notice, setNotice, config, signOut, context };
}

type ConsoleSession = ReturnType<typeof createConsoleSession>;

function Pages(props: { ctx: ConsoleContext; onEnrolled: () => void }) {
  return (
    <Switch>
      <Match when={view().name === 'triage'}>
        <Triage ctx={props.ctx} />
      </Match>
      <Match when={view().name === 'new'}>
        <Assisted ctx={props.ctx} />
      </Match>
      <Match when={view().name === 'listening'}>
        <Suspense fallback={<p class="c-page c-message">{ct().app.loading}</p>}>
          <ListeningInbox ctx={props.ctx} />
        </Suspense>
      </Match>
      <Match when={view().name === 'password'}>
        <ChangePassword />
      </Match>
      <Match when={view().name === 'security'}>
        <SecurityPage onEnrolled={props.onEnrolled} />
      </Match>
      <Match when={view().name === 'admin'}>
        <Show
          when={props.ctx.me.role === 'admin'}
          fallback={
            <p class="c-page c-message" role="alert">
              {ct().app.adminOnly}
            </p>
          }
        >
          <Admin ctx={props.ctx} />
        </Show>
      </Match>
    </Switch>
  );
}

function Body(props: { s: ConsoleSession }) {
  const s = props.s;
  return (
    <Switch>
      <Match when={s.failed() || s.config.error}>
        <div class="c-page c-message" role="alert">
          <p>{ct().app.failed}</p>
          <button type="button" class="c-btn c-btn-primary" onClick={() => location.reload()}>
            {ct().app.retry}
          </button>
        </div>
      </Match>
      <Match when={s.checked() && view().name === 'login' && !s.me()}>
        <Login
          notice={s.notice()}
          onSignedIn={(m) => {
            s.setNotice(undefined);
            s.setMe(m);
          }}
        />
      </Match>
      <Match when={s.checked() && view().name === 'forgot'}>
        <ForgotPassword />
      </Match>
      <Match when={s.checked() && view().name === 'reset'}>
        <ResetPassword
          token={(view() as { token?: string }).token ?? ''}
          onSignedIn={(m) => {
            s.setNotice(undefined);
            s.setMe(m);
            go(TRIAGE_HREF, true);
          }}
        />
      </Match>
      <Match when={s.context()}>
        {(ctx) => (
          <Pages
            ctx={ctx()}
            onEnrolled={() => {
              const m = s.me();
              if (m) s.setMe({ ...m, secondFactor: { enabled: true, required: false, recoveryCodesLeft: m.secondFactor?.recoveryCodesLeft ?? 0 } });
            }}
          />
        )}
      </Match>
      <Match when={true}>
        <p class="c-page c-message" role="status">
          {ct().app.loading}
        </p>
      </Match>
    </Switch>
  );
}

export default function Console() {
  const s = createConsoleSession();
  return (
    <div class="c-app">
      <a class="c-skip" href="#c-main" onClick={(e) => (e.preventDefault(), document.getElementById('c-main')?.focus())}>
        {ct().app.skip}
      </a>
      <ConsoleHeader siteName={s.config()?.siteName ?? 'Groundswell'} locales={s.config()?.locales} me={s.me()} onSignOut={s.signOut} />
      <main class="c-main" id="c-main" tabindex="-1">
        <Body s={s} />
      </main>
    </div>
  );
}
