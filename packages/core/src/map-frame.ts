/**
 * The geometry shared by the server's still picture of a map (map-picture) and the web maps
 * that replace it: Web Mercator at MapLibre's scale (the world is 512 × 2^zoom CSS pixels
 * wide), so a picture asked for with a camera's box and size draws exactly what MapLibre then
 * shows at that camera, and the report tiles' cluster grid of that zoom falls in the same place.
 */
import type { BBox } from './geometry.ts';

export const MERCATOR_ORIGIN = 20037508.342789244;
const EARTH_RADIUS = 6378137;
const MAX_LAT = 85.0511287798;
/** MapLibre's world width at zoom 0, in CSS pixels. */
export const WORLD_PIXELS = 512;

export const mercX = (lon: number) => (lon * MERCATOR_ORIGIN) / 180;
export const mercY = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * Math.PI) / 360)) * EARTH_RADIUS;
export const lonOf = (mx: number) => (mx / MERCATOR_ORIGIN) * 180;
export const latOf = (my: number) => (Math.atan(Math.sinh(my / EARTH_RADIUS)) * 180) / Math.PI;

/** Pixels per Mercator metre at a zoom, and back. */
export const pixelsPerMetre = (zoom: number) => (WORLD_PIXELS * 2 ** zoom) / (2 * MERCATOR_ORIGIN);
export const zoomOfScale = (k: number) => Math.log2((k * 2 * MERCATOR_ORIGIN) / WORLD_PIXELS);

export interface Camera {
  center: [number, number];
  zoom: number;
}

/** The camera that fits a box into width × height with padding (MapLibre's fitBounds, no rotation), at most maxZoom. */
export function fitCamera([w, s, e, n]: BBox, width: number, height: number, padding = 0, maxZoom = 22): Camera {
  const dx = Math.max(mercX(e) - mercX(w), 1e-9);
  const dy = Math.max(mercY(n) - mercY(s), 1e-9);
  const k = Math.min(Math.max(width - 2 * padding, 1) / dx, Math.max(height - 2 * padding, 1) / dy);
  return { center: [lonOf((mercX(w) + mercX(e)) / 2), latOf((mercY(s) + mercY(n)) / 2)], zoom: Math.min(maxZoom, zoomOfScale(k)) };
}

/** The box a camera shows in width × height pixels. */
export function cameraBBox({ center, zoom }: Camera, width: number, height: number): BBox {
  const k = pixelsPerMetre(zoom);
  const cx = mercX(center[0]);
  const cy = mercY(center[1]);
  return [lonOf(cx - width / 2 / k), latOf(cy - height / 2 / k), lonOf(cx + width / 2 / k), latOf(cy + height / 2 / k)];
}

/** A picture's frame: its top-left corner in Mercator metres, its scale and the zoom that scale is. */
export interface PictureFrame {
  x0: number;
  y1: number;
  /** Pixels per Mercator metre. */
  k: number;
  width: number;
  height: number;
  zoom: number;
}

/** The frame that shows a box in width × height pixels: the box's centre, the scale that fits it whole (as an SVG's "meet"). */
export function pictureFrame([w, s, e, n]: BBox, width: number, height: number): PictureFrame {
  const dx = Math.max(mercX(e) - mercX(w), 1e-9);
  const dy = Math.max(mercY(n) - mercY(s), 1e-9);
  const k = Math.min(width / dx, height / dy);
  const cx = (mercX(w) + mercX(e)) / 2;
  const cy = (mercY(s) + mercY(n)) / 2;
  return { x0: cx - width / 2 / k, y1: cy + height / 2 / k, k, width, height, zoom: zoomOfScale(k) };
}

/** The integer zoom whose vector tiles MapLibre draws at a fractional zoom (it floors; a hair under an integer counts as it). */
export const tileZoomOf = (zoom: number) => Math.max(0, Math.floor(zoom + 1e-6));
