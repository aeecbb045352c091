/**
 * OGC API Features collections: public reports, mapped network assets (ditch segments with
 * their condition) and council areas. Each feature is built as GeoJSON text by PostgreSQL.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { BBox, Cql2Comparison, Cql2Node, Cql2Type } from '@groundswell/core';
import type { Database } from '../connect.ts';
import { bboxIntersects, isoTime, isoTimeJson, publicReport, tsParam } from '../sql-kit.ts';
import { EXPORT_DECIMALS, OPEN_DATA_FROM, jsonObjectText, openDataWhere, reportFeatureText, reportStatus } from './reports.ts';

export const OGC_COLLECTIONS = ['reports', 'assets', 'areas'] as const;
export type OgcCollectionId = (typeof OGC_COLLECTIONS)[number];

export interface OgcFilter {
  bbox?: BBox;
  /** Temporal interval, either end open; instants are [t, t]. */
  from?: string;
  to?: string;
  /** Property name → value, equality. Names come from `OGC_FILTERABLE`. */
  properties: Record<string, string>;
  /** A parsed CQL2 filter whose property names come from `ogcQueryables`. */
  cql?: Cql2Node;
}

type PropertyType = 'string' | 'integer' | 'date-time' | 'object';

/** Each collection's properties, in order, and which of them can be filtered on. */
export const OGC_PROPERTIES: Record<OgcCollectionId, Record<string, { type: PropertyType; title: string; filter?: boolean; enum?: string[] }>> = {
  reports: {
    id: { type: 'string', title: 'Public report id' },
    category: { type: 'string', title: 'Category code', filter: true },
    categoryName: { type: 'string', title: 'Category name' },
    state: { type: 'string', title: 'Precise state', filter: true },
    status: { type: 'string', title: 'open or closed', filter: true, enum: ['open', 'closed'] },
    description: { type: 'string', title: "The resident's description" },
    answers: { type: 'object', title: "Answers to the category's questions" },
    geometryType: { type: 'string', title: 'Point, LineString or Polygon', filter: true, enum: ['Point', 'LineString', 'Polygon'] },
    supportCount: { type: 'integer', title: 'How many people said it affects them too' },
    areas: { type: 'string', title: 'Council area the report is in', filter: true },
    streetName: { type: 'string', title: 'Nearest street within 50 m' },
    streetUsrn: { type: 'string', title: 'USRN (or OpenStreetMap way) of that street' },
    createdAt: { type: 'date-time', title: 'Reported at' },
    updatedAt: { type: 'date-time', title: 'Last changed at' },
    acknowledgedAt: { type: 'date-time', title: 'Acknowledged at' },
    resolvedAt: { type: 'date-time', title: 'Resolved at' },
    expectedAt: { type: 'date-time', title: 'Expected to be dealt with by' },
    url: { type: 'string', title: 'Public page' },
  },
  assets: {
    code: { type: 'string', title: 'Asset code' },
    kind: { type: 'string', title: 'ditch, culvert, drain…', filter: true },
    name: { type: 'string', title: 'Name' },
    condition: { type: 'string', title: 'Condition at the last inspection', filter: true },
    conditionAt: { type: 'date-time', title: 'Last inspected at' },
    area: { type: 'string', title: 'Council area', filter: true },
    createdAt: { type: 'date-time', title: 'Mapped at' },
  },
  areas: {
    code: { type: 'string', title: 'Area code' },
    name: { type: 'string', title: 'Name', filter: true },
    kind: { type: 'string', title: 'Kind of area', filter: true },
  },
};

export function ogcFilterable(id: OgcCollectionId): string[] {
  return Object.entries(OGC_PROPERTIES[id])
    .filter(([, p]) => p.filter)
    .map(([name]) => name);
}

/**
 * The CQL2 queryables of each collection and the SQL each one reads: an allow-list, so a
 * property name from a request never reaches SQL as text. `geometry` is the spatial one.
 */
const QUERYABLE_SQL: Record<OgcCollectionId, Record<string, SQL>> = {
  reports: {
    id: sql`r.public_id`,
    category: sql`c.code`,
    state: sql`r.state`,
    status: reportStatus,
    geometryType: sql`r.geom_type`,
    supportCount: sql`r.support_count`,
    areas: sql`a.name`,
    createdAt: sql`r.created_at`,
    updatedAt: sql`r.updated_at`,
    acknowledgedAt: sql`r.acknowledged_at`,
    resolvedAt: sql`r.resolved_at`,
    expectedAt: sql`r.expected_at`,
    geometry: sql`r.geom`,
  },
  assets: {
    code: sql`s.code`,
    kind: sql`s.kind`,
    name: sql`s.name`,
    condition: sql`s.condition`,
    conditionAt: sql`s.condition_at`,
    area: sql`a.name`,
    createdAt: sql`s.created_at`,
    geometry: sql`s.geom`,
  },
  areas: { code: sql`a.code`, name: sql`a.name`, kind: sql`a.kind`, geometry: sql`a.geom` },
};

