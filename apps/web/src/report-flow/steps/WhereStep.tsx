import { createEffect, createSignal, For, onCleanup, Show, untrack } from 'solid-js';
import { searchPlaces } from '../../api/client.ts';
import type { Place } from '../../api/types.ts';
import { format, t } from '../../i18n/index.ts';
import { describeWhere, lineLength } from '../../reports/where.ts';
import { FieldError } from '../../ui/Field.tsx';
import { anchorOf, clearError, draft, setDraft, type LngLat } from '../draft.ts';
import { DRAW_ZOOM, type FlowMap } from '../flow-map.ts';

/** How far the place may move before a drawn line or area no longer belongs to it. */
const KEEP_SHAPE_WITHIN_M = 500;

type Locating = 'idle' | 'locating' | 'located' | 'denied' | 'failed' | 'unsupported';

/** Step 1: where. Three ways to the same place: GPS, a place name, or the map. */
export function WhereStep(props: { map: FlowMap | undefined }) {
  const [locating, setLocating] = createSignal<Locating>('idle');
  const [accuracy, setAccuracy] = createSignal(0);
  const [query, setQuery] = createSignal('');
  const [results, setResults] = createSignal<Place[]>();
  const [searchState, setSearchState] = createSignal<'idle' | 'searching' | 'done' | 'short' | 'failed'>('idle');
  let searchAbort: AbortController | undefined;

  /** A new place moves a drawn point with it; a line or an area drawn far from it is dropped. */
  const choose = (p: LngLat) => {
    setDraft('location', p);
    clearError('location');
    const g = draft.geometry;
    if (!g) return;
    if (g.type === 'Point') setDraft('geometry', { type: 'Point', coordinates: p });
    else if (lineLength([anchorOf(g), p]) > KEEP_SHAPE_WITHIN_M) setDraft('geometry', undefined);
    setDraft('hasSimilar', false);
  };

  createEffect(() => {
    const map = props.map;
    if (!map) return;
    untrack(() => {
      map.startPinning(draft.location, '#0b5d4b', t().flow.where.pin, choose);
      if (draft.location) map.flyTo(draft.location);
    });
    onCleanup(() => map.stopPinning());
  });

  const moveTo = (p: LngLat, zoom = DRAW_ZOOM) => {
    choose(p);
    props.map?.placePin(p, false);
    props.map?.flyTo(p, zoom);
  };

  const locate = () => {
    if (!('geolocation' in navigator)) return setLocating('unsupported');
    setLocating('locating');
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setAccuracy(Math.max(1, Math.round(pos.coords.accuracy)));
        setLocating('located');
        moveTo([Math.round(pos.coords.longitude * 1e7) / 1e7, Math.round(pos.coords.latitude * 1e7) / 1e7]);
      },
      (err) => setLocating(err.code === err.PERMISSION_DENIED ? 'denied' : 'failed'),
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 60_000 },
    );
  };

  const search = async () => {
    const q = query().trim();
    if (q.length < 2) {
      setResults(undefined);
      return setSearchState('short');
    }
    searchAbort?.abort();
    const controller = new AbortController();
    searchAbort = controller;
    setSearchState('searching');
    try {
      const found = await searchPlaces(q, controller.signal);
      if (searchAbort !== controller) return;
      setResults(found);
      setSearchState('done');
    } catch {
      if (!controller.signal.aborted) setSearchState('failed');
    }
  };
  onCleanup(() => searchAbort?.abort());

  const pickPlace = (place: Place) => {
    moveTo(place.center, place.bbox ? 0 : 16);
    if (place.bbox) props.map?.fitBounds(place.bbox);
    setResults(undefined);
    setSearchState('idle');
  };

  const locateMessage = () => {
    const m = t().flow.where;
    switch (locating()) {
      case 'locating':
        return m.locating;
      case 'located':
        return format(m.located, { accuracy: accuracy() });
      case 'denied':
        return m.locateDenied;
      case 'failed':
        return m.locateFailed;
      case 'unsupported':
        return m.locateUnsupported;
      default:
        return '';
    }
  };
  const searchMessage = () => {
    const m = t().flow.where;
    switch (searchState()) {
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

  return (
    <div class="step step-where">
      <FieldError id="where-locate" message={draft.errors.location} />
      <button
        type="button"
        id="where-locate"
        class="button button-primary button-large"
        aria-describedby={draft.errors.location ? 'where-locate-error where-locate-status' : 'where-locate-status'}
        disabled={locating() === 'locating'}
        onClick={locate}
      >
        <svg viewBox="0 0 24 24" class="button-icon" aria-hidden="true">
          <path d="M12 2v3M12 19v3M2 12h3M19 12h3M12 7a5 5 0 1 0 0 10 5 5 0 0 0 0-10zM12 11a1 1 0 1 0 0 2 1 1 0 0 0 0-2z" />
        </svg>
        {t().flow.where.locate}
      </button>
      <p id="where-locate-status" class="step-status" role="status">
        {locateMessage()}
      </p>

      <div class="place-search" role="search">
        <label class="field-label" for="where-search">
          {t().flow.where.searchLabel}
        </label>
        <div class="search-row">
          <input
            id="where-search"
            class="input"
            type="search"
            enterkeyhint="search"
            autocomplete="off"
            value={query()}
            aria-describedby="where-search-status"
            onInput={(e) => setQuery(e.currentTarget.value)}
            onKeyDown={(e) => {
              // Enter searches here rather than going to the next step.
              if (e.key === 'Enter') {
                e.preventDefault();
                void search();
              }
            }}
          />
          <button type="button" class="button" onClick={() => void search()}>
            {t().flow.where.search}
          </button>
        </div>
        <p id="where-search-status" class="step-status" role="status">
          {searchMessage()}
        </p>
        <Show when={results()?.length}>
          <ul class="place-results">
            <For each={results()}>
              {(place) => (
                <li>
                  <button type="button" class="place-result" onClick={() => pickPlace(place)}>
                    <span class="place-name">{place.name}</span>
                    <Show when={place.kind === 'area'}>
                      <span class="place-kind"> ({t().flow.where.area})</span>
                    </Show>
                  </button>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </div>

      <p class="step-hint">{t().flow.where.mapHint}</p>
      <p class="chosen" role="status">
        <Show when={draft.location} fallback={t().flow.where.none}>
          {(p) => format(t().flow.where.chosen, { where: describeWhere({ type: 'Point', coordinates: p() }) })}
        </Show>
      </p>
    </div>
  );
}
