/** SQL pieces the network's reads and writes share. */
import { sql, type SQL } from 'drizzle-orm';
import { DITCH_CATEGORY, OPEN_STATES } from '@groundswell/core';
import { routedTeam } from '../routing.ts';
import { stateIn } from '../sql-kit.ts';

/**
 * When the segment was last seen by an inspection that could see it (an inspection that
 * recorded `unknown` does not count), or the date a new segment inherited from the one(s) it
 * came from. Reads `assets a`.
 */
export const LAST_INSPECTED = sql`greatest(
  (select max(e.created_at) from asset_events e where e.asset_id = a.id and e.kind = 'inspected' and e.condition is distinct from 'unknown'),
  (select max((e.payload->>'inspectedAt')::timestamptz) from asset_events e where e.asset_id = a.id and e.kind = 'created'))`;

/** Open reports attached to `assets a`. */
export const OPEN_REPORTS = sql`(select count(*)::int from reports r where r.asset_id = a.id and ${stateIn(sql`r.state`, OPEN_STATES)})`;

/**
 * The team a segment in area `areaId` (an SQL expression) is routed to: where a blocked-ditch
 * report there would go (the reports' routing rules), else that category's default team;
 * null when there is neither. drizzle/0010_asset_teams.sql backfilled with the same rule.
 */
export const routedSegmentTeam = (areaId: SQL) => sql`(select coalesce(${routedTeam(areaId, sql`c.id`, null)}, c.default_team_id) from categories c where c.code = ${DITCH_CATEGORY})`;

/**
 * The team that works `assets a`: its own, or for a segment mapped with none (rows loaded
 * straight into the table) where routing sends it now. A function, not a constant: this
 * module and report-writes.ts import each other (through assets.ts).
 */
export const segmentTeam = () => sql`coalesce(a.team_id, ${routedSegmentTeam(sql`a.area_id`)})`;
