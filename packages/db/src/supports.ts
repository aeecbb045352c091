import { sql } from 'drizzle-orm';
import { isOpen, type ReportState } from '@groundswell/core';
import { execRows, type Database } from './connect.ts';
import { publicReport, tsParam } from './sql-kit.ts';
import { addEvent } from './timeline.ts';

export type SupportResult = { outcome: 'not_found' } | { outcome: 'closed'; state: ReportState } | { outcome: 'added' | 'already' | 'limited'; supportCount: number };

/** A cap on supports from one source (a network address), counted in a `rate_limits` bucket. */
export interface SupportLimit {
  /** Names the source and the report; a hash, never the address itself. */
  bucket: string;
  windowStart: Date;
  max: number;
}

/**
 * "This affects me too": one support per supporter key, the count kept on the report and a
 * public event on its timeline, all in one transaction. With a limit, the source's bucket is
 * counted in the same transaction, under the report's row lock, and only for a support that
 * is really added: parallel requests cannot pass the cap, and a refused or repeated support
 * uses none of it.
 */
export async function addSupport(database: Database, publicId: string, supporterKey: string, at: Date, limit?: SupportLimit): Promise<SupportResult> {
  return database.db.transaction(async (tx) => {
    const [report] = await execRows<{ id: number; state: ReportState; support_count: number }>(
      tx,
      sql`select r.id, r.state, r.support_count from reports r where r.public_id = ${publicId} and ${publicReport()} for update`,
    );
    if (!report) return { outcome: 'not_found' as const };
    if (!isOpen(report.state)) return { outcome: 'closed' as const, state: report.state };
    const id = Number(report.id);
    const supportCount = Number(report.support_count);
    const [existing] = await execRows(tx, sql`select 1 as x from report_supports where report_id = ${id} and supporter_key = ${supporterKey}`);
    if (existing) return { outcome: 'already' as const, supportCount };
    if (limit) {
      const counted = await execRows(
        tx,
        sql`
        insert into rate_limits (bucket, window_start, count) values (${limit.bucket}, ${tsParam(limit.windowStart)}, 1)
        on conflict (bucket, window_start) do update set count = rate_limits.count + 1 where rate_limits.count < ${limit.max}
        returning count`,
      );
      if (!counted.length) return { outcome: 'limited' as const, supportCount };
    }
    const inserted = await execRows(
      tx,
      sql`
      insert into report_supports (report_id, supporter_key, created_at) values (${id}, ${supporterKey}, ${tsParam(at)})
      on conflict do nothing returning report_id`,
    );
    if (!inserted.length) return { outcome: 'already' as const, supportCount };
    const [updated] = await execRows<{ support_count: number }>(tx, sql`update reports set support_count = support_count + 1 where id = ${id} returning support_count`);
    await addEvent(tx, { reportId: id, kind: 'supported', public: true, actor: { type: 'resident' }, payload: {}, at });
    return { outcome: 'added' as const, supportCount: Number(updated!.support_count) };
  });
}
