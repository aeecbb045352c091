import { sql, type SQL } from 'drizzle-orm';
import { CLOSED_STATES, type BBox, type ListeningLanguage, type MentionSourceKind, type MentionState, type PlaceGuess } from '@groundswell/core';
import type { Database, Executor } from './connect.ts';
import { execRows } from './connect.ts';
import { mentionPhotoKeys, pgIntArray, type MentionPhoto } from './listening.ts';
import { bboxIntersects, isoTime, stateIn, tsParam } from './sql-kit.ts';

/** Mentions the listening pipeline stored, and what officers did with them (issue 13). */

export interface NewMention {
  sourceId: number;
  externalId: string;
  url: string | null;
  author: string | null;
  authorHash: string | null;
  text: string;
  language: ListeningLanguage | null;
  postedAt: Date;
  receivedAt: Date;
  addressedToCouncil: boolean;
  replyRef: Record<string, string>;
  placeGuesses: PlaceGuess[];
  point: { lon: number; lat: number } | null;
  confidence: number | null;
  matchedRuleIds: number[];
  suggestedCategoryId: number | null;
  foldedIntoId: number | null;
  photos: MentionPhoto[];
}

export async function mentionKnown(database: Database, sourceId: number, externalId: string): Promise<boolean> {
  const rows = await database.rows(sql`select 1 from mentions where source_id = ${sourceId} and external_id = ${externalId}`);
  return rows.length > 0;
}

/** The platform said the original is gone: our copy goes too (a report made from it stays). */
export async function forgetMention(database: Database, sourceId: number, externalId: string): Promise<number> {
  return database.db.transaction(async (tx) => {
    const gone = await execRows<{ id: number }>(tx, sql`delete from mentions where source_id = ${sourceId} and external_id = ${externalId} returning id`);
    if (gone.length) await execRows(tx, sql`update mentions set folded_into_id = null where folded_into_id = ${Number(gone[0]!.id)} returning id`);
    return gone.length;
  });
}

/**
 * The earlier mention this one repeats: the same link (a cross-post), or a near-identical text
 * (trigram similarity) since `since`. `%` (pg_trgm's looser default threshold) lets the GIN index
 * find the candidates; the similarity then decides.
 */
export async function findFoldTarget(database: Database, m: { text: string; url: string | null; since: Date; similarity: number }): Promise<number | null> {
  const [row] = await database.rows<{ id: number }>(sql`
    select id from mentions
    where folded_into_id is null and received_at >= ${tsParam(m.since)}
      and (${m.url !== null ? sql`url = ${m.url} or ` : sql``} (text % ${m.text} and similarity(text, ${m.text}) >= ${m.similarity}))
    order by received_at, id limit 1`);
  return row ? Number(row.id) : null;
}

/** Stores a mention once per source and external id; null when it was already there. */
export async function insertMention(database: Database, m: NewMention): Promise<number | null> {
  const geom = m.point ? sql`ST_SetSRID(ST_MakePoint(${m.point.lon}, ${m.point.lat}), 4326)` : sql`null`;
  const [row] = await database.rows<{ id: number }>(sql`
    insert into mentions (source_id, external_id, url, author, author_hash, text, language, posted_at, received_at, addressed_to_council,
      reply_ref, place_guesses, geom, confidence, matched_rule_ids, suggested_category_id, folded_into_id, photos)
    values (${m.sourceId}, ${m.externalId}, ${m.url}, ${m.author}, ${m.authorHash}, ${m.text}, ${m.language}, ${tsParam(m.postedAt)}, ${tsParam(m.receivedAt)},
      ${m.addressedToCouncil}, ${JSON.stringify(m.replyRef)}::jsonb, ${JSON.stringify(m.placeGuesses)}::jsonb, ${geom}, ${m.confidence},
      ${sql.raw(pgIntArray(m.matchedRuleIds))}, ${m.suggestedCategoryId}, ${m.foldedIntoId}, ${JSON.stringify(m.photos)}::jsonb)
    on conflict (source_id, external_id) do nothing returning id`);
  return row ? Number(row.id) : null;
}

