import { and, eq, sql, type SQL } from 'drizzle-orm';
import { OPEN_STATES, type BBox, type Geometry, type PublicEvent, type ReportState } from '@groundswell/core';
import type { Database } from './connect.ts';
import { reports } from './schema.ts';
import { answersInFormOrder, bboxIntersects, inList, isoTime, isoTimeJson, publicReport, stateIn, tsParam } from './sql-kit.ts';
import { PUBLIC_ACTOR_COLUMNS, PUBLIC_ACTOR_JOIN, type PublicActorColumns } from './open-data/public-actor.ts';
import { jsonObjectText } from './open-data/reports.ts';

export type { PublicActorColumns };

export interface PublicReportFilter {
  bbox?: BBox;
  categories?: string[];
  states?: ReportState[];
  since?: string;
  limit: number;
}

export interface PublicReportRow {
  publicId: string;
  category: string;
  categoryName: Record<string, string>;
  state: ReportState;
  geometry: Geometry;
  description: string;
  answers: Record<string, unknown>;
  reporterName: string | null;
  channel: string;
  areas: string[];
  supportCount: number;
  photos: { id: string }[];
  expectedAt: string | null;
  createdAt: string;
  updatedAt: string;
  acknowledgedAt: string | null;
  resolvedAt: string | null;
}

/** GeoJSON precision: 7 decimals is about a centimetre, RFC 7946's suggested ceiling. */
export const GEOJSON_DECIMALS = 7;

const iso = (col: string) => isoTime(col, 'ms');

/** The report's area as a list of names: a report lies in at most one (`area_id`), so no aggregate and sort per row. */
const AREA_NAMES = sql`coalesce((select array[a.name] from areas a where a.id = r.area_id), '{}')`;

/**
 * The public columns of a report, and nothing else: this fragment is the only way public
 * code reads reports, and it never touches report_contacts.
 */
const PUBLIC_COLUMNS = sql`
  r.public_id as "publicId",
  c.code as category,
  c.name as "categoryName",
  r.state,
  ST_AsGeoJSON(r.geom, ${sql.raw(String(GEOJSON_DECIMALS))})::json as geometry,
  r.description,
  ${answersInFormOrder} as answers,
  r.public_name as "reporterName",
  r.channel,
  ${AREA_NAMES} as areas,
  r.support_count as "supportCount",
  coalesce((select json_agg(json_build_object('id', p.id) order by p.position, p.created_at)
            from photos p where p.report_id = r.id and not p.hidden), '[]'::json) as photos,
  ${iso('r.expected_at')} as "expectedAt",
  ${iso('r.created_at')} as "createdAt",
  ${iso('r.updated_at')} as "updatedAt",
  ${iso('r.acknowledged_at')} as "acknowledgedAt",
  ${iso('r.resolved_at')} as "resolvedAt"`;

function publicWhere(filter: Omit<PublicReportFilter, 'limit'>): SQL {
  const parts: SQL[] = [publicReport()];
  if (filter.bbox) parts.push(bboxIntersects(sql`r.geom`, filter.bbox));
  if (filter.categories?.length) parts.push(inList(sql`c.code`, filter.categories));
  if (filter.states?.length) parts.push(inList(sql`r.state`, filter.states));
  if (filter.since) parts.push(sql`r.updated_at >= ${tsParam(filter.since)}`);
  return sql.join(parts, sql` and `);
}

/** Public reports matching a filter, newest change first; one extra row tells if more matched. */
export async function listPublicReports(database: Database, filter: PublicReportFilter): Promise<{ rows: PublicReportRow[]; truncated: boolean }> {
  const rows = await database.rows<PublicReportRow>(sql`
    select ${PUBLIC_COLUMNS}
    from reports r join categories c on c.id = r.category_id
    where ${publicWhere(filter)}
    order by r.updated_at desc, r.id desc
    limit ${filter.limit + 1}`);
  const truncated = rows.length > filter.limit;
  return { rows: truncated ? rows.slice(0, filter.limit) : rows, truncated };
}

/**
 * A jsonb value as JSON text without the spaces jsonb's text output puts after `,` and `:`,
 * as JSON.stringify writes it: the regular expression skips over whole strings (group 1) so
 * only separators outside them lose their space.
 */
const JSON_SEPARATOR = sql.raw(`'${String.raw`("(?:[^"\\]|\\.)*")|([,:]) `}'`);
function compactJsonb(value: SQL): SQL {
  return sql`case when jsonb_typeof(${value}) in ('object', 'array')
    then regexp_replace(${value}::text, ${JSON_SEPARATOR}, ${sql.raw(String.raw`'\1\2'`)}, 'g')
    else ${value}::text end`;
}

/**
 * `answersInFormOrder` as compact JSON text (json_object_agg writes `{ "k" : v }`, with
 * spaces). A report without answers skips the per-row unnesting and sort (embedded, ~10 %
 * of a town's list).
 */
