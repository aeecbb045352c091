CREATE TABLE "tile_cache" (
	"key" text PRIMARY KEY NOT NULL,
	"version" bigint NOT NULL,
	"body" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tile_versions" (
	"cell_x" integer NOT NULL,
	"cell_y" integer NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "tile_versions_cell_x_cell_y_pk" PRIMARY KEY("cell_x","cell_y")
);
--> statement-breakpoint
CREATE INDEX "tile_cache_created_idx" ON "tile_cache" USING btree ("created_at");--> statement-breakpoint
-- The tile cache's data version, kept by the database itself: every write path to reports
-- (the API's, imports, connectors, merges, retention, psql) bumps the zoom-12 cells a report
-- was and is in. A deferred constraint trigger runs at commit, so the counter row is locked
-- only for the commit itself, not for the rest of the writing transaction.
CREATE FUNCTION "tile_versions_row"(lat float8) RETURNS int LANGUAGE sql IMMUTABLE AS $$
  select greatest(0, least(4095, floor((1 - ln(tan(radians(l)) + 1 / cos(radians(l))) / pi()) / 2 * 4096)))::int
  from (select greatest(-85.0511, least(85.0511, lat)) as l) t
$$;
--> statement-breakpoint
CREATE FUNCTION "tile_versions_bump"(g geometry) RETURNS void LANGUAGE plpgsql AS $$
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
  INSERT INTO tile_versions (cell_x, cell_y, version)
    SELECT gx, gy, 1 FROM generate_series(x0, x1) gx, generate_series(y0, y1) gy ORDER BY 1, 2
    ON CONFLICT (cell_x, cell_y) DO UPDATE SET version = tile_versions.version + 1;
END
$$;
--> statement-breakpoint
CREATE FUNCTION "reports_tile_versions"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM tile_versions_bump(OLD.geom); END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND OLD.geom::text IS DISTINCT FROM NEW.geom::text) THEN PERFORM tile_versions_bump(NEW.geom); END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "reports_tile_versions_insert_delete" AFTER INSERT OR DELETE ON "reports" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION reports_tile_versions();
--> statement-breakpoint
-- Only changes a tile can show: shape, state (public or not, colour), category, supports, dates, id.
CREATE CONSTRAINT TRIGGER "reports_tile_versions_update" AFTER UPDATE ON "reports" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (OLD.state IS DISTINCT FROM NEW.state OR OLD.category_id IS DISTINCT FROM NEW.category_id OR OLD.support_count IS DISTINCT FROM NEW.support_count
    OR OLD.created_at IS DISTINCT FROM NEW.created_at OR OLD.public_id IS DISTINCT FROM NEW.public_id OR OLD.geom_type IS DISTINCT FROM NEW.geom_type
    OR OLD.geom::text IS DISTINCT FROM NEW.geom::text OR OLD.point::text IS DISTINCT FROM NEW.point::text)
  EXECUTE FUNCTION reports_tile_versions();
--> statement-breakpoint
CREATE FUNCTION "categories_tile_versions"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO tile_versions (cell_x, cell_y, version) VALUES (-1, -1, 1)
    ON CONFLICT (cell_x, cell_y) DO UPDATE SET version = tile_versions.version + 1;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "categories_tile_versions" AFTER UPDATE OR DELETE ON "categories" FOR EACH STATEMENT EXECUTE FUNCTION categories_tile_versions();
