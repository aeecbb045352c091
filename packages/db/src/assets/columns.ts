/** SQL pieces the network's reads and writes share. */
import { sql } from 'drizzle-orm';
import { OPEN_STATES } from '@groundswell/core';
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
