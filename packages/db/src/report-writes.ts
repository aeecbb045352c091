import { sql, type SQL } from 'drizzle-orm';
import type { Answers, Channel, GeometryInput, GeometryKind, LocalizedText, Question, ShapeFacts } from '@groundswell/core';
import { polygonsCounterClockwise } from './geometry-column.ts';
import { execRows, type Database, type Executor } from './connect.ts';
import { attachReportToAsset } from './assets.ts';
import { firstEventsOf } from './timeline.ts';
import { rateLimitHit } from './rate-limits.ts';
import type { ReportAssetValues } from './asset-layers.ts';
import { tsParam } from './sql-kit.ts';
import { routedTeam } from './routing.ts';
import { nearestStreet } from './streets.ts';
import { insertJob, type QueuedJob } from './job-queue.ts';

const geom = (g: GeometryInput) => sql`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(g)}), 4326)`;

/** The area a report lies in: the smallest one holding its representative point. */
const areaHolding = (shape: SQL) => sql`(select a.id from areas a where ST_Intersects(a.geom, ST_PointOnSurface(${shape})) order by ST_Area(a.geom) limit 1)`;

/** PostGIS's verdict on a submitted shape, and its true size on the ground. */
export async function measureShape(database: Database, g: GeometryInput): Promise<ShapeFacts> {
  const [row] = await database.rows<{ reason: string; len: number; area: number }>(sql`
    select ST_IsValidReason(g) as reason,
           case when ST_IsValid(g) then ST_Length(g::geography) else 0 end as len,
           case when ST_IsValid(g) then ST_Area(g::geography) else 0 end as area
    from (select ${geom(g)} as g) t`);
  return { validReason: row!.reason, lengthMeters: Number(row!.len), areaSquareMeters: Number(row!.area) };
}

/** Whether the shape touches the council's areas; `null` when no areas are loaded yet. */
export async function inServiceArea(database: Database, g: GeometryInput): Promise<boolean | null> {
  const [row] = await database.rows<{ any_area: boolean; inside: boolean }>(sql`
    select exists(select 1 from areas) as any_area,
           exists(select 1 from areas a where ST_Intersects(a.geom, ${geom(g)})) as inside`);
  return row!.any_area ? row!.inside : null;
}

export { routedTeam };

export interface NewReport {
  publicId: string;
  categoryId: number;
  teamId: number | null;
  geometry: GeometryInput;
  description: string;
  answers: Answers;
  contact: { name?: string | undefined; email?: string | undefined; phone?: string | undefined };
  showName: boolean;
  locale: string;
  channel: Channel;
  channelSource?: string | undefined;
  createdAt: Date;
  uploadTokenHash?: string | undefined;
  /** When given, and an email is, the reporter is subscribed to their report's news. */
  reporterUnsubscribeToken?: string | undefined;
  actor: { type: 'resident' | 'staff' | 'api'; id?: string | undefined; label?: string | undefined };
}

/** What a new report's own checks need to know, in one statement (see `checkNewReport`). */
export interface NewReportChecks {
  /** The hit just counted against the rate limit, when one was asked for. */
  rateLimitCount: number | null;
  category: {
    id: number;
    code: string;
    name: LocalizedText;
    active: boolean;
    geometryTypes: GeometryKind[];
    questions: Question[];
    responseDays: number;
    contactRequired: { name: boolean; email: boolean; phone: boolean };
    defaultTeamId: number | null;
  } | null;
  shape: ShapeFacts;
  /** Whether a valid shape touches the council's areas; `null` when no areas are loaded (or the shape is not valid). */
  inServiceArea: boolean | null;
  /** The response already stored under the Idempotency-Key, if the key was used before. */
  idempotent: { fingerprint: string; response: StoredResponse | null } | null;
}

/**
 * Every database fact a new report is checked against, in one round trip: the rate-limit
 * hit (counted here, as the middleware would), the category with its questions, PostGIS's
 * verdict on the shape and its size, whether it lies in the service area, and any earlier
 * use of the Idempotency-Key.
 */
