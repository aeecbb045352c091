/**
 * Public reports as open data: the one set of columns every open-data output (exports,
 * OGC API Features, Open311, Atom) reads, and the filters they share.
 *
 * Like PUBLIC_COLUMNS in ../reports.ts this never touches report_contacts, and it leaves
 * out even the name a resident chose to show: open data is about places and problems, not
 * people. Hidden reports never match (`openDataWhere` always restricts to public states).
 */
import { SQL, sql } from 'drizzle-orm';
import { OPEN_STATES, type BBox, type ReportState } from '@groundswell/core';
import { answersInFormOrder, bboxIntersects, inList, isoTime, isoTimeJson, publicReport, stateIn, stateNotIn, tsParam, type JsonText } from '../sql-kit.ts';

/** Coordinates in exports: 6 decimals is about 10 cm, RFC 7946's advice for most uses. */
export const EXPORT_DECIMALS = 6;

export interface OpenDataFilter {
  bbox?: BBox;
  categories?: string[];
  states?: ReportState[];
  statuses?: Array<'open' | 'closed'>;
  /** Area codes. */
  areas?: string[];
  geometryTypes?: string[];
  /** Changed at or after (ISO time). */
  since?: string;
  /** Created at or before (ISO time). */
  until?: string;
  /** Created within [from, to]; either end may be open (OGC `datetime`). */
  createdFrom?: string;
  createdTo?: string;
  /** Public ids. */
  ids?: string[];
}

/** `'open'` or `'closed'`, the coarse status every open-data output shows beside the precise state. */
export const reportStatus = sql`case when ${stateIn(sql`r.state`, OPEN_STATES)} then 'open' else 'closed' end`;

/** Reports whose coarse status is the one asked for. */
export const statusIs = (status: 'open' | 'closed') => (status === 'open' ? stateIn(sql`r.state`, OPEN_STATES) : stateNotIn(sql`r.state`, OPEN_STATES));

/** The where clause over `reports r join categories c` (and `areas a` when filtering by area). */
export function openDataWhere(filter: OpenDataFilter): SQL {
  const parts: SQL[] = [publicReport()];
  if (filter.ids?.length) parts.push(inList(sql`r.public_id`, filter.ids));
  if (filter.bbox) parts.push(bboxIntersects(sql`r.geom`, filter.bbox));
  if (filter.categories?.length) parts.push(inList(sql`c.code`, filter.categories));
  if (filter.states?.length) parts.push(inList(sql`r.state`, filter.states));
  if (filter.statuses?.length === 1) parts.push(statusIs(filter.statuses[0]!));
  if (filter.areas?.length) parts.push(sql`r.area_id in (select id from areas where ${inList(sql`code`, filter.areas)})`);
  if (filter.geometryTypes?.length) parts.push(inList(sql`r.geom_type`, filter.geometryTypes));
  if (filter.since) parts.push(sql`r.updated_at >= ${tsParam(filter.since)}`);
  if (filter.until) parts.push(sql`r.created_at <= ${tsParam(filter.until)}`);
  if (filter.createdFrom) parts.push(sql`r.created_at >= ${tsParam(filter.createdFrom)}`);
  if (filter.createdTo) parts.push(sql`r.created_at <= ${tsParam(filter.createdTo)}`);
  return sql.join(parts, sql` and `);
}

/** The tables every open-data report query reads: reports, their category and their area. */
export const OPEN_DATA_FROM = sql`reports r join categories c on c.id = r.category_id left join areas a on a.id = r.area_id`;

/** The page on the public site where a report can be read. */
export const reportPageUrl = (baseUrl: string) => sql`${`${baseUrl}/#/reports/`} || r.public_id`;

/**
 * A JSON object as compact text from [key, SQL value] pairs: `to_json` of each value (a
 * JsonText value as it is), joined by hand, which PostgreSQL does faster than
 * json_build_object and without its spaces.
 */
