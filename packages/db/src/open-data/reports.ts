/**
 * Public reports as open data: the one set of columns every open-data output (exports,
 * OGC API Features, Open311, Atom) reads, and the filters they share.
 *
 * Like PUBLIC_COLUMNS in ../reports.ts this never touches report_contacts, and it leaves
 * out even the name a resident chose to show: open data is about places and problems, not
 * people. Hidden reports never match (`openDataWhere` always restricts to public states).
 */
import { sql, type SQL } from 'drizzle-orm';
import { OPEN_STATES, PUBLIC_STATES, type BBox, type ReportState } from '@groundswell/core';

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

const list = (values: readonly string[]) => sql.raw(values.map((s) => `'${s}'`).join(','));
export const publicStatesSql = list(PUBLIC_STATES);
export const openStatesSql = list(OPEN_STATES);

/** `to_char` as ISO 8601 UTC with seconds, the format every open-data output uses. */
export const isoSql = (col: string) => sql.raw(`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`);

/** Boxes in WGS84; one crossing the antimeridian (west > east) is two boxes. */
export function bboxCondition(column: string, [w, s, e, n]: BBox): SQL {
  const col = sql.raw(column);
  if (w <= e) return sql`${col} && ST_MakeEnvelope(${w}, ${s}, ${e}, ${n}, 4326)`;
  return sql`(${col} && ST_MakeEnvelope(${w}, ${s}, 180, ${n}, 4326) or ${col} && ST_MakeEnvelope(-180, ${s}, ${e}, ${n}, 4326))`;
}

/** The where clause over `reports r join categories c` (and `areas a` when filtering by area). */
export function openDataWhere(filter: OpenDataFilter): SQL {
  const parts: SQL[] = [sql`r.state in (${publicStatesSql})`];
  if (filter.ids?.length) parts.push(sql`r.public_id in ${filter.ids}`);
  if (filter.bbox) parts.push(bboxCondition('r.geom', filter.bbox));
  if (filter.categories?.length) parts.push(sql`c.code in ${filter.categories}`);
  if (filter.states?.length) parts.push(sql`r.state in ${filter.states}`);
  if (filter.statuses?.length === 1) {
    parts.push(filter.statuses[0] === 'open' ? sql`r.state in (${openStatesSql})` : sql`r.state not in (${openStatesSql})`);
  }
  if (filter.areas?.length) parts.push(sql`r.area_id in (select id from areas where code in ${filter.areas})`);
  if (filter.geometryTypes?.length) parts.push(sql`r.geom_type in ${filter.geometryTypes}`);
  if (filter.since) parts.push(sql`r.updated_at >= ${filter.since}::timestamptz`);
  if (filter.until) parts.push(sql`r.created_at <= ${filter.until}::timestamptz`);
  if (filter.createdFrom) parts.push(sql`r.created_at >= ${filter.createdFrom}::timestamptz`);
  if (filter.createdTo) parts.push(sql`r.created_at <= ${filter.createdTo}::timestamptz`);
  return sql.join(parts, sql` and `);
}

/** The tables every open-data report query reads: reports, their category and their area. */
export const OPEN_DATA_FROM = sql`reports r join categories c on c.id = r.category_id left join areas a on a.id = r.area_id`;

/** The page on the public site where a report can be read. */
export const reportPageUrl = (baseUrl: string) => sql`${`${baseUrl}/#/reports/`} || r.public_id`;

const statusSql = sql`case when r.state in (${openStatesSql}) then 'open' else 'closed' end`;

/**
 * One report's open-data properties as a JSON object, built by PostgreSQL. The same
 * fields, in the same order, appear in the CSV export, the OGC API and the tiles.
 */
/**
 * A JSON object as compact text from [key, SQL value] pairs: `to_json` of each value, joined
 * by hand, which PostgreSQL does faster than json_build_object and without its spaces.
 */
export function jsonObjectText(pairs: Array<[string, SQL]>): SQL {
  const parts = pairs.map(([key, value], i) => sql`${sql.raw(`'${i ? ',' : '{'}${JSON.stringify(key)}:'`)} || coalesce(to_json(${value})::text, 'null')`);
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
    ['status', statusSql],
    ['description', sql`r.description`],
    ['answers', sql`r.answers`],
    ['geometryType', sql`r.geom_type`],
    ['supportCount', sql`r.support_count`],
    ['areas', sql`a.name`],
    ['createdAt', isoSql('r.created_at')],
    ['updatedAt', isoSql('r.updated_at')],
    ['acknowledgedAt', isoSql('r.acknowledged_at')],
    ['resolvedAt', isoSql('r.resolved_at')],
    ['expectedAt', isoSql('r.expected_at')],
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
] as const;
export type CsvRow = Record<(typeof CSV_COLUMNS)[number], string | null>;
/** Columns that hold numbers or machine text and are never treated as formulas. */
export const CSV_NUMERIC_COLUMNS: ReadonlySet<string> = new Set(['support_count', 'longitude', 'latitude']);

export function reportCsvColumns(baseUrl: string): SQL {
  const d = sql.raw(String(EXPORT_DECIMALS));
  return sql`r.public_id as id, c.code as category, c.name->>'en' as category_name, r.state, ${statusSql} as status,
    r.description, case when r.answers = '{}'::jsonb then null else r.answers::text end as answers,
    r.geom_type as geometry_type, r.support_count::text as support_count, a.name as areas,
    ${isoSql('r.created_at')} as created_at, ${isoSql('r.updated_at')} as updated_at,
    ${isoSql('r.acknowledged_at')} as acknowledged_at, ${isoSql('r.resolved_at')} as resolved_at,
    ${isoSql('r.expected_at')} as expected_at,
    round(ST_X(r.point)::numeric, ${d})::float8::text as longitude, round(ST_Y(r.point)::numeric, ${d})::float8::text as latitude,
    ST_AsText(r.geom, ${d}) as wkt, ${reportPageUrl(baseUrl)} as url`;
}

/** The export query: every matching report, oldest first, one GeoJSON Feature text per row. */
export function exportFeaturesQuery(filter: OpenDataFilter, baseUrl: string): SQL {
  return sql`select ${reportFeatureText(baseUrl)} as f from ${OPEN_DATA_FROM} where ${openDataWhere(filter)} order by r.id`;
}

export function exportCsvQuery(filter: OpenDataFilter, baseUrl: string): SQL {
  return sql`select ${reportCsvColumns(baseUrl)} from ${OPEN_DATA_FROM} where ${openDataWhere(filter)} order by r.id`;
}
