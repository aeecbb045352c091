import { sql } from 'drizzle-orm';
import { isOpen, type ReportState } from '@groundswell/core';
import { execRows, type Database } from './connect.ts';
import { publicReport, tsParam } from './sql-kit.ts';
import { addEvent } from './timeline.ts';

export type SupportResult = { outcome: 'not_found' } | { outcome: 'closed'; state: ReportState } | { outcome: 'added' | 'already'; supportCount: number };

/**
 * "This affects me too": one support per supporter key, the count kept on the report and a
 * public event on its timeline, all in one transaction.
 */
export async function addSupport(database: Database, publicId: string, supporterKey: string, at: Date): Promise<SupportResult> {
  return database.db.transaction(async (tx) => {
    const [report] = await execRows<{ id: number; state: ReportState; support_count: number }>(
      tx,
      sql`select r.id, r.state, r.support_count from reports r where r.public_id = ${publicId} and ${publicReport()} for update`,
    );
    if (!report) return { outcome: 'not_found' as const };
    if (!isOpen(report.state)) return { outcome: 'closed' as const, state: report.state };
    const id = Number(report.id);
    const inserted = await execRows(
      tx,
      sql`
      insert into report_supports (report_id, supporter_key, created_at) values (${id}, ${supporterKey}, ${tsParam(at)})
      on conflict do nothing returning report_id`,
    );
    if (!inserted.length) return { outcome: 'already' as const, supportCount: Number(report.support_count) };
    const [updated] = await execRows<{ support_count: number }>(tx, sql`update reports set support_count = support_count + 1 where id = ${id} returning support_count`);
    await addEvent(tx, { reportId: id, kind: 'supported', public: true, actor: { type: 'resident' }, payload: {}, at });
    return { outcome: 'added' as const, supportCount: Number(updated!.support_count) };
  });
}
