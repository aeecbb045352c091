/**
 * Council asset layers (issue 14): the pure part. Which assets lie near a point, the bbox
 * asked for, and the request URLs for OGC API Features and WFS 2.0 (GeoJSON output).
 */
import type { BBox } from './geometry.ts';

export const ASSET_LAYER_KINDS = ['ogc', 'wfs'] as const;
export type AssetLayerKind = (typeof ASSET_LAYER_KINDS)[number];

/** How many features one request asks for: a street's lamps, not a town's. */
export const ASSET_FEATURE_LIMIT = 200;
/** The widest bbox the features route fetches, in degrees (about 2 km): the report flow looks at one street. */
export const ASSET_BBOX_MAX_DEGREES = 0.02;

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (d: number) => (d * Math.PI) / 180;

/** Great-circle distance in metres between two [lon, lat] points. */
export function greatCircleMetres(a: readonly [number, number], b: readonly [number, number]): number {
  const dLat = rad(b[1] - a[1]);
  const dLon = rad(b[0] - a[0]);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a[1])) * Math.cos(rad(b[1])) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A [west, south, east, north] box reaching `metres` from the point each way. */
export function bboxAround(point: readonly [number, number], metres: number): BBox {
  const dLat = metres / 111_320;
  const dLon = metres / (111_320 * Math.max(0.01, Math.cos(rad(point[1]))));
  const r = (n: number) => Math.round(n * 1e7) / 1e7;
  return [r(point[0] - dLon), r(point[1] - dLat), r(point[0] + dLon), r(point[1] + dLat)];
}

export function bboxTooLarge(b: BBox): boolean {
  return b[2] - b[0] > ASSET_BBOX_MAX_DEGREES || b[3] - b[1] > ASSET_BBOX_MAX_DEGREES;
}

/** Where a shape is for snapping: a point itself, a line's middle vertex, an area's first vertex mean. */
export function anchorPoint(geometry: { type: string; coordinates: unknown }): [number, number] {
  if (geometry.type === 'Point') return geometry.coordinates as [number, number];
  if (geometry.type === 'LineString') {
    const line = geometry.coordinates as [number, number][];
    return line[Math.floor(line.length / 2)]!;
  }
  const ring = (geometry.coordinates as [number, number][][])[0]!.slice(0, -1);
  return [ring.reduce((s, p) => s + p[0], 0) / ring.length, ring.reduce((s, p) => s + p[1], 0) / ring.length];
}

interface GeoJsonGeometry {
  type: string;
  coordinates?: unknown;
  geometries?: GeoJsonGeometry[];
}
export interface RawFeature {
  id?: string | number;
  geometry: GeoJsonGeometry | null;
  properties: Record<string, unknown> | null;
}

/** One asset as we use it: the layer's id and name fields read, the geometry as GeoJSON. */
export interface LayerAsset {
  id: string;
  name: string | null;
  geometry: GeoJsonGeometry;
}

function vertices(g: GeoJsonGeometry): [number, number][] {
  if (g.type === 'GeometryCollection') return (g.geometries ?? []).flatMap(vertices);
  const out: [number, number][] = [];
  const walk = (c: unknown) => {
    if (Array.isArray(c) && typeof c[0] === 'number') out.push([c[0], c[1] as number]);
    else if (Array.isArray(c)) for (const x of c) walk(x);
  };
  walk(g.coordinates);
  return out;
}

function swapAxes(g: GeoJsonGeometry): GeoJsonGeometry {
  if (g.type === 'GeometryCollection') return { ...g, geometries: (g.geometries ?? []).map(swapAxes) };
  const walk = (c: unknown): unknown => (Array.isArray(c) && typeof c[0] === 'number' ? [c[1], c[0], ...c.slice(2)] : Array.isArray(c) ? c.map(walk) : c);
  return { ...g, coordinates: walk(g.coordinates) };
}

const inBox = (b: BBox, [x, y]: [number, number]) => x >= b[0] && x <= b[2] && y >= b[1] && y <= b[3];

/**
 * A server's FeatureCollection as assets; features without the id field are left out.
 * GeoJSON is longitude first, and so is what WFS servers write for the short `EPSG:4326`
 * we ask for, but some write the EPSG axis order (latitude first) whatever they are asked,
 * and their `crs` member does not tell the two apart. So the coordinates are checked
 * against the bbox asked for: when none fall inside it and all do with the axes swapped,
 * they are swapped.
 */
