import { sql } from 'drizzle-orm';
import { OPEN_STATES, type Channel, type QuestionOccasion, type ReportState } from '@groundswell/core';
import { execRows, type Database, type Executor } from './connect.ts';
import { lockReport, type LockedReport } from './report-actions.ts';
import { isoTime, publicReport, stateIn, tsParam } from './sql-kit.ts';

/** A report whose reporter is due the question "Is it fixed?" (core's `questionWindow`). */
export interface DueQuestion {
  reportId: number;
  publicId: string;
  channel: Channel;
  locale: string;
  email: string;
  categoryName: Record<string, string>;
  occasion: QuestionOccasion;
  /** When it was marked fixed, or the expected date (ISO). */
  occasionAt: string;
}

/**
 * Public reports with a reporter's address (one who has not stopped all emails) that were
 * marked fixed, or are still open with their expected date passed, inside the window, and
 * have not been asked since. A question asked after the moment was asked about it.
 */
export async function dueQuestions(database: Database, window: { after: Date; upTo: Date }, limit = 200): Promise<DueQuestion[]> {
  const rows = await database.rows<DueQuestion & { reportId: number | string }>(sql`
    with due as (
      select r.id, 'fixed' as occasion, r.resolved_at as at from reports r
      where r.state = 'fixed' and r.resolved_at > ${tsParam(window.after)} and r.resolved_at <= ${tsParam(window.upTo)}
      union all
      select r.id, 'expected', r.expected_at from reports r
      where ${stateIn(sql`r.state`, OPEN_STATES)} and r.expected_at > ${tsParam(window.after)} and r.expected_at <= ${tsParam(window.upTo)}
    )
    select r.id as "reportId", r.public_id as "publicId", r.channel, r.locale, rc.email, c.name as "categoryName",
           due.occasion, ${isoTime('due.at', 'ms')} as "occasionAt"
    from due
    join reports r on r.id = due.id
    join report_contacts rc on rc.report_id = r.id and coalesce(rc.email, '') <> '' and rc.mail_stopped_at is null
    join categories c on c.id = r.category_id
    where ${publicReport()} and not exists (select 1 from questionnaires q where q.report_id = r.id and q.asked_at >= due.at)
    order by due.at, r.id
    limit ${limit}`);
  return rows.map((r) => ({ ...r, reportId: Number(r.reportId) }));
}

/** Records a question; `false` when this occasion was already asked (by this or another process). */
export async function recordQuestion(database: Database, q: { reportId: number; occasion: string; tokenHash: string; askedAt: Date; expiresAt: Date }): Promise<boolean> {
  const rows = await database.rows(sql`
    insert into questionnaires (report_id, occasion, token_hash, asked_at, expires_at)
    values (${q.reportId}, ${q.occasion}, ${q.tokenHash}, ${tsParam(q.askedAt)}, ${tsParam(q.expiresAt)})
    on conflict (report_id, occasion) do nothing returning id`);
  return rows.length > 0;
}

/** A question as the resident's page and the answer need it; no contact details. */
export interface QuestionnaireRow {
  id: number;
  publicId: string;
  occasion: QuestionOccasion;
  state: ReportState;
  locale: string;
  categoryName: Record<string, string>;
  description: string;
  askedAt: string;
  expiresAt: string;
  answeredAt: string | null;
  fixed: boolean | null;
}

const QUESTIONNAIRE_COLUMNS = sql`q.id, r.public_id as "publicId", split_part(q.occasion, ':', 1) as occasion, r.state, r.locale, c.name as "categoryName",
  r.description, ${isoTime('q.asked_at')} as "askedAt", ${isoTime('q.expires_at')} as "expiresAt", ${isoTime('q.answered_at')} as "answeredAt", q.fixed`;

/** The question behind a token's hash, while its report is public. */
export async function findQuestionnaire(database: Database, tokenHash: string): Promise<QuestionnaireRow | undefined> {
  const [row] = await database.rows<QuestionnaireRow>(sql`
    select ${QUESTIONNAIRE_COLUMNS}
    from questionnaires q join reports r on r.id = q.report_id join categories c on c.id = r.category_id
    where q.token_hash = ${tokenHash} and ${publicReport()}`);
  return row ? { ...row, id: Number(row.id) } : undefined;
}

/**
 * Runs `fn` in one transaction with the question and its report locked, so two answers sent
 * at once cannot both count; `undefined` when there is no such question (or the report is
 * no longer public).
 */
export async function withQuestionnaire<T>(
  database: Database,
  tokenHash: string,
  fn: (tx: Executor, found: { questionnaire: QuestionnaireRow; report: LockedReport } | undefined) => Promise<T>,
): Promise<T> {
  return database.db.transaction(async (tx) => {
    const [row] = await execRows<QuestionnaireRow>(
      tx,
      sql`
      select ${QUESTIONNAIRE_COLUMNS}
      from questionnaires q join reports r on r.id = q.report_id join categories c on c.id = r.category_id
      where q.token_hash = ${tokenHash} and ${publicReport()}
      for update of q`,
    );
    const report = row ? await lockReport(tx, row.publicId) : undefined;
    return fn(tx, row && report ? { questionnaire: { ...row, id: Number(row.id) }, report } : undefined);
  });
}

export async function markQuestionnaireAnswered(tx: Executor, id: number, fixed: boolean, at: Date): Promise<void> {
  await tx.execute(sql`update questionnaires set answered_at = ${tsParam(at)}, fixed = ${fixed} where id = ${id}`);
}

/** A team's own address, when it has one: where the team is told a resident reopened a report. */
export async function teamEmail(tx: Executor, teamId: number | null): Promise<{ name: string; email: string } | undefined> {
  if (teamId === null) return undefined;
  const [row] = await execRows<{ name: string; email: string | null }>(tx, sql`select name, email from teams where id = ${teamId}`);
  return row?.email ? { name: row.name, email: row.email } : undefined;
}
