import { sql, type SQL } from 'drizzle-orm';
import type { GeometryInput } from '@groundswell/core';
import { execRows, type Database } from './connect.ts';
import { inList, publicReport, tsParam } from './sql-kit.ts';

export type SubscriptionTarget = { report: string } | { area: string } | { geometry: GeometryInput };

export interface NewSubscription {
  email: string;
  locale: string;
  target: SubscriptionTarget;
  confirmTokenHash: string;
  unsubscribeToken: string;
  at: Date;
}

/** Records a pending subscription; `undefined` when the report or area does not exist. */
export async function insertSubscription(database: Database, s: NewSubscription): Promise<{ id: string; targetName: string } | undefined> {
  let target: SQL;
  if ('report' in s.target) {
    target = sql`(select id from reports where public_id = ${s.target.report} and ${publicReport('reports')}), null::int, null::geometry,
      (select 'report ' || public_id from reports where public_id = ${s.target.report})`;
  } else if ('area' in s.target) {
    target = sql`null::bigint, (select id from areas where code = ${s.target.area}), null::geometry, (select name from areas where code = ${s.target.area})`;
  } else {
    target = sql`null::bigint, null::int, ST_ForcePolygonCCW(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(s.target.geometry)}), 4326)), 'the area you drew'`;
  }
  const [row] = await database.rows<{ id: string; report_id: number | null; area_id: number | null; geom: unknown; name: string | null }>(sql`
    with t(report_id, area_id, geom, name) as (select ${target})
    insert into subscriptions (email, locale, report_id, area_id, geom, confirm_token_hash, unsubscribe_token, created_at)
    select ${s.email}, ${s.locale}, t.report_id, t.area_id, t.geom, ${s.confirmTokenHash}, ${s.unsubscribeToken}, ${tsParam(s.at)}
    from t where t.report_id is not null or t.area_id is not null or t.geom is not null
    returning id, (select name from t) as name`);
  return row ? { id: row.id, targetName: row.name ?? '' } : undefined;
}

export async function confirmSubscription(database: Database, tokenHash: string, at: Date): Promise<boolean> {
  const rows = await database.rows(sql`
    update subscriptions set confirmed_at = coalesce(confirmed_at, ${tsParam(at)})
    where confirm_token_hash = ${tokenHash} and unsubscribed_at is null returning id`);
  return rows.length > 0;
}

export async function unsubscribe(database: Database, token: string, at: Date): Promise<boolean> {
  const rows = await database.rows(sql`
    update subscriptions set unsubscribed_at = coalesce(unsubscribed_at, ${tsParam(at)})
    where unsubscribe_token = ${token} returning id`);
  return rows.length > 0;
}

export interface Notification {
  eventId: number;
  kind: string;
  publicId: string;
  categoryName: Record<string, string>;
  state: string;
  message: string | null;
  expectedAt: string | null;
  email: string;
  locale: string;
  unsubscribeToken: string;
}

/**
 * The notification outbox is the timeline itself: under a lock on the cursor, takes the
 * public events after it and their confirmed followers (of the report, of a named area
 * holding it, or of a drawn area it touches), then moves the cursor. A crash before the
 * commit leaves the cursor where it was, so nothing is skipped.
 */
export async function takeNotifications(database: Database, kinds: readonly string[], batch = 500): Promise<{ events: number; notifications: Notification[] }> {
  return database.db.transaction(async (tx) => {
    await tx.execute(sql`insert into settings (key, value) values ('notify_cursor', '0'::jsonb) on conflict do nothing`);
    const [cursor] = await execRows<{ value: number }>(tx, sql`select value from settings where key = 'notify_cursor' for update`);
    const from = Number(cursor!.value);
    const [last] = await execRows<{ id: number | null }>(
      tx,
      sql`
      select max(id) as id from (select id from report_events where id > ${from} and public order by id limit ${batch}) e`,
    );
    if (last?.id === null || last?.id === undefined) return { events: 0, notifications: [] };
    const to = Number(last.id);
    const rows = await execRows<Notification>(
      tx,
      sql`
      select distinct on (e.id, s.email)
             e.id as "eventId", e.kind, r.public_id as "publicId", c.name as "categoryName", r.state,
             e.payload->>'message' as message, e.payload->>'expectedAt' as "expectedAt",
             s.email, s.locale, s.unsubscribe_token as "unsubscribeToken"
      from report_events e
      join reports r on r.id = e.report_id
      join categories c on c.id = r.category_id
      join subscriptions s on s.confirmed_at is not null and s.unsubscribed_at is null and s.created_at <= e.created_at
        and (s.report_id = r.id
             or (s.area_id is not null and exists (select 1 from areas a where a.id = s.area_id and ST_Intersects(a.geom, r.geom)))
             or (s.geom is not null and ST_Intersects(s.geom, r.geom)))
      where e.id > ${from} and e.id <= ${to} and e.public and ${inList(sql`e.kind`, [...kinds])} and ${publicReport()}
        -- "new report" news is for area followers; a report's own followers came after it.
        and (e.kind <> 'created' or s.report_id is null)
      order by e.id, s.email`,
    );
    await tx.execute(sql`update settings set value = ${String(to)}::jsonb where key = 'notify_cursor'`);
    return { events: to - from, notifications: rows.map((r) => ({ ...r, eventId: Number(r.eventId) })) };
  });
}
