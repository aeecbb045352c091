/** Everything held about one resident, found by email address or phone number, and its erasure (core's subject-access.ts). */
import { sql, type SQL } from 'drizzle-orm';
import { PHONE_MATCH_DIGITS, type Subject } from '@groundswell/core';
import { execRows, type Database } from './connect.ts';
import { isoTime } from './sql-kit.ts';
import { mentionPhotoKeys, type MentionPhoto } from './listening.ts';

const matches = (emailColumn: string, phoneColumn: string | null, s: Subject): SQL =>
  s.kind === 'email'
    ? sql`lower(trim(${sql.raw(emailColumn)})) = ${s.email}`
    : phoneColumn
      ? sql`right(regexp_replace(coalesce(${sql.raw(phoneColumn)}, ''), '[^0-9]', '', 'g'), ${PHONE_MATCH_DIGITS}) = ${s.digits}`
      : sql`false`;

export interface SubjectReport {
  id: string;
  category: string;
  state: string;
  createdAt: string;
  description: string;
  answers: Record<string, unknown>;
  name: string | null;
  email: string | null;
  phone: string | null;
  showName: boolean;
  mailStoppedAt: string | null;
  /** What the resident wrote on the report's timeline themselves ("Is it fixed?" answers). */
  ownWords: { kind: string; at: string; text: string | null }[];
}

export interface SubjectFollow {
  kind: 'report' | 'area' | 'drawn_area';
  target: string | null;
  createdAt: string;
  confirmedAt: string | null;
  endedAt: string | null;
}

/** A message the listening inbox heard from them (issue 13), found by its author as the platform showed it. */
export interface SubjectMention {
  source: string;
  text: string;
  url: string | null;
  postedAt: string;
  report: string | null;
}

export interface SubjectData {
  reports: SubjectReport[];
  mentions: SubjectMention[];
  follows: SubjectFollow[];
  signIns: { links: number; sessions: number };
}

/** Every report whose contact matches, with that contact, every follow (ended ones too), and sign-in links and sessions. */
export async function findSubjectData(database: Database, subject: Subject): Promise<SubjectData> {
  const reports = await database.rows<SubjectReport>(sql`
    select r.public_id as id, c.code as category, r.state, ${isoTime('r.created_at')} as "createdAt", r.description, r.answers,
      rc.name, rc.email, rc.phone, r.show_name as "showName", ${isoTime('rc.mail_stopped_at')} as "mailStoppedAt",
      coalesce((select json_agg(json_build_object('kind', e.kind, 'at', ${isoTime('e.created_at')}, 'text', e.payload->>'message') order by e.id)
        from report_events e where e.report_id = r.id and e.actor_type = 'resident'), '[]') as "ownWords"
    from report_contacts rc join reports r on r.id = rc.report_id join categories c on c.id = r.category_id
    where ${matches('rc.email', 'rc.phone', subject)}
    order by r.created_at, r.id`);
  const follows =
    subject.kind === 'email'
      ? await database.rows<SubjectFollow>(sql`
          select case when s.report_id is not null then 'report' when s.area_id is not null then 'area' else 'drawn_area' end as kind,
            coalesce(r.public_id, a.code) as target, ${isoTime('s.created_at')} as "createdAt", ${isoTime('s.confirmed_at')} as "confirmedAt",
            ${isoTime('s.unsubscribed_at')} as "endedAt"
          from subscriptions s left join reports r on r.id = s.report_id left join areas a on a.id = s.area_id
          where ${matches('s.email', null, subject)} order by s.created_at`)
      : [];
  const [signIns] =
    subject.kind === 'email'
      ? await database.rows<{ links: number; sessions: number }>(sql`select
          (select count(*)::int from resident_links where email = ${subject.email}) as links,
          (select count(*)::int from resident_sessions where email = ${subject.email}) as sessions`)
      : [{ links: 0, sessions: 0 }];
  const mentions = await database.rows<SubjectMention>(sql`
    select s.name as source, m.text, m.url, ${isoTime('m.posted_at')} as "postedAt", r.public_id as report
    from mentions m join listening_sources s on s.id = m.source_id left join reports r on r.id = m.report_id
    where ${matches('m.author', 'm.author', subject)} order by m.posted_at, m.id`);
  return { reports, mentions, follows, signIns: { links: Number(signIns?.links ?? 0), sessions: Number(signIns?.sessions ?? 0) } };
}

/**
 * Erases the subject's personal data in one transaction: the contact rows of their reports
 * (the reports stay, anonymous), their follows, sign-in links and sessions. Returns counts.
 */
export async function eraseSubjectData(database: Database, subject: Subject): Promise<{ counts: { reports: number; follows: number; sessions: number }; photoKeys: string[] }> {
  return database.db.transaction(async (tx) => {
    const reports = await execRows(tx, sql`delete from report_contacts where ${matches('email', 'phone', subject)} returning report_id`);
    // Their overheard messages go too, with the photos they sent (returned for the caller to
    // delete from storage); a report made from one stays, anonymous, with its own copies.
    const mentions = await execRows<{ photos: MentionPhoto[] | null }>(tx, sql`delete from mentions where ${matches('author', 'author', subject)} returning photos`);
    const photoKeys = mentionPhotoKeys(mentions);
    if (subject.kind === 'phone') return { counts: { reports: reports.length, follows: 0, sessions: 0 }, photoKeys };
    const follows = await execRows(tx, sql`delete from subscriptions where ${matches('email', null, subject)} returning id`);
    await tx.execute(sql`delete from resident_links where email = ${subject.email}`);
    const sessions = await execRows(tx, sql`delete from resident_sessions where email = ${subject.email} returning id_hash`);
    return { counts: { reports: reports.length, follows: follows.length, sessions: sessions.length }, photoKeys };
  });
}
