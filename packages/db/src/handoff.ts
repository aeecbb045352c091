/**
 * Handing reports to the council's other systems (issue 14): targets, rules, one send row per
 * report and target, and the updates already taken back. The timeline is the outbox: new and
 * recategorised reports are found past a cursor in `settings`, as follower notifications are.
 */
import { sql } from 'drizzle-orm';
import type { HandoffMethod, HandoffReportFacts, HandoffRule, HandoffSendState, LocalizedText, ReportState } from '@groundswell/core';
import { execRows, type Database } from './connect.ts';
import { isoTime, tsParam } from './sql-kit.ts';
import { addEvent, type EventActor } from './timeline.ts';

const CURSOR = 'handoff_cursor';

export interface HandoffTargetRow {
  id: number;
  name: string;
  method: HandoffMethod;
  config: Record<string, unknown>;
  /** Encrypted; only the API's secret box reads it. */
  secret: string | null;
  statusMap: Record<string, ReportState>;
  active: boolean;
  lastPolledAt: string | null;
  updatesSince: string | null;
  createdAt: string;
}

const TARGET_COLUMNS = sql`id, name, method, config, secret, status_map as "statusMap", active,
  ${isoTime('last_polled_at', 'ms')} as "lastPolledAt", ${isoTime('updates_since', 'ms')} as "updatesSince", ${isoTime('created_at')} as "createdAt"`;

export async function listHandoffTargets(database: Database): Promise<HandoffTargetRow[]> {
  return database.rows<HandoffTargetRow>(sql`select ${TARGET_COLUMNS} from handoff_targets order by id`);
}

export async function findHandoffTarget(database: Database, id: number): Promise<HandoffTargetRow | undefined> {
  const [row] = await database.rows<HandoffTargetRow>(sql`select ${TARGET_COLUMNS} from handoff_targets where id = ${id}`);
  return row;
}

export interface HandoffTargetInput {
  name: string;
  method: HandoffMethod;
  config: Record<string, unknown>;
  statusMap: Record<string, ReportState>;
  active: boolean;
}

/**
 * A new target. The first one also starts the cursor at the newest event, so reports made
 * before any hand-off was set up are not sent all at once.
 */
export async function insertHandoffTarget(database: Database, t: HandoffTargetInput & { secret: string | null }): Promise<{ id: number } | null> {
  return database.db.transaction(async (tx) => {
    await tx.execute(sql`insert into settings (key, value) select ${CURSOR}, to_jsonb(coalesce(max(id), 0)) from report_events on conflict do nothing`);
    const [row] = await execRows<{ id: number }>(
      tx,
      sql`insert into handoff_targets (name, method, config, secret, status_map, active)
        values (${t.name}, ${t.method}, ${JSON.stringify(t.config)}::jsonb, ${t.secret}, ${JSON.stringify(t.statusMap)}::jsonb, ${t.active})
        on conflict (name) do nothing returning id`,
    );
    return row ?? null;
  });
}

/** Changes a target; a secret left undefined keeps the stored one. Returns false when there is none, null when the name is taken. */
export async function updateHandoffTarget(database: Database, id: number, t: HandoffTargetInput & { secret?: string | null | undefined }): Promise<boolean | null> {
  const [clash] = await database.rows(sql`select 1 from handoff_targets where name = ${t.name} and id <> ${id}`);
  if (clash) return null;
  const rows = await database.rows(sql`update handoff_targets set name = ${t.name}, method = ${t.method}, config = ${JSON.stringify(t.config)}::jsonb,
      status_map = ${JSON.stringify(t.statusMap)}::jsonb, active = ${t.active}
      ${t.secret === undefined ? sql`` : sql`, secret = ${t.secret}`}
    where id = ${id} returning id`);
  return rows.length > 0;
}

export async function listHandoffRules(database: Database): Promise<HandoffRule[]> {
  return database.rows<HandoffRule>(sql`select id, category_id as "categoryId", area_id as "areaId", team_id as "teamId", target_id as "targetId" from handoff_rules order by id`);
}

export interface HandoffRuleView extends HandoffRule {
  category: string;
  area: string | null;
  team: string | null;
  target: string;
}

export async function listHandoffRuleViews(database: Database): Promise<HandoffRuleView[]> {
  return database.rows<HandoffRuleView>(sql`
    select h.id, h.category_id as "categoryId", h.area_id as "areaId", h.team_id as "teamId", h.target_id as "targetId",
           c.code as category, a.code as area, tm.code as team, t.name as target
    from handoff_rules h join categories c on c.id = h.category_id join handoff_targets t on t.id = h.target_id
    left join areas a on a.id = h.area_id left join teams tm on tm.id = h.team_id
    order by h.id`);
}

