ALTER TABLE "tile_versions" ADD COLUMN "bumped_by" bigint;--> statement-breakpoint
-- One step per transaction per cell slot, however many of the cell's reports it writes. The
-- trigger runs once per written row, and a statement that wrote many reports in one cell (a
-- retention purge, an import, a bulk change, a bench cleaning up) updated the same counter
-- row once per report inside one transaction: each update walks the row's chain of versions
-- that transaction made, so n reports cost n² (deleting 520,000 reports ran for 20 minutes
-- without finishing). A row this transaction already bumped is left as it is, and the
-- version still grows with every commit that touches the cell, which is all the cache needs.
CREATE OR REPLACE FUNCTION "tile_versions_bump"(g geometry) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  x0 int; x1 int; y0 int; y1 int;
  tx bigint := pg_current_xact_id()::text::bigint;
BEGIN
  IF g IS NULL OR ST_IsEmpty(g) THEN RETURN; END IF;
  x0 := greatest(0, least(4095, floor((ST_XMin(g) + 180) / 360 * 4096)))::int;
  x1 := greatest(0, least(4095, floor((ST_XMax(g) + 180) / 360 * 4096)))::int;
  y0 := tile_versions_row(ST_YMax(g));
  y1 := tile_versions_row(ST_YMin(g));
  -- A shape over more than 64 cells (a county-wide area) changes every tile's version instead.
  IF (x1 - x0 + 1) * (y1 - y0 + 1) > 64 THEN
    x0 := -1; x1 := -1; y0 := -1; y1 := -1;
  END IF;
  INSERT INTO tile_versions (cell_x, cell_y, slot, version, bumped_by)
    SELECT gx, gy, pg_backend_pid() % 16, 1, tx FROM generate_series(x0, x1) gx, generate_series(y0, y1) gy ORDER BY 1, 2
    ON CONFLICT (cell_x, cell_y, slot) DO UPDATE SET version = tile_versions.version + 1, bumped_by = tx
    WHERE tile_versions.bumped_by IS DISTINCT FROM tx;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "categories_tile_versions"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  tx bigint := pg_current_xact_id()::text::bigint;
BEGIN
  INSERT INTO tile_versions (cell_x, cell_y, slot, version, bumped_by) VALUES (-1, -1, pg_backend_pid() % 16, 1, tx)
    ON CONFLICT (cell_x, cell_y, slot) DO UPDATE SET version = tile_versions.version + 1, bumped_by = tx
    WHERE tile_versions.bumped_by IS DISTINCT FROM tx;
  RETURN NULL;
END
$$;
