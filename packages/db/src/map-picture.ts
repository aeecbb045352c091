/**
 * The still picture of a map (issue 12, "fast on a phone"; docs/adr/0004): everything it
 * draws, already in the picture's pixels, in ONE statement. Web Mercator at MapLibre's scale
 * (core map-frame.ts), so the picture is what the interactive map shows at the same camera:
 *
 * - `area` outlines (their boundaries, clipped: no false edge where the picture cuts an
 *   area) and `area-label` points (ST_PointOnSurface, as the base tiles);
 * - `ditch`: the mapped network's live segments, from the base tiles' DITCH_MIN_ZOOM;
 * - `place`: gazetteer names up to the base tiles' rank for the zoom;
 * - `cluster`: public reports counted in the report tiles' own grid (CLUSTER_GRID cells per
 *   tile at the tile zoom MapLibre would load), up to CLUSTER_MAX_ZOOM, so the numbers are the
 *   interactive map's numbers; every report of a cell counts, even where the cell runs past
 *   the picture's edge;
 * - `report`: above that zoom, each public report with its shape;
 * - `highlight`: the one report asked for, if public; its picture then draws no other report,
 *   as the small map of one place it stands for.
 *
 * Paths come out of ST_AsSVG (which writes y negated: the pixel rows are computed y-up for it).
 * Public data only: the same public predicate as the tiles; no person's data is selected.
 */
import { sql, type SQL } from 'drizzle-orm';
import { MERCATOR_ORIGIN, OPEN_STATES, type PictureFrame } from '@groundswell/core';
import type { Database } from './connect.ts';
import { DITCH_MIN_ZOOM, PLACE_RANKS, maxPlaceRank } from './base-tiles.ts';
import { CLUSTER_GRID, CLUSTER_MAX_ZOOM, MAX_TILE_FEATURES } from './open-data/tiles.ts';
import { publicReport, stateIn } from './sql-kit.ts';

/** Pixels drawn past the picture's edges (a label or a circle half out still shows its half). */
const MARGIN_PX = 48;
/** Paths are simplified to this many pixels: finer than the eye sees, and a smaller picture. */
const SIMPLIFY_PX = 0.5;

export type PictureLayer = 'area' | 'area-label' | 'ditch' | 'place' | 'cluster' | 'report' | 'highlight';

export interface PictureRow {
  layer: PictureLayer;
  /** SVG path data, for outlines, lines and areas. */
  d: string | null;
  /** Pixel position, for points, labels and clusters. */
  x: number | null;
  y: number | null;
  name: string | null;
  rank: number | null;
  count: number | null;
  state: string | null;
  open: boolean | null;
  colour: string | null;
  geometryType: string | null;
}

export interface PictureQuery {
  frame: PictureFrame;
  /** The zoom of the tiles the interactive map would load here (its cluster grid). */
  tileZoom: number;
  /** A report's public id to highlight. */
  report?: string;
}

const ORIGIN = MERCATOR_ORIGIN;
const EARTH_RADIUS = 6378137;
const MERC_X = sql.raw(`(ST_X(r.point) * ${ORIGIN / 180})`);
const MERC_Y = sql.raw(`(ln(tan(pi() / 4 + radians(ST_Y(r.point)) / 2)) * ${EARTH_RADIUS})`);

