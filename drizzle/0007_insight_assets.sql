ALTER TABLE "assets" ADD COLUMN "retired_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "asset_id" integer;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_asset_id_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."assets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reports_asset_idx" ON "reports" USING btree ("asset_id");