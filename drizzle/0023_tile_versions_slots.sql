ALTER TABLE "tile_versions" ADD COLUMN "slot" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "tile_versions" DROP CONSTRAINT "tile_versions_cell_x_cell_y_pk";--> statement-breakpoint
ALTER TABLE "tile_versions" ADD CONSTRAINT "tile_versions_cell_x_cell_y_slot_pk" PRIMARY KEY("cell_x","cell_y","slot");--> statement-breakpoint
-- A cell's version is the sum of its slots, and each connection bumps its own slot (its
-- backend's pid modulo 16). With one row per cell, every report committed in a busy cell (a
-- town centre in a storm) waited for the one before it to commit: the row stays locked through
-- the commit's WAL flush, so that cell's reports were written one flush at a time (issue 15,
-- S5). The sum still grows by one with every commit that touches the cell, whatever order
-- commits come in, which is all the tile cache needs of a version.
CREATE OR REPLACE FUNCTION "tile_versions_bump"(g geometry) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  x0 int; x1 int; y0 int; y1 int;
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
  INSERT INTO tile_versions (cell_x, cell_y, slot, version)
    SELECT gx, gy, pg_backend_pid() % 16, 1 FROM generate_series(x0, x1) gx, generate_series(y0, y1) gy ORDER BY 1, 2
    ON CONFLICT (cell_x, cell_y, slot) DO UPDATE SET version = tile_versions.version + 1;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "categories_tile_versions"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO tile_versions (cell_x, cell_y, slot, version) VALUES (-1, -1, pg_backend_pid() % 16, 1)
    ON CONFLICT (cell_x, cell_y, slot) DO UPDATE SET version = tile_versions.version + 1;
  RETURN NULL;
END
$$;
