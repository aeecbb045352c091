import { sql } from 'drizzle-orm';
import type { BBox } from '@groundswell/core';
import type { Database } from './connect.ts';

/** The extent of the council's areas, where the map opens; undefined before any are loaded. */
export async function serviceExtent(database: Database): Promise<BBox | undefined> {
  const [row] = await database.rows<{ w: number | null; s: number; e: number; n: number }>(sql`
    select ST_XMin(x) as w, ST_YMin(x) as s, ST_XMax(x) as e, ST_YMax(x) as n
    from (select ST_Extent(geom)::geometry as x from areas) t`);
  return row && row.w !== null ? [Number(row.w), Number(row.s), Number(row.e), Number(row.n)] : undefined;
}

export async function ping(database: Database): Promise<void> {
  await database.rows(sql`select 1`);
}
