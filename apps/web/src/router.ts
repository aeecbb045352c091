import { createSignal } from 'solid-js';

/** Hash routes: they survive a reload on any static host and need no server rules. */
export type Route = { name: 'map' } | { name: 'report'; id: string };

export function parseHash(hash: string): Route {
  const match = /^#\/reports\/([^/?#]+)\/?$/.exec(hash);
  if (match?.[1]) {
    try {
      return { name: 'report', id: decodeURIComponent(match[1]) };
    } catch {
      // A malformed escape is not a report id; fall through to the map.
    }
  }
  return { name: 'map' };
}

export const reportHref = (id: string) => `#/reports/${encodeURIComponent(id)}`;
export const MAP_HREF = '#/';

const [route, setRoute] = createSignal<Route>(parseHash(location.hash));
window.addEventListener('hashchange', () => setRoute(parseHash(location.hash)));
export { route };
