import { createMemo, For, onMount, Show } from 'solid-js';
import type { Category } from '@groundswell/core/rules';
import type { ReportFeature } from '../api/types.ts';
import { format, formatDate, stateLabel, t } from '../i18n/index.ts';
import { stateColour } from '../map/state-colours.ts';
import { reportCategoryName } from './categories.ts';
import type { ReportStore } from './store.ts';

const SHAPE_CLASS: Record<string, string> = { Point: 'swatch-point', LineString: 'swatch-line', Polygon: 'swatch-area', MultiPolygon: 'swatch-area' };

/**
 * The reports in the current view as a list of buttons: every report reachable without
 * the map, by keyboard or screen reader.
 */
export function ReportList(props: { store: ReportStore; categories: readonly Category[]; onClose: () => void }) {
  let heading!: HTMLHeadingElement;
  onMount(() => heading.focus());

  const reports = createMemo(() => [...(props.store.collection()?.features ?? [])].sort((a, b) => b.properties.createdAt.localeCompare(a.properties.createdAt)));
  const isSelected = (f: ReportFeature) => props.store.selected()?.properties.id === f.properties.id;

  return (
    <section id="report-list" class="sheet sheet-list" aria-labelledby="list-heading">
      <div class="sheet-head">
        <h2 id="list-heading" ref={heading} tabindex="-1">
          {t().list.heading}
        </h2>
        <button type="button" class="icon-button" aria-label={t().list.close} title={t().list.close} onClick={() => props.onClose()}>
          <span aria-hidden="true">✕</span>
        </button>
      </div>
      <div class="sheet-body">
        <p class="sheet-note" role="status">
          <Show when={props.store.collection()} fallback={t().list.loading}>
            {(c) => (
              <Show when={!c().truncated} fallback={format(t().list.truncated, { count: c().numberReturned })}>
                {reports().length === 0 ? t().list.empty : format(t().list.count, { count: reports().length })}
              </Show>
            )}
          </Show>
        </p>
        <ul class="report-list">
          <For each={reports()}>
            {(feature) => (
              <li>
                <button type="button" class="report-item" aria-current={isSelected(feature) ? 'true' : undefined} onClick={() => props.store.select(feature)}>
                  <span
                    class={`swatch ${SHAPE_CLASS[feature.geometry.type] ?? ''}`}
                    classList={{ 'swatch-closed': feature.properties.status === 'closed' }}
                    style={{ '--swatch': stateColour(feature.properties.state) }}
                    aria-hidden="true"
                  />
                  <span class="item-text">
                    <span class="item-title">{reportCategoryName(props.categories, feature)}</span>
                    <span class="item-meta">
                      {stateLabel(feature.properties.state)} · <Show when={feature.properties.areas[0]}>{(place) => <span class="item-place">{place()} · </span>}</Show>
                      {formatDate(feature.properties.createdAt)}
                    </span>
                    <span class="item-desc">{feature.properties.description}</span>
                  </span>
                </button>
              </li>
            )}
          </For>
        </ul>
      </div>
    </section>
  );
}
