CREATE TABLE "resident_links" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "resident_sessions" (
	"id_hash" text PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "report_contacts" ADD COLUMN "mail_stopped_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "resident_links_email_idx" ON "resident_links" USING btree ("email");--> statement-breakpoint
CREATE INDEX "resident_sessions_email_idx" ON "resident_sessions" USING btree ("email");