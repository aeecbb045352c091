/** Rows for the Atom feeds: recently changed public reports, and one report's public timeline. */
import { sql, type SQL } from 'drizzle-orm';
import type { BBox, EventKind } from '@groundswell/core';
import type { Database } from '../connect.ts';
import { bboxIntersects, inList, isoTime, publicReport } from '../sql-kit.ts';
import { PUBLIC_ACTOR_COLUMNS, PUBLIC_ACTOR_JOIN, type PublicActorColumns } from './public-actor.ts';
import { reportStatus } from './reports.ts';

export interface FeedFilter {
  bbox?: BBox;
  categories?: string[];
  areas?: string[];
  limit: number;
}

export interface FeedReportRow {
  publicId: string;
  category: string;
  categoryName: Record<string, string>;
  state: string;
  status: 'open' | 'closed';
  description: string;
  area: string | null;
  createdAt: string;
  updatedAt: string;
}

export async function feedReports(database: Database, filter: FeedFilter): Promise<FeedReportRow[]> {
  const parts: SQL[] = [publicReport()];
  if (filter.bbox) parts.push(bboxIntersects(sql`r.geom`, filter.bbox));
  if (filter.categories?.length) parts.push(inList(sql`c.code`, filter.categories));
  if (filter.areas?.length) parts.push(sql`r.area_id in (select id from areas where ${inList(sql`code`, filter.areas)})`);
  return database.rows<FeedReportRow>(sql`
    select r.public_id as "publicId", c.code as category, c.name as "categoryName", r.state,
           ${reportStatus} as status,
           r.description, a.name as area, ${isoTime('r.created_at')} as "createdAt", ${isoTime('r.updated_at')} as "updatedAt"
    from reports r join categories c on c.id = r.category_id left join areas a on a.id = r.area_id
    where ${sql.join(parts, sql` and `)}
    order by r.updated_at desc, r.id desc
    limit ${filter.limit}`);
}

/** Whether the filter's area codes exist (a feed of an unknown area is a 404, not an empty feed). */
export async function unknownAreaCodes(database: Database, codes: string[]): Promise<string[]> {
  if (!codes.length) return [];
  const rows = await database.rows<{ code: string }>(sql`select code from areas where ${inList(sql`code`, codes)}`);
  const known = new Set(rows.map((r) => r.code));
  return codes.filter((c) => !known.has(c));
}

export interface FeedEventRow extends PublicActorColumns {
  id: string;
  kind: EventKind;
  at: string;
  payload: Record<string, unknown>;
}

/** A report's public events, newest first, with their ids (Atom entries need stable ids). */
export async function feedReportEvents(database: Database, publicId: string, limit = 100): Promise<FeedEventRow[]> {
  return database.rows<FeedEventRow>(sql`
    select e.id::text as id, e.kind, ${isoTime('e.created_at')} as at, ${PUBLIC_ACTOR_COLUMNS}, e.payload
    from report_events e join reports r on r.id = e.report_id ${PUBLIC_ACTOR_JOIN}
    where r.public_id = ${publicId} and ${publicReport()} and e.public
    order by e.created_at desc, e.id desc
    limit ${limit}`);
}
