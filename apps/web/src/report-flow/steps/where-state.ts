/**
 * The "where" step's two ways to a place besides the map: the phone's position, and a
 * place name searched on the server. Each says what it is doing in words for a status line.
 */
import { createSignal, onCleanup } from 'solid-js';
import { searchPlaces } from '../../api/client.ts';
import type { Place } from '../../api/types.ts';
import { format, t } from '../../i18n/index.ts';
import type { LngLat } from '../draft.ts';

export type Locating = 'idle' | 'locating' | 'located' | 'denied' | 'failed' | 'unsupported';
export type Searching = 'idle' | 'searching' | 'done' | 'short' | 'failed';

export function createLocating(onLocated: (p: LngLat) => void, geolocation: Geolocation | undefined = 'geolocation' in navigator ? navigator.geolocation : undefined) {
  const [locating, setLocating] = createSignal<Locating>('idle');
  const [accuracy, setAccuracy] = createSignal(0);
  const locate = () => {
    if (!geolocation) return setLocating('unsupported');
    setLocating('locating');
    geolocation.getCurrentPosition(
      (pos) => {
        setAccuracy(Math.max(1, Math.round(pos.coords.accuracy)));
        setLocating('located');
        onLocated([Math.round(pos.coords.longitude * 1e7) / 1e7, Math.round(pos.coords.latitude * 1e7) / 1e7]);
      },
      (err) => setLocating(err.code === err.PERMISSION_DENIED ? 'denied' : 'failed'),
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 60_000 },
    );
  };
  const message = () => {
    const m = t().flow.where;
    const words: Record<Locating, string> = {
      idle: '',
      locating: m.locating,
      located: format(m.located, { accuracy: accuracy() }),
      denied: m.locateDenied,
      failed: m.locateFailed,
      unsupported: m.locateUnsupported,
    };
    return words[locating()];
  };
  return { locating, locate, message };
}

export function createPlaceSearch(find: (q: string, signal: AbortSignal) => Promise<Place[]> = searchPlaces) {
  const [query, setQuery] = createSignal('');
  const [results, setResults] = createSignal<Place[]>();
  const [state, setState] = createSignal<Searching>('idle');
  let searchAbort: AbortController | undefined;
  onCleanup(() => searchAbort?.abort());

  const search = async () => {
    const q = query().trim();
    if (q.length < 2) {
      setResults(undefined);
      return setState('short');
    }
    searchAbort?.abort();
    const controller = new AbortController();
    searchAbort = controller;
    setState('searching');
    try {
      const found = await find(q, controller.signal);
      if (searchAbort !== controller) return;
      setResults(found);
      setState('done');
    } catch {
      if (!controller.signal.aborted) setState('failed');
    }
  };
  const clear = () => {
    setResults(undefined);
    setState('idle');
  };
  const message = () => {
    const m = t().flow.where;
    switch (state()) {
      case 'searching':
        return m.searching;
      case 'short':
        return m.searchShort;
      case 'failed':
        return m.searchFailed;
      case 'done':
        return results()?.length ? format(m.results, { count: results()!.length }) : format(m.noResults, { q: query().trim() });
      default:
        return '';
    }
  };
  return { query, setQuery, results, state, search, clear, message };
}
