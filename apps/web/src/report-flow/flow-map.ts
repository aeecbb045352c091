/**
 * The report flow's map: one MapLibre map kept for the whole flow, used by the "where" step
 * (a pin the resident taps or drags) and the "draw" step (terra-draw: a point, a line or
 * an area). The reports already on the map are drawn underneath for context (from the report
 * tiles, from zoom 14 where they are single), so a blocked ditch can be drawn along one that is
 * already known even when the base map cannot load.
 */
import { Marker, type Map as MapLibreMap } from 'maplibre-gl';
import {
  TerraDraw,
  TerraDrawLineStringMode,
  TerraDrawModeUndoRedo,
  TerraDrawPointMode,
  TerraDrawPolygonMode,
  TerraDrawSelectMode,
  type GeoJSONStoreFeatures,
  type HexColor,
  type TerraDrawMouseEvent,
} from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import type { Category } from '@groundswell/core/rules';
import type { DrawnGeometry, GeometryKind, SiteConfig } from '../api/types.ts';
import { createMap } from '../map/create-map.ts';
import { reportTilesUrl, TileReportLayers } from '../map/report-tiles.ts';

declare global {
  interface Window {
    /** The report flow's map, for end-to-end tests. */
    __gsFlowMap?: MapLibreMap;
  }
}

type LngLat = [number, number];

/** What the draw step shows: the finished shape (if any) and how many points are placed so far. */
export interface DrawState {
  geometry: DrawnGeometry | undefined;
  /** Points of a line or corners of an area still being drawn (0 when none). */
  drawingCount: number;
}

/** Guidance features terra-draw keeps in its store besides the resident's shape. */
const GUIDANCE = ['closingPoint', 'snappingPoint', 'coordinatePoint', 'selectionPoint', 'midPoint', 'edited'];
const MODE_OF: Record<GeometryKind, string> = { Point: 'point', LineString: 'linestring', Polygon: 'polygon' };
/** Zoom for placing and drawing: a field gate or a stretch of ditch fills the screen. */
export const DRAW_ZOOM = 17;

/** The council asset layer's source on the flow map. */
const ASSET_SOURCE = 'gs-council-assets';
const round = (n: number) => Math.round(n * 1e7) / 1e7;
const pos = (p: number[]): LngLat => [round(p[0]!), round(p[1]!)];

export class FlowMap {
  readonly map: MapLibreMap;
  /** Resolves once the base map (or its plain fallback) has loaded and will not be swapped again. */
  readonly ready: Promise<void>;
  private pin: Marker | undefined;
  private onPinMoved: ((p: LngLat) => void) | undefined;
  private draw: TerraDraw | undefined;
  private kind: GeometryKind | undefined;
  private onDrawChange: ((s: DrawState) => void) | undefined;
  private lineMode: TerraDrawLineStringMode | undefined;
  private polygonMode: TerraDrawPolygonMode | undefined;
  private pointMode: TerraDrawPointMode | undefined;
  private disposeMap: () => void;
  private removed = false;
  /** Bumped by every start and stop, so a start still waiting for the style can tell it was cancelled. */
  private drawToken = 0;

  constructor(container: HTMLElement, config: SiteConfig, _categories: readonly Category[], labels: { map: string; zoomIn: string; zoomOut: string }, onFallback: () => void) {
    // A double tap adds a point, not a zoom step.
    const created = createMap(container, { config, labels, onFallback, options: { doubleClickZoom: false } });
    this.map = created.map;
    this.disposeMap = created.dispose;
    window.__gsFlowMap = this.map;
    this.ready = new Promise((resolve) => this.map.once('style.load', () => resolve()));

    new TileReportLayers(this.map, { url: reportTilesUrl(), dim: true, clusters: false });

    this.map.on('click', (e) => {
      if (this.onPinMoved) this.placePin([e.lngLat.lng, e.lngLat.lat], true);
    });
  }

  resize(): void {
    this.map.resize();
  }

  /** Centres the map on a place, close enough to draw. */
  flyTo(p: LngLat, zoom = DRAW_ZOOM): void {
    this.map.jumpTo({ center: p, zoom: Math.max(zoom, this.map.getZoom()) });
  }

  fitBounds(bbox: [number, number, number, number]): void {
    this.map.fitBounds(bbox, { padding: 24, maxZoom: DRAW_ZOOM, duration: 0 });
  }

