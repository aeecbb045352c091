/**
 * The council's own base map as vector tiles, for when the configured base map cannot load
 * (no signal in a field, the style server down): a resident with no GPS can still find the
 * field by the village. Three layers, all of them council data that is public anyway:
 *
 * - `areas`: each area's outline (polygon) with `code`, `name`, `kind`, and one label point
 *   per area (ST_PointOnSurface) with the same attributes, so the name is drawn once
 *   rather than once per tile the outline crosses;
 * - `ditches`: the mapped network's live segments (retired ones are history) with `code`,
 *   `kind` and `name`, from zoom DITCH_MIN_ZOOM (below it they are a smudge);
 * - `places`: gazetteer names with `kind` and `rank` (1 a town … 6 a farm); a place appears
 *   from its rank's zoom (PLACE_MIN_ZOOM), so villages show before farms.
 *
 * The rows come out already in tile coordinates (the same clip, scale and snap as the report
 * tiles' portable path) and are encoded in JavaScript on both engines: the data is small and
 * cached, and one path means PGlite and PostgreSQL answer byte for byte alike.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from './connect.ts';
import { TILE_BUFFER, TILE_EXTENT, tileBounds, type TileBounds, type TileFeatureRow, type TileLayers } from './open-data/tiles.ts';

export const BASE_LAYERS = { areas: 'areas', ditches: 'ditches', places: 'places' } as const;
/** Ditch segments are drawn from this zoom on. */
export const DITCH_MIN_ZOOM = 12;
/** A place's rank by its gazetteer kind: the smaller, the more important. Unknown kinds rank as a locality. */
export const PLACE_RANKS: Readonly<Record<string, number>> = { city: 1, town: 2, village: 3, suburb: 4, hamlet: 4, locality: 5, place: 5, farm: 6 };
const DEFAULT_RANK = 5;
/** The zoom from which a place of each rank is in the tiles (index = rank). */
export const PLACE_MIN_ZOOM = [0, 0, 8, 10, 12, 13, 14] as const;

/** The attributes of each layer and their types, for documentation (TileJSON-style). */
export const BASE_TILE_FIELDS = {
  [BASE_LAYERS.areas]: { code: 'String', name: 'String', kind: 'String' },
  [BASE_LAYERS.ditches]: { code: 'String', kind: 'String', name: 'String' },
  [BASE_LAYERS.places]: { name: 'String', kind: 'String', rank: 'Number' },
} as const;

/** The tile and its buffer as a WGS84 box for the `&&` index test (Mercator rectangles stay rectangles). */
function searchBox(b: TileBounds): SQL {
  const m = (TILE_BUFFER / TILE_EXTENT) * b.size;
  return sql`ST_Transform(ST_MakeEnvelope(${b.xmin - m}::float8, ${b.ymin - m}::float8, ${b.xmax + m}::float8, ${b.ymax + m}::float8, 3857), 4326)`;
}

/** ST_AsMVTGeom in portable SQL (as open-data/tiles.ts): clip to tile plus buffer, scale to tile units with y down, snap. */
function scaled(b: TileBounds, geom: SQL): SQL {
  const k = TILE_EXTENT / b.size;
  const m = (TILE_BUFFER / TILE_EXTENT) * b.size;
  const clipBox = sql`ST_MakeEnvelope(${b.xmin - m}::float8, ${b.ymin - m}::float8, ${b.xmax + m}::float8, ${b.ymax + m}::float8, 3857)`;
  return sql`ST_SnapToGrid(ST_Affine(ST_ClipByBox2D(ST_Transform(${geom}, 3857), ${clipBox}), ${k}::float8, 0, 0, ${-k}::float8, ${-b.xmin * k}::float8, ${b.ymax * k}::float8), 1)`;
}

/** The rank of `p.kind`, as SQL. */
const placeRank = sql.raw(
  `(case p.kind ${Object.entries(PLACE_RANKS)
    .map(([kind, rank]) => `when '${kind.replace(/'/g, "''")}' then ${rank}`)
    .join(' ')} else ${DEFAULT_RANK} end)`,
);

/** The highest rank (least important place) drawn at zoom `z`. */
export function maxPlaceRank(z: number): number {
  let rank = 0;
  PLACE_MIN_ZOOM.forEach((minZoom, r) => {
    if (r > 0 && z >= minZoom) rank = r;
  });
  return rank;
}

const geoJson = sql`ST_AsGeoJSON(g, 0)::json as geom`;
const nonEmpty = sql`g is not null and not ST_IsEmpty(g)`;

async function areaRows(database: Database, b: TileBounds): Promise<TileFeatureRow[]> {
  const outlines = await database.rows<TileFeatureRow>(sql`
    select ${geoJson}, code, name, kind from (
      select ST_ForcePolygonCCW(ST_CollectionExtract(ST_MakeValid(${scaled(b, sql`a.geom`)}), 3)) as g, a.code, a.name, a.kind
      from areas a where a.geom && ${searchBox(b)}
    ) f where ${nonEmpty} and ST_Area(g) > 0 order by code`);
  const labels = await database.rows<TileFeatureRow>(sql`
    select ${geoJson}, code, name, kind from (
      select ${scaled(b, sql`ST_PointOnSurface(a.geom)`)} as g, a.code, a.name, a.kind
      from areas a where a.geom && ${searchBox(b)}
    ) f where ${nonEmpty} order by code`);
  return [...outlines, ...labels];
}

async function ditchRows(database: Database, b: TileBounds): Promise<TileFeatureRow[]> {
  return database.rows<TileFeatureRow>(sql`
    select ${geoJson}, code, kind, name from (
      select ST_CollectionExtract(ST_RemoveRepeatedPoints(${scaled(b, sql`a.geom`)}), 2) as g, a.code, a.kind, a.name
      from assets a where a.retired_at is null and a.geom && ${searchBox(b)}
    ) f where ${nonEmpty} and ST_Length(g) > 0 order by code`);
}

async function placeRows(database: Database, b: TileBounds, maxRank: number): Promise<TileFeatureRow[]> {
  return database.rows<TileFeatureRow>(sql`
    select ${geoJson}, name, kind, rank from (
      select ${scaled(b, sql`p.geom`)} as g, p.name, p.kind, ${placeRank} as rank
      from places p where p.geom && ${searchBox(b)} and ${placeRank} <= ${maxRank}
    ) f where ${nonEmpty} order by rank, name`);
}

/** One base-map tile as rows in tile coordinates, layer name → features (empty layers left out). */
export async function baseTileRows(database: Database, z: number, x: number, y: number): Promise<TileLayers> {
  const b = tileBounds(z, x, y);
  const layers: TileLayers = {};
  const areas = await areaRows(database, b);
  if (areas.length) layers[BASE_LAYERS.areas] = areas;
  if (z >= DITCH_MIN_ZOOM) {
    const ditches = await ditchRows(database, b);
    if (ditches.length) layers[BASE_LAYERS.ditches] = ditches;
  }
  const maxRank = maxPlaceRank(z);
  if (maxRank > 0) {
    const places = await placeRows(database, b, maxRank);
    if (places.length) layers[BASE_LAYERS.places] = places;
  }
  return layers;
}
