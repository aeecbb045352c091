import { sql, type SQL } from 'drizzle-orm';
import type { BBox, ReportState, Role, StaffActor } from '@groundswell/core';
import { execRows, type Database, type Executor } from './connect.ts';
import { GEOJSON_DECIMALS } from './reports.ts';
import { bboxIntersects, inList, isoTime, stateIn } from './sql-kit.ts';

/** The console's filters; an absent or undefined field does not filter. */
export interface StaffReportFilter {
  states?: ReportState[] | undefined;
  categories?: string[] | undefined;
  teams?: string[] | undefined;
  assignee?: string | 'me' | 'none' | undefined;
  area?: string | undefined;
  street?: string | undefined;
  priority?: number | undefined;
  channels?: string[] | undefined;
  from?: string | undefined;
  to?: string | undefined;
  hasPhotos?: boolean | undefined;
  q?: string | undefined;
  bbox?: BBox | undefined;
  since?: string | undefined;
  sort: 'newest' | 'oldest' | 'updated' | 'priority';
  limit: number;
  offset: number;
}

/** Officers see their teams' reports; admins see all. Applied in SQL, never only in the UI. */
function remit(actor: StaffActor): SQL {
  return actor.role === 'admin' ? sql`true` : inList(sql`r.team_id`, actor.teamIds);
}

/** The list's remit and filters over `r` (reports) and `c` (categories); the console's map tiles read the same. */
export function staffReportWhere(f: Omit<StaffReportFilter, 'sort' | 'limit' | 'offset'>, actor: StaffActor): SQL {
  return where(f, actor);
}

function where(f: Omit<StaffReportFilter, 'sort' | 'limit' | 'offset'>, actor: StaffActor, withState = true): SQL {
  const parts: SQL[] = [remit(actor)];
  if (withState && f.states?.length) parts.push(stateIn(sql`r.state`, f.states));
  if (f.categories?.length) parts.push(inList(sql`c.code`, f.categories));
  if (f.teams?.length) parts.push(sql`r.team_id in (select id from teams where code in ${f.teams})`);
  if (f.assignee === 'none') parts.push(sql`r.assignee_id is null`);
  else if (f.assignee === 'me') parts.push(sql`r.assignee_id = ${actor.id}`);
  else if (f.assignee) parts.push(sql`r.assignee_id = ${f.assignee}`);
  if (f.area) parts.push(sql`r.area_id = (select id from areas where code = ${f.area})`);
  if (f.street) parts.push(sql`(r.street_name ilike ${`%${f.street.replace(/[\\%_]/g, (m) => `\\${m}`)}%`} or r.street_usrn = ${f.street})`);
  if (f.priority !== undefined) parts.push(sql`r.priority = ${f.priority}`);
  if (f.channels?.length) parts.push(inList(sql`r.channel`, f.channels));
  if (f.from) parts.push(sql`r.created_at >= ${f.from}::timestamptz`);
  if (f.to) parts.push(sql`r.created_at < (${f.to}::date + 1)`);
  if (f.since) parts.push(sql`r.updated_at > ${f.since}::timestamptz`);
  if (f.hasPhotos !== undefined) parts.push(f.hasPhotos ? sql`exists (select 1 from photos p where p.report_id = r.id)` : sql`not exists (select 1 from photos p where p.report_id = r.id)`);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    parts.push(sql`(r.description ilike ${like} or r.public_id = ${f.q.toLowerCase()})`);
  }
  if (f.bbox) parts.push(bboxIntersects(sql`r.geom`, f.bbox));
  return sql.join(parts, sql` and `);
}

const ORDER: Record<StaffReportFilter['sort'], SQL> = {
  newest: sql`r.created_at desc, r.id desc`,
  oldest: sql`r.created_at asc, r.id asc`,
  updated: sql`r.updated_at desc, r.id desc`,
  priority: sql`r.priority desc, r.created_at asc, r.id asc`,
};

const iso = (col: string) => isoTime(col, 'ms');

const STAFF_COLUMNS = sql`
  r.public_id as id, c.code as category, c.name as "categoryName", r.state, r.priority, r.channel,
  ST_AsGeoJSON(r.geom, ${sql.raw(String(GEOJSON_DECIMALS))})::json as geometry,
  r.description, r.support_count as "supportCount",
  t.code as team, t.name as "teamName", s.id as "assigneeId", s.name as "assigneeName", a.name as area, a.code as "areaCode",
  r.street_name as "streetName", r.street_usrn as "streetUsrn",
  (select count(*)::int from photos p where p.report_id = r.id) as "photoCount",
  ${iso('r.created_at')} as "createdAt", ${iso('r.updated_at')} as "updatedAt", ${iso('r.expected_at')} as "expectedAt"`;

const FROM = sql`from reports r join categories c on c.id = r.category_id
  left join teams t on t.id = r.team_id left join staff_users s on s.id = r.assignee_id left join areas a on a.id = r.area_id`;

