import type { Geometry } from '@groundswell/core/rules';

type Pos = [number, number];

/** Every position of a geometry, flattened. */
export function positions(g: Geometry): Pos[] {
  const out: Pos[] = [];
  const walk = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') out.push([c[0] as number, c[1] as number]);
    else if (Array.isArray(c)) c.forEach(walk);
  };
  walk((g as { coordinates: unknown }).coordinates);
  return out;
}

/** A point to stand for the shape: the point itself, a line's middle vertex, an area's centre. */
export function anchor(g: Geometry): Pos {
  const all = positions(g);
  if (g.type === 'Point') return all[0] ?? [0, 0];
  if (g.type === 'LineString') return all[Math.floor(all.length / 2)] ?? [0, 0];
  const ring = g.type === 'Polygon' ? (g.coordinates[0] ?? []).slice(0, -1).map((p): Pos => [p[0], p[1]]) : all;
  const n = ring.length || 1;
  return [ring.reduce((s, p) => s + p[0], 0) / n, ring.reduce((s, p) => s + p[1], 0) / n];
}

export function bounds(g: Geometry): [number, number, number, number] {
  const all = positions(g);
  return [Math.min(...all.map((p) => p[0])), Math.min(...all.map((p) => p[1])), Math.max(...all.map((p) => p[0])), Math.max(...all.map((p) => p[1]))];
}

const rad = (d: number) => (d * Math.PI) / 180;
/** Great-circle distance in metres. */
export function distance(a: Pos, b: Pos): number {
  const dLat = rad(b[1] - a[1]);
  const dLon = rad(b[0] - a[0]);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a[1])) * Math.cos(rad(b[1])) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(h)));
}
