CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TABLE "keyword_rules" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"language" text NOT NULL,
	"keywords" text[] NOT NULL,
	"exclusions" text[] DEFAULT '{}' NOT NULL,
	"category_id" integer,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "listening_sources" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"config" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"credentials" text,
	"credential_fields" text[] DEFAULT '{}' NOT NULL,
	"state" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"poll_seconds" integer DEFAULT 900 NOT NULL,
	"last_polled_at" timestamp with time zone,
	"last_error" text,
	"last_error_at" timestamp with time zone,
	"failures" integer DEFAULT 0 NOT NULL,
	"next_poll_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mention_replies" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"mention_id" bigint NOT NULL,
	"staff_id" uuid,
	"text" text NOT NULL,
	"sent_at" timestamp with time zone,
	"external_id" text,
	"url" text,
	"error" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mentions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"source_id" integer NOT NULL,
	"external_id" text NOT NULL,
	"url" text,
	"author" text,
	"author_hash" text,
	"text" text NOT NULL,
	"language" text,
	"posted_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"addressed_to_council" boolean DEFAULT false NOT NULL,
	"reply_ref" jsonb,
	"state" text DEFAULT 'new' NOT NULL,
	"place_guesses" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"geom" geometry(Point,4326),
	"confidence" double precision,
	"matched_rule_ids" integer[] DEFAULT '{}' NOT NULL,
	"suggested_category_id" integer,
	"report_id" bigint,
	"dismissed_reason" text,
	"folded_into_id" bigint,
	"photos" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"first_reply_at" timestamp with time zone,
	"last_reply_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "keyword_rules" ADD CONSTRAINT "keyword_rules_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mention_replies" ADD CONSTRAINT "mention_replies_mention_id_mentions_id_fk" FOREIGN KEY ("mention_id") REFERENCES "public"."mentions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mention_replies" ADD CONSTRAINT "mention_replies_staff_id_staff_users_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentions" ADD CONSTRAINT "mentions_source_id_listening_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."listening_sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentions" ADD CONSTRAINT "mentions_suggested_category_id_categories_id_fk" FOREIGN KEY ("suggested_category_id") REFERENCES "public"."categories"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentions" ADD CONSTRAINT "mentions_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mention_replies_mention_idx" ON "mention_replies" USING btree ("mention_id");--> statement-breakpoint
CREATE UNIQUE INDEX "mentions_source_external_idx" ON "mentions" USING btree ("source_id","external_id");--> statement-breakpoint
CREATE INDEX "mentions_received_idx" ON "mentions" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "mentions_state_idx" ON "mentions" USING btree ("state","received_at");--> statement-breakpoint
CREATE INDEX "mentions_report_idx" ON "mentions" USING btree ("report_id");--> statement-breakpoint
CREATE INDEX "mentions_url_idx" ON "mentions" USING btree ("url");--> statement-breakpoint
CREATE INDEX "mentions_geom_gix" ON "mentions" USING gist ("geom");--> statement-breakpoint
CREATE INDEX "mentions_text_trgm_idx" ON "mentions" USING gin ("text" gin_trgm_ops);