export interface MentionView {
  id: number;
  source: { id: number; kind: MentionSourceKind; name: string };
  url: string | null;
  author: string | null;
  text: string;
  language: ListeningLanguage | null;
  postedAt: string;
  receivedAt: string;
  addressedToCouncil: boolean;
  state: MentionState;
  placeGuesses: PlaceGuess[];
  location: { lon: number; lat: number } | null;
  confidence: number | null;
  matchedRuleIds: number[];
  suggestedCategory: string | null;
  report: string | null;
  dismissedReason: string | null;
  foldedIntoId: number | null;
  foldedCount: number;
  photoCount: number;
  firstReplyAt: string | null;
  lastReplyAt: string | null;
  /** The report changed state after the last reply: offer a follow-up in the same channel. */
  followUpDue: boolean;
}

const VIEW = sql`m.id, s.id as "sourceId", s.kind as "sourceKind", s.name as "sourceName", m.url, m.author, m.text, m.language,
  ${isoTime('m.posted_at')} as "postedAt", ${isoTime('m.received_at')} as "receivedAt", m.addressed_to_council as "addressedToCouncil",
  m.state, m.place_guesses as "placeGuesses", ST_X(m.geom) as lon, ST_Y(m.geom) as lat, m.confidence, m.matched_rule_ids as "matchedRuleIds",
  c.code as "suggestedCategory", r.public_id as report, m.dismissed_reason as "dismissedReason", m.folded_into_id as "foldedIntoId",
  (select count(*) from mentions f where f.folded_into_id = m.id) as "foldedCount", jsonb_array_length(m.photos) as "photoCount",
  ${isoTime('m.first_reply_at')} as "firstReplyAt", ${isoTime('m.last_reply_at')} as "lastReplyAt",
  (m.last_reply_at is not null and exists(select 1 from report_events e where e.report_id = m.report_id and e.kind = 'state_changed' and e.created_at > m.last_reply_at)) as "followUpDue"`;
const FROM = sql`from mentions m join listening_sources s on s.id = m.source_id left join categories c on c.id = m.suggested_category_id left join reports r on r.id = m.report_id`;

type ViewRow = Omit<MentionView, 'source' | 'location'> & { sourceId: number; sourceKind: MentionSourceKind; sourceName: string; lon: number | null; lat: number | null };
const view = (r: ViewRow): MentionView => {
  const { sourceId, sourceKind, sourceName, lon, lat, ...rest } = r;
  return {
    ...rest,
    id: Number(r.id),
    source: { id: Number(sourceId), kind: sourceKind, name: sourceName },
    location: lon === null || lat === null ? null : { lon: Number(lon), lat: Number(lat) },
    confidence: r.confidence === null ? null : Number(r.confidence),
    matchedRuleIds: (r.matchedRuleIds ?? []).map(Number),
    foldedIntoId: r.foldedIntoId === null ? null : Number(r.foldedIntoId),
    foldedCount: Number(r.foldedCount),
    photoCount: Number(r.photoCount),
  };
};

export interface MentionFilters {
  source?: number | undefined;
  rule?: number | undefined;
  area?: number | undefined;
  state?: MentionState | undefined;
  bbox?: BBox | undefined;
  limit: number;
  offset: number;
}

/** The inbox, newest first; folded repeats are counted on the mention they repeat, not listed. */
export async function listMentions(database: Database, f: MentionFilters): Promise<{ mentions: MentionView[]; total: number }> {
  const where: SQL[] = [sql`m.folded_into_id is null`];
  if (f.source !== undefined) where.push(sql`m.source_id = ${f.source}`);
  if (f.rule !== undefined) where.push(sql`${f.rule} = any(m.matched_rule_ids)`);
  if (f.area !== undefined) where.push(sql`exists(select 1 from areas a where a.id = ${f.area} and ST_Intersects(a.geom, m.geom))`);
  if (f.state) where.push(sql`m.state = ${f.state}`);
  if (f.bbox) where.push(bboxIntersects(sql`m.geom`, f.bbox));
  const cond = sql.join(where, sql` and `);
  const rows = await database.rows<ViewRow>(sql`select ${VIEW} ${FROM} where ${cond} order by m.received_at desc, m.id desc limit ${f.limit} offset ${f.offset}`);
  const [count] = await database.rows<{ n: number }>(sql`select count(*) as n from mentions m where ${cond}`);
  return { mentions: rows.map(view), total: Number(count!.n) };
}

