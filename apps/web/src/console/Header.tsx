import { Show } from 'solid-js';
import { LanguageSwitcher } from '../ui/LanguageSwitcher.tsx';
import { ct, format } from './i18n/index.ts';
import { adminHref, LISTENING_HREF, NEW_HREF, PASSWORD_HREF, SECURITY_HREF, TRIAGE_HREF, view } from './route.ts';
import type { StaffMe } from './types.ts';

/** The console's top bar: where you are, who you are, and signing out. */
export function ConsoleHeader(props: { siteName: string; locales?: readonly string[] | undefined; me: StaffMe | undefined; onSignOut: (everywhere: boolean) => void }) {
  const current = (name: string) => (view().name === name ? 'page' : undefined);
  return (
    <header class="c-topbar">
      <div class="c-brand">
        <svg class="c-brand-mark" viewBox="0 0 24 24" aria-hidden="true">
          <path d="M12 2C8 2 5 5 5 9c0 5.2 7 13 7 13s7-7.8 7-13c0-4-3-7-7-7zm0 9.5A2.5 2.5 0 1 1 12 6.5a2.5 2.5 0 0 1 0 5z" />
        </svg>
        <span class="c-brand-text">
          <span class="c-brand-site">{props.siteName}</span>
          <span class="c-brand-console">{ct().app.title}</span>
        </span>
      </div>
      <Show when={props.me}>
        {(me) => (
          <nav class="c-nav" aria-label={ct().app.nav}>
            <a href={TRIAGE_HREF} aria-current={current('triage')}>
              {ct().app.triage}
            </a>
            <a href={NEW_HREF} aria-current={current('new')}>
              {ct().app.newReport}
            </a>
            <a href={LISTENING_HREF} aria-current={current('listening')}>
              {ct().app.listening}
            </a>
            <Show when={me().role === 'admin'}>
              <a href={adminHref('users')} aria-current={current('admin')}>
                {ct().app.admin}
              </a>
            </Show>
            {/* The planning dashboard lives in the resident app's insight chunk (`#/staff/insight`). */}
            <a href="#/staff/insight">{ct().app.insight}</a>
            <a href="#/" class="c-nav-public">
              {ct().app.publicSite}
            </a>
          </nav>
        )}
      </Show>
      <div class="c-topbar-end">
        <LanguageSwitcher available={props.locales} />
        <Show when={props.me}>
          {(me) => (
            <div class="c-user">
              <span class="c-user-name">{format(ct().app.signedInAs, { name: me().name, role: ct().app.roles[me().role] })}</span>
              <a href={PASSWORD_HREF} class="c-btn c-btn-small c-btn-on-dark" aria-current={current('password')}>
                {ct().password.change}
              </a>
              <a href={SECURITY_HREF} class="c-btn c-btn-small c-btn-on-dark" aria-current={current('security')}>
                {ct().security.link}
              </a>
              <button type="button" class="c-btn c-btn-small c-btn-on-dark" onClick={() => props.onSignOut(false)}>
                {ct().app.signOut}
              </button>
              <button type="button" class="c-btn c-btn-small c-btn-on-dark" onClick={() => props.onSignOut(true)}>
                {ct().app.signOutEverywhere}
              </button>
            </div>
          )}
        </Show>
      </div>
    </header>
  );
}
