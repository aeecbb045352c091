/**
 * The rows of the GIS exports (GeoPackage, zipped Shapefile) and of the ditch register, with
 * each geometry as WKB and its envelope, layer by layer. Public data only: the report
 * columns are the CSV export's (no contact, no name), the network is what the OGC API's
 * `assets` collection shows, and the register names no inspector (an inspection event's
 * payload holds the officer's name, which is never read here).
 */
import { sql, type SQL } from 'drizzle-orm';
import { OPEN_STATES } from '@groundswell/core';
import { answersInFormOrder, isoTime, publicReport, stateIn } from '../sql-kit.ts';
import { LAST_INSPECTED, segmentTeam } from '../assets/columns.ts';
import { OPEN_DATA_FROM, openDataWhere, reportPageUrl, reportStatus, type OpenDataFilter } from './reports.ts';

/** The type of a layer's column, as the GeoPackage and dBase writers map it. */
export type GisColumnType = 'text' | 'integer' | 'real' | 'datetime';

export interface GisColumn {
  name: string;
  type: GisColumnType;
  /** The widest a text value is expected to be (bytes), for fixed-width formats (dBase); longer is cut. */
  width?: number;
}

/** One feature: the geometry as ISO WKB (little-endian), its envelope, and the columns by name. */
export interface GisRow {
  wkb: Uint8Array;
  /** PostGIS's GeometryType: POINT, LINESTRING, POLYGON, MULTIPOLYGON … */
  gtype: string;
  minx: number;
  miny: number;
  maxx: number;
  maxy: number;
  [column: string]: unknown;
}

export interface GisLayer {
  name: string;
  title: string;
  columns: readonly GisColumn[];
  query: SQL;
  /**
   * The one GeometryType every row has, or a query of the distinct types the rows will have
   * (the writer declares that type when there is one, GEOMETRY when they are mixed).
   */
  geometryType: string | SQL;
}

/** Geometry, its type and envelope, from the geometry expression `g`. */
const geometryColumns = (g: string) =>
  sql.raw(`ST_AsBinary(${g}, 'NDR') as wkb, GeometryType(${g}) as gtype,
    ST_XMin(${g})::float8 as minx, ST_YMin(${g})::float8 as miny, ST_XMax(${g})::float8 as maxx, ST_YMax(${g})::float8 as maxy`);

/** Report columns, the CSV export's minus its text geometry (the layer has the real one). */
export const REPORT_GIS_COLUMNS: readonly GisColumn[] = [
  { name: 'id', type: 'text', width: 32 },
  { name: 'category', type: 'text', width: 64 },
  { name: 'category_name', type: 'text', width: 100 },
  { name: 'state', type: 'text', width: 32 },
  { name: 'status', type: 'text', width: 8 },
  { name: 'description', type: 'text', width: 254 },
  { name: 'answers', type: 'text', width: 254 },
  { name: 'geometry_type', type: 'text', width: 16 },
  { name: 'support_count', type: 'integer' },
  { name: 'areas', type: 'text', width: 100 },
  { name: 'created_at', type: 'datetime' },
  { name: 'updated_at', type: 'datetime' },
  { name: 'acknowledged_at', type: 'datetime' },
  { name: 'resolved_at', type: 'datetime' },
  { name: 'expected_at', type: 'datetime' },
  { name: 'url', type: 'text', width: 254 },
  { name: 'street_name', type: 'text', width: 100 },
  { name: 'street_usrn', type: 'text', width: 32 },
];

/** The report geometry kinds, each its own layer: GIS tools style and query one geometry type per layer. */
export const REPORT_GEOMETRY_LAYERS = [
  { name: 'reports_points', kind: 'Point', title: 'Reports (points)' },
  { name: 'reports_lines', kind: 'LineString', title: 'Reports (lines)' },
  { name: 'reports_areas', kind: 'Polygon', title: 'Reports (areas)' },
] as const;

/**
 * Public reports of one geometry kind matching the export filter, oldest first. `polygonsClockwise`
 * turns exterior rings clockwise, the Shapefile rule (GeoJSON and GeoPackage keep them counter-clockwise).
 */
export function reportGisLayer(filter: OpenDataFilter, baseUrl: string, kind: 'Point' | 'LineString' | 'Polygon', options: { polygonsClockwise?: boolean } = {}): GisLayer {
  const layer = REPORT_GEOMETRY_LAYERS.find((l) => l.kind === kind)!;
  const g = options.polygonsClockwise ? 'ST_ForcePolygonCW(r.geom)' : 'r.geom';
  return {
    name: layer.name,
    title: layer.title,
    columns: REPORT_GIS_COLUMNS,
    geometryType: kind.toUpperCase(),
    query: sql`select ${geometryColumns(g)},
      r.public_id as id, c.code as category, c.name->>'en' as category_name, r.state, ${reportStatus} as status,
      r.description, case when r.answers = '{}'::jsonb then null else ${answersInFormOrder}::text end as answers,
      r.geom_type as geometry_type, r.support_count::int as support_count, a.name as areas,
      ${isoTime('r.created_at', 'ms')} as created_at, ${isoTime('r.updated_at', 'ms')} as updated_at,
      ${isoTime('r.acknowledged_at', 'ms')} as acknowledged_at, ${isoTime('r.resolved_at', 'ms')} as resolved_at,
      ${isoTime('r.expected_at', 'ms')} as expected_at, ${reportPageUrl(baseUrl)} as url,
      r.street_name, r.street_usrn
      from ${OPEN_DATA_FROM} where ${openDataWhere({ ...filter, geometryTypes: [kind] })} order by r.id`,
  };
}