export async function checkNewReport(
  database: Database,
  q: { category: string; geometry: GeometryInput; idempotency?: { scope: string; key: string } | undefined; rateLimit?: { bucket: string; windowStart: Date } | undefined },
): Promise<NewReportChecks> {
  const hit = q.rateLimit ? sql`hit as (${rateLimitHit(q.rateLimit.bucket, q.rateLimit.windowStart)}),` : sql``;
  const idem = q.idempotency
    ? sql`(select jsonb_build_object('fingerprint', k.fingerprint, 'status', k.status, 'response', k.response)
             from idempotency_keys k where k.scope = ${q.idempotency.scope} and k.key = ${q.idempotency.key})`
    : sql`null::jsonb`;
  const [row] = await database.rows<{
    facts: Omit<NewReportChecks, 'idempotent'> & { idempotent: { fingerprint: string; status: number | null; response: Omit<StoredResponse, 'status'> | null } | null };
  }>(sql`
    with ${hit} shape as (select ${geom(q.geometry)} as g)
    select jsonb_build_object(
      'rateLimitCount', ${q.rateLimit ? sql`(select count from hit)` : sql`null::int`},
      'category', (select jsonb_build_object('id', c.id, 'code', c.code, 'name', c.name, 'active', c.active, 'geometryTypes', to_jsonb(c.geometry_types),
                     'questions', c.questions, 'responseDays', c.response_days, 'contactRequired', c.contact_required, 'defaultTeamId', c.default_team_id)
                   from categories c where c.code = ${q.category}),
      'shape', jsonb_build_object('validReason', ST_IsValidReason(shape.g),
                 'lengthMeters', case when ST_IsValid(shape.g) then ST_Length(shape.g::geography) else 0 end,
                 'areaSquareMeters', case when ST_IsValid(shape.g) then ST_Area(shape.g::geography) else 0 end),
      'inServiceArea', case when ST_IsValid(shape.g) and exists(select 1 from areas) then exists(select 1 from areas a where ST_Intersects(a.geom, shape.g)) end,
      'idempotent', ${idem}) as facts
    from shape`);
  const { idempotent, ...facts } = row!.facts;
  return {
    ...facts,
    idempotent: idempotent ? { fingerprint: idempotent.fingerprint, response: idempotent.status && idempotent.response ? { status: idempotent.status, ...idempotent.response } : null } : null,
  };
}

/** The answer stored under an Idempotency-Key: for the rare post that lost the race for its key to a concurrent one. */
export async function findIdempotentResponse(database: Database, scope: string, key: string): Promise<{ fingerprint: string; response: StoredResponse | null } | null> {
  const [prev] = await database.rows<{ fingerprint: string; status: number | null; response: { body: unknown; headers: Record<string, string> } | null }>(
    sql`select fingerprint, status, response from idempotency_keys where scope = ${scope} and key = ${key}`,
  );
  if (!prev) return null;
  return { fingerprint: prev.fingerprint, response: prev.status && prev.response ? { status: prev.status, ...prev.response } : null };
}

export interface NewReportWrite extends NewReport {
  /** The resident's picked council asset, checked already. */
  asset?: ReportAssetValues | undefined;
  /** Claimed together with the report: the response is known before the insert, so it is stored at once. */
  idempotency?: { scope: string; key: string; fingerprint: string; response: StoredResponse } | undefined;
  /** Queued by the same statement, only if the report is written (its confirmation mail). */
  jobs?: QueuedJob[] | undefined;
}

/**
 * Writes a report in one statement (data-modifying CTEs, one implicit transaction): the
 * Idempotency-Key with its response, the report (area and nearest street looked up inside),
 * its contact details, the reporter's follow, its `created` event and its jobs (the
 * reporter's confirmation, see job-queue.ts). Returns null when a
 * concurrent post claimed the key first (on PostgreSQL the insert waits for that one to
 * commit), in which case nothing was written. A line report is also attached to the ditch
 * network, which needs a second statement, so lines take a transaction.
 */
export async function writeNewReport(database: Database, r: NewReportWrite): Promise<{ id: number; publicId: string; areaId: number | null } | null> {
  const statement = newReportStatement(r);
  let row: { id: number; area_id: number | null } | undefined;
  if (r.geometry.type === 'LineString') {
    await database.db.transaction(async (tx) => {
      [row] = await execRows<{ id: number; area_id: number | null }>(tx, statement);
      if (row) await attachReportToAsset(tx, Number(row.id), r.actor);
    });
  } else {
    [row] = await database.rows<{ id: number; area_id: number | null }>(statement);
  }
  return row ? { id: Number(row.id), publicId: r.publicId, areaId: row.area_id === null ? null : Number(row.area_id) } : null;
}