/** Ids for a rule's codes; a code that names nothing comes back null (and is refused by the caller). */
export async function resolveRuleCodes(database: Database, codes: { category: string; area?: string | undefined; team?: string | undefined }) {
  const [row] = await database.rows<{ categoryId: number | null; areaId: number | null; teamId: number | null }>(sql`
    select (select id from categories where code = ${codes.category}) as "categoryId",
           (select id from areas where code = ${codes.area ?? null}) as "areaId",
           (select id from teams where code = ${codes.team ?? null}) as "teamId"`);
  return row!;
}

export async function insertHandoffRule(database: Database, r: Omit<HandoffRule, 'id'>): Promise<{ id: number }> {
  const [row] = await database.rows<{ id: number }>(
    sql`insert into handoff_rules (category_id, area_id, team_id, target_id) values (${r.categoryId}, ${r.areaId}, ${r.teamId}, ${r.targetId}) returning id`,
  );
  return row!;
}

export async function deleteHandoffRule(database: Database, id: number): Promise<boolean> {
  return (await database.rows(sql`delete from handoff_rules where id = ${id} returning id`)).length > 0;
}

/**
 * Reports created or recategorised since the cursor, each given a send row for the target the
 * rules choose (`choose` is core's rule); an existing row for that report and target is left
 * as it is, so a report is never sent twice to one target. Returns the new sends' ids.
 */
export async function takeHandoffCandidates(database: Database, choose: (facts: HandoffReportFacts) => number | null, batch = 200): Promise<number[]> {
  return database.db.transaction(async (tx) => {
    const [cursor] = await execRows<{ value: number }>(tx, sql`select value from settings where key = ${CURSOR} for update`);
    if (!cursor) return [];
    const from = Number(cursor.value);
    const events = await execRows<{
      id: number | string;
      report_id: number | string;
      category_id: number;
      team_id: number | null;
      area_ids: number[] | null;
      channel: string;
      channel_source: string | null;
    }>(
      tx,
      sql`select e.id, e.report_id, r.category_id, r.team_id, r.channel, r.channel_source,
            (select array_agg(a.id order by a.id) from areas a where ST_Intersects(a.geom, r.point)) as area_ids
          from report_events e join reports r on r.id = e.report_id
          where e.id > ${from} and e.kind in ('created', 'recategorised') order by e.id limit ${batch}`,
    );
    const ids: number[] = [];
    for (const e of events) {
      const target = choose({
        categoryId: Number(e.category_id),
        teamId: e.team_id === null ? null : Number(e.team_id),
        areaIds: (e.area_ids ?? []).map(Number),
        channel: e.channel,
        channelSource: e.channel_source,
      });
      if (target === null) continue;
      const [row] = await execRows<{ id: number | string }>(
        tx,
        sql`insert into handoff_sends (report_id, target_id) select ${Number(e.report_id)}, id from handoff_targets where id = ${target} and active
          on conflict (report_id, target_id) do nothing returning id`,
      );
      if (row) ids.push(Number(row.id));
    }
    // Past the newest event of any kind, so a quiet cursor does not re-read the same events.
    const [last] = await execRows<{ max: number | string | null }>(tx, sql`select max(id) as max from report_events where id > ${from}`);
    const to = events.length === batch ? Number(events.at(-1)!.id) : Number(last?.max ?? from);
    if (to > from) await tx.execute(sql`update settings set value = to_jsonb(${to}::bigint) where key = ${CURSOR}`);
    return ids;
  });
}

/** A send for a report and target, made pending again (an admin's resend); its reference and state are reset, its tries start over. */
export async function resetHandoffSend(database: Database, publicId: string, targetId: number, at: Date): Promise<number | null> {
  const [row] = await database.rows<{ id: number | string }>(sql`
    insert into handoff_sends (report_id, target_id)
    select r.id, ${targetId} from reports r where r.public_id = ${publicId} and exists (select 1 from handoff_targets where id = ${targetId})
    on conflict (report_id, target_id) do update set state = 'pending', attempts = 0, last_error = null, updated_at = ${tsParam(at)}
    returning id`);
  return row ? Number(row.id) : null;
}

export interface HandoffSendJob {
  id: number;
  state: HandoffSendState;
  attempts: number;
  externalRef: string | null;
  maybeSentAt: string | null;
  createdAt: string;
  reportId: number;
  target: HandoffTargetRow;
  report: {
    publicId: string;
    categoryCode: string;
    categoryName: LocalizedText;
    description: string;
    answers: Record<string, unknown>;
    state: ReportState;
    lat: number;
    long: number;
    geometry: unknown;
    createdAt: string;
    area: string | null;
    /** The nearest street within 50 m, when a street register is loaded. */
    streetName: string | null;
    streetUsrn: string | null;
    /** The council asset the resident picked from an asset layer; `verified` false when its server could not be asked. */
    externalAsset?: { layer: string; id: string; name: string | null; verified: boolean } | null;
    team: { name: string; email: string | null } | null;
    photos: Array<{ id: string; storageKey: string; contentType: string }>;
  };
}