/** The mapped network, as the OGC API's `assets` collection: every segment, the retired ones dated. */
export function assetGisLayer(): GisLayer {
  return {
    name: 'assets',
    title: 'Drainage assets',
    columns: [
      { name: 'code', type: 'text', width: 32 },
      { name: 'kind', type: 'text', width: 16 },
      { name: 'name', type: 'text', width: 100 },
      { name: 'condition', type: 'text', width: 16 },
      { name: 'condition_at', type: 'datetime' },
      { name: 'area', type: 'text', width: 100 },
      { name: 'length_m', type: 'real' },
      { name: 'created_at', type: 'datetime' },
      { name: 'retired_at', type: 'datetime' },
    ],
    geometryType: sql`select distinct GeometryType(s.geom) as t from assets s`,
    query: sql`select ${geometryColumns('s.geom')}, s.code, s.kind, s.name, s.condition, ${isoTime('s.condition_at', 'ms')} as condition_at,
      a.name as area, round(ST_Length(s.geom::geography)::numeric, 1)::float8 as length_m,
      ${isoTime('s.created_at', 'ms')} as created_at, ${isoTime('s.retired_at', 'ms')} as retired_at
      from assets s left join areas a on a.id = s.area_id order by s.id`,
  };
}

/** Council areas, as the OGC API's `areas` collection; `polygonsClockwise` as for reports. */
export function areaGisLayer(options: { polygonsClockwise?: boolean } = {}): GisLayer {
  const g = options.polygonsClockwise ? 'ST_ForcePolygonCW(a.geom)' : 'a.geom';
  return {
    name: 'areas',
    title: 'Council areas',
    columns: [
      { name: 'code', type: 'text', width: 32 },
      { name: 'name', type: 'text', width: 100 },
      { name: 'kind', type: 'text', width: 32 },
    ],
    geometryType: sql`select distinct GeometryType(a.geom) as t from areas a`,
    query: sql`select ${geometryColumns(g)}, a.code, a.name, a.kind from areas a order by a.id`,
  };
}

/** The ditch register's columns, in order (docs/ditch-register.md describes each). */
export const DITCH_REGISTER_COLUMNS: readonly GisColumn[] = [
  { name: 'code', type: 'text' },
  { name: 'kind', type: 'text' },
  { name: 'name', type: 'text' },
  { name: 'area', type: 'text' },
  { name: 'maintained_by', type: 'text' },
  { name: 'owner', type: 'text' },
  { name: 'length_m', type: 'real' },
  { name: 'condition', type: 'text' },
  { name: 'condition_grade', type: 'integer' },
  { name: 'condition_at', type: 'datetime' },
  { name: 'condition_source', type: 'text' },
  { name: 'last_inspected_at', type: 'datetime' },
  { name: 'reports', type: 'integer' },
  { name: 'open_reports', type: 'integer' },
  { name: 'report_ids', type: 'text' },
  { name: 'mapped_at', type: 'datetime' },
];

/**
 * The live network as a register, one row per segment by code. `condition_source_event` is
 * the kind of the latest event that recorded a condition (core's `conditionSource` words it);
 * the grade is core's too, so the API fills both in. `wkt` is the line for the CSV. Owners are not recorded by Groundswell
 * (`owner` is empty until they are). Attached reports count only public ones.
 */
export function ditchRegisterLayer(): GisLayer {
  const attached = sql`from reports r where r.asset_id = a.id and ${publicReport('r')}`;
  return {
    name: 'ditch_register',
    title: 'Ditch register',
    columns: DITCH_REGISTER_COLUMNS,
    geometryType: sql`select distinct GeometryType(a.geom) as t from assets a where a.retired_at is null`,
    query: sql`select ${geometryColumns('a.geom')}, a.code, a.kind, a.name, ar.name as area, t.name as maintained_by, null::text as owner,
      round(ST_Length(a.geom::geography)::numeric, 1)::float8 as length_m, a.condition,
      ${isoTime('a.condition_at', 'ms')} as condition_at,
      (select e.kind from asset_events e where e.asset_id = a.id and e.condition is not null order by e.created_at desc, e.id desc limit 1) as condition_source_event,
      ${isoTime('x.last_inspected', 'ms')} as last_inspected_at,
      (select count(*)::int ${attached}) as reports,
      (select count(*)::int ${attached} and ${stateIn(sql`r.state`, OPEN_STATES)}) as open_reports,
      (select string_agg(r.public_id, ';' order by r.created_at, r.id) ${attached}) as report_ids,
      ${isoTime('a.created_at', 'ms')} as mapped_at, ST_AsText(a.geom, 6) as wkt
      from assets a left join areas ar on ar.id = a.area_id left join teams t on t.id = ${segmentTeam()}
      cross join lateral (select ${LAST_INSPECTED} as last_inspected) x
      where a.retired_at is null order by a.code`,
  };
}