function newReportStatement(r: NewReportWrite): SQL {
  const publicName = r.showName && r.contact.name ? r.contact.name : null;
  const at = tsParam(r.createdAt);
  const k = r.idempotency;
  const claim = k
    ? sql`claim as (insert into idempotency_keys (scope, key, fingerprint, status, response)
        values (${k.scope}, ${k.key}, ${k.fingerprint}, ${k.response.status}, ${JSON.stringify({ body: k.response.body, headers: k.response.headers })}::jsonb)
        on conflict do nothing returning key),`
    : sql``;
  const a = r.asset;
  const contact =
    r.contact.name || r.contact.email || r.contact.phone
      ? sql`, contact as (insert into report_contacts (report_id, name, email, phone, created_at)
          select id, ${r.contact.name ?? null}, ${r.contact.email ?? null}, ${r.contact.phone ?? null}, ${at} from report)`
      : sql``;
  // The reporter follows their own report from the start: they gave their email for it.
  const follow =
    r.contact.email && r.reporterUnsubscribeToken
      ? sql`, follow as (insert into subscriptions (email, locale, report_id, confirm_token_hash, unsubscribe_token, created_at, confirmed_at)
          select ${r.contact.email}, ${r.locale}, id, ${`reporter:${r.reporterUnsubscribeToken}`}, ${r.reporterUnsubscribeToken}, ${at}, ${at} from report)`
      : sql``;
  return sql`
    with ${claim}
    shape as (select ${polygonsCounterClockwise(geom(r.geometry))} as g),
    place as (select ${areaHolding(sql`shape.g`)} as area_id from shape),
    street as (select near.usrn, near.name from shape cross join lateral ${nearestStreet(sql`shape.g`)} near),
    report as (
      insert into reports (public_id, category_id, team_id, geom, point, geom_type, description, answers,
                           show_name, public_name, channel, channel_source, locale, area_id, created_at, updated_at, upload_token_hash,
                           street_usrn, street_name, asset_layer_id, external_asset)
      select ${r.publicId}, ${r.categoryId}, ${routedTeam(sql`place.area_id`, r.categoryId, r.teamId)}, shape.g, ST_PointOnSurface(shape.g), ${r.geometry.type},
             ${r.description}, ${JSON.stringify(r.answers)}::jsonb, ${r.showName}, ${publicName}, ${r.channel},
             ${r.channelSource ?? null}, ${r.locale}, place.area_id, ${at}, ${at}, ${r.uploadTokenHash ?? null},
             street.usrn, street.name, ${a ? a.layerId : null}::int,
             ${a ? JSON.stringify({ layer: a.layer, id: a.id, name: a.name, verified: a.verified }) : null}::jsonb
      from shape cross join place left join street on true
      ${k ? sql`where exists (select 1 from claim)` : sql``}
      returning id, area_id)
    ${contact}
    ${follow},
    created as (${firstEventsOf(sql`report`, { kind: 'created', public: true, actor: r.actor, payload: { channel: r.channel }, at: r.createdAt })})
    ${sql.join(
      (r.jobs ?? []).map((job, i) => sql`, ${sql.raw(`job${i}`)} as (${insertJob(job, sql`report`)})`),
      sql``,
    )}
    select id, area_id from report`;
}

/** A report's new shape, and the area and nearest street it now lies in. Routing is separate: see `rerouteReport`. */
export async function relocateReport(tx: Executor, reportId: number, geometry: GeometryInput): Promise<{ areaId: number | null }> {
  const g = polygonsCounterClockwise(geom(geometry));
  const [row] = await execRows<{ area_id: number | null }>(
    tx,
    sql`
    update reports set geom = ${g}, point = ST_PointOnSurface(${g}), geom_type = ${geometry.type}, area_id = ${areaHolding(g)},
      (street_usrn, street_name) = (select near.usrn, near.name from (select 1) one left join lateral ${nearestStreet(g)} near on true)
    where id = ${reportId} returning area_id`,
  );
  return { areaId: row!.area_id };
}

/** Routes a report again for its area; the team stays when no rule matches. Returns the new team, if any rule chose one. */
export async function rerouteReport(tx: Executor, reportId: number, place: { areaId: number | null; categoryId: number }): Promise<number | undefined> {
  const team = routedTeam(sql`${place.areaId}::int`, place.categoryId, null);
  const [row] = await execRows<{ team_id: number | null }>(tx, sql`update reports set team_id = ${team} where id = ${reportId} and ${team} is not null returning team_id`);
  return row?.team_id ?? undefined;
}

/** A new category routes the report again: its area's rules first, else the category's team. */
export async function setReportCategory(tx: Executor, reportId: number, category: { id: number; defaultTeamId: number | null }): Promise<{ teamId: number | null }> {
  const [row] = await execRows<{ team_id: number | null }>(
    tx,
    sql`
    update reports set category_id = ${category.id}, team_id = ${routedTeam(sql`area_id`, category.id, category.defaultTeamId)}
    where id = ${reportId} returning team_id`,
  );
  return { teamId: row!.team_id === null ? null : Number(row!.team_id) };
}

export interface StoredResponse {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}