/** Everything one try needs: the send, its target and the report as the other end will see it. */
export async function loadHandoffSend(database: Database, id: number): Promise<HandoffSendJob | undefined> {
  const [s] = await database.rows<{
    id: number | string;
    state: HandoffSendState;
    attempts: number;
    externalRef: string | null;
    maybeSentAt: string | null;
    createdAt: string;
    reportId: number | string;
    targetId: number;
  }>(sql`
    select id, state, attempts, external_ref as "externalRef", ${isoTime('maybe_sent_at', 'ms')} as "maybeSentAt", ${isoTime('created_at', 'ms')} as "createdAt",
           report_id as "reportId", target_id as "targetId"
    from handoff_sends where id = ${id}`);
  if (!s) return undefined;
  const target = await findHandoffTarget(database, s.targetId);
  const [r] = await database.rows<HandoffSendJob['report'] & { teamName: string | null; teamEmail: string | null }>(sql`
    select r.public_id as "publicId", c.code as "categoryCode", c.name as "categoryName", r.description, r.answers, r.state,
           ST_Y(r.point) as lat, ST_X(r.point) as long, ST_AsGeoJSON(r.geom)::json as geometry, ${isoTime('r.created_at')} as "createdAt",
           a.name as area, r.street_name as "streetName", r.street_usrn as "streetUsrn", r.external_asset as "externalAsset", t.name as "teamName", t.email as "teamEmail",
           coalesce((select json_agg(json_build_object('id', p.id, 'storageKey', p.storage_key, 'contentType', p.content_type) order by p.position, p.created_at)
                     from photos p where p.report_id = r.id and not p.hidden), '[]'::json) as photos
    from reports r join categories c on c.id = r.category_id left join areas a on a.id = r.area_id left join teams t on t.id = r.team_id
    where r.id = ${s.reportId}`);
  if (!target || !r) return undefined;
  const { teamName, teamEmail, ...report } = r;
  return {
    id: Number(s.id),
    state: s.state,
    attempts: Number(s.attempts),
    externalRef: s.externalRef,
    maybeSentAt: s.maybeSentAt,
    createdAt: s.createdAt,
    reportId: Number(s.reportId),
    target,
    report: { ...report, lat: Number(report.lat), long: Number(report.long), team: teamName ? { name: teamName, email: teamEmail } : null },
  };
}

/** A try begins: counted before anything is sent, so a crash mid-try still counts. */
export async function beginHandoffTry(database: Database, id: number, at: Date): Promise<number> {
  const [row] = await database.rows<{ attempts: number }>(sql`update handoff_sends set attempts = attempts + 1, updated_at = ${tsParam(at)} where id = ${id} returning attempts`);
  return Number(row?.attempts ?? 0);
}

/** The request may have reached the other end; the next try must look before sending again. */
export async function markHandoffMaybeSent(database: Database, id: number, at: Date): Promise<void> {
  await database.db.execute(sql`update handoff_sends set maybe_sent_at = coalesce(maybe_sent_at, ${tsParam(at)}) where id = ${id}`);
}

/** Sent: the reference is kept and an internal timeline event says where it went. */
export async function markHandoffSent(database: Database, id: number, s: { reportId: number; externalRef: string | null; note: string; actor: EventActor; at: Date }): Promise<void> {
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`update handoff_sends set state = 'sent', external_ref = ${s.externalRef}, last_error = null, sent_at = ${tsParam(s.at)}, updated_at = ${tsParam(s.at)} where id = ${id}`);
    await addEvent(tx, { reportId: s.reportId, kind: 'internal_note', public: false, actor: s.actor, payload: { note: s.note, handoff: { sendId: id, externalRef: s.externalRef } }, at: s.at });
  });
}

/** A failed try; with `dead` the send is dead-lettered (state failed) for an admin to see and resend. */
export async function markHandoffFailure(database: Database, id: number, f: { error: string; dead: boolean; at: Date }): Promise<void> {
  await database.db.execute(sql`update handoff_sends set last_error = ${f.error.slice(0, 2000)}, state = ${f.dead ? 'failed' : 'pending'}, updated_at = ${tsParam(f.at)} where id = ${id}`);
}

export interface HandoffSendView {
  id: number;
  report: string;
  target: string;
  targetId: number;
  method: HandoffMethod;
  state: HandoffSendState;
  attempts: number;
  lastError: string | null;
  externalRef: string | null;
  sentAt: string | null;
  updatedAt: string;
}

