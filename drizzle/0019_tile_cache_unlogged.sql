-- Custom SQL migration file, put your code below! --
-- The tile cache is a cache: no WAL for it (a crash empties it, which only costs renders), and
-- bodies stored as they are (MVT is already compact; compressing each store cost more than it
-- saved). Unlogged tables cannot be read on a standby: tile cache statements go to the primary.
ALTER TABLE "tile_cache" SET UNLOGGED;
--> statement-breakpoint
ALTER TABLE "tile_cache" ALTER COLUMN "body" SET STORAGE EXTERNAL;
