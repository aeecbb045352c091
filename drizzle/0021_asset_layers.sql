CREATE TABLE "asset_layers" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"url" text NOT NULL,
	"collection" text NOT NULL,
	"id_field" text NOT NULL,
	"name_field" text,
	"category_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"snap_metres" integer DEFAULT 30 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "asset_layers_name_unique" UNIQUE("name")
);
--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "asset_layer_id" integer;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "external_asset" jsonb;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_asset_layer_id_asset_layers_id_fk" FOREIGN KEY ("asset_layer_id") REFERENCES "public"."asset_layers"("id") ON DELETE set null ON UPDATE no action;