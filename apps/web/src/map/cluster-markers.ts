import { Marker, type Map as MapLibreMap } from 'maplibre-gl';
import { format, t } from '../i18n/index.ts';
import { REPORT_POINT_SOURCE } from './report-layers.ts';

/**
 * The count on each cluster of reports, as an HTML marker kept in step with the clusters
 * MapLibre made (as the staff console does): HTML needs no font from the base map, so the
 * counts show on the offline style too. Tapping one zooms into it. The markers are hidden
 * from screen readers: the list reaches every report without the map.
 */
export function createClusterMarkers(map: MapLibreMap, expand: (clusterId: number, center: [number, number]) => void) {
  const markers = new Map<number, Marker>();

  function markerFor(id: number, at: [number, number]): Marker {
    let marker = markers.get(id);
    if (!marker) {
      const el = document.createElement('div');
      el.className = 'map-cluster';
      el.setAttribute('aria-hidden', 'true');
      el.addEventListener('click', (e) => {
        e.stopPropagation();
        expand(id, at);
      });
      marker = new Marker({ element: el }).setLngLat(at).addTo(map);
      markers.set(id, marker);
    }
    return marker;
  }

  function update() {
    if (!map.getSource(REPORT_POINT_SOURCE)) return;
    const seen = new Set<number>();
    for (const f of map.querySourceFeatures(REPORT_POINT_SOURCE)) {
      const p = f.properties as { cluster?: boolean; cluster_id?: number; point_count?: number };
      if (!p.cluster || p.cluster_id === undefined || seen.has(p.cluster_id)) continue;
      seen.add(p.cluster_id);
      const el = markerFor(p.cluster_id, (f.geometry as unknown as { coordinates: [number, number] }).coordinates).getElement();
      el.textContent = String(p.point_count ?? '');
      el.title = format(t().map.cluster, { count: p.point_count ?? 0 });
    }
    for (const [id, marker] of markers) {
      if (!seen.has(id)) {
        marker.remove();
        markers.delete(id);
      }
    }
  }

  const onData = (e: { sourceId?: string; isSourceLoaded?: boolean }) => {
    if (e.sourceId === REPORT_POINT_SOURCE && e.isSourceLoaded) update();
  };
  map.on('data', onData);
  map.on('moveend', update);

  return {
    remove() {
      map.off('data', onData);
      map.off('moveend', update);
      for (const marker of markers.values()) marker.remove();
      markers.clear();
    },
  };
}