  center(): LngLat {
    const c = this.map.getCenter();
    return pos([c.lng, c.lat]);
  }

  // ---------- the "where" step: a pin ----------

  /** Shows the pin (if a place is chosen) and reports where the resident taps or drags it. */
  startPinning(at: LngLat | undefined, colour: string, label: string, onMoved: (p: LngLat) => void): void {
    this.onPinMoved = onMoved;
    if (!this.pin) {
      this.pin = new Marker({ draggable: true, color: colour });
      this.pin.on('dragend', () => {
        const p = this.pin!.getLngLat();
        this.onPinMoved?.(pos([p.lng, p.lat]));
      });
      const el = this.pin.getElement();
      el.setAttribute('aria-label', label);
      el.setAttribute('title', label);
      el.classList.add('flow-pin');
    }
    if (at) this.placePin(at, false);
  }

  placePin(p: LngLat, fromMap: boolean): void {
    if (!this.pin) return;
    this.pin.setLngLat(p);
    if (!this.pin.getElement().isConnected) this.pin.addTo(this.map);
    if (fromMap) this.onPinMoved?.(pos(p));
  }

  stopPinning(): void {
    this.onPinMoved = undefined;
    this.pin?.remove();
  }

  // ---------- the "draw" step: terra-draw ----------

  /**
   * Starts drawing `kind` in the category's colour, starting from `existing` (a shape drawn
   * before) or, for a point, from the chosen place.
   */
  async startDrawing(kind: GeometryKind, existing: DrawnGeometry | undefined, place: LngLat | undefined, colour: string, onChange: (s: DrawState) => void): Promise<void> {
    this.stopDrawing();
    const token = this.drawToken;
    await this.ready;
    if (this.removed || token !== this.drawToken) return;
    this.kind = kind;
    this.onDrawChange = onChange;
    const c = colour as HexColor;
    this.pointMode = new TerraDrawPointMode({ editable: true, styles: { pointColor: c, pointWidth: 10, pointOutlineColor: '#ffffff', pointOutlineWidth: 3 } });
    this.lineMode = new TerraDrawLineStringMode({
      keyEvents: { cancel: null, finish: 'Enter' },
      showCoordinatePoints: true,
      pointerDistance: 30,
      styles: {
        lineStringColor: c,
        lineStringWidth: 5,
        closingPointColor: '#ffffff',
        closingPointWidth: 8,
        closingPointOutlineColor: c,
        closingPointOutlineWidth: 3,
        coordinatePointColor: c,
        coordinatePointWidth: 7,
        coordinatePointOutlineColor: '#ffffff',
        coordinatePointOutlineWidth: 2,
      },
    });
    this.polygonMode = new TerraDrawPolygonMode({
      keyEvents: { cancel: null, finish: 'Enter' },
      showCoordinatePoints: true,
      pointerDistance: 30,
      styles: {
        fillColor: c,
        fillOpacity: 0.3,
        outlineColor: c,
        outlineWidth: 4,
        closingPointColor: '#ffffff',
        closingPointWidth: 8,
        closingPointOutlineColor: c,
        closingPointOutlineWidth: 3,
        coordinatePointColor: c,
        coordinatePointWidth: 7,
        coordinatePointOutlineColor: '#ffffff',
        coordinatePointOutlineWidth: 2,
      },
    });
    const shapeFlags = { feature: { draggable: false, coordinates: { draggable: true, midpoints: true, deletable: false } } };
    const select = new TerraDrawSelectMode({
      pointerDistance: 30,
      flags: { linestring: shapeFlags, polygon: shapeFlags },
      styles: {
        selectedLineStringColor: c,
        selectedLineStringWidth: 6,
        selectedPolygonColor: c,
        selectedPolygonFillOpacity: 0.35,
        selectedPolygonOutlineColor: c,
        selectedPolygonOutlineWidth: 4,
        selectionPointColor: '#ffffff',
        selectionPointWidth: 10,
        selectionPointOutlineColor: c,
        selectionPointOutlineWidth: 4,
        midPointColor: c,
        midPointWidth: 5,
        midPointOutlineColor: '#ffffff',
        midPointOutlineWidth: 2,
      },
    });
    const draw = new TerraDraw({
      adapter: new TerraDrawMapLibreGLAdapter({ map: this.map }),
      modes: [this.pointMode, this.lineMode, this.polygonMode, select],
      undoRedo: { modeLevel: new TerraDrawModeUndoRedo() },
    });
    this.draw = draw;
    draw.start();

    const shape = existing?.type === kind ? existing : kind === 'Point' && place ? ({ type: 'Point', coordinates: place } as DrawnGeometry) : undefined;
    if (shape) {
      const [result] = draw.addFeatures([{ type: 'Feature', geometry: shape, properties: { mode: MODE_OF[kind] } } as GeoJSONStoreFeatures]);
      if (kind !== 'Point' && result?.valid) {
        draw.setMode('select');
        draw.selectFeature(result.id!);
      } else draw.setMode(MODE_OF[kind]);
    } else draw.setMode(MODE_OF[kind]);

    draw.on('finish', (id) => {
      if (this.draw !== draw) return;
      // One shape per report: a new one replaces the old.
      const others = this.shapes()
        .filter((f) => f.id !== id)
        .map((f) => f.id!);
      if (others.length) draw.removeFeatures(others);
      if (this.kind !== 'Point' && draw.getMode() !== 'select') {
        draw.setMode('select');
        draw.selectFeature(id);
      }
      this.emit();
    });
    // A finished line or area stays selected, so its points can always be dragged.
    draw.on('deselect', (id) => {
      if (this.draw !== draw || draw.getMode() !== 'select') return;
      queueMicrotask(() => {
        if (this.draw === draw && draw.hasFeature(id) && draw.getMode() === 'select') draw.selectFeature(id);
      });
    });
    draw.on('change', () => {
      if (this.draw === draw) this.emit();
    });
    this.emit();
  }

