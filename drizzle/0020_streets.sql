CREATE TABLE "streets" (
	"id" serial PRIMARY KEY NOT NULL,
	"usrn" text NOT NULL,
	"name" text,
	"source" text NOT NULL,
	"geom" geometry(MultiLineString,4326) NOT NULL,
	CONSTRAINT "streets_usrn_unique" UNIQUE("usrn")
);
--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "street_usrn" text;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "street_name" text;--> statement-breakpoint
CREATE INDEX "streets_geog_gix" ON "streets" USING gist (("geom"::geography));