export async function findMention(database: Executor | Database, id: number): Promise<MentionView | undefined> {
  const exec = 'db' in database ? database.db : database;
  const [row] = await execRows<ViewRow>(exec, sql`select ${VIEW} ${FROM} where m.id = ${id}`);
  return row && view(row);
}

/** What a reply and a report need that the inbox does not show. */
export async function mentionInternals(
  database: Database,
  id: number,
): Promise<{ sourceId: number; replyRef: Record<string, string> | null; photos: MentionPhoto[]; reportId: number | null; reportTeamId: number | null } | undefined> {
  const [row] = await database.rows<{
    sourceId: number;
    replyRef: Record<string, string> | null;
    photos: MentionPhoto[] | null;
    reportId: number | null;
    reportTeamId: number | null;
  }>(sql`select m.source_id as "sourceId", m.reply_ref as "replyRef", m.photos, m.report_id as "reportId", r.team_id as "reportTeamId"
    from mentions m left join reports r on r.id = m.report_id where m.id = ${id}`);
  return (
    row && {
      ...row,
      photos: row.photos ?? [],
      sourceId: Number(row.sourceId),
      reportId: row.reportId === null ? null : Number(row.reportId),
      reportTeamId: row.reportTeamId === null ? null : Number(row.reportTeamId),
    }
  );
}

/** Other mentions within `metres` and `days` of this one: offered together, as one problem. */
export async function mentionsNear(database: Database, id: number, metres: number, days: number): Promise<MentionView[]> {
  const rows = await database.rows<ViewRow>(sql`select ${VIEW} ${FROM}, mentions me
    where me.id = ${id} and m.id <> me.id and m.geom is not null and me.geom is not null
      and ST_DWithin(m.geom::geography, me.geom::geography, ${metres})
      and abs(extract(epoch from (m.posted_at - me.posted_at))) <= ${days * 86400}
    order by m.received_at desc limit 20`);
  return rows.map(view);
}

export interface NearbyReport {
  id: string;
  category: string;
  state: string;
  description: string;
  createdAt: string;
  distanceMetres: number;
}

/** Open reports within `metres`, of the category when one is given: where the mention may belong. */
export async function openReportsNear(database: Database, at: { lon: number; lat: number }, categoryId: number | null, metres: number, openStates: readonly string[]): Promise<NearbyReport[]> {
  const p = sql`ST_SetSRID(ST_MakePoint(${at.lon}, ${at.lat}), 4326)`;
  const rows = await database.rows<NearbyReport>(sql`select r.public_id as id, c.code as category, r.state, r.description, ${isoTime('r.created_at')} as "createdAt",
      ST_Distance(r.geom::geography, ${p}::geography) as "distanceMetres"
    from reports r join categories c on c.id = r.category_id
    where ${stateIn(sql`r.state`, openStates)} and r.merged_into_id is null ${categoryId !== null ? sql`and r.category_id = ${categoryId}` : sql``}
      and ST_DWithin(r.geom::geography, ${p}::geography, ${metres})
    order by "distanceMetres" limit 20`);
  return rows.map((r) => ({ ...r, distanceMetres: Math.round(Number(r.distanceMetres)) }));
}

/**
 * Claims a mention for a new report, so two officers converting it at once make one report:
 * the first moves it to 'converted' (returning the state it had), the second gets null.
 */
export async function claimMentionForReport(database: Database, id: number): Promise<MentionState | null> {
  const [row] = await database.rows<{ previous: MentionState }>(sql`
    update mentions m set state = 'converted' from (select id, state as previous from mentions where id = ${id} for update) old
    where m.id = old.id and m.report_id is null and m.state <> 'converted' returning old.previous`);
  return row?.previous ?? null;
}

/** Gives a claimed mention back when its report could not be made. */
export async function releaseMention(database: Database, id: number, state: MentionState): Promise<void> {
  await database.rows(sql`update mentions set state = ${state} where id = ${id} and report_id is null returning id`);
}

/** An officer's decision about a mention and its repeats, in the caller's transaction. */
export async function setMentionOutcome(tx: Executor, id: number, o: { state: MentionState; reportId?: number | null; dismissedReason?: string | null }): Promise<void> {
  const report = o.reportId !== undefined ? sql`, report_id = ${o.reportId}` : sql``;
  const reason = o.dismissedReason !== undefined ? sql`, dismissed_reason = ${o.dismissedReason}` : sql``;
  await execRows(tx, sql`update mentions set state = ${o.state} ${report} ${reason} where id = ${id} or folded_into_id = ${id} returning id`);
}

