CREATE TABLE "call_volumes" (
	"week" date NOT NULL,
	"category_id" integer NOT NULL,
	"calls" integer NOT NULL,
	"imported_at" timestamp with time zone NOT NULL,
	CONSTRAINT "call_volumes_week_category_id_pk" PRIMARY KEY("week","category_id")
);
--> statement-breakpoint
ALTER TABLE "call_volumes" ADD CONSTRAINT "call_volumes_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE cascade ON UPDATE no action;