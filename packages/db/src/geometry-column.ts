import { customType } from 'drizzle-orm/pg-core';
import { sql, type SQL } from 'drizzle-orm';
import wkx from 'wkx';
import type { Geometry } from '@groundswell/core';

/**
 * A PostGIS geometry column that reads and writes GeoJSON. Writes go through
 * ST_GeomFromGeoJSON so PostGIS owns the parsing; reads decode the hex EWKB that both
 * drivers return. Hot paths (lists, exports, tiles) select ST_AsGeoJSON in SQL instead.
 */
/**
 * RFC 7946 exterior rings counter-clockwise, for areas only: PostGIS 3.3's
 * ST_ForcePolygonCCW also reverses a LineString, and a ditch's direction matters.
 */
export function polygonsCounterClockwise(g: SQL): SQL {
  return sql`(select case when ST_Dimension(x) = 2 then ST_ForcePolygonCCW(x) else x end from (select ${g} as x) g)`;
}

export const geometry = customType<{
  data: Geometry;
  driverData: string;
  config: { type?: 'Geometry' | 'Point' | 'LineString' | 'Polygon' | 'MultiPolygon' | 'MultiLineString' };
}>({
  dataType(config) {
    return `geometry(${config?.type ?? 'Geometry'},4326)`;
  },
  toDriver(value) {
    // Stored counter-clockwise (RFC 7946 exterior rings) so reads need no fix-up.
    return polygonsCounterClockwise(sql`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(value)}), 4326)`) as unknown as string;
  },
  fromDriver(value) {
    return wkx.Geometry.parse(Buffer.from(value, 'hex')).toGeoJSON() as Geometry;
  },
});
