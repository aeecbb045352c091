import { createSignal } from 'solid-js';

/** Admin pages, in menu order. */
export const ADMIN_TABS = ['users', 'teams', 'areas', 'rules', 'keys', 'audit', 'data', 'listening', 'handoff', 'assets'] as const;
export type AdminTab = (typeof ADMIN_TABS)[number];

/**
 * The console's own hash routes, all under `#/staff`:
 * `#/staff?<filter>&sel=<id>` triage, `#/staff/login?next=…`, `#/staff/new`,
 * `#/staff/forgot`, `#/staff/reset?token=…` (the emailed link), `#/staff/password`,
 * `#/staff/admin/<tab>`. The query keeps the filter and selection, so a link can be shared.
 */
export type ConsoleView =
  | { name: 'triage'; params: URLSearchParams }
  | { name: 'login'; next: string | undefined }
  | { name: 'new' }
  | { name: 'listening'; params: URLSearchParams }
  | { name: 'admin'; tab: AdminTab; params: URLSearchParams }
  | { name: 'forgot' }
  | { name: 'reset'; token: string }
  | { name: 'password' }
  | { name: 'security' };

/** The pages a signed-out visitor may open: signing in and getting back in. */
export const SIGNED_OUT_VIEWS: ReadonlySet<ConsoleView['name']> = new Set(['login', 'forgot', 'reset']);

export function parseConsoleHash(hash: string): ConsoleView {
  const raw = hash.replace(/^#/, '');
  const q = raw.indexOf('?');
  const path = (q === -1 ? raw : raw.slice(0, q)).replace(/\/+$/, '');
  const params = new URLSearchParams(q === -1 ? '' : raw.slice(q + 1));
  if (path === '/staff/login') {
    const next = params.get('next');
    return { name: 'login', next: next?.startsWith('#/staff') && !next.startsWith('#/staff/login') ? next : undefined };
  }
  if (path === '/staff/new') return { name: 'new' };
  if (path === '/staff/listening') return { name: 'listening', params };
  if (path === '/staff/forgot') return { name: 'forgot' };
  if (path === '/staff/reset') return { name: 'reset', token: params.get('token') ?? '' };
  if (path === '/staff/password') return { name: 'password' };
  if (path === '/staff/security') return { name: 'security' };
  const admin = /^\/staff\/admin(?:\/([a-z]+))?$/.exec(path);
  if (admin) {
    const tab = (ADMIN_TABS as readonly string[]).includes(admin[1] ?? '') ? (admin[1] as AdminTab) : 'users';
    return { name: 'admin', tab, params };
  }
  return { name: 'triage', params };
}

const [view, setView] = createSignal<ConsoleView>(parseConsoleHash(location.hash));
window.addEventListener('hashchange', () => {
  if (location.hash.startsWith('#/staff')) setView(parseConsoleHash(location.hash));
});
export { view };

export const TRIAGE_HREF = '#/staff';
export const NEW_HREF = '#/staff/new';
export const LISTENING_HREF = '#/staff/listening';
export const FORGOT_HREF = '#/staff/forgot';
export const PASSWORD_HREF = '#/staff/password';
export const SECURITY_HREF = '#/staff/security';
export const adminHref = (tab: AdminTab) => `#/staff/admin/${tab}`;
export const loginHref = (next?: string) => (next && next !== '#/staff' ? `#/staff/login?next=${encodeURIComponent(next)}` : '#/staff/login');
export const triageHref = (params: URLSearchParams) => {
  const q = params.toString();
  return q ? `#/staff?${q}` : '#/staff';
};

/** `#/staff/…` pages drawn by the app rather than the console: the planning dashboard. */
const notTheConsole = (href: string) => /^#\/staff\/insight(?:\?|$)/.test(href);

/** Goes to a console page; `replace` changes the address without a history entry (filters, selection). */
export function go(href: string, replace = false): void {
  // Leaving the console (back to the dashboard after signing in) needs the app's router to
  // hear the hash change, which replaceState does not fire.
  if (replace && notTheConsole(href)) location.replace(href);
  else if (replace) {
    history.replaceState(history.state, '', href);
    setView(parseConsoleHash(href));
  } else {
    location.hash = href;
  }
}
