/**
 * Routing in SQL, shared by reports and the network's segments. Its own module, importing
 * nothing of the aggregates that use it, so no import cycle leaves a fragment undefined.
 */
import { sql, type SQL } from 'drizzle-orm';

/**
 * The team for a report: the most specific routing rule (area and category, then area,
 * then category), else the category's default team. `areaId` is an SQL expression.
 */
export function routedTeam(areaId: SQL, categoryId: number | SQL, fallback: number | null) {
  return sql`coalesce((select rr.team_id from routing_rules rr
    where (rr.area_id = ${areaId} or rr.area_id is null) and (rr.category_id = ${categoryId} or rr.category_id is null)
    order by rr.area_id is null, rr.category_id is null, rr.id limit 1), ${fallback}::int)`;
}
