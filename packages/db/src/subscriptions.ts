import { sql, type SQL } from 'drizzle-orm';
import { groupActions, type GeometryInput } from '@groundswell/core';
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

/** How confirmation emails to one mailbox are limited (core's FOLLOW_CONFIRMATION_LIMIT). */
export interface ConfirmationLimit {
  /** A hash of the recipient's mailbox: names its bucket in `rate_limits` and its lock. */
  mailboxHash: string;
  windowStart: Date;
  /** Confirmations per window for the mailbox. */
  max: number;
  /** A confirmation sent after this and still pending means: send nothing new. */
  pendingSince: Date;
}

/**
 * `send`: a confirmation is due (a new pending subscription, or a stale one given a new
 * token). `quiet`: nothing to send, because the address already follows the target or a
 * confirmation for it is pending, or because the mailbox has had its confirmations for now.
 */
export type SubscriptionRequest = { outcome: 'not_found' } | { outcome: 'quiet'; reason: 'following' | 'pending' | 'limited' } | { outcome: 'send'; targetName: string };

function targetValues(target: SubscriptionTarget): SQL {
  if ('report' in target) {
    return sql`(select id from reports where public_id = ${target.report} and ${publicReport('reports')}), null::int, null::geometry,
      (select 'report ' || public_id from reports where public_id = ${target.report})`;
  }
  if ('area' in target) return sql`null::bigint, (select id from areas where code = ${target.area}), null::geometry, (select name from areas where code = ${target.area})`;
  return sql`null::bigint, null::int, ST_ForcePolygonCCW(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(target.geometry)}), 4326)), 'the area you drew'`;
}

/**
 * Records a request to follow, deciding in one transaction, under a lock on the recipient's
 * mailbox (so parallel requests from many addresses cannot all pass), whether a confirmation
 * email is due: at most one pending confirmation per recipient and target, and at most
 * `limit.max` confirmations per mailbox and window, counted only when one is sent.
 */
