import { sql, type SQL } from 'drizzle-orm';
import type { Answers, Channel, GeometryInput, ShapeFacts } from '@groundswell/core';
import { polygonsCounterClockwise } from './geometry-column.ts';
import { execRows, type Database, type Executor } from './connect.ts';
import { attachReportToAsset } from './assets.ts';
import { addEvent } from './timeline.ts';
import { tsParam } from './sql-kit.ts';
import { routedTeam } from './routing.ts';
import { nearestStreet } from './streets.ts';

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

/**
 * Writes a report, its contact details and its `created` event; the caller supplies the
 * transaction. The area is the one holding the report's representative point; the street is
 * the nearest within 50 m, looked up in the same statement.
 */
export async function insertReport(tx: Executor, r: NewReport): Promise<{ id: number; publicId: string; areaId: number | null }> {
  const publicName = r.showName && r.contact.name ? r.contact.name : null;
  const [row] = await execRows<{ id: number; area_id: number | null }>(
    tx,
    sql`
    with shape as (select ${polygonsCounterClockwise(geom(r.geometry))} as g),
    place as (select ${areaHolding(sql`shape.g`)} as area_id from shape),
    street as (select near.usrn, near.name from shape cross join lateral ${nearestStreet(sql`shape.g`)} near)
    insert into reports (public_id, category_id, team_id, geom, point, geom_type, description, answers,
                         show_name, public_name, channel, channel_source, locale, area_id, created_at, updated_at, upload_token_hash,
                         street_usrn, street_name)
    select ${r.publicId}, ${r.categoryId}, ${routedTeam(sql`place.area_id`, r.categoryId, r.teamId)}, shape.g, ST_PointOnSurface(shape.g), ${r.geometry.type},
           ${r.description}, ${JSON.stringify(r.answers)}::jsonb, ${r.showName}, ${publicName}, ${r.channel},
           ${r.channelSource ?? null}, ${r.locale}, place.area_id,
           ${tsParam(r.createdAt)}, ${tsParam(r.createdAt)}, ${r.uploadTokenHash ?? null},
           street.usrn, street.name
    from shape cross join place left join street on true
    returning id, area_id`,
  );
  const id = Number(row!.id);
  if (r.contact.name || r.contact.email || r.contact.phone) {
    await tx.execute(sql`insert into report_contacts (report_id, name, email, phone, created_at)
      values (${id}, ${r.contact.name ?? null}, ${r.contact.email ?? null}, ${r.contact.phone ?? null}, ${tsParam(r.createdAt)})`);
  }
  if (r.contact.email && r.reporterUnsubscribeToken) {
    // The reporter follows their own report from the start: they gave their email for it.
    await tx.execute(sql`insert into subscriptions (email, locale, report_id, confirm_token_hash, unsubscribe_token, created_at, confirmed_at)
      values (${r.contact.email}, ${r.locale}, ${id}, ${`reporter:${r.reporterUnsubscribeToken}`}, ${r.reporterUnsubscribeToken}, ${tsParam(r.createdAt)}, ${tsParam(r.createdAt)})`);
  }
  await addEvent(tx, { reportId: id, kind: 'created', public: true, actor: r.actor, payload: { channel: r.channel }, at: r.createdAt });
  if (r.geometry.type === 'LineString') await attachReportToAsset(tx, id, r.actor);
  return { id, publicId: r.publicId, areaId: row!.area_id };
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

/**
 * Claims an Idempotency-Key inside the caller's transaction. On PostgreSQL a concurrent
 * claim of the same key waits on the primary key until the first transaction ends, then
 * sees its stored response; PGlite runs transactions one at a time, with the same result.
 */
export async function claimIdempotencyKey(
  tx: Executor,
  scope: string,
  key: string,
  fingerprint: string,
): Promise<{ claimed: true } | { claimed: false; fingerprint: string; response: StoredResponse | null }> {
  const inserted = await execRows(
    tx,
    sql`
    insert into idempotency_keys (scope, key, fingerprint) values (${scope}, ${key}, ${fingerprint})
    on conflict do nothing returning key`,
  );
  if (inserted.length) return { claimed: true };
  const [prev] = await execRows<{ fingerprint: string; status: number | null; response: { body: unknown; headers: Record<string, string> } | null }>(
    tx,
    sql`select fingerprint, status, response from idempotency_keys where scope = ${scope} and key = ${key}`,
  );
  return {
    claimed: false,
    fingerprint: prev!.fingerprint,
    response: prev!.status && prev!.response ? { status: prev!.status, ...prev!.response } : null,
  };
}

export async function storeIdempotentResponse(tx: Executor, scope: string, key: string, response: StoredResponse): Promise<void> {
  await tx.execute(sql`update idempotency_keys set status = ${response.status},
    response = ${JSON.stringify({ body: response.body, headers: response.headers })}::jsonb
    where scope = ${scope} and key = ${key}`);
}
