import { createSignal, For, Show } from 'solid-js';
import { stateLabel, t } from '../i18n/index.ts';
import { CLUSTER_COLOUR, STATE_COLOUR_GROUPS } from './state-colours.ts';

/** Wide screens have room to keep the legend open; a phone opens it with the button. */
const WIDE = '(min-width: 800px)';

/**
 * What the colours on the map mean: a list with a swatch and the words for each colour (the
 * colour only repeats what the words say), and the numbered circles that gather reports.
 */
export function MapLegend() {
  const [open, setOpen] = createSignal(typeof matchMedia === 'function' && matchMedia(WIDE).matches);
  let toggle!: HTMLButtonElement;
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && open()) {
      e.stopPropagation();
      setOpen(false);
      toggle.focus();
    }
  };
  return (
    <div class="map-legend">
      <button type="button" ref={toggle} class="button map-legend-toggle" aria-expanded={open()} aria-controls="map-legend-list" onKeyDown={onKeyDown} onClick={() => setOpen((o) => !o)}>
        <span class="map-legend-dots" aria-hidden="true">
          <For each={STATE_COLOUR_GROUPS.slice(0, 3)}>{(g) => <span style={{ background: g.colour }} />}</For>
        </span>
        {t().map.legend}
      </button>
      <Show when={open()}>
        <section class="map-legend-panel" aria-labelledby="map-legend-heading">
          <h2 id="map-legend-heading" class="map-legend-heading">
            {t().map.legendHeading}
          </h2>
          <ul id="map-legend-list" class="map-legend-list">
            <For each={STATE_COLOUR_GROUPS}>
              {(g) => (
                <li data-colour={g.colour}>
                  <span class="map-legend-swatch" style={{ background: g.colour }} aria-hidden="true" />
                  {g.states.map(stateLabel).join(', ')}
                </li>
              )}
            </For>
            <li data-colour={CLUSTER_COLOUR}>
              <span class="map-legend-swatch map-legend-cluster" style={{ background: CLUSTER_COLOUR }} aria-hidden="true">
                3
              </span>
              {t().map.legendCluster}
            </li>
          </ul>
        </section>
      </Show>
    </div>
  );
}
