/**
 * Who did a public timeline event, as facts for core's `publicActorName` (which decides what
 * the public sees). Every public reader of `report_events` selects these, with the event as
 * `e` and its report as `r`.
 */
import { sql } from 'drizzle-orm';

/** The facts `publicActorName` needs, as they come out of SQL. */
export interface PublicActorColumns {
  actorType: string;
  /** Null for events by a staff account: the label stored with them is the officer's full name. */
  actorLabel: string | null;
  /** The officer's registered name and the team they acted for; null unless a staff account acted. */
  staffName: string | null;
  staffTeam: string | null;
  /** That team's names in other languages (teams.names). */
  staffTeamNames: Record<string, string> | null;
}

/**
 * The stored label only where no staff account stands behind the event (an Open311 client, a
 * team named by seeded data), so an officer's full name never leaves SQL as a label.
 */
export const PUBLIC_ACTOR_COLUMNS = sql`e.actor_type as "actorType",
  case when e.actor_type = 'staff' and e.actor_id is not null then null else e.actor_label end as "actorLabel",
  pa.name as "staffName", pa.team->>'name' as "staffTeam", pa.team->'names' as "staffTeamNames"`;

/**
 * The officer, and the team they acted for: theirs that holds the report, else their first,
 * else (an admin in no team) the report's.
 */
export const PUBLIC_ACTOR_JOIN = sql`left join lateral (
    select st.name, coalesce(
      (select jsonb_build_object('name', t.name, 'names', t.names) from staff_teams x join teams t on t.id = x.team_id where x.staff_id = st.id
       order by coalesce(x.team_id = r.team_id, false) desc, t.id limit 1),
      (select jsonb_build_object('name', t.name, 'names', t.names) from teams t where t.id = r.team_id)) as team
    from staff_users st where e.actor_type = 'staff' and st.id::text = e.actor_id) pa on true`;