  stopDrawing(): void {
    this.drawToken += 1;
    if (this.draw) {
      const draw = this.draw;
      this.draw = undefined;
      draw.stop();
    }
    this.onDrawChange = undefined;
  }

  /** The resident's shapes in the store (no guidance points). */
  private shapes(): GeoJSONStoreFeatures[] {
    if (!this.draw) return [];
    return this.draw.getSnapshot().filter((f) => f.properties && !GUIDANCE.some((k) => f.properties[k]) && ['Point', 'LineString', 'Polygon'].includes(f.geometry.type));
  }

  state(): DrawState {
    let geometry: DrawnGeometry | undefined;
    let drawingCount = 0;
    for (const f of this.shapes()) {
      if (f.geometry.type !== this.kind) continue;
      if (f.properties.currentlyDrawing) {
        if (f.geometry.type === 'LineString') drawingCount = f.geometry.coordinates.length - 1;
        else if (f.geometry.type === 'Polygon') {
          const committed = f.properties.committedCoordinateCount;
          drawingCount = typeof committed === 'number' ? committed : Math.max(1, (f.geometry.coordinates[0]?.length ?? 2) - 2);
        }
        continue;
      }
      if (f.geometry.type === 'Point') geometry = { type: 'Point', coordinates: pos(f.geometry.coordinates) };
      else if (f.geometry.type === 'LineString') geometry = { type: 'LineString', coordinates: f.geometry.coordinates.map(pos) };
      else if (f.geometry.type === 'Polygon') geometry = { type: 'Polygon', coordinates: f.geometry.coordinates.map((ring) => ring.map(pos)) };
    }
    return { geometry, drawingCount };
  }

  private emit(): void {
    this.onDrawChange?.(this.state());
  }

  /** Adds a point at the centre of the map: drawing without touch (arrow keys move the map). */
  addAtCentre(): void {
    const draw = this.draw;
    if (!draw || !this.kind) return;
    const [lng, lat] = this.center();
    const { x, y } = this.map.project([lng, lat]);
    const event: TerraDrawMouseEvent = { lng, lat, containerX: x, containerY: y, button: 'left', heldKeys: [], isContextMenu: false };
    const { geometry, drawingCount } = this.state();
    if (this.kind === 'Point') {
      this.pointMode?.onClick(event);
      return;
    }
    if (geometry && drawingCount === 0) {
      // A finished shape: extend it rather than start another.
      const id = this.shapes().find((f) => f.geometry.type === this.kind && !f.properties.currentlyDrawing)?.id;
      if (id === undefined) return;
      if (geometry.type === 'LineString') draw.updateFeatureGeometry(id, { type: 'LineString', coordinates: [...geometry.coordinates, [lng, lat]] });
      else if (geometry.type === 'Polygon') {
        const ring = geometry.coordinates[0]!;
        draw.updateFeatureGeometry(id, { type: 'Polygon', coordinates: [[...ring.slice(0, -1), [lng, lat], ring[0]!]] });
      }
      this.emit();
      return;
    }
    (this.kind === 'LineString' ? this.lineMode : this.polygonMode)?.onClick(event);
    this.emit();
  }

