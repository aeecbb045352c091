/**
 * "My reports on any device": a resident's sign-in links and sessions, and what was made
 * with their address (reports through `report_contacts`, follows in `subscriptions`).
 * Addresses are matched trimmed and lower-cased on both sides: the caller passes core's
 * `residentEmail()`, and older rows may hold any case.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { LocalizedText, ReportState } from '@groundswell/core';
import { execRows, type Database } from './connect.ts';
import { isoTime, tsParam } from './sql-kit.ts';

const sameEmail = (column: string, email: string): SQL => sql`lower(trim(${sql.raw(column)})) = ${email}`;

export async function createResidentLink(database: Database, link: { tokenHash: string; email: string; at: Date; expiresAt: Date }): Promise<void> {
  // The address's spent and expired links open nothing any more: they go when a new one is made.
  await database.rows(sql`delete from resident_links where email = ${link.email} and (used_at is not null or expires_at <= ${tsParam(link.at)})`);
  await database.rows(sql`insert into resident_links (token_hash, email, created_at, expires_at)
    values (${link.tokenHash}, ${link.email}, ${tsParam(link.at)}, ${tsParam(link.expiresAt)})`);
}

/** Uses a link once, in one statement (two tabs cannot both use it): its address, or undefined when it was not open. */
export async function spendResidentLink(database: Database, tokenHash: string, now: Date): Promise<string | undefined> {
  const [row] = await database.rows<{ email: string }>(sql`
    update resident_links set used_at = ${tsParam(now)}
    where token_hash = ${tokenHash} and used_at is null and expires_at > ${tsParam(now)}
    returning email`);
  return row?.email;
}

export async function createResidentSession(database: Database, session: { idHash: string; email: string; at: Date; expiresAt: Date }): Promise<void> {
  await database.rows(sql`delete from resident_sessions where email = ${session.email} and expires_at <= ${tsParam(session.at)}`);
  await database.rows(sql`insert into resident_sessions (id_hash, email, created_at, expires_at)
    values (${session.idHash}, ${session.email}, ${tsParam(session.at)}, ${tsParam(session.expiresAt)})`);
}

/** The address a live session proves; undefined when unknown or expired. */
export async function findResidentSession(database: Database, idHash: string, now: Date): Promise<{ email: string } | undefined> {
  const [row] = await database.rows<{ email: string }>(sql`select email from resident_sessions where id_hash = ${idHash} and expires_at > ${tsParam(now)}`);
  return row;
}

export async function deleteResidentSession(database: Database, idHash: string): Promise<void> {
  await database.rows(sql`delete from resident_sessions where id_hash = ${idHash}`);
}

export interface ResidentReportRow {
  id: string;
  category: string;
  categoryName: LocalizedText;
  state: ReportState;
  createdAt: string;
}

export interface ResidentFollowRow {
  kind: 'report' | 'area' | 'drawn_area';
  target: string | null;
  name: string | null;
  confirmed: boolean;
  since: string;
}

/** Most rows of each kind one page lists; a resident with more is a council's own test account. */
const MOST = 500;

/** Every report made with the address (newest first), every follow it still holds, and whether its mail is stopped. */
export async function residentData(database: Database, email: string): Promise<{ reports: ResidentReportRow[]; follows: ResidentFollowRow[]; mailStopped: boolean }> {
  const reports = await database.rows<ResidentReportRow>(sql`
    select r.public_id as id, c.code as category, c.name as "categoryName", r.state, ${isoTime('r.created_at')} as "createdAt"
    from report_contacts rc join reports r on r.id = rc.report_id join categories c on c.id = r.category_id
    where ${sameEmail('rc.email', email)}
    order by r.created_at desc, r.id desc limit ${MOST}`);
  const follows = await database.rows<ResidentFollowRow>(sql`
    select case when s.report_id is not null then 'report' when s.area_id is not null then 'area' else 'drawn_area' end as kind,
           coalesce(r.public_id, a.code) as target, a.name, s.confirmed_at is not null as confirmed,
           ${isoTime('coalesce(s.confirmed_at, s.created_at)')} as since
    from subscriptions s left join reports r on r.id = s.report_id left join areas a on a.id = s.area_id
    where ${sameEmail('s.email', email)} and s.unsubscribed_at is null
    order by coalesce(s.confirmed_at, s.created_at) desc limit ${MOST}`);
  const [mail] = await database.rows<{ stopped: boolean }>(sql`
    select not exists (select 1 from report_contacts rc where ${sameEmail('rc.email', email)} and rc.mail_stopped_at is null) as stopped`);
  return { reports, follows, mailStopped: follows.length === 0 && !!mail?.stopped };
}

/**
 * "Stop all emails": every follow of the address ends (as its unsubscribe link would) and
 * every report made with it is marked as not wanting mail, in one transaction.
 */
export async function stopResidentMail(database: Database, email: string, at: Date): Promise<{ follows: number; reports: number }> {
  return database.db.transaction(async (tx) => {
    const follows = await execRows(tx, sql`update subscriptions set unsubscribed_at = ${tsParam(at)} where ${sameEmail('email', email)} and unsubscribed_at is null returning id`);
    const reports = await execRows(tx, sql`update report_contacts set mail_stopped_at = coalesce(mail_stopped_at, ${tsParam(at)}) where ${sameEmail('email', email)} returning report_id`);
    return { follows: follows.length, reports: reports.length };
  });
}

/**
 * "Erase my contact details": the contact rows of every report made with the address go
 * (name, email and phone; the reports stay, anonymous, and nothing public changes, since
 * public queries never read contacts), every follow by it is deleted, and its links and
 * sessions with them. No timeline event: that would move the reports' public `updated`.
 */
export async function eraseResidentContacts(database: Database, email: string): Promise<{ reports: number; follows: number; sessions: number }> {
  return database.db.transaction(async (tx) => {
    const reports = await execRows(tx, sql`delete from report_contacts where ${sameEmail('email', email)} returning report_id`);
    const follows = await execRows(tx, sql`delete from subscriptions where ${sameEmail('email', email)} returning id`);
    await tx.execute(sql`delete from resident_links where email = ${email}`);
    const sessions = await execRows(tx, sql`delete from resident_sessions where email = ${email} returning id_hash`);
    return { reports: reports.length, follows: follows.length, sessions: sessions.length };
  });
}

/** Whether anything was made with the address: a report's contact or a follow still held. */
export async function residentHasData(database: Database, email: string): Promise<boolean> {
  const [row] = await database.rows<{ any: boolean }>(sql`
    select exists (select 1 from report_contacts rc where ${sameEmail('rc.email', email)})
        or exists (select 1 from subscriptions s where ${sameEmail('s.email', email)} and s.unsubscribed_at is null) as any`);
  return !!row?.any;
}