/** Name → type of the properties a CQL2 filter may read, in the order of the features' properties. */
export function ogcQueryables(id: OgcCollectionId): Record<string, Cql2Type> {
  const out: Record<string, Cql2Type> = {};
  for (const name of Object.keys(QUERYABLE_SQL[id])) out[name] = name === 'geometry' ? 'geometry' : (OGC_PROPERTIES[id][name]!.type as Cql2Type);
  return out;
}

const COMPARISON_SQL: Record<Cql2Comparison, SQL> = { '=': sql`=`, '<>': sql`<>`, '<': sql`<`, '<=': sql`<=`, '>': sql`>`, '>=': sql`>=` };

/** A CQL2 AST as a SQL condition: names through the allow-list, every literal a parameter. */
function cqlSql(node: Cql2Node, columns: Record<string, SQL>): SQL {
  switch (node.op) {
    case 'and':
    case 'or':
      return sql`(${sql.join(
        node.args.map((a) => cqlSql(a, columns)),
        node.op === 'and' ? sql` and ` : sql` or `,
      )})`;
    case 'not':
      return sql`(not ${cqlSql(node.arg, columns)})`;
    case 'bool':
      return node.value ? sql`true` : sql`false`;
    case 'like':
      // The CQL2 pattern language is SQL's (% _ and a backslash escape); the pattern is a parameter.
      return sql`(${column(columns, node.property)}::text like ${node.pattern}::text)`;
    case 'isNull':
      return sql`(${column(columns, node.property)} is null)`;
    case 'compare': {
      const col = column(columns, node.property);
      const op = COMPARISON_SQL[node.operator];
      const v = node.value;
      // Casts on both sides: a text parameter is never read as a column's own type, which could fail on bad input.
      if (v.kind === 'string') return sql`(${col}::text ${op} ${v.value}::text)`;
      if (v.kind === 'number') return sql`(${col}::numeric ${op} ${String(v.value)}::numeric)`;
      if (v.kind === 'timestamp') return sql`(${col} ${op} ${tsParam(v.value)})`;
      return sql`((${col} at time zone 'UTC')::date ${op} ${v.value}::date)`;
    }
    case 'intersects': {
      const col = column(columns, node.property);
      const g = node.geometry;
      if (g.type === 'BBox') return bboxIntersects(col, g.bbox);
      // ST_MakeValid: a self-crossing polygon from a client is still a region to test against, not a server error.
      const shape = sql`ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(g)}), 4326))`;
      return sql`ST_Intersects(${col}, ${shape})`;
    }
  }
}

function column(columns: Record<string, SQL>, name: string): SQL {
  const col = Object.hasOwn(columns, name) ? columns[name] : undefined;
  if (!col) throw new Error(`"${name}" is not a queryable`);
  return col;
}

interface CollectionSql {
  from: SQL;
  where(filter: OgcFilter): SQL;
  feature: SQL;
  idColumn: SQL;
  order: SQL;
  geom: string;
  time: string | null;
}

function timeCondition(column: string, filter: OgcFilter): SQL[] {
  const parts: SQL[] = [];
  if (filter.from) parts.push(sql`${sql.raw(column)} >= ${tsParam(filter.from)}`);
  if (filter.to) parts.push(sql`${sql.raw(column)} <= ${tsParam(filter.to)}`);
  return parts;
}

const D = sql.raw(String(EXPORT_DECIMALS));