const ANSWERS_TEXT = sql`case when r.answers = '{}'::jsonb then '{}' else (select coalesce('{' || string_agg(to_json(e.key)::text || ':' || ${compactJsonb(sql`e.value`)}, ',' order by coalesce(q.n, 2147483647), e.ord) || '}', '{}')
  from jsonb_each(r.answers) with ordinality e(key, value, ord)
  left join lateral (select qs.n from jsonb_array_elements(c.questions) with ordinality qs(q, n) where qs.q->>'id' = e.key limit 1) q on true) end`;

/**
 * A public report as the text of the GeoJSON Feature that `toFeature` (apps/api) makes from
 * PUBLIC_COLUMNS, byte for byte, built by PostgreSQL so a list is written to the response
 * without being parsed and re-serialised in Node. The same public columns and nothing else.
 * Reads `r`, `c` and `ph` (publicPhotosJoin).
 */
function publicFeatureText(locale: string, baseUrl: string): SQL {
  const properties = jsonObjectText([
    ['id', sql`r.public_id`],
    ['category', sql`c.code`],
    ['categoryName', sql`coalesce(c.name->>${locale}::text, c.name->>'en')`],
    ['state', sql`r.state`],
    ['status', sql`case when ${stateIn(sql`r.state`, OPEN_STATES)} then 'open' else 'closed' end`],
    ['description', sql`r.description`],
    ['answers', sql`${ANSWERS_TEXT}::json`],
    ['reporterName', sql`r.public_name`],
    ['channel', sql`r.channel`],
    ['areas', AREA_NAMES],
    ['supportCount', sql`r.support_count`],
    ['photos', { json: sql`coalesce(ph.list, '[]')` }],
    ['expectedAt', isoTimeJson('r.expected_at', 'ms')],
    ['createdAt', isoTimeJson('r.created_at', 'ms')],
    ['updatedAt', isoTimeJson('r.updated_at', 'ms')],
    ['acknowledgedAt', isoTimeJson('r.acknowledged_at', 'ms')],
    ['resolvedAt', isoTimeJson('r.resolved_at', 'ms')],
    ['url', sql`${`${baseUrl}/#/reports/`} || r.public_id`],
  ]);
  return sql`'{"type":"Feature","id":' || to_json(r.public_id)::text
    || ',"geometry":' || ST_AsGeoJSON(r.geom, ${sql.raw(String(GEOJSON_DECIMALS))})
    || ',"properties":' || ${properties} || '}'`;
}

/**
 * `ph.list`: the shown photos of the reports in `page` (a CTE of report ids) as JSON text, in
 * one pass over photos for the whole page. A subquery per report scans photos once per report,
 * and where photos is small (embedded mode, a young instance) each scan is a sequential one
 * whose file-size lookup is an fstat through PGlite's NODEFS: 1,041 of them for a town's
 * thousand reports (35 now), ~1.5 ms of its ~24 (issue 15, bench/RESULTS.md).
 */
function publicPhotosJoin(baseUrl: string, page: SQL): SQL {
  const photoUrl = (suffix: string) => sql`to_json(${`${baseUrl}/api/photos/`} || p.id || ${suffix})::text`;
  return sql`left join (select p.report_id, '[' || string_agg('{"url":' || ${photoUrl('/display')} || ',"thumbnailUrl":' || ${photoUrl('/thumbnail')} || '}', ',' order by p.position, p.created_at) || ']' as list
      from photos p where not p.hidden and p.report_id in (select id from ${page})
      group by p.report_id) ph on ph.report_id = r.id`;
}

/**
 * `listPublicReports` as Feature texts (see publicFeatureText), in the same order, joined by
 * commas in PostgreSQL: one row back instead of a thousand. Over PGlite each row is a protocol
 * message decoded in JavaScript on the server's one thread; one row saved an embedded town
 * list ~3 of its ~37 ms of CPU (issue 15).
 */
export async function listPublicReportFeatures(
  database: Database,
  filter: PublicReportFilter,
  view: { locale: string; baseUrl: string },
): Promise<{ features: string; count: number; truncated: boolean }> {
  // The page is chosen by sorting ids alone (narrow rows, sorted in memory even when a town box
  // holds a hundred thousand reports); only its rows are read whole and written out. Categories
  // are joined for the page only when filtered by (every report has one). One row more than
  // the limit says whether there were more.
  const [row] = await database.rows<{ features: string | null; count: number; truncated: boolean }>(sql`
    with page as (select r.id, r.updated_at from reports r ${filter.categories?.length ? sql`join categories c on c.id = r.category_id` : sql``}
          where ${publicWhere(filter)}
          order by r.updated_at desc, r.id desc
          limit ${filter.limit + 1}),
      top as (select id, updated_at from page order by updated_at desc, id desc limit ${filter.limit})
    select string_agg(${publicFeatureText(view.locale, view.baseUrl)}, ',' order by top.updated_at desc, top.id desc) as features,
      count(*)::int as count, (select count(*) from page) > ${filter.limit} as truncated
    from top join reports r on r.id = top.id join categories c on c.id = r.category_id
    ${publicPhotosJoin(view.baseUrl, sql`top`)}`);
  return { features: row?.features ?? '', count: Number(row?.count ?? 0), truncated: row?.truncated === true };
}

export async function getPublicReport(database: Database, publicId: string): Promise<PublicReportRow | undefined> {
  const [row] = await database.rows<PublicReportRow>(sql`
    select ${PUBLIC_COLUMNS}
    from reports r join categories c on c.id = r.category_id
    where r.public_id = ${publicId} and ${publicReport()}`);
  return row;
}

export interface PublicEventRow extends PublicActorColumns {
  kind: PublicEvent['kind'];
  at: string;
  payload: Record<string, unknown>;
}

/** The public part of a report's timeline, oldest first. */
export async function getPublicTimeline(database: Database, publicId: string): Promise<PublicEventRow[]> {
  return database.rows<PublicEventRow>(sql`
    select e.kind, ${iso('e.created_at')} as at, ${PUBLIC_ACTOR_COLUMNS}, e.payload
    from report_events e join reports r on r.id = e.report_id ${PUBLIC_ACTOR_JOIN}
    where r.public_id = ${publicId} and e.public
    order by e.created_at, e.id`);
}

/** Who did each of these public events (follower emails say who answered), by event id. */
export async function publicEventActors(database: Database, eventIds: readonly number[]): Promise<Map<number, PublicActorColumns>> {
  if (!eventIds.length) return new Map();
  const rows = await database.rows<PublicActorColumns & { id: string | number }>(sql`
    select e.id, ${PUBLIC_ACTOR_COLUMNS}
    from report_events e join reports r on r.id = e.report_id ${PUBLIC_ACTOR_JOIN}
    where e.public and ${inList(sql`e.id`, eventIds)}`);
  return new Map(rows.map(({ id, ...actor }) => [Number(id), actor]));
}

/**
 * Open reports near a place, nearest first, measured to the shape itself (a ditch line is
 * near if any part of it is), so a resident can support one instead of duplicating it.
 */
export async function nearbyOpenReports(
  database: Database,
  at: { lon: number; lat: number },
  options: { meters: number; limit: number; categories?: string[] },
): Promise<Array<PublicReportRow & { distanceMeters: number }>> {
  return database.rows(nearbyOpen(PUBLIC_COLUMNS, at, options));
}

/** `nearbyOpenReports` as Feature texts (see publicFeatureText) with each one's distance. */
export async function nearbyOpenReportFeatures(
  database: Database,
  at: { lon: number; lat: number },
  options: { meters: number; limit: number; categories?: string[] },
  view: { locale: string; baseUrl: string },
): Promise<Array<{ f: string; distanceMeters: number }>> {
  const near = nearbyOpen(sql`r.id, ST_Distance(r.geom::geography, ${placeOf(at)}::geography) as distance`, at, options);
  return database.rows(sql`
    with near as (${near})
    select ${publicFeatureText(view.locale, view.baseUrl)} as f, near."distanceMeters"
    from near join reports r on r.id = near.id join categories c on c.id = r.category_id
    ${publicPhotosJoin(view.baseUrl, sql`near`)}
    order by near.distance, near.id`);
}

const placeOf = (at: { lon: number; lat: number }) => sql`ST_SetSRID(ST_MakePoint(${at.lon}, ${at.lat}), 4326)`;

/** Open reports within `meters` of a point, nearest first, as `columns` and the distance. */
function nearbyOpen(columns: SQL, at: { lon: number; lat: number }, options: { meters: number; limit: number; categories?: string[] }): SQL {
  const here = placeOf(at);
  const category = options.categories?.length ? sql`and ${inList(sql`c.code`, options.categories)}` : sql``;
  return sql`
    select ${columns}, round(ST_Distance(r.geom::geography, ${here}::geography))::int as "distanceMeters"
    from reports r join categories c on c.id = r.category_id
    where ${stateIn(sql`r.state`, OPEN_STATES)}
      and ST_DWithin(r.geom::geography, ${here}::geography, ${options.meters})
      ${category}
    order by ST_Distance(r.geom::geography, ${here}::geography), r.id
    limit ${options.limit}`;
}

export async function reportIdOf(database: Database, publicId: string): Promise<number | undefined> {
  const [row] = await database.db
    .select({ id: reports.id })
    .from(reports)
    .where(and(eq(reports.publicId, publicId)));
  return row?.id;
}

/** The language a report was made in, so that answers about it speak it when a request does not say. */
export async function reportLocaleOf(database: Database, publicId: string): Promise<string | undefined> {
  const [row] = await database.db.select({ locale: reports.locale }).from(reports).where(eq(reports.publicId, publicId));
  return row?.locale;
}
