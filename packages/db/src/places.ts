import { sql } from 'drizzle-orm';
import type { BBox } from '@groundswell/core';
import type { Database } from './connect.ts';

export interface PlaceHit {
  name: string;
  kind: 'area' | 'place';
  center: [number, number];
  bbox: BBox | null;
}

/**
 * Council areas and gazetteer places whose name matches, best first: exact, then prefix,
 * then anywhere in the name.
 */
export async function searchPlaces(database: Database, q: string, limit = 10): Promise<PlaceHit[]> {
  const needle = q.trim().toLowerCase();
  const escaped = needle.replace(/[\\%_]/g, (m) => `\\${m}`);
  const rows = await database.rows<{ name: string; kind: 'area' | 'place'; x: number; y: number; w: number | null; s: number; e: number; n: number; rank: number }>(sql`
    select * from (
      select name, 'area' as kind, ST_X(ST_PointOnSurface(geom)) as x, ST_Y(ST_PointOnSurface(geom)) as y,
             ST_XMin(geom) as w, ST_YMin(geom) as s, ST_XMax(geom) as e, ST_YMax(geom) as n,
             case when lower(name) = ${needle} then 0 when lower(name) like ${`${escaped}%`} then 1 else 2 end as rank
      from areas where lower(name) like ${`%${escaped}%`}
      union all
      select name, 'place', ST_X(geom), ST_Y(geom), null, null, null, null,
             case when lower(name) = ${needle} then 0 when lower(name) like ${`${escaped}%`} then 1 else 2 end
      from places where lower(name) like ${`%${escaped}%`}
    ) hits order by rank, kind, name limit ${limit}`);
  return rows.map((r) => ({
    name: r.name,
    kind: r.kind,
    center: [Number(r.x), Number(r.y)],
    bbox: r.w === null ? null : [Number(r.w), Number(r.s), Number(r.e), Number(r.n)],
  }));
}
