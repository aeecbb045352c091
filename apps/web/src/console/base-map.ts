import { createEffect, on } from 'solid-js';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { createMap, type CreatedMap } from '../map/create-map.ts';
import type { SiteConfig } from '../api/types.ts';
import { ct, locale } from './i18n/index.ts';

/** MapLibre's own words (its `locale` option) in the console's language: every control says what it does in Polish too. */
export function mapLocale(): Record<string, string> {
  const m = ct().map;
  const c = m.controls;
  return {
    'Map.Title': m.label,
    'NavigationControl.ZoomIn': m.zoomIn,
    'NavigationControl.ZoomOut': m.zoomOut,
    'NavigationControl.ResetBearing': c.resetBearing,
    'AttributionControl.ToggleAttribution': c.toggleAttribution,
    'AttributionControl.MapFeedback': c.mapFeedback,
    'GeolocateControl.FindMyLocation': c.findLocation,
    'GeolocateControl.LocationNotAvailable': c.locationUnavailable,
    'FullscreenControl.Enter': c.fullscreenEnter,
    'FullscreenControl.Exit': c.fullscreenExit,
    'Marker.Title': c.marker,
    'Popup.Close': c.popupClose,
    'LogoControl.Title': c.logo,
  };
}

/** The controls MapLibre labelled when the map was made, and the words they carry. */
const LABELLED: [selector: string, key: string][] = [
  ['.maplibregl-ctrl-zoom-in', 'NavigationControl.ZoomIn'],
  ['.maplibregl-ctrl-zoom-out', 'NavigationControl.ZoomOut'],
  ['.maplibregl-ctrl-compass', 'NavigationControl.ResetBearing'],
  ['.maplibregl-ctrl-attrib-button', 'AttributionControl.ToggleAttribution'],
];

/**
 * MapLibre reads its words once, when a control is made; a language chosen later is written
 * onto the controls already there (title and aria-label, as MapLibre sets them).
 */
function relabel(map: MapLibreMap): void {
  const words = mapLocale();
  const container = map.getContainer();
  for (const [selector, key] of LABELLED) {
    for (const el of container.querySelectorAll(selector)) {
      el.setAttribute('title', words[key]!);
      el.setAttribute('aria-label', words[key]!);
    }
  }
  map.getCanvas().setAttribute('aria-label', words['Map.Title']!);
}

/** A map of the council's area with the configured base map (or the plain offline one), labelled for staff in their language. */
export function createBaseMap(container: HTMLElement, config: SiteConfig, onFallback?: () => void): CreatedMap {
  const m = ct().map;
  const created = createMap(container, {
    config,
    labels: { map: m.label, zoomIn: m.zoomIn, zoomOut: m.zoomOut },
    options: { locale: mapLocale() },
    padding: 24,
    ...(onFallback ? { onFallback } : {}),
  });
  createEffect(on(locale, () => relabel(created.map), { defer: true }));
  return created;
}
