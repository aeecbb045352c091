import { createSignal } from 'solid-js';

/** The report flow's screens, in order; `#/report` is the first. */
export const FLOW_STEPS = ['where', 'what', 'draw', 'similar', 'details', 'photos', 'contact', 'review'] as const;
export type FlowStep = (typeof FLOW_STEPS)[number];

/** Hash routes: they survive a reload on any static host and need no server rules. */
export type Route =
  | { name: 'map' }
  | { name: 'report'; id: string }
  | { name: 'new'; step: FlowStep }
  | { name: 'sent'; key: string }
  | { name: 'mine' }
  | { name: 'following' }
  /** "Is it fixed?" (`#/reports/:id/fixed?token=…`, the link emailed to a reporter), src/questionnaire. */
  | { name: 'fixed'; id: string; token: string }
  /** The staff console (src/console), which reads the rest of the hash itself. */
  | { name: 'staff' }
  /** "How we are doing" (`#/insight`) and the staff planning dashboard (`#/staff/insight`), src/insight. */
  | { name: 'insight'; staff: boolean }
  /** Every public endpoint with its address (`#/open-data`), src/open-data. */
  | { name: 'open-data' }
  /** What is kept about residents and for how long, from the server's settings (`#/privacy`), src/privacy. */
  | { name: 'privacy' }
  /** What the listening inbox listens to, from its settings (`#/how-we-listen`), src/listening. */
  | { name: 'how-we-listen' }
  /** "My reports on any device" (`#/me`), and the page the emailed sign-in link opens (`#/me/sign-in?token=…`), src/me. */
  | { name: 'me'; token?: string };

function decode(part: string): string | undefined {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined; // a malformed escape is no id
  }
}

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/\/+$/, '');
  if (/^\/(staff\/)?insight(?:\?|$)/.test(path)) return { name: 'insight', staff: path.startsWith('/staff/') };
  if (/^\/staff(?:[/?]|$)/.test(path)) return { name: 'staff' };
  const report = /^\/reports\/([^/?#]+)$/.exec(path);
  if (report?.[1]) {
    const id = decode(report[1]);
    if (id) return { name: 'report', id };
  }
  const fixed = /^\/reports\/([^/?#]+)\/fixed\?(.*)$/.exec(path);
  if (fixed?.[1]) {
    const id = decode(fixed[1]);
    if (id) return { name: 'fixed', id, token: new URLSearchParams(fixed[2]).get('token') ?? '' };
  }
  if (path === '/report') return { name: 'new', step: 'where' };
  const step = /^\/report\/([a-z]+)$/.exec(path)?.[1];
  if (step && (FLOW_STEPS as readonly string[]).includes(step)) return { name: 'new', step: step as FlowStep };
  const sent = /^\/sent\/([^/?#]+)$/.exec(path);
  if (sent?.[1]) {
    const key = decode(sent[1]);
    if (key) return { name: 'sent', key };
  }
  if (path === '/mine') return { name: 'mine' };
  if (path === '/following') return { name: 'following' };
  if (path === '/open-data') return { name: 'open-data' };
  if (path === '/privacy') return { name: 'privacy' };
  if (path === '/how-we-listen') return { name: 'how-we-listen' };
  if (path === '/me') return { name: 'me' };
  const signIn = /^\/me\/sign-in\?(.*)$/.exec(path);
  if (signIn) return { name: 'me', token: new URLSearchParams(signIn[1]).get('token') ?? '' };
  return { name: 'map' };
}

export const reportHref = (id: string) => `#/reports/${encodeURIComponent(id)}`;
export const flowHref = (step: FlowStep) => (step === 'where' ? '#/report' : `#/report/${step}`);
export const sentHref = (key: string) => `#/sent/${encodeURIComponent(key)}`;
export const MAP_HREF = '#/';
export const MINE_HREF = '#/mine';
export const FOLLOWING_HREF = '#/following';
export const INSIGHT_HREF = '#/insight';
export const OPEN_DATA_HREF = '#/open-data';
export const PRIVACY_HREF = '#/privacy';
export const HOW_WE_LISTEN_HREF = '#/how-we-listen';
export const ME_HREF = '#/me';

const [route, setRoute] = createSignal<Route>(parseHash(location.hash));
window.addEventListener('hashchange', () => setRoute(parseHash(location.hash)));
export { route };

/** Goes to a route; `replace` leaves no history entry (a redirect, not a step). */
export function navigate(href: string, replace = false): void {
  if (replace) {
    history.replaceState(history.state, '', href);
    setRoute(parseHash(location.hash));
  } else {
    location.hash = href;
  }
}