  /** Finishes the line or area being drawn (as Enter does). */
  finish(): void {
    const mode = this.kind === 'LineString' ? this.lineMode : this.kind === 'Polygon' ? this.polygonMode : undefined;
    mode?.onKeyUp({ key: 'Enter', heldKeys: [], preventDefault: () => undefined });
    this.emit();
  }

  /** Takes back the last point: of the line or area being drawn, or of the finished one. */
  undo(): void {
    const draw = this.draw;
    if (!draw || !this.kind) return;
    const { geometry, drawingCount } = this.state();
    if (drawingCount > 0) {
      if (draw.canUndo()) draw.undo();
      else this.restart();
    } else if (geometry?.type === 'LineString' && geometry.coordinates.length > 2) {
      this.replaceFinished({ type: 'LineString', coordinates: geometry.coordinates.slice(0, -1) });
    } else if (geometry?.type === 'Polygon' && (geometry.coordinates[0]?.length ?? 0) > 4) {
      const ring = geometry.coordinates[0]!;
      this.replaceFinished({ type: 'Polygon', coordinates: [[...ring.slice(0, -2), ring[0]!]] });
    } else this.restart();
    this.emit();
  }

  private replaceFinished(geometry: DrawnGeometry): void {
    const id = this.shapes().find((f) => f.geometry.type === this.kind && !f.properties.currentlyDrawing)?.id;
    if (id !== undefined) this.draw?.updateFeatureGeometry(id, geometry);
  }

  /** Clears the shape and starts drawing again. */
  restart(): void {
    const draw = this.draw;
    if (!draw || !this.kind) return;
    draw.setMode(MODE_OF[this.kind]);
    draw.clear();
    this.emit();
  }

  /**
   * Draws a council asset layer's assets (lamps, gullies) near the place, the chosen one
   * ringed; an empty list takes them away. Beneath the resident's shape, above the reports.
   */
  async showAssets(features: ReadonlyArray<{ id: string; geometry: { type: string } }>, chosen: string | undefined): Promise<void> {
    await this.ready;
    if (this.removed) return;
    const data = {
      type: 'FeatureCollection' as const,
      features: features.map((f) => ({ type: 'Feature' as const, properties: { id: f.id, chosen: f.id === chosen }, geometry: f.geometry as never })),
    };
    const source = this.map.getSource(ASSET_SOURCE) as { setData?: (d: unknown) => void } | undefined;
    if (source?.setData) {
      source.setData(data);
      return;
    }
    this.map.addSource(ASSET_SOURCE, { type: 'geojson', data });
    this.map.addLayer({
      id: `${ASSET_SOURCE}-lines`,
      type: 'line',
      source: ASSET_SOURCE,
      filter: ['!=', ['geometry-type'], 'Point'],
      paint: { 'line-color': ['case', ['get', 'chosen'], '#0b4f9c', '#5b6b7a'], 'line-width': ['case', ['get', 'chosen'], 5, 3] },
    });
    this.map.addLayer({
      id: `${ASSET_SOURCE}-points`,
      type: 'circle',
      source: ASSET_SOURCE,
      filter: ['==', ['geometry-type'], 'Point'],
      paint: {
        'circle-radius': ['case', ['get', 'chosen'], 9, 6],
        'circle-color': '#ffd43b',
        'circle-stroke-color': ['case', ['get', 'chosen'], '#0b4f9c', '#3d3d3d'],
        'circle-stroke-width': ['case', ['get', 'chosen'], 4, 2],
      },
    });
  }

  remove(): void {
    this.removed = true;
    this.stopDrawing();
    this.pin?.remove();
    if (window.__gsFlowMap === this.map) delete window.__gsFlowMap;
    this.disposeMap();
  }
}