export function jsonObjectText(pairs: Array<[string, SQL | JsonText]>): SQL {
  const parts = pairs.map(([key, value], i) => {
    const text = value instanceof SQL ? sql`to_json(${value})::text` : value.json;
    return sql`${sql.raw(`'${i ? ',' : '{'}${JSON.stringify(key)}:'`)} || coalesce(${text}, 'null')`;
  });
  return sql`(${sql.join(parts, sql` || `)} || '}')`;
}

/**
 * One report's open-data properties as JSON text, built by PostgreSQL. The same fields, in
 * the same order, appear in the CSV export, the OGC API and (the short ones) the tiles.
 */
export function reportPropertiesJson(baseUrl: string): SQL {
  return jsonObjectText([
    ['id', sql`r.public_id`],
    ['category', sql`c.code`],
    ['categoryName', sql`c.name->>'en'`],
    ['state', sql`r.state`],
    ['status', reportStatus],
    ['description', sql`r.description`],
    ['answers', answersInFormOrder],
    ['geometryType', sql`r.geom_type`],
    ['supportCount', sql`r.support_count`],
    ['areas', sql`a.name`],
    ['streetName', sql`r.street_name`],
    ['streetUsrn', sql`r.street_usrn`],
    ['createdAt', isoTimeJson('r.created_at')],
    ['updatedAt', isoTimeJson('r.updated_at')],
    ['acknowledgedAt', isoTimeJson('r.acknowledged_at')],
    ['resolvedAt', isoTimeJson('r.resolved_at')],
    ['expectedAt', isoTimeJson('r.expected_at')],
    ['url', reportPageUrl(baseUrl)],
  ]);
}

/**
 * A whole GeoJSON Feature as text. Concatenated rather than nested in json_build_object so
 * the geometry is written once by ST_AsGeoJSON and never re-parsed.
 */
export function reportFeatureText(baseUrl: string): SQL {
  return sql`'{"type":"Feature","id":' || to_json(r.public_id)::text
    || ',"geometry":' || ST_AsGeoJSON(r.geom, ${sql.raw(String(EXPORT_DECIMALS))})
    || ',"properties":' || ${reportPropertiesJson(baseUrl)} || '}'`;
}

/** The CSV export's columns, in order; every value already a string or null. */
export const CSV_COLUMNS = [
  'id',
  'category',
  'category_name',
  'state',
  'status',
  'description',
  'answers',
  'geometry_type',
  'support_count',
  'areas',
  'created_at',
  'updated_at',
  'acknowledged_at',
  'resolved_at',
  'expected_at',
  'longitude',
  'latitude',
  'wkt',
  'url',
  // Last, so columns read by position before streets came keep their place.
  'street_name',
  'street_usrn',
] as const;
export type CsvRow = Record<(typeof CSV_COLUMNS)[number], string | null>;
/** Columns that hold numbers or machine text and are never treated as formulas. */
export const CSV_NUMERIC_COLUMNS: ReadonlySet<string> = new Set(['support_count', 'longitude', 'latitude']);

export function reportCsvColumns(baseUrl: string): SQL {
  const d = sql.raw(String(EXPORT_DECIMALS));
  return sql`r.public_id as id, c.code as category, c.name->>'en' as category_name, r.state, ${reportStatus} as status,
    r.description, case when r.answers = '{}'::jsonb then null else ${answersInFormOrder}::text end as answers,
    r.geom_type as geometry_type, r.support_count::text as support_count, a.name as areas,
    ${isoTime('r.created_at')} as created_at, ${isoTime('r.updated_at')} as updated_at,
    ${isoTime('r.acknowledged_at')} as acknowledged_at, ${isoTime('r.resolved_at')} as resolved_at,
    ${isoTime('r.expected_at')} as expected_at,
    round(ST_X(r.point)::numeric, ${d})::float8::text as longitude, round(ST_Y(r.point)::numeric, ${d})::float8::text as latitude,
    ST_AsText(r.geom, ${d}) as wkt, ${reportPageUrl(baseUrl)} as url,
    r.street_name, r.street_usrn`;
}

/** The export query: every matching report, oldest first, one GeoJSON Feature text per row. */
export function exportFeaturesQuery(filter: OpenDataFilter, baseUrl: string): SQL {
  return sql`select ${reportFeatureText(baseUrl)} as f from ${OPEN_DATA_FROM} where ${openDataWhere(filter)} order by r.id`;
}

export function exportCsvQuery(filter: OpenDataFilter, baseUrl: string): SQL {
  return sql`select ${reportCsvColumns(baseUrl)} from ${OPEN_DATA_FROM} where ${openDataWhere(filter)} order by r.id`;
}
