import { sql, type SQL } from 'drizzle-orm';
import type { ActorType, EventKind, StaffActor } from '@groundswell/core';
import type { Executor } from './connect.ts';
import { tsParam } from './sql-kit.ts';

/** Who did it, as the timeline records it; a member of staff may be passed as they are. */
export type EventActor = { type: ActorType; id?: string | null | undefined; label?: string | null | undefined } | StaffActor;

export interface NewEvent {
  reportId: number;
  kind: EventKind;
  public: boolean;
  actor: EventActor;
  payload: Record<string, unknown>;
  at: Date;
}

const recorded = (a: EventActor) =>
  'role' in a ? (a.system ? { type: 'system' as const, id: null, label: a.name } : { type: 'staff' as const, id: a.id, label: a.name }) : { type: a.type, id: a.id ?? null, label: a.label ?? null };

/**
 * The first event of reports being inserted in the same statement, as a data-modifying CTE
 * body: `reports` names a CTE returning their `id`. The insert itself sets `updated_at` to
 * the event's time (a statement cannot update a row it inserts), so the caller must pass
 * the same `at` there.
 */
export function firstEventsOf(reports: SQL, e: Omit<NewEvent, 'reportId'>): SQL {
  const actor = recorded(e.actor);
  return sql`insert into report_events (report_id, kind, actor_type, actor_id, actor_label, public, payload, created_at)
    select id, ${e.kind}, ${actor.type}, ${actor.id}, ${actor.label}, ${e.public}, ${JSON.stringify(e.payload)}::jsonb, ${tsParam(e.at)} from ${reports}`;
}

/**
 * The one writer of a report's timeline. Every change to a report goes through here, so
 * its `updated_at` moves with it: staff polling for "changed since" sees every event.
 */
export async function addEvent(tx: Executor, e: NewEvent): Promise<void> {
  const actor = recorded(e.actor);
  await tx.execute(sql`insert into report_events (report_id, kind, actor_type, actor_id, actor_label, public, payload, created_at)
    values (${e.reportId}, ${e.kind}, ${actor.type}, ${actor.id}, ${actor.label}, ${e.public}, ${JSON.stringify(e.payload)}::jsonb, ${tsParam(e.at)})`);
  await tx.execute(sql`update reports set updated_at = ${tsParam(e.at)} where id = ${e.reportId}`);
}
