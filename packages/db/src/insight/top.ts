import { sql } from 'drizzle-orm';
import { OPEN_STATES, type SupportedReport } from '@groundswell/core';
import type { Database } from '../connect.ts';
import { GEOJSON_DECIMALS } from '../reports.ts';
import { isoTime, stateIn } from '../sql-kit.ts';
import { insightRows, insightWhere, type InsightFilter } from './filter.ts';

export type { SupportedReport };

/** Open reports with the most supporters (oldest first among equals). Public fields only. */
export async function mostSupported(database: Database, f: InsightFilter, limit: number): Promise<SupportedReport[]> {
  const rows = await insightRows<SupportedReport>(
    database,
    sql`
    select r.public_id as id, c.code as category, c.name as "categoryName", r.state, r.support_count as "supportCount",
           a.name as area, t.code as team,
           ${isoTime('r.created_at')} as "createdAt",
           ST_AsGeoJSON(r.point, ${sql.raw(String(GEOJSON_DECIMALS))})::json as point
    from reports r join categories c on c.id = r.category_id
      left join areas a on a.id = r.area_id left join teams t on t.id = r.team_id
    where ${insightWhere(f)} and ${stateIn(sql`r.state`, OPEN_STATES)} and r.support_count > 0
    order by r.support_count desc, r.created_at asc, r.id
    limit ${limit}`,
  );
  return rows.map((r) => ({ ...r, supportCount: Number(r.supportCount) }));
}
