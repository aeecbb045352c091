import { sql } from 'drizzle-orm';
import type { Database } from './connect.ts';
import { execRows } from './connect.ts';

export interface AreaFeature {
  index: number;
  code: string;
  name: string;
  geometry: unknown;
}

/**
 * Imports area boundaries all or nothing: every geometry is checked by PostGIS first and
 * the problems are returned per feature; only a clean set is written (codes that exist are
 * updated in place).
 */
export async function importAreas(database: Database, kind: string, features: AreaFeature[]): Promise<{ problems: Array<{ index: number; name: string; message: string }>; imported: number }> {
  const checks = await database.rows<{ i: number; reason: string | null; type: string | null }>(sql`
    select f.i, case when g is null then 'not a geometry' else ST_IsValidReason(g) end as reason, GeometryType(g) as type
    from (select (x->>'i')::int as i, ST_SetSRID(ST_GeomFromGeoJSON(x->>'g'), 4326) as g
          from jsonb_array_elements(${JSON.stringify(features.map((f) => ({ i: f.index, g: JSON.stringify(f.geometry) })))}::jsonb) x) f`);
  const problems = checks
    .filter((c) => c.reason !== 'Valid Geometry' || !['POLYGON', 'MULTIPOLYGON'].includes(c.type ?? ''))
    .map((c) => {
      const f = features.find((x) => x.index === Number(c.i))!;
      return { index: f.index, name: f.name, message: c.reason !== 'Valid Geometry' ? `invalid shape: ${c.reason}` : `a ${c.type?.toLowerCase()} is not an area` };
    });
  if (problems.length) return { problems, imported: 0 };
  await database.db.transaction(async (tx) => {
    for (const f of features) {
      await execRows(
        tx,
        sql`insert into areas (code, name, kind, geom)
        values (${f.code}, ${f.name}, ${kind}, ST_Multi(ST_ForcePolygonCCW(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(f.geometry)}), 4326))))
        on conflict (code) do update set name = excluded.name, kind = excluded.kind, geom = excluded.geom`,
      );
    }
  });
  return { problems: [], imported: features.length };
}

export async function listAreas(database: Database) {
  return database.rows<{ id: number; code: string; name: string; kind: string }>(sql`select id, code, name, kind from areas order by kind, name`);
}

export async function listRoutingRules(database: Database) {
  return database.rows(sql`select rr.id, a.code as area, c.code as category, t.code as team
    from routing_rules rr left join areas a on a.id = rr.area_id left join categories c on c.id = rr.category_id join teams t on t.id = rr.team_id order by rr.id`);
}

export async function addRoutingRule(database: Database, rule: { area?: string | undefined; category?: string | undefined; team: string }): Promise<number | undefined> {
  const [row] = await database.rows<{ id: number }>(sql`
    insert into routing_rules (area_id, category_id, team_id)
    select a.id, c.id, t.id from teams t
      left join areas a on a.code = ${rule.area ?? null}
      left join categories c on c.code = ${rule.category ?? null}
    where t.code = ${rule.team} and (${rule.area ?? null}::text is null or a.id is not null) and (${rule.category ?? null}::text is null or c.id is not null)
    returning id`);
  return row ? Number(row.id) : undefined;
}

/** Areas as the public sees them: to pick one to follow or to filter by. */
export async function publicAreas(database: Database) {
  const rows = await database.rows<{ code: string; name: string; kind: string; w: number; s: number; e: number; n: number }>(sql`
    select code, name, kind, ST_XMin(geom) as w, ST_YMin(geom) as s, ST_XMax(geom) as e, ST_YMax(geom) as n from areas order by name`);
  return rows.map((r) => ({ code: r.code, name: r.name, kind: r.kind, bbox: [Number(r.w), Number(r.s), Number(r.e), Number(r.n)] as [number, number, number, number] }));
}
