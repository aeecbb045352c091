import { sql, type SQL } from 'drizzle-orm';
import { STREET_SNAP_METRES, type StreetFeature, type StreetSource } from '@groundswell/core';
import { execRows, type Database } from './connect.ts';

/** Rows per insert statement: a USRN export runs to tens of thousands of streets. */
const BATCH = 500;

/**
 * The nearest street within 50 m of a shape, as a subquery of one row (usrn, name) or none.
 * Distance on the geography, so metres hold at any latitude; the geography GiST index serves it.
 */
export function nearestStreet(shape: SQL): SQL {
  return sql`(select s.usrn, s.name from streets s
    where ST_DWithin(s.geom::geography, (${shape})::geography, ${STREET_SNAP_METRES})
    order by ST_Distance(s.geom::geography, (${shape})::geography), s.usrn limit 1)`;
}

/** Each feature's geometry as PostGIS judges it: only valid lines are streets. */
async function checkStreets(database: Database, streets: StreetFeature[]) {
  const problems: Array<{ index: number; reason: string; type: string | null }> = [];
  for (let i = 0; i < streets.length; i += BATCH) {
    const batch = streets.slice(i, i + BATCH).map((f) => ({ i: f.index, g: JSON.stringify(f.geometry) }));
    const rows = await database.rows<{ i: number; reason: string | null; type: string | null }>(sql`
      select f.i, case when g is null then 'not a geometry' else ST_IsValidReason(g) end as reason, GeometryType(g) as type
      from (select (x->>'i')::int as i, ST_SetSRID(ST_GeomFromGeoJSON(x->>'g'), 4326) as g
            from jsonb_array_elements(${JSON.stringify(batch)}::jsonb) x) f`);
    for (const r of rows) {
      if (r.reason !== 'Valid Geometry' || !['LINESTRING', 'MULTILINESTRING'].includes(r.type ?? '')) problems.push({ index: Number(r.i), reason: r.reason ?? 'not a geometry', type: r.type });
    }
  }
  return problems;
}

export interface StreetImportResult {
  problems: Array<{ index: number; reason: string; type: string | null }>;
  imported: number;
  reportsUpdated: number;
}

/**
 * Stores streets all or nothing, in batches, replacing a street of the same identifier;
 * then every report takes its nearest street again, in one statement.
 */
export async function importStreets(database: Database, source: StreetSource, streets: StreetFeature[]): Promise<StreetImportResult> {
  let problems: StreetImportResult['problems'];
  try {
    problems = await checkStreets(database, streets);
  } catch (err) {
    // ST_GeomFromGeoJSON refuses unreadable geometry for the whole batch: find the feature one by one.
    problems = [];
    for (const f of streets) {
      try {
        problems.push(...(await checkStreets(database, [f])));
      } catch {
        problems.push({ index: f.index, reason: 'not a GeoJSON geometry', type: null });
      }
    }
    if (!problems.length) throw err;
  }
  if (problems.length) return { problems, imported: 0, reportsUpdated: 0 };
  await database.db.transaction(async (tx) => {
    for (let i = 0; i < streets.length; i += BATCH) {
      const batch = streets.slice(i, i + BATCH).map((f) => ({ u: f.usrn, n: f.name, g: JSON.stringify(f.geometry) }));
      await execRows(
        tx,
        sql`insert into streets (usrn, name, source, geom)
        select x->>'u', x->>'n', ${source}, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(x->>'g'), 4326))
        from jsonb_array_elements(${JSON.stringify(batch)}::jsonb) x
        on conflict (usrn) do update set name = excluded.name, source = excluded.source, geom = excluded.geom`,
      );
    }
  });
  const reportsUpdated = await backfillReportStreets(database);
  return { problems: [], imported: streets.length, reportsUpdated };
}

/** Every report takes its nearest street (or none) again; only rows that change are written. */
export async function backfillReportStreets(database: Database): Promise<number> {
  const [row] = await database.rows<{ n: number }>(sql`
    with changed as (
      update reports r set street_usrn = n.usrn, street_name = n.name
      from (select r2.id, s.usrn, s.name from reports r2 left join lateral ${nearestStreet(sql`r2.geom`)} s on true) n
      where n.id = r.id and (r.street_usrn, r.street_name) is distinct from (n.usrn, n.name)
      returning 1)
    select count(*)::int as n from changed`);
  return Number(row!.n);
}

export async function countStreets(database: Database): Promise<number> {
  const [row] = await database.rows<{ n: number }>(sql`select count(*)::int as n from streets`);
  return Number(row!.n);
}
