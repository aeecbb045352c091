ALTER TABLE "assets" ADD COLUMN "team_id" integer;--> statement-breakpoint
ALTER TABLE "assets" ADD CONSTRAINT "assets_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assets_team_idx" ON "assets" USING btree ("team_id");--> statement-breakpoint
-- Backfill: each mapped segment goes to the team a blocked-ditch report in its area is routed
-- to (the most specific routing rule: area and category, then area, then category), else that
-- category's default team; packages/db/src/assets/columns.ts (routedSegmentTeam) routes new ones the same way.
UPDATE "assets" a SET "team_id" = coalesce(
  (SELECT rr."team_id" FROM "routing_rules" rr
    WHERE (rr."area_id" = a."area_id" OR rr."area_id" IS NULL) AND (rr."category_id" = c."id" OR rr."category_id" IS NULL)
    ORDER BY rr."area_id" IS NULL, rr."category_id" IS NULL, rr."id" LIMIT 1),
  c."default_team_id")
FROM "categories" c
WHERE c."code" = 'blocked_ditch' AND a."team_id" IS NULL;
