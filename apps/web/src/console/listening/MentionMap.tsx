import { createEffect, onCleanup, onMount } from 'solid-js';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { SiteConfig } from '../../api/types.ts';
import { createBaseMap } from '../base-map.ts';
import { lt } from './i18n/index.ts';
import type { Mention } from './types.ts';

declare global {
  interface Window {
    /** The inbox's map, for end-to-end tests. */
    __gsListeningMap?: MapLibreMap;
  }
}

const SOURCE = 'l-mentions';
const LAYER = 'l-mention';
const SELECTED = 'l-mention-selected';

function data(mentions: readonly Mention[], selected: number | undefined) {
  return {
    type: 'FeatureCollection' as const,
    features: mentions
      .filter((m) => m.location)
      .map((m) => ({
        type: 'Feature' as const,
        geometry: { type: 'Point' as const, coordinates: [m.location!.lon, m.location!.lat] },
        properties: { id: m.id, likely: (m.confidence ?? 0) >= 0.7, selected: m.id === selected },
      })),
  };
}

/**
 * The mentions' best guesses on the council's map: a solid dot for a likely place, a hollow
 * one for a possible place, the selected one larger. A click selects the mention; the list
 * beside it does the same by keyboard.
 */
export function MentionMap(props: { config: SiteConfig; mentions: readonly Mention[]; selected: number | undefined; onSelect: (id: number) => void }) {
  let container!: HTMLDivElement;
  onMount(() => {
    const { map, dispose } = createBaseMap(container, props.config);
    window.__gsListeningMap = map;
    const install = () => {
      if (map.getSource(SOURCE)) return;
      map.addSource(SOURCE, { type: 'geojson', data: data(props.mentions, props.selected) });
      map.addLayer({
        id: LAYER,
        type: 'circle',
        source: SOURCE,
        paint: {
          'circle-radius': ['case', ['get', 'selected'], 10, 7],
          'circle-color': ['case', ['get', 'likely'], '#6a1b9a', '#ffffff'],
          'circle-stroke-color': '#6a1b9a',
          'circle-stroke-width': ['case', ['get', 'selected'], 4, 2],
        },
      });
      map.addLayer({
        id: SELECTED,
        type: 'circle',
        source: SOURCE,
        filter: ['==', ['get', 'selected'], true],
        paint: { 'circle-radius': 16, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': '#1b1f23', 'circle-stroke-width': 2 },
      });
    };
    map.on('style.load', install);
    if (map.isStyleLoaded()) install();
    map.on('click', LAYER, (e) => {
      const id = Number(e.features?.[0]?.properties?.id);
      if (Number.isFinite(id)) props.onSelect(id);
    });
    map.on('mouseenter', LAYER, () => (map.getCanvas().style.cursor = 'pointer'));
    map.on('mouseleave', LAYER, () => (map.getCanvas().style.cursor = ''));
    createEffect(() => {
      const d = data(props.mentions, props.selected);
      map.getSource<GeoJSONSource>(SOURCE)?.setData(d);
      const chosen = props.mentions.find((m) => m.id === props.selected)?.location;
      if (chosen && !map.getBounds().contains([chosen.lon, chosen.lat])) map.easeTo({ center: [chosen.lon, chosen.lat], duration: 400 });
    });
    onCleanup(() => {
      if (window.__gsListeningMap === map) delete window.__gsListeningMap;
      dispose();
    });
  });
  return <div class="c-map l-map" ref={container} role="region" aria-label={lt().map} />;
}
