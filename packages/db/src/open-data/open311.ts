/**
 * Open311 GeoReport v2 reads: public reports as service requests. Open311 carries only a
 * point, so lines and areas are given by their representative point (`reports.point`,
 * ST_PointOnSurface). No contact details: report_contacts is never read here.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../connect.ts';
import { inList, isoTime, publicReport, tsParam } from '../sql-kit.ts';
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