export async function requestSubscription(database: Database, s: NewSubscription, limit: ConfirmationLimit): Promise<SubscriptionRequest> {
  const lockKey = BigInt(`0x${limit.mailboxHash.slice(0, 15)}`).toString();
  return database.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${lockKey}::bigint)`);
    const same = sql`lower(s.email) = lower(${s.email}) and s.unsubscribed_at is null
      and (s.report_id = t.report_id or s.area_id = t.area_id or (t.geom is not null and s.geom && t.geom and ST_OrderingEquals(s.geom, t.geom)))`;
    const [found] = await execRows<{ found: boolean; name: string | null; confirmed: boolean; pending: boolean; stale: string | null }>(
      tx,
      sql`
      with t(report_id, area_id, geom, name) as (select ${targetValues(s.target)})
      select (t.report_id is not null or t.area_id is not null or t.geom is not null) as found, t.name,
        exists (select 1 from subscriptions s where ${same} and s.confirmed_at is not null) as confirmed,
        exists (select 1 from subscriptions s where ${same} and s.confirmed_at is null and s.created_at >= ${tsParam(limit.pendingSince)}) as pending,
        (select s.id from subscriptions s where ${same} and s.confirmed_at is null order by s.created_at desc limit 1) as stale
      from t`,
    );
    if (!found?.found) return { outcome: 'not_found' as const };
    if (found.confirmed) return { outcome: 'quiet' as const, reason: 'following' as const };
    if (found.pending) return { outcome: 'quiet' as const, reason: 'pending' as const };
    const counted = await execRows(
      tx,
      sql`
      insert into rate_limits (bucket, window_start, count) values (${`follow-confirm:${limit.mailboxHash}`}, ${tsParam(limit.windowStart)}, 1)
      on conflict (bucket, window_start) do update set count = rate_limits.count + 1 where rate_limits.count < ${limit.max}
      returning count`,
    );
    if (!counted.length) return { outcome: 'quiet' as const, reason: 'limited' as const };
    if (found.stale) {
      // The earlier email is presumed lost: its link stops working, the new one takes over.
      await tx.execute(sql`update subscriptions set confirm_token_hash = ${s.confirmTokenHash}, locale = ${s.locale}, created_at = ${tsParam(s.at)} where id = ${found.stale}`);
    } else {
      await tx.execute(sql`
        with t(report_id, area_id, geom, name) as (select ${targetValues(s.target)})
        insert into subscriptions (email, locale, report_id, area_id, geom, confirm_token_hash, unsubscribe_token, created_at)
        select ${s.email}, ${s.locale}, t.report_id, t.area_id, t.geom, ${s.confirmTokenHash}, ${s.unsubscribeToken}, ${tsParam(s.at)} from t`);
    }
    return { outcome: 'send' as const, targetName: found.name ?? '' };
  });
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
  /** The first event of the officer action this event belongs to (core's `groupActions`): one email per action and follower. */
  actionId: number;
  kind: string;
  publicId: string;
  categoryName: Record<string, string>;
  /** The report's state now. */
  state: string;
  /** For a change of state, the state it moved to. */
  toState: string | null;
  message: string | null;
  expectedAt: string | null;
  /** `true` when the event's payload carries `expectedAt` (a `null` there withdraws the date). */
  setsExpected: boolean;
  email: string;
  locale: string;
  unsubscribeToken: string;
}

/**
 * The notification outbox is the timeline itself: under a lock on the cursor, takes the
 * public events after it and their confirmed followers (of the report, of a named area
 * holding it, or of a drawn area it touches), then moves the cursor. A crash before the
 * commit leaves the cursor where it was, so nothing is skipped.
 *
 * Events are grouped into officer actions (core's `groupActions`). With `now` and
 * `settleSeconds`, an action that may still be going on (its last event is newer) stays behind
 * the cursor, with everything after it, until a later pass, so one action is never split
 * across two emails.
 */
export async function takeNotifications(
  database: Database,
  kinds: readonly string[],
  options: { now?: Date; settleSeconds?: number; batch?: number } = {},
): Promise<{ events: number; notifications: Notification[] }> {
  const batch = options.batch ?? 500;
  return database.db.transaction(async (tx) => {
    await tx.execute(sql`insert into settings (key, value) values ('notify_cursor', '0'::jsonb) on conflict do nothing`);
    const [cursor] = await execRows<{ value: number }>(tx, sql`select value from settings where key = 'notify_cursor' for update`);
    const from = Number(cursor!.value);
    const candidates = await execRows<{ id: number | string; report_id: number | string; actor: string; kind: string; at: string | Date }>(
      tx,
      sql`
      select id, report_id, actor_type || ':' || coalesce(actor_id, actor_label, '') as actor, kind, created_at as at
      from report_events where id > ${from} and public order by id limit ${batch}`,
    );
    if (!candidates.length) return { events: 0, notifications: [] };
    const news = candidates.filter((c) => kinds.includes(c.kind)).map((c) => ({ id: Number(c.id), reportId: Number(c.report_id), actor: c.actor, at: new Date(c.at) }));
    const { groups, heldFrom } = groupActions(news, { now: options.now ?? null, settleSeconds: options.settleSeconds ?? 0 });
    const to = heldFrom === null ? Math.max(...candidates.map((c) => Number(c.id))) : heldFrom - 1;
    if (to <= from) return { events: 0, notifications: [] };
    const actionOf = new Map(groups.flatMap((g) => g.map((id) => [id, g[0]!] as const)));
    const rows = await execRows<Omit<Notification, 'actionId'>>(
      tx,
      sql`
      select distinct on (e.id, s.email)
             e.id as "eventId", e.kind, r.public_id as "publicId", c.name as "categoryName", r.state, e.payload->>'to' as "toState",
             e.payload->>'message' as message, e.payload->>'expectedAt' as "expectedAt", e.payload ? 'expectedAt' as "setsExpected",
             s.email, s.locale, s.unsubscribe_token as "unsubscribeToken"
      from report_events e
      join reports r on r.id = e.report_id
      join categories c on c.id = r.category_id
      join subscriptions s on s.confirmed_at is not null and s.unsubscribed_at is null and s.created_at <= e.created_at
        and (s.report_id = r.id
             or (s.area_id is not null and exists (select 1 from areas a where a.id = s.area_id and ST_Intersects(a.geom, r.geom)))
             or (s.geom is not null and ST_Intersects(s.geom, r.geom)))
      where e.id > ${from} and e.id <= ${to} and e.public and ${inList(sql`e.kind`, [...kinds])} and ${publicReport()}
        -- "new report" news is for area followers; a report's own followers came after it, and
        -- a reporter who follows the area already had the confirmation of sending it.
        and (e.kind <> 'created' or (s.report_id is null and (r.channel = 'open311'
          or not exists (select 1 from report_contacts rc where rc.report_id = r.id and lower(rc.email) = lower(s.email)))))
        -- What the reporter did (their answer to "Is it fixed?") is not news to the reporter.
        and (e.actor_type <> 'resident' or not exists (select 1 from report_contacts rc where rc.report_id = r.id and lower(rc.email) = lower(s.email)))
      order by e.id, s.email`,
    );
    await tx.execute(sql`update settings set value = ${String(to)}::jsonb where key = 'notify_cursor'`);
    return {
      events: to - from,
      notifications: rows.map((r) => {
        const eventId = Number(r.eventId);
        return { ...r, eventId, actionId: actionOf.get(eventId) ?? eventId };
      }),
    };
  });
}
