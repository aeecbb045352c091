/**
 * Open311 GeoReport v2 reads: public reports as service requests. Open311 carries only a
 * point, so lines and areas are given by their representative point (`reports.point`,
 * ST_PointOnSurface). No contact details: report_contacts is never read here.
 */
import { sql, type SQL } from 'drizzle-orm';
import { execRows, type Database } from '../connect.ts';
import { inList, isoTime, publicReport, tsParam } from '../sql-kit.ts';
import { addEvent, type EventActor } from '../timeline.ts';
import { reportPageUrl, reportStatus, statusIs } from './reports.ts';

export interface Open311Filter {
  ids?: string[];
  serviceCodes?: string[];
  statuses?: Array<'open' | 'closed'>;
  start?: string;
  end?: string;
  limit: number;
}

export interface Open311RequestRow {
  service_request_id: string;
  status: 'open' | 'closed';
  state: string;
  service_name: string;
  service_code: string;
  description: string;
  agency_responsible: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  lat: number;
  long: number;
  media_url: string | null;
  channel: string;
  geometry_type: string;
  support_count: number;
  url: string;
}

/** Open311 times: W3C datetime with a timezone. */
const w3c = (column: string) => isoTime(column);

export async function open311Requests(database: Database, filter: Open311Filter, baseUrl: string): Promise<Open311RequestRow[]> {
  const parts: SQL[] = [publicReport()];
  if (filter.ids?.length) {
    parts.push(inList(sql`r.public_id`, filter.ids));
  } else {
    if (filter.serviceCodes?.length) parts.push(inList(sql`c.code`, filter.serviceCodes));
    if (filter.statuses?.length === 1) parts.push(statusIs(filter.statuses[0]!));
    if (filter.start) parts.push(sql`r.created_at >= ${tsParam(filter.start)}`);
    if (filter.end) parts.push(sql`r.created_at <= ${tsParam(filter.end)}`);
  }
  const rows = await database.rows<Open311RequestRow>(sql`
    select r.public_id as service_request_id,
           ${reportStatus} as status,
           r.state, c.name->>'en' as service_name, c.code as service_code, r.description,
           t.name as agency_responsible,
           ${w3c('r.created_at')} as requested_datetime, ${w3c('r.updated_at')} as updated_datetime,
           ${w3c('r.expected_at')} as expected_datetime, a.name as address,
           round(ST_Y(r.point)::numeric, 6)::float8 as lat, round(ST_X(r.point)::numeric, 6)::float8 as long,
           (select ${`${baseUrl}/api/photos/`} || p.id::text || '/display' from photos p
             where p.report_id = r.id and not p.hidden order by p.position, p.created_at limit 1) as media_url,
           r.channel, r.geom_type as geometry_type, r.support_count, ${reportPageUrl(baseUrl)} as url
    from reports r join categories c on c.id = r.category_id
      left join areas a on a.id = r.area_id left join teams t on t.id = r.team_id
    where ${sql.join(parts, sql` and `)}
    order by r.created_at desc, r.id desc
    limit ${filter.limit}`);
  return rows.map((r) => ({ ...r, lat: Number(r.lat), long: Number(r.long), support_count: Number(r.support_count) }));
}

export interface Open311UpdateRow {
  update_id: string;
  service_request_id: string;
  kind: 'state_changed' | 'public_answer' | 'not_fixed';
  /** The report's state just after this event (the latest public change of state up to it). */
  state: string;
  /** A public answer's text; a change of state has none. */
  description: string | null;
  updated_datetime: string;
}

/**
 * What officers told the public, as Open311 `servicerequestupdates`: the public changes of
 * state and public answers of reports that are public now (and a reopening after a reporter
 * said "not fixed", as a change of state), oldest first, by event time in [start, end].
 * Internal notes, moderation and residents' own words are never read, nor who acted.
 * Ordered by (time, id) so a client that stops at `limit` can go on from the last time.
 */
export async function open311Updates(database: Database, window: { start: string; end: string; limit: number }): Promise<Open311UpdateRow[]> {
  return database.rows<Open311UpdateRow>(sql`
    select e.id::text as update_id, r.public_id as service_request_id, e.kind,
           coalesce((select s.payload->>'to' from report_events s
                     where s.report_id = e.report_id and s.public and s.kind in ('state_changed', 'not_fixed') and s.payload ? 'to'
                       and (s.created_at < e.created_at or (s.created_at = e.created_at and s.id <= e.id))
                     order by s.created_at desc, s.id desc limit 1), 'new') as state,
           case when e.kind = 'public_answer' then e.payload->>'message' end as description,
           ${isoTime('e.created_at')} as updated_datetime
    from report_events e join reports r on r.id = e.report_id
    where ${publicReport()} and e.public and (e.kind in ('state_changed', 'public_answer') or (e.kind = 'not_fixed' and e.payload ? 'to'))
      and e.created_at >= ${tsParam(window.start)} and e.created_at <= ${tsParam(window.end)}
    order by e.created_at, e.id
    limit ${window.limit}`);
}

/**
 * Records on a new report, for officers only, which contact details its category asks for
 * and the Open311 client did not send (the spec lets it leave them out).
 */
export async function noteOpen311MissingContact(database: Database, publicId: string, note: { text: string; missing: string[]; actor: EventActor; at: Date }): Promise<void> {
  await database.db.transaction(async (tx) => {
    const [row] = await execRows<{ id: number | string }>(tx, sql`select id from reports where public_id = ${publicId}`);
    if (!row) return;
    await addEvent(tx, { reportId: Number(row.id), kind: 'internal_note', public: false, actor: note.actor, payload: { note: note.text, missingContact: note.missing }, at: note.at });
  });
}

export interface ApiKeyRow {
  id: string;
  name: string;
  revokedAt: string | null;
}

/** The key with this sha256 hash, marking it used; `undefined` when there is none. */
export async function useApiKey(database: Database, keyHash: string, at: Date): Promise<ApiKeyRow | undefined> {
  const [row] = await database.rows<ApiKeyRow>(sql`
    update api_keys set last_used_at = case when revoked_at is null then ${tsParam(at)} else last_used_at end
    where key_hash = ${keyHash}
    returning id, name, revoked_at as "revokedAt"`);
  return row;
}
