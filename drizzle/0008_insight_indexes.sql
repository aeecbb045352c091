-- Planning insight (docs/insight.md, bench/insight/RESULTS.md). drizzle-kit cannot express
-- INCLUDE or these partial indexes, so they live here rather than in schema.ts.
-- Index-only scans for every dashboard aggregate: the period is the key; the filters, the
-- grouped columns, the times and the point for hot spots ride along, so a million-report
-- table's heap is never read for a dashboard figure.
CREATE INDEX IF NOT EXISTS "reports_insight_idx" ON "reports" USING btree ("created_at") INCLUDE ("category_id", "area_id", "team_id", "state", "channel", "acknowledged_at", "resolved_at", "point");--> statement-breakpoint
-- The most supported open reports: read in order, stopping after the first few.
CREATE INDEX IF NOT EXISTS "reports_open_support_idx" ON "reports" USING btree ("support_count" DESC, "created_at", "id") WHERE "state" IN ('new', 'acknowledged', 'in_progress', 'action_scheduled');
