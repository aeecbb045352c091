import { Marker, type Map as MapLibreMap } from 'maplibre-gl';
import { format, t } from '../i18n/index.ts';
import { REPORT_LAYERS } from './report-layers.ts';
import { FIRST_SINGLE_ZOOM, TILE_SOURCE } from './report-tiles.ts';

/**
 * The count on each cluster circle of the report tiles, as an HTML marker (no font from the
 * base map needed, so the counts show on the offline style too), kept in step with what is
 * drawn. Tapping one zooms in two levels (a cluster cell is 64 px; two levels split it into
 * up to sixteen), to single reports at most. Hidden from screen readers: the list reaches
 * every report without the map.
 */
export function createTileClusterMarkers(map: MapLibreMap, options: { layer?: string; source?: string; className?: string; title?: (count: number) => string } = {}) {
  const { layer = REPORT_LAYERS.cluster, source = TILE_SOURCE, className = 'map-cluster', title = (count: number) => format(t().map.cluster, { count }) } = options;
  const markers = new Map<string, Marker>();

  function zoomInto(center: [number, number]) {
    map.easeTo({ center, zoom: Math.min(Math.floor(map.getZoom()) + 2, FIRST_SINGLE_ZOOM) });
  }

  function update() {
    if (!map.getLayer(layer)) return;
    const seen = new Set<string>();
    for (const f of map.queryRenderedFeatures({ layers: [layer] })) {
      const at = (f.geometry as unknown as { coordinates: [number, number] }).coordinates;
      const key = `${at[0].toFixed(6)},${at[1].toFixed(6)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const count = Number(f.properties.count ?? 0);
      let marker = markers.get(key);
      if (!marker) {
        const el = document.createElement('div');
        el.className = className;
        el.setAttribute('aria-hidden', 'true');
        el.addEventListener('click', (e) => {
          e.stopPropagation();
          zoomInto(at);
        });
        marker = new Marker({ element: el }).setLngLat(at).addTo(map);
        markers.set(key, marker);
      }
      const el = marker.getElement();
      el.textContent = String(count);
      el.title = title(count);
    }
    for (const [key, marker] of markers) {
      if (!seen.has(key)) {
        marker.remove();
        markers.delete(key);
      }
    }
  }

  const onData = (e: { sourceId?: string; isSourceLoaded?: boolean }) => {
    if (e.sourceId === source && e.isSourceLoaded) update();
  };
  map.on('data', onData);
  map.on('moveend', update);
  map.on('idle', update);

  return {
    zoomInto,
    remove() {
      map.off('data', onData);
      map.off('moveend', update);
      map.off('idle', update);
      for (const marker of markers.values()) marker.remove();
      markers.clear();
    },
  };
}