export function readLayerAssets(body: unknown, idField: string, nameField: string | null, asked?: BBox): LayerAsset[] {
  const fc = body as { type?: string; features?: RawFeature[] };
  if (fc?.type !== 'FeatureCollection' || !Array.isArray(fc.features)) throw new Error('Not a GeoJSON FeatureCollection');
  const out: LayerAsset[] = [];
  for (const f of fc.features) {
    if (!f?.geometry) continue;
    const rawId = f.properties?.[idField] ?? (idField === 'id' ? f.id : undefined);
    if (rawId === undefined || rawId === null || rawId === '') continue;
    const rawName = nameField ? f.properties?.[nameField] : null;
    out.push({ id: String(rawId), name: rawName === undefined || rawName === null || rawName === '' ? null : String(rawName), geometry: f.geometry });
  }
  if (asked && out.length) {
    const all = out.flatMap((f) => vertices(f.geometry));
    const swapped = all.map(([x, y]) => [y, x] as [number, number]);
    if (!all.some((v) => inBox(asked, v)) && swapped.every((v) => inBox(asked, v))) return out.map((f) => ({ ...f, geometry: swapAxes(f.geometry) }));
  }
  return out;
}

function parts(g: GeoJsonGeometry): [number, number][][] {
  if (g.type === 'GeometryCollection') return (g.geometries ?? []).flatMap(parts);
  const c = g.coordinates as never;
  switch (g.type) {
    case 'Point':
      return [[c]];
    case 'MultiPoint':
      return (c as [number, number][]).map((p) => [p]);
    case 'LineString':
      return [c];
    case 'MultiLineString':
    case 'Polygon':
      return c;
    case 'MultiPolygon':
      return (c as [number, number][][][]).flat();
    default:
      return [];
  }
}

/**
 * Metres from a point to a geometry's nearest vertex or edge (an area's inside counts by its
 * outline: an asset is a lamp, a gully, a pipe, not a place one stands in). Edges are measured
 * on a local flat projection, which is exact enough within a snapping distance.
 */
export function metresToGeometry(point: readonly [number, number], g: GeoJsonGeometry): number {
  const kx = 111_320 * Math.cos(rad(point[1]));
  const ky = 110_574;
  const xy = (p: [number, number]) => [(p[0] - point[0]) * kx, (p[1] - point[1]) * ky] as const;
  let best = Number.POSITIVE_INFINITY;
  for (const line of parts(g)) {
    if (line.length === 1) best = Math.min(best, greatCircleMetres(point, line[0]!));
    for (let i = 1; i < line.length; i++) {
      const [ax, ay] = xy(line[i - 1]!);
      const [bx, by] = xy(line[i]!);
      const dx = bx - ax;
      const dy = by - ay;
      const len = dx * dx + dy * dy;
      const t = len === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len));
      best = Math.min(best, Math.hypot(ax + t * dx, ay + t * dy));
    }
  }
  return best;
}

/** The nearest asset within the snapping distance, or null. */
export function nearestAsset(features: readonly LayerAsset[], point: readonly [number, number], snapMetres: number): (LayerAsset & { metres: number }) | null {
  let best: (LayerAsset & { metres: number }) | null = null;
  for (const f of features) {
    const metres = metresToGeometry(point, f.geometry);
    if (metres <= snapMetres && (!best || metres < best.metres)) best = { ...f, metres: Math.round(metres * 10) / 10 };
  }
  return best;
}

function withParams(base: string, params: Record<string, string>): string {
  const url = new URL(base);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.toString();
}

/** OGC API Features: `{landing}/collections/{collection}/items?bbox=w,s,e,n&limit=` (CRS84, longitude first). */
export function ogcItemsUrl(landing: string, collection: string, bbox: BBox, limit = ASSET_FEATURE_LIMIT): string {
  const base = `${landing.replace(/\/+$/, '')}/collections/${encodeURIComponent(collection)}/items`;
  return withParams(base, { bbox: bbox.join(','), limit: String(limit), f: 'json' });
}

/**
 * WFS 2.0 GetFeature for GeoJSON. The BBOX names `urn:ogc:def:crs:EPSG::4326`, whose axis
 * order is latitude first, so it is written south,west,north,east; that is unambiguous on
 * every server, where a bare EPSG:4326 is read either way.
 */
export function wfsGetFeatureUrl(endpoint: string, typeName: string, bbox: BBox, count = ASSET_FEATURE_LIMIT): string {
  const [w, s, e, n] = bbox;
  return withParams(endpoint, {
    SERVICE: 'WFS',
    VERSION: '2.0.0',
    REQUEST: 'GetFeature',
    TYPENAMES: typeName,
    OUTPUTFORMAT: 'application/json',
    SRSNAME: 'EPSG:4326',
    BBOX: `${s},${w},${n},${e},urn:ogc:def:crs:EPSG::4326`,
    COUNT: String(count),
  });
}

export function assetFeaturesUrl(layer: { kind: AssetLayerKind; url: string; collection: string }, bbox: BBox, limit = ASSET_FEATURE_LIMIT): string {
  return layer.kind === 'ogc' ? ogcItemsUrl(layer.url, layer.collection, bbox, limit) : wfsGetFeatureUrl(layer.url, layer.collection, bbox, limit);
}