/** A reply as it was sent (or failed); a sent one moves the mention's reply times. */
export async function recordMentionReply(
  tx: Executor,
  r: { mentionId: number; staffId: string; text: string; at: Date; externalId: string | null; url: string | null; error: string | null; answered: boolean },
): Promise<number> {
  const [row] = await execRows<{ id: number }>(
    tx,
    sql`insert into mention_replies (mention_id, staff_id, text, sent_at, external_id, url, error, created_at)
      values (${r.mentionId}, ${r.staffId}, ${r.text}, ${r.error ? null : tsParam(r.at)}, ${r.externalId}, ${r.url}, ${r.error}, ${tsParam(r.at)}) returning id`,
  );
  if (!r.error) {
    await execRows(
      tx,
      sql`update mentions set first_reply_at = coalesce(first_reply_at, ${tsParam(r.at)}), last_reply_at = ${tsParam(r.at)}
        ${r.answered ? sql`, state = case when state in ('new', 'dismissed') then 'answered' else state end` : sql``} where id = ${r.mentionId} returning id`,
    );
  }
  return Number(row!.id);
}

/**
 * The replies waiting for a source's SMSSync phone ("smssync-queued:<uuid>" external ids), marked
 * handed over ("smssync-sent:<uuid>") by the same statement, so two polls at once never both get
 * one. A reply whose number retention removed is handed over with none and not sent.
 */
export async function takeQueuedSmsSyncReplies(database: Database, sourceId: number): Promise<Array<{ uuid: string; to: string | null; text: string }>> {
  const rows = await database.rows<{ uuid: string; to: string | null; text: string; id: number }>(sql`
    update mention_replies mr set external_id = 'smssync-sent:' || substr(mr.external_id, 16)
    from mentions m
    where m.id = mr.mention_id and m.source_id = ${sourceId} and mr.external_id like 'smssync-queued:%'
    returning mr.id, substr(mr.external_id, 14) as uuid, m.reply_ref->>'to' as "to", mr.text`);
  return rows.sort((a, b) => Number(a.id) - Number(b.id)).map(({ uuid, to, text }) => ({ uuid, to, text }));
}

export async function listMentionReplies(database: Database, mentionId: number) {
  const rows = await database.rows<{ id: number; text: string; sentAt: string | null; url: string | null; error: string | null; staffName: string | null }>(sql`
    select mr.id, mr.text, ${isoTime('mr.sent_at')} as "sentAt", mr.url, mr.error, su.name as "staffName"
    from mention_replies mr left join staff_users su on su.id = mr.staff_id where mr.mention_id = ${mentionId} order by mr.created_at, mr.id`);
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

/**
 * Retention: a mention that became no report goes after `before`; one that did keeps only
 * its text, link and time once its report is closed (who said it, how to answer them and
 * the hash go). Photos still waiting in storage are returned for the caller to delete.
 */
export async function pruneMentions(database: Database, before: Date): Promise<{ deleted: number; scrubbed: number; photoKeys: string[] }> {
  return database.db.transaction(async (tx) => {
    const gone = await execRows<{ photos: MentionPhoto[] | null }>(tx, sql`delete from mentions where report_id is null and received_at < ${tsParam(before)} returning photos`);
    // A report made from a mention has its own copies of the photos, so the mention's go too;
    // `o` is the row before the update, to hand back the keys of the photos it held.
    const scrubbed = await execRows<{ photos: MentionPhoto[] | null }>(
      tx,
      sql`update mentions m set author = null, author_hash = null, reply_ref = null, place_guesses = '[]'::jsonb, photos = '[]'::jsonb
        from reports r, mentions o
        where r.id = m.report_id and o.id = m.id and ${stateIn(sql`r.state`, CLOSED_STATES)}
          and (m.author is not null or m.reply_ref is not null or m.author_hash is not null or jsonb_array_length(m.photos) > 0)
        returning o.photos`,
    );
    return { deleted: gone.length, scrubbed: scrubbed.length, photoKeys: mentionPhotoKeys([...gone, ...scrubbed]) };
  });
}
