import type { Geometry, Position } from '@groundswell/core/rules';
import { format, formatNumber, t } from '../i18n/index.ts';

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in metres. */
function distance(a: Position, b: Position): number {
  const dLat = rad(b[1] - a[1]);
  const dLon = rad(b[0] - a[0]);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a[1])) * Math.cos(rad(b[1])) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function lineLength(coords: readonly Position[]): number {
  let total = 0;
  for (let i = 1; i < coords.length; i++) total += distance(coords[i - 1]!, coords[i]!);
  return total;
}

/** Area of a ring in m² on a local flat projection: plenty for a field or a verge. */
export function ringArea(ring: readonly Position[]): number {
  if (ring.length < 3) return 0;
  const lat0 = rad(ring[0]![1]);
  const x = (p: Position) => rad(p[0]) * EARTH_RADIUS_M * Math.cos(lat0);
  const y = (p: Position) => rad(p[1]) * EARTH_RADIUS_M;
  let sum = 0;
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i]!;
    const b = ring[(i + 1) % ring.length]!;
    sum += x(a) * y(b) - x(b) * y(a);
  }
  return Math.abs(sum) / 2;
}

function formatLength(m: number): string {
  return m >= 1000 ? `${formatNumber(m / 1000, 1)} km` : `${formatNumber(Math.max(1, Math.round(m)))} m`;
}

function formatArea(m2: number): string {
  return m2 >= 10_000 ? `${formatNumber(m2 / 10_000, 1)} ha` : `${formatNumber(Math.max(1, Math.round(m2)))} m²`;
}

/** Latitude and longitude as people read them: 56.4150° N, 3.2400° W (about 10 m precision). */
function coords(p: Position | undefined) {
  const [lon = 0, lat = 0] = p ?? [];
  const m = t().report;
  const deg = (n: number) => `${formatNumber(Math.abs(n), 4, 4)}°`;
  return { lat: `${deg(lat)} ${lat < 0 ? m.south : m.north}`, lon: `${deg(lon)} ${lon < 0 ? m.west : m.east}` };
}

/** A sentence saying where a report is, for people who cannot or do not use the map. */
export function describeWhere(geometry: Geometry): string {
  const m = t().report;
  switch (geometry.type) {
    case 'Point':
      return format(m.wherePoint, coords(geometry.coordinates));
    case 'LineString':
      return format(m.whereLine, { length: formatLength(lineLength(geometry.coordinates)), ...coords(geometry.coordinates[0]) });
    case 'Polygon':
      return format(m.whereArea, { area: formatArea(ringArea(geometry.coordinates[0] ?? [])), ...coords(geometry.coordinates[0]?.[0]) });
    default:
      return format(m.whereOther, coords(geometry.coordinates[0]?.[0]?.[0]));
  }
}
