import { createEffect, For, onCleanup, Show, untrack } from 'solid-js';
import type { Place } from '../../api/types.ts';
import { format, t } from '../../i18n/index.ts';
import { describeWhere, lineLength } from '../../reports/where.ts';
import { FieldError } from '../../ui/Field.tsx';
import { anchorOf, clearError, draft, setDraft, type LngLat } from '../draft.ts';
import { DRAW_ZOOM, type FlowMap } from '../flow-map.ts';
import { createLocating, createPlaceSearch } from './where-state.ts';

/** How far the place may move before a drawn line or area no longer belongs to it. */
const KEEP_SHAPE_WITHIN_M = 500;

type PlaceSearch = ReturnType<typeof createPlaceSearch>;

function SearchForm(props: { s: PlaceSearch; onPick: (place: Place) => void }) {
  const s = props.s;
  return (
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
          value={s.query()}
          aria-describedby="where-search-status"
          onInput={(e) => s.setQuery(e.currentTarget.value)}
          onKeyDown={(e) => {
            // Enter searches here rather than going to the next step.
            if (e.key === 'Enter') {
              e.preventDefault();
              void s.search();
            }
          }}
        />
        <button type="button" class="button" onClick={() => void s.search()}>
          {t().flow.where.search}
        </button>
      </div>
      <p id="where-search-status" class="step-status" role="status">
        {s.message()}
      </p>
      <Show when={s.results()?.length}>
        <ul class="place-results">
          <For each={s.results()}>
            {(place) => (
              <li>
                <button type="button" class="place-result" onClick={() => props.onPick(place)}>
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
  );
}

/** Step 1: where. Three ways to the same place: GPS, a place name, or the map. */
export function WhereStep(props: { map: FlowMap | undefined }) {
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
  const moveTo = (p: LngLat, zoom = DRAW_ZOOM) => {
    choose(p);
    props.map?.placePin(p, false);
    props.map?.flyTo(p, zoom);
  };
  const gps = createLocating((p) => moveTo(p));
  const places = createPlaceSearch();
  const pickPlace = (place: Place) => {
    moveTo(place.center, place.bbox ? 0 : 16);
    if (place.bbox) props.map?.fitBounds(place.bbox);
    places.clear();
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

  return (
    <div class="step step-where">
      <FieldError id="where-locate" message={draft.errors.location} />
      <button
        type="button"
        id="where-locate"
        class="button button-primary button-large"
        aria-describedby={draft.errors.location ? 'where-locate-error where-locate-status' : 'where-locate-status'}
        disabled={gps.locating() === 'locating'}
        onClick={gps.locate}
      >
        <svg viewBox="0 0 24 24" class="button-icon" aria-hidden="true">
          <path d="M12 2v3M12 19v3M2 12h3M19 12h3M12 7a5 5 0 1 0 0 10 5 5 0 0 0 0-10zM12 11a1 1 0 1 0 0 2 1 1 0 0 0 0-2z" />
        </svg>
        {t().flow.where.locate}
      </button>
      <p id="where-locate-status" class="step-status" role="status">
        {gps.message()}
      </p>
      <SearchForm s={places} onPick={pickPlace} />
      <p class="step-hint">{t().flow.where.mapHint}</p>
      <p class="chosen" role="status">
        <Show when={draft.location} fallback={t().flow.where.none}>
          {(p) => format(t().flow.where.chosen, { where: describeWhere({ type: 'Point', coordinates: p() }) })}
        </Show>
      </p>
    </div>
  );
}