const placeRank = sql.raw(
  `(case p.kind ${Object.entries(PLACE_RANKS)
    .map(([kind, rank]) => `when '${kind.replace(/'/g, "''")}' then ${rank}`)
    .join(' ')} else 5 end)`,
);

/** Everything the picture draws, in drawing order. */
export async function mapPictureRows(database: Database, q: PictureQuery): Promise<PictureRow[]> {
  const { x0, y1, k, width, height } = q.frame;
  const m = MARGIN_PX / k;
  const env = sql`ST_MakeEnvelope(${x0 - m}::float8, ${y1 - height / k - m}::float8, ${x0 + width / k + m}::float8, ${y1 + m}::float8, 3857)`;
  const search = sql`ST_Transform(${env}, 4326)`;
  // Mercator metres to pixels, y up (ST_AsSVG negates y, making it the picture's row).
  const toPixels = (g: SQL) => sql`ST_Affine(${g}, ${k}::float8, 0, 0, ${k}::float8, ${-x0 * k}::float8, ${-y1 * k}::float8)`;
  const path = (g: SQL) => sql`ST_AsSVG(ST_Simplify(${toPixels(sql`ST_ClipByBox2D(ST_Transform(${g}, 3857), ${env})`)}, ${SIMPLIFY_PX}::float8), 0, 1)`;
  const px = (g: SQL) => sql`(ST_X(ST_Transform(${g}, 3857)) - ${x0}::float8) * ${k}::float8`;
  const py = (g: SQL) => sql`(${y1}::float8 - ST_Y(ST_Transform(${g}, 3857))) * ${k}::float8`;

  const parts: SQL[] = [
    sql`select 1 as ord, 'area' as layer, ${path(sql`ST_Boundary(a.geom)`)} as d, null::float8 as x, null::float8 as y, null::text as name, null::int as rank,
      null::int as count, null::text as state, null::boolean as open, null::text as colour, null::text as gtype
      from areas a where a.geom && ${search}`,
  ];
  if (q.tileZoom >= DITCH_MIN_ZOOM) {
    parts.push(sql`select 2, 'ditch', ${path(sql`s.geom`)}, null, null, null, null, null, null, null, null, null
      from assets s where s.retired_at is null and s.geom && ${search}`);
  }
  parts.push(sql`select 3, 'area-label', null, ${px(sql`l.p`)}, ${py(sql`l.p`)}, l.name, null, null, null, null, null, null
    from (select ST_PointOnSurface(a.geom) as p, a.name from areas a where a.geom && ${search}) l where l.p && ${search}`);
  const maxRank = maxPlaceRank(q.tileZoom);
  if (maxRank > 0) {
    parts.push(sql`select 4, 'place', null, ${px(sql`p.geom`)}, ${py(sql`p.geom`)}, p.name, ${placeRank}, null, null, null, null, null
      from places p where p.geom && ${search} and ${placeRank} <= ${maxRank}`);
  }
  // One report's picture is of that report alone, as the small map it stands for.
  if (!q.report && q.tileZoom <= CLUSTER_MAX_ZOOM) {
    // The report tiles' grid at this zoom, over whole cells: a cell's count is all its reports.
    const cell = (2 * ORIGIN) / 2 ** q.tileZoom / CLUSTER_GRID;
    const cx0 = Math.floor((x0 - m + ORIGIN) / cell) * cell - ORIGIN;
    const cx1 = Math.ceil((x0 + width / k + m + ORIGIN) / cell) * cell - ORIGIN;
    const cy1 = ORIGIN - Math.floor((ORIGIN - (y1 + m)) / cell) * cell;
    const cy0 = ORIGIN - Math.ceil((ORIGIN - (y1 - height / k - m)) / cell) * cell;
    const box = sql`ST_Transform(ST_MakeEnvelope(${cx0}::float8, ${cy0}::float8, ${cx1}::float8, ${cy1}::float8, 3857), 4326)`;
    parts.push(sql`select 5, 'cluster', null, (avg(mx) - ${x0}::float8) * ${k}::float8, (${y1}::float8 - avg(my)) * ${k}::float8, null, null,
        count(*)::int, mode() within group (order by state), bool_or(open), null, null
      from (
        select ${MERC_X} as mx, ${MERC_Y} as my, ${stateIn(sql`r.state`, OPEN_STATES)} as open, r.state
        from reports r where r.point && ${box} and ${publicReport()}
      ) p
      where mx >= ${cx0}::float8 and mx < ${cx1}::float8 and my > ${cy0}::float8 and my <= ${cy1}::float8
      group by floor((mx + ${ORIGIN}::float8) / ${cell}::float8), floor((${ORIGIN}::float8 - my) / ${cell}::float8)`);
  } else if (!q.report) {
    parts.push(sql`select * from (select 6, 'report', case when r.geom_type = 'Point' then null else ${path(sql`r.geom`)} end,
        ${px(sql`r.point`)}, ${py(sql`r.point`)}, null::text, null::int, null::int, r.state, ${stateIn(sql`r.state`, OPEN_STATES)}, null::text, r.geom_type
      from reports r where r.geom && ${search} and ${publicReport()} order by r.created_at limit ${MAX_TILE_FEATURES}) s`);
  }
  if (q.report) {
    parts.push(sql`select 7, 'highlight', case when r.geom_type = 'Point' then null else ${path(sql`r.geom`)} end,
        ${px(sql`r.point`)}, ${py(sql`r.point`)}, null, null, null, r.state, null, c.color, r.geom_type
      from reports r join categories c on c.id = r.category_id where r.public_id = ${q.report} and ${publicReport()}`);
  }
  const rows = await database.rows<{
    layer: PictureLayer;
    d: string | null;
    x: number | string | null;
    y: number | string | null;
    name: string | null;
    rank: number | string | null;
    count: number | string | null;
    state: string | null;
    open: boolean | null;
    colour: string | null;
    gtype: string | null;
  }>(sql`select layer, d, x, y, name, rank, count, state, open, colour, gtype from (${sql.join(parts, sql` union all `)}) u
    order by ord, rank nulls last, count desc nulls last, name, x, y`);
  const num = (v: number | string | null) => (v === null ? null : Number(v));
  return rows.map((r) => ({
    layer: r.layer,
    d: r.d,
    x: num(r.x),
    y: num(r.y),
    name: r.name,
    rank: num(r.rank),
    count: num(r.count),
    state: r.state,
    open: r.open,
    colour: r.colour,
    geometryType: r.gtype,
  }));
}
