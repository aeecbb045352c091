CREATE TABLE "handoff_rules" (
	"id" serial PRIMARY KEY NOT NULL,
	"category_id" integer NOT NULL,
	"area_id" integer,
	"team_id" integer,
	"target_id" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "handoff_sends" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"report_id" bigint NOT NULL,
	"target_id" integer NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"external_ref" text,
	"maybe_sent_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "handoff_targets" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"method" text NOT NULL,
	"config" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"secret" text,
	"status_map" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"last_polled_at" timestamp with time zone,
	"updates_since" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "handoff_targets_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "handoff_updates" (
	"target_id" integer NOT NULL,
	"key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "handoff_updates_target_id_key_pk" PRIMARY KEY("target_id","key")
);
--> statement-breakpoint
ALTER TABLE "handoff_rules" ADD CONSTRAINT "handoff_rules_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handoff_rules" ADD CONSTRAINT "handoff_rules_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handoff_rules" ADD CONSTRAINT "handoff_rules_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handoff_rules" ADD CONSTRAINT "handoff_rules_target_id_handoff_targets_id_fk" FOREIGN KEY ("target_id") REFERENCES "public"."handoff_targets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handoff_sends" ADD CONSTRAINT "handoff_sends_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handoff_sends" ADD CONSTRAINT "handoff_sends_target_id_handoff_targets_id_fk" FOREIGN KEY ("target_id") REFERENCES "public"."handoff_targets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handoff_updates" ADD CONSTRAINT "handoff_updates_target_id_handoff_targets_id_fk" FOREIGN KEY ("target_id") REFERENCES "public"."handoff_targets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "handoff_sends_report_target_idx" ON "handoff_sends" USING btree ("report_id","target_id");--> statement-breakpoint
CREATE INDEX "handoff_sends_state_idx" ON "handoff_sends" USING btree ("state","updated_at");--> statement-breakpoint
CREATE INDEX "handoff_sends_ref_idx" ON "handoff_sends" USING btree ("target_id","external_ref");