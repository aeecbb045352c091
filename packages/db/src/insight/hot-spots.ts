import { sql } from 'drizzle-orm';
import type { BBox, HotSpotCollection, HotSpotFeature, Period } from '@groundswell/core';
import type { Database } from '../connect.ts';
import { bboxIntersects } from '../sql-kit.ts';
import { inPeriod, insightRows, scopeWhere, type InsightFilter } from './filter.ts';

export type { HotSpotCollection, HotSpotFeature };

export interface HotSpotOptions {
  /** The period the counts are for (`from`, `to` of the filter) and the one to compare with. */
  compare: Period;
  /** Centre-to-corner size on the ground, metres. */
  sizeMeters: number;
  bbox?: BBox | undefined;
}

/**
 * Hot spots: report points binned into hexagons, counted for a period and for a period to
 * compare with. The grid is PostGIS's hexagon tiling (ST_Hexagon / ST_HexagonGrid: flat-topped,
 * odd columns raised half a row) laid on Web Mercator (EPSG:3857) with its origin at 0,0, its
 * size scaled by the council's latitude so that hexagons are `sizeMeters` on the ground there.
 *
 * Each point goes to exactly one hexagon, the one whose centre is nearest (a hexagon tiling
 * is the Voronoi diagram of its centres), found by arithmetic rather than a spatial join, so
 * the counts add up to the number of reports and a million points bin in one pass.
 */
export async function reportHotSpots(database: Database, f: InsightFilter, o: HotSpotOptions): Promise<HotSpotCollection> {
  const lat0 = await gridLatitude(database, o.bbox);
  const s = o.sizeMeters / Math.cos((lat0 * Math.PI) / 180);
  const H = Math.sqrt(3);
  const bbox = o.bbox ? sql`and ${bboxIntersects(sql`r.point`, o.bbox)}` : sql``;
  const inA = inPeriod(f);
  const inB = inPeriod(o.compare);
  const rows = await insightRows<{ i: number; j: number; a: number; b: number; geometry: HotSpotFeature['geometry'] }>(
    database,
    sql`
    with p as (
      select (${inA}) as in_a, (${inB}) as in_b,
             6378137.0::float8 * radians(ST_X(r.point)) as x,
             6378137.0::float8 * ln(tan(pi() / 4 + radians(ST_Y(r.point)) / 2)) as y
      from reports r
      where ${scopeWhere(f)} and ((${inA}) or (${inB})) ${bbox}
    ),
    c as (
      select in_a, in_b, x, y, floor(x / (1.5 * ${s}::float8))::bigint as i1 from p
    ),
    cand as (
      -- float8 throughout: numeric arithmetic on every point would cost more than the scan.
      select in_a, in_b, x, y, i1, i1 + 1 as i2,
             round(y / (${H}::float8 * ${s}::float8) - 0.5::float8 * (i1 & 1)::float8)::bigint as j1,
             round(y / (${H}::float8 * ${s}::float8) - 0.5::float8 * ((i1 + 1) & 1)::float8)::bigint as j2
      from c
    ),
    cell as (
      select in_a, in_b,
             ((x - 1.5::float8 * ${s}::float8 * i1) ^ 2 + (y - ${H}::float8 * ${s}::float8 * (j1 + 0.5::float8 * (i1 & 1)::float8)) ^ 2
               <= (x - 1.5::float8 * ${s}::float8 * i2) ^ 2 + (y - ${H}::float8 * ${s}::float8 * (j2 + 0.5::float8 * (i2 & 1)::float8)) ^ 2) as first,
             i1, j1, i2, j2
      from cand
    ),
    g as (
      select case when first then i1 else i2 end as i, case when first then j1 else j2 end as j,
             count(*) filter (where in_a) as a, count(*) filter (where in_b) as b
      from cell group by 1, 2
    )
    select g.i::int as i, g.j::int as j, g.a::int as a, g.b::int as b,
           ST_AsGeoJSON(ST_Transform(ST_SetSRID(ST_Hexagon(${s}::float8, g.i::int, g.j::int), 3857), 4326), 5)::json as geometry
    from g order by g.i, g.j`,
  );
  const features: HotSpotFeature[] = rows.map((r) => {
    const count = Number(r.a);
    const compareCount = Number(r.b);
    return {
      type: 'Feature',
      id: `${r.i}:${r.j}`,
      geometry: r.geometry,
      properties: { i: Number(r.i), j: Number(r.j), count, compareCount, difference: count - compareCount },
    };
  });
  return {
    type: 'FeatureCollection',
    features,
    period: { from: f.from, to: f.to },
    comparePeriod: o.compare,
    sizeMeters: o.sizeMeters,
    total: features.reduce((n, h) => n + h.properties.count, 0),
    compareTotal: features.reduce((n, h) => n + h.properties.compareCount, 0),
    maxCount: Math.max(0, ...features.map((h) => Math.max(h.properties.count, h.properties.compareCount))),
    maxAbsDifference: Math.max(0, ...features.map((h) => Math.abs(h.properties.difference))),
  };
}

/**
 * The latitude the grid is true to scale at: the middle of the council's areas, else of the
 * box asked for, rounded to a tenth of a degree so the grid stays put between requests.
 */
async function gridLatitude(database: Database, bbox: BBox | undefined): Promise<number> {
  const [row] = await database.rows<{ lat: number | null }>(sql`select (ST_YMin(e) + ST_YMax(e)) / 2 as lat from (select ST_Extent(geom)::geometry as e from areas) x`);
  const lat = row?.lat ?? (bbox ? (bbox[1] + bbox[3]) / 2 : 0);
  return Math.max(-80, Math.min(80, Math.round(Number(lat) * 10) / 10));
}
