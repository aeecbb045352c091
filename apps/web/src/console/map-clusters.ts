import { Marker, type GeoJSONSource, type Map as MapLibreMap } from 'maplibre-gl';
import { ct, format } from './i18n/index.ts';
import { POINTS } from './map-layers.ts';

/**
 * Cluster counts as HTML markers, kept in step with the clusters MapLibre made: HTML needs
 * no font from the base map, so the counts show offline too.
 */
export function createClusterMarkers(map: MapLibreMap) {
  const markers = new Map<number, Marker>();

  async function zoomInto(clusterId: number, center: [number, number]) {
    const source = map.getSource<GeoJSONSource>(POINTS);
    if (!source) return;
    const zoom = await source.getClusterExpansionZoom(clusterId);
    map.easeTo({ center, zoom: Math.min(zoom, 18) });
  }

  function markerFor(id: number, at: [number, number]): Marker {
    let marker = markers.get(id);
    if (!marker) {
      const el = document.createElement('div');
      el.className = 'c-cluster';
      el.setAttribute('aria-hidden', 'true');
      el.addEventListener('click', (e) => {
        e.stopPropagation();
        void zoomInto(id, at);
      });
      marker = new Marker({ element: el }).setLngLat(at).addTo(map);
      markers.set(id, marker);
    }
    return marker;
  }

  function update() {
    if (!map.getSource(POINTS)) return;
    const seen = new Set<number>();
    for (const f of map.querySourceFeatures(POINTS)) {
      const p = f.properties as { cluster?: boolean; cluster_id?: number; point_count?: number };
      if (!p.cluster || p.cluster_id === undefined || seen.has(p.cluster_id)) continue;
      seen.add(p.cluster_id);
      const el = markerFor(p.cluster_id, (f.geometry as unknown as { coordinates: [number, number] }).coordinates).getElement();
      el.textContent = String(p.point_count ?? '');
      el.title = format(ct().map.cluster, { count: p.point_count ?? 0 });
    }
    for (const [id, marker] of markers) {
      if (!seen.has(id)) {
        marker.remove();
        markers.delete(id);
      }
    }
  }

  map.on('data', (e) => {
    if ((e as { sourceId?: string }).sourceId === POINTS && (e as { isSourceLoaded?: boolean }).isSourceLoaded) update();
  });
  map.on('moveend', update);

  return {
    zoomInto,
    remove() {
      for (const marker of markers.values()) marker.remove();
    },
  };
}
