import { Marker, type GeoJSONSource, type Map as MapLibreMap, type MapMouseEvent } from 'maplibre-gl';
import type { Geometry, GeometryKind } from '@groundswell/core/rules';
import type { GeometryInput } from './types.ts';
import { anchor } from './geometry.ts';

type Pos = [number, number];
interface DrawFeature {
  type: 'Feature';
  properties: Record<string, string>;
  geometry: { type: 'Point'; coordinates: Pos } | { type: 'LineString'; coordinates: Pos[] } | { type: 'Polygon'; coordinates: Pos[][] };
}
const SOURCE = 'c-draw';
const LAYERS = ['c-draw-fill', 'c-draw-line', 'c-draw-vertex'] as const;
const round = (n: number) => Math.round(n * 1e6) / 1e6;

/** Fewest clicks a shape needs. */
export const MIN_VERTICES: Record<GeometryKind, number> = { Point: 1, LineString: 2, Polygon: 3 };

/**
 * Places or draws a shape on the map: a point is a draggable marker (a click moves it too);
 * a line or an area is drawn click by click. Coordinates can also be set by typing (setPoint),
 * so the map is never the only way. Calls onChange with the shape so far (undefined until
 * it has enough points) and how many points it has.
 */
export class ShapeEditor {
  private marker: Marker | undefined;
  private vertices: Pos[] = [];
  private destroyed = false;
  private readonly onClick = (e: MapMouseEvent) => this.click(e);
  private readonly onStyle = () => this.install();

  constructor(
    private readonly map: MapLibreMap,
    readonly kind: GeometryKind,
    start: Geometry | Pos | undefined,
    private readonly onChange: (geometry: GeometryInput | undefined, count: number) => void,
  ) {
    map.doubleClickZoom.disable();
    map.getCanvas().classList.add('c-map-drawing');
    map.on('click', this.onClick);
    if (kind === 'Point') {
      const at: Pos | undefined = Array.isArray(start) ? start : start ? anchor(start) : undefined;
      if (at) this.placeMarker(at);
    } else {
      map.on('style.load', this.onStyle);
      this.install();
    }
    this.emit();
  }

  private placeMarker(at: Pos): void {
    if (!this.marker) {
      this.marker = new Marker({ draggable: true, color: '#0b5d4b' }).setLngLat(at).addTo(this.map);
      this.marker.getElement().classList.add('c-draw-marker');
      this.marker.on('dragend', () => this.emit());
    } else this.marker.setLngLat(at);
  }

  private click(e: MapMouseEvent): void {
    const at: Pos = [round(e.lngLat.lng), round(e.lngLat.lat)];
    if (this.kind === 'Point') this.placeMarker(at);
    else {
      this.vertices.push(at);
      this.refresh();
    }
    this.emit();
  }

  setPoint(lon: number, lat: number): void {
    if (this.kind !== 'Point') return;
    this.placeMarker([lon, lat]);
    this.map.easeTo({ center: [lon, lat] });
    this.emit();
  }

  undo(): void {
    this.vertices.pop();
    this.refresh();
    this.emit();
  }

  restart(): void {
    this.vertices = [];
    this.refresh();
    this.emit();
  }

  count(): number {
    return this.kind === 'Point' ? (this.marker ? 1 : 0) : this.vertices.length;
  }

  geometry(): GeometryInput | undefined {
    if (this.kind === 'Point') {
      if (!this.marker) return undefined;
      const p = this.marker.getLngLat();
      return { type: 'Point', coordinates: [round(p.lng), round(p.lat)] };
    }
    if (this.vertices.length < MIN_VERTICES[this.kind]) return undefined;
    if (this.kind === 'LineString') return { type: 'LineString', coordinates: [...this.vertices] };
    return { type: 'Polygon', coordinates: [[...this.vertices, this.vertices[0]!]] };
  }

  private emit(): void {
    this.onChange(this.geometry(), this.count());
  }

  private data() {
    const v = this.vertices;
    const features: DrawFeature[] = v.map((p) => ({ type: 'Feature', properties: { role: 'vertex' }, geometry: { type: 'Point', coordinates: p } }));
    if (this.kind === 'Polygon' && v.length >= 3) features.unshift({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[...v, v[0]!]] } });
    else if (v.length >= 2) features.unshift({ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: v } });
    return { type: 'FeatureCollection' as const, features };
  }

  private install(): void {
    if (this.destroyed || this.map.getSource(SOURCE)) return;
    try {
      this.map.addSource(SOURCE, { type: 'geojson', data: this.data() });
    } catch {
      // The style is still loading: try again when the map is next idle.
      this.map.once('idle', () => this.install());
      return;
    }
    this.map.addLayer({ id: LAYERS[0], type: 'fill', source: SOURCE, filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': '#0b5d4b', 'fill-opacity': 0.2 } });
    this.map.addLayer({
      id: LAYERS[1],
      type: 'line',
      source: SOURCE,
      filter: ['in', ['geometry-type'], ['literal', ['LineString', 'Polygon']]],
      paint: { 'line-color': '#1b1f23', 'line-width': 3, 'line-dasharray': [2, 1] },
    });
    this.map.addLayer({
      id: LAYERS[2],
      type: 'circle',
      source: SOURCE,
      filter: ['==', ['get', 'role'], 'vertex'],
      paint: { 'circle-radius': 5, 'circle-color': '#ffffff', 'circle-stroke-color': '#1b1f23', 'circle-stroke-width': 2 },
    });
  }

  private refresh(): void {
    this.map.getSource<GeoJSONSource>(SOURCE)?.setData(this.data());
  }

  destroy(): void {
    this.destroyed = true;
    this.map.off('click', this.onClick);
    this.map.off('style.load', this.onStyle);
    this.map.doubleClickZoom.enable();
    this.map.getCanvas().classList.remove('c-map-drawing');
    this.marker?.remove();
    for (const id of LAYERS) if (this.map.getLayer(id)) this.map.removeLayer(id);
    if (this.map.getSource(SOURCE)) this.map.removeSource(SOURCE);
  }
}