export async function listStaffReports(database: Database, f: StaffReportFilter, actor: StaffActor) {
  const [rows, counts, total] = await Promise.all([
    database.rows<Record<string, unknown>>(sql`select ${STAFF_COLUMNS} ${FROM} where ${where(f, actor)} order by ${ORDER[f.sort]} limit ${f.limit} offset ${f.offset}`),
    database.rows<{ state: ReportState; n: number }>(sql`select r.state, count(*)::int as n ${FROM} where ${where(f, actor, false)} group by r.state`),
    database.rows<{ n: number }>(sql`select count(*)::int as n ${FROM} where ${where(f, actor)}`),
  ]);
  return { rows, total: Number(total[0]!.n), counts: Object.fromEntries(counts.map((c) => [c.state, Number(c.n)])) as Partial<Record<ReportState, number>> };
}

export interface StaffReportDetail {
  row: Record<string, unknown> & { teamId: number | null; internalId: number };
  contact: { name: string | null; email: string | null; phone: string | null } | null;
  timeline: Array<{ id: number; kind: string; public: boolean; actorType: string; actorId: string | null; actorLabel: string | null; payload: Record<string, unknown>; at: string }>;
  photos: Array<{ id: string; hidden: boolean }>;
}

export async function staffReportDetail(database: Database, publicId: string): Promise<StaffReportDetail | undefined> {
  const [row] = await database.rows<StaffReportDetail['row']>(sql`
    select ${STAFF_COLUMNS}, r.id as "internalId", r.team_id as "teamId", r.answers, r.public_name as "publicName", r.show_name as "showName",
           r.channel_source as "channelSource", r.locale, ${iso('r.acknowledged_at')} as "acknowledgedAt", ${iso('r.resolved_at')} as "resolvedAt",
           (select m.public_id from reports m where m.id = r.merged_into_id) as "mergedInto"
    ${FROM} where r.public_id = ${publicId}`);
  if (!row) return undefined;
  const id = Number(row.internalId);
  const [contacts, timeline, photos] = await Promise.all([
    database.rows<StaffReportDetail['contact'] & object>(sql`select name, email, phone from report_contacts where report_id = ${id}`),
    database.rows<StaffReportDetail['timeline'][number]>(sql`
      select e.id, e.kind, e.public, e.actor_type as "actorType", e.actor_id as "actorId",
             coalesce(st.name, e.actor_label) as "actorLabel", e.payload, ${iso('e.created_at')} as at
      from report_events e left join staff_users st on st.id::text = e.actor_id
      where e.report_id = ${id} order by e.created_at, e.id`),
    database.rows<{ id: string; hidden: boolean }>(sql`select id, hidden from photos where report_id = ${id} order by position, created_at`),
  ]);
  return {
    row: { ...row, teamId: row.teamId === null ? null : Number(row.teamId), internalId: id },
    contact: contacts[0] ?? null,
    timeline: timeline.map((e) => ({ ...e, id: Number(e.id) })),
    photos,
  };
}

export async function teamByCode(tx: Executor, code: string) {
  const [row] = await execRows<{ id: number; name: string }>(tx, sql`select id, name from teams where code = ${code}`);
  return row ? { id: Number(row.id), name: row.name } : undefined;
}

/** An active member of staff, in the shape the authorization rules take. */
export async function staffMember(tx: Executor, id: string): Promise<StaffActor | undefined> {
  const [row] = await execRows<{ id: string; name: string; role: Role; team_ids: number[] }>(
    tx,
    sql`
    select s.id, s.name, s.role, coalesce((select array_agg(team_id) from staff_teams where staff_id = s.id), '{}') as team_ids
    from staff_users s where s.id = ${id} and s.disabled_at is null`,
  );
  return row ? { id: row.id, name: row.name, role: row.role, teamIds: row.team_ids.map(Number) } : undefined;
}

export async function listTemplates(database: Database, filter: { category?: string; state?: string }) {
  return database.rows<{ id: number; title: string; body: string; category: string | null; state: string | null; locale: string }>(sql`
    select t.id, t.title, t.body, c.code as category, t.state, t.locale from response_templates t left join categories c on c.id = t.category_id
    where t.active ${filter.category ? sql`and (c.code = ${filter.category} or t.category_id is null)` : sql``}
      ${filter.state ? sql`and (t.state = ${filter.state} or t.state is null)` : sql``}
    order by t.category_id is null, t.state is null, t.title`);
}

export async function listTeams(database: Database) {
  return database.rows<{ id: number; code: string; name: string; names: Record<string, string>; email: string | null }>(sql`select id, code, name, names, email from teams order by name`);
}

/** Every staff action: the audit log and staff events on report timelines, newest first. */
export async function auditTrail(database: Database, f: { staffId?: string; from?: string; to?: string; limit: number }) {
  const who = f.staffId ? sql`and x.staff_id = ${f.staffId}` : sql``;
  const from = f.from ? sql`and x.at >= ${f.from}::timestamptz` : sql``;
  const to = f.to ? sql`and x.at < (${f.to}::date + 1)` : sql``;
  return database.rows(sql`
    select x.*, s.name as "staffName", ${iso('x.at')} as "atIso" from (
      select staff_id, action, target_type as "targetType", target_id as "targetId", payload, created_at as at from audit_log
      union all
      select e.actor_id::uuid, e.kind, 'report', r.public_id, e.payload, e.created_at
      from report_events e join reports r on r.id = e.report_id where e.actor_type = 'staff' and e.actor_id is not null
    ) x left join staff_users s on s.id = x.staff_id
    where true ${who} ${from} ${to} order by x.at desc limit ${f.limit}`);
}