function collectionSql(id: OgcCollectionId, baseUrl: string): CollectionSql {
  switch (id) {
    case 'reports':
      return {
        from: OPEN_DATA_FROM,
        where: (f) => {
          const p = f.properties;
          const base = openDataWhere({
            ...(f.bbox ? { bbox: f.bbox } : {}),
            ...(p.category ? { categories: [p.category] } : {}),
            ...(p.state ? { states: [p.state as never] } : {}),
            ...(p.status ? { statuses: [p.status as 'open' | 'closed'] } : {}),
            ...(p.geometryType ? { geometryTypes: [p.geometryType] } : {}),
            ...(f.from ? { createdFrom: f.from } : {}),
            ...(f.to ? { createdTo: f.to } : {}),
          });
          return p.areas ? sql`${base} and a.name = ${p.areas}` : base;
        },
        feature: reportFeatureText(baseUrl),
        idColumn: sql`r.public_id`,
        order: sql`r.id`,
        geom: 'r.geom',
        time: 'r.created_at',
      };
    case 'assets':
      return {
        from: sql`assets s left join areas a on a.id = s.area_id`,
        where: (f) => {
          const parts: SQL[] = [sql`true`];
          if (f.bbox) parts.push(bboxIntersects(sql`s.geom`, f.bbox));
          parts.push(...timeCondition('s.created_at', f));
          if (f.properties.kind) parts.push(sql`s.kind = ${f.properties.kind}`);
          if (f.properties.condition) parts.push(sql`s.condition = ${f.properties.condition}`);
          if (f.properties.area) parts.push(sql`a.name = ${f.properties.area}`);
          return sql.join(parts, sql` and `);
        },
        feature: sql`'{"type":"Feature","id":' || to_json(s.code)::text
          || ',"geometry":' || ST_AsGeoJSON(s.geom, ${D})
          || ',"properties":' || ${jsonObjectText([
            ['code', sql`s.code`],
            ['kind', sql`s.kind`],
            ['name', sql`s.name`],
            ['condition', sql`s.condition`],
            ['conditionAt', isoTimeJson('s.condition_at')],
            ['area', sql`a.name`],
            ['createdAt', isoTimeJson('s.created_at')],
          ])} || '}'`,
        idColumn: sql`s.code`,
        order: sql`s.id`,
        geom: 's.geom',
        time: 's.created_at',
      };
    case 'areas':
      return {
        from: sql`areas a`,
        where: (f) => {
          const parts: SQL[] = [sql`true`];
          if (f.bbox) parts.push(bboxIntersects(sql`a.geom`, f.bbox));
          if (f.properties.name) parts.push(sql`a.name = ${f.properties.name}`);
          if (f.properties.kind) parts.push(sql`a.kind = ${f.properties.kind}`);
          return sql.join(parts, sql` and `);
        },
        feature: sql`'{"type":"Feature","id":' || to_json(a.code)::text
          || ',"geometry":' || ST_AsGeoJSON(a.geom, ${D})
          || ',"properties":' || ${jsonObjectText([
            ['code', sql`a.code`],
            ['name', sql`a.name`],
            ['kind', sql`a.kind`],
          ])} || '}'`,
        idColumn: sql`a.code`,
        order: sql`a.id`,
        geom: 'a.geom',
        time: null,
      };
  }
}

/** One page of a collection's features (GeoJSON texts) and how many matched in all. */
export async function ogcItems(
  database: Database,
  id: OgcCollectionId,
  filter: OgcFilter,
  page: { limit: number; offset: number; baseUrl: string },
): Promise<{ features: string[]; numberMatched: number }> {
  const c = collectionSql(id, page.baseUrl);
  const where = filter.cql ? sql`${c.where(filter)} and ${cqlSql(filter.cql, QUERYABLE_SQL[id])}` : c.where(filter);
  const [count] = await database.rows<{ n: number }>(sql`select count(*)::int as n from ${c.from} where ${where}`);
  const rows = await database.rows<{ f: string }>(sql`
    select ${c.feature} as f from ${c.from} where ${where} order by ${c.order} limit ${page.limit} offset ${page.offset}`);
  return { features: rows.map((r) => r.f), numberMatched: Number(count!.n) };
}

export async function ogcItem(database: Database, id: OgcCollectionId, featureId: string, baseUrl: string): Promise<string | undefined> {
  const c = collectionSql(id, baseUrl);
  const [row] = await database.rows<{ f: string }>(sql`
    select ${c.feature} as f from ${c.from} where ${c.where({ properties: {} })} and ${c.idColumn} = ${featureId} limit 1`);
  return row?.f;
}

export interface OgcExtent {
  bbox: [number, number, number, number] | null;
  interval: [string | null, string | null] | null;
}

/** Spatial and temporal extent of a whole collection. */
export async function ogcExtent(database: Database, id: OgcCollectionId): Promise<OgcExtent> {
  const c = collectionSql(id, '');
  const publicOnly = id === 'reports' ? publicReport() : sql`true`;
  const [row] = await database.rows<{ w: number | null; s: number; e: number; n: number; t0: string | null; t1: string | null }>(sql`
    select ST_XMin(x) as w, ST_YMin(x) as s, ST_XMax(x) as e, ST_YMax(x) as n, t0, t1
    from (select ST_Extent(${sql.raw(c.geom)})::geometry as x,
                 ${c.time ? isoTime(`min(${c.time})`) : sql`null`} as t0,
                 ${c.time ? isoTime(`max(${c.time})`) : sql`null`} as t1
          from ${c.from} where ${publicOnly}) t`);
  return {
    bbox: row && row.w !== null ? [Number(row.w), Number(row.s), Number(row.e), Number(row.n)] : null,
    interval: c.time ? [row?.t0 ?? null, row?.t1 ?? null] : null,
  };
}