const SEND_VIEW = sql`select s.id, r.public_id as report, t.name as target, t.id as "targetId", t.method, s.state, s.attempts, s.last_error as "lastError",
    s.external_ref as "externalRef", ${isoTime('s.sent_at')} as "sentAt", ${isoTime('s.updated_at')} as "updatedAt"
  from handoff_sends s join reports r on r.id = s.report_id join handoff_targets t on t.id = s.target_id`;

const asSendView = (r: HandoffSendView): HandoffSendView => ({ ...r, id: Number(r.id), attempts: Number(r.attempts) });

export async function listHandoffSends(
  database: Database,
  f: { state?: HandoffSendState | undefined; targetId?: number | undefined; report?: string | undefined; limit: number },
): Promise<HandoffSendView[]> {
  const where = [sql`true`];
  if (f.state) where.push(sql`s.state = ${f.state}`);
  if (f.targetId !== undefined) where.push(sql`s.target_id = ${f.targetId}`);
  if (f.report) where.push(sql`r.public_id = ${f.report}`);
  const rows = await database.rows<HandoffSendView>(sql`${SEND_VIEW} where ${sql.join(where, sql` and `)} order by s.updated_at desc, s.id desc limit ${f.limit}`);
  return rows.map(asSendView);
}

export async function handoffSendsOfReport(database: Database, publicId: string): Promise<HandoffSendView[]> {
  return (await database.rows<HandoffSendView>(sql`${SEND_VIEW} where r.public_id = ${publicId} order by s.id`)).map(asSendView);
}

/** Our report for a reference: their service_request_id, or our own public id. */
export async function findHandoffReport(database: Database, targetId: number, reference: string): Promise<string | undefined> {
  const [row] = await database.rows<{ publicId: string }>(sql`
    select r.public_id as "publicId" from handoff_sends s join reports r on r.id = s.report_id
    where s.target_id = ${targetId} and (s.external_ref = ${reference} or r.public_id = ${reference}) limit 1`);
  return row?.publicId;
}

/** A sent request's report (`r`) whose state the target is still asked for: the reporter may yet hear of it. */
export const STILL_ASKED = sql`r.state not in ('closed', 'duplicate', 'hidden')`;

/** Our sent requests at an Open311 target, by their reference, for a `GET requests` by id. */
export async function sentHandoffRefs(database: Database, targetId: number, limit = 200): Promise<string[]> {
  const rows = await database.rows<{ ref: string }>(sql`
    select s.external_ref as ref from handoff_sends s join reports r on r.id = s.report_id
    where s.target_id = ${targetId} and s.state = 'sent' and s.external_ref is not null and ${STILL_ASKED}
    order by s.sent_at desc limit ${limit}`);
  return rows.map((r) => r.ref);
}

/** Remembers an update taken from a target; false when it was taken before (a replay, or a repeat in an overlapping poll). */
export async function claimHandoffUpdate(database: Database, targetId: number, key: string, at: Date): Promise<boolean> {
  const rows = await database.rows(sql`insert into handoff_updates (target_id, key, created_at) values (${targetId}, ${key}, ${tsParam(at)}) on conflict do nothing returning key`);
  return rows.length > 0;
}

/** Forgets a claimed update whose use failed, so the next poll tries it again. */
export async function releaseHandoffUpdate(database: Database, targetId: number, key: string): Promise<void> {
  await database.db.execute(sql`delete from handoff_updates where target_id = ${targetId} and key = ${key}`);
}

export async function setHandoffPolled(database: Database, targetId: number, at: Date, updatesSince: string | null): Promise<void> {
  await database.db.execute(sql`update handoff_targets set last_polled_at = ${tsParam(at)}${updatesSince ? sql`, updates_since = ${tsParam(updatesSince)}` : sql``} where id = ${targetId}`);
}

/** An admin's resend of one send: pending again with its tries starting over; false when there is none. */
export async function resetHandoffSendById(database: Database, id: number, at: Date): Promise<boolean> {
  const rows = await database.rows(sql`update handoff_sends set state = 'pending', attempts = 0, last_error = null, updated_at = ${tsParam(at)} where id = ${id} returning id`);
  return rows.length > 0;
}

/** Pending sends no try has touched for a while (a job lost between commit and enqueue, or a crash): queued again. */
export async function stalledHandoffSends(database: Database, before: Date, limit = 100): Promise<number[]> {
  const rows = await database.rows<{ id: number | string }>(sql`select id from handoff_sends where state = 'pending' and updated_at < ${tsParam(before)} order by id limit ${limit}`);
  return rows.map((r) => Number(r.id));
}
