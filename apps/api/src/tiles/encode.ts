/// <reference path="./vt-pbf.d.ts" />
/**
 * The JavaScript tile encoder for engines without ST_AsMVT (PGlite): rows already in tile
 * coordinates from SQL (see tileRows in @groundswell/db), encoded with vt-pbf. Layer and
 * attribute names are the ones ST_AsMVT writes from the same columns.
 */
import type { VtFeature } from 'vt-pbf';
import { TILE_EXTENT, type TileLayers } from '@groundswell/db';

type Pos = [number, number];

function toVt(geom: { type: string; coordinates: unknown }): Pick<VtFeature, 'type' | 'geometry'> | null {
  switch (geom.type) {
    case 'Point':
      return { type: 1, geometry: [geom.coordinates as Pos] };
    case 'MultiPoint':
      return { type: 1, geometry: geom.coordinates as Pos[] };
    case 'LineString':
      return { type: 2, geometry: [geom.coordinates as Pos[]] };
    case 'MultiLineString':
      return { type: 2, geometry: geom.coordinates as Pos[][] };
    case 'Polygon':
      return { type: 3, geometry: geom.coordinates as Pos[][] };
    case 'MultiPolygon':
      return { type: 3, geometry: (geom.coordinates as Pos[][][]).flat() };
    default:
      return null;
  }
}

/** Async because vt-pbf is loaded at the first tile (only PGlite needs it; on PostgreSQL it never loads). */
export async function encodeTile(layers: TileLayers): Promise<Uint8Array> {
  const vt: Record<string, { features: VtFeature[] }> = {};
  for (const [name, rows] of Object.entries(layers)) {
    const features: VtFeature[] = [];
    for (const { geom, ...attributes } of rows) {
      const g = toVt(geom);
      if (!g) continue;
      const tags: VtFeature['tags'] = {};
      for (const [k, v] of Object.entries(attributes)) {
        // ST_AsMVT leaves nulls out too.
        if (v !== null && v !== undefined) tags[k] = typeof v === 'bigint' ? Number(v) : (v as string | number | boolean);
      }
      features.push({ ...g, tags });
    }
    if (features.length) vt[name] = { features };
  }
  if (!Object.keys(vt).length) return new Uint8Array();
  const { fromGeojsonVt } = await import('vt-pbf');
  return fromGeojsonVt(vt, { version: 2, extent: TILE_EXTENT });
}
