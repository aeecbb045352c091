import { vi } from 'vitest';

// MapLibre needs WebGL and a real page; unit tests only reach it through imports.
vi.mock('maplibre-gl', () => ({ Map: class {}, NavigationControl: class {}, Marker: class {}, LngLatBounds: class {} }));

/**
 * Node 20 has no `navigator` or `localStorage`; the app's language module reads both when it
 * loads. A plain English browser stands in for them.
 */
const g = globalThis as Record<string, unknown>;
if (typeof g.navigator === 'undefined') g.navigator = { language: 'en-GB', languages: ['en-GB'], onLine: true };
if (typeof g.localStorage === 'undefined') {
  const store = new Map<string, string>();
  g.localStorage = {
    getItem: (k: string) => store.get(k) ?? null,
    setItem: (k: string, v: string) => void store.set(k, String(v)),
    removeItem: (k: string) => void store.delete(k),
    clear: () => store.clear(),
  };
}
/**
 * Solid's compiled views delegate events to `window.document` when their module loads, and
 * a few app modules listen on `window`; state primitives are tested without a page, so a
 * window that accepts listeners and matches no media query is enough.
 */
if (typeof g.window === 'undefined') {
  const noop = () => undefined;
  const document = { addEventListener: noop, removeEventListener: noop };
  g.window = { document, addEventListener: noop, removeEventListener: noop, matchMedia: () => ({ matches: false }) };
}
if (typeof g.location === 'undefined') g.location = { hash: '', pathname: '/', search: '' };
