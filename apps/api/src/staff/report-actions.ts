import { sql } from '@groundswell/db';
import {
  DomainError,
  canTransition,
  inRemit,
  isOpen,
  requiresPublicAnswer,
  shapeErrors,
  type GeometryInput,
  type ReportState,
  type StaffActor,
} from '@groundswell/core';
import { addEvent, polygonsCounterClockwise, execRows, findCategory, inServiceArea, lockReport, measureShape, routedTeam, staffMember, teamByCode, updateReport, type Executor } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';

type Locked = NonNullable<Awaited<ReturnType<typeof lockReport>>>;

/**
 * Runs one action on one report in one transaction: the report is locked, the actor's
 * remit checked (another team's report answers 404, so its existence does not leak), and
 * every change lands with its timeline event.
 */
async function act<T>(deps: AppDeps, actor: StaffActor, publicId: string, fn: (tx: Executor, report: Locked, at: Date) => Promise<T>): Promise<T> {
  return deps.database.db.transaction(async (tx) => {
    const report = await lockReport(tx, publicId);
    if (!report || !inRemit(actor, { teamId: report.team_id })) throw new DomainError('not_found', `There is no report ${publicId} in your teams' work`);
    return fn(tx, report, deps.clock.now());
  });
}

const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;

export async function changeState(deps: AppDeps, actor: StaffActor, publicId: string, to: ReportState, message?: string) {
  if (to === 'hidden') throw new DomainError('validation_failed', 'Hiding a report is moderation: use moderate with a reason', [{ field: 'body.state', message: 'Use moderate to hide' }]);
  if (requiresPublicAnswer(to) && !message) {
    throw new DomainError('validation_failed', 'Closing a report needs a public answer for the resident', [{ field: 'body.message', message: 'Please tell the resident what was done or why' }]);
  }
  return act(deps, actor, publicId, async (tx, r, at) => {
    if (!canTransition(r.state, to)) throw new DomainError('invalid_transition', `A report cannot go from ${r.state.replace('_', ' ')} to ${to.replace('_', ' ')}`, [{ field: 'body.state', message: `Not allowed from ${r.state}` }]);
    const set = [sql`state = ${to}`];
    if (r.state === 'new' && !r.acknowledged_at) set.push(sql`acknowledged_at = ${ts(at)}`);
    set.push(isOpen(to) ? sql`resolved_at = null` : sql`resolved_at = ${ts(at)}`);
    await updateReport(tx, r.id, set);
    await addEvent(tx, { reportId: r.id, kind: 'state_changed', public: true, actor, payload: { from: r.state, to }, at });
    if (message) await addEvent(tx, { reportId: r.id, kind: 'public_answer', public: true, actor, payload: { message }, at });
    return { state: to };
  });
}

export async function answerPublicly(deps: AppDeps, actor: StaffActor, publicId: string, message: string) {
  return act(deps, actor, publicId, async (tx, r, at) => {
    // Answering is acknowledging: the resident has heard from a person.
    if (r.state === 'new') {
      await updateReport(tx, r.id, [sql`state = 'acknowledged'`, sql`acknowledged_at = ${ts(at)}`]);
      await addEvent(tx, { reportId: r.id, kind: 'state_changed', public: true, actor, payload: { from: 'new', to: 'acknowledged' }, at });
    }
    await addEvent(tx, { reportId: r.id, kind: 'public_answer', public: true, actor, payload: { message }, at });
    return { answered: true };
  });
}

export async function addNote(deps: AppDeps, actor: StaffActor, publicId: string, note: string) {
  return act(deps, actor, publicId, async (tx, r, at) => {
    await addEvent(tx, { reportId: r.id, kind: 'internal_note', public: false, actor, payload: { note }, at });
    return { noted: true };
  });
}

export async function assign(deps: AppDeps, actor: StaffActor, publicId: string, input: { team?: string | undefined; assigneeId?: string | null | undefined }) {
  return act(deps, actor, publicId, async (tx, r, at) => {
    let teamId = r.team_id;
    let teamName: string | undefined;
    if (input.team !== undefined) {
      const team = await teamByCode(tx, input.team);
      if (!team) throw new DomainError('validation_failed', `There is no team "${input.team}"`, [{ field: 'body.team', message: 'Unknown team' }]);
      teamId = team.id;
      teamName = team.name;
    }
    let assigneeName: string | null = null;
    if (input.assigneeId) {
      const officer = await staffMember(tx, input.assigneeId);
      if (!officer || (officer.role !== 'admin' && (teamId === null || !officer.team_ids.includes(teamId)))) {
        throw new DomainError('validation_failed', 'That person does not work for the report\'s team', [{ field: 'body.assigneeId', message: 'Choose someone in the team' }]);
      }
      assigneeName = officer.name;
    }
    const set = [sql`team_id = ${teamId}`];
    if (input.assigneeId !== undefined) set.push(sql`assignee_id = ${input.assigneeId}`);
    else if (teamId !== r.team_id) set.push(sql`assignee_id = null`);
    await updateReport(tx, r.id, set);
    await addEvent(tx, { reportId: r.id, kind: 'assigned', public: false, actor, payload: { teamId, team: teamName ?? null, assigneeId: input.assigneeId ?? null, assignee: assigneeName }, at });
    return { teamId, assigneeId: input.assigneeId ?? null };
  });
}

export async function setPriority(deps: AppDeps, actor: StaffActor, publicId: string, priority: number) {
  return act(deps, actor, publicId, async (tx, r, at) => {
    await updateReport(tx, r.id, [sql`priority = ${priority}`]);
    await addEvent(tx, { reportId: r.id, kind: 'priority_set', public: false, actor, payload: { priority }, at });
    return { priority };
  });
}

export async function setExpectedDate(deps: AppDeps, actor: StaffActor, publicId: string, expectedAt: string | null, message?: string) {
  return act(deps, actor, publicId, async (tx, r, at) => {
    await updateReport(tx, r.id, [expectedAt ? sql`expected_at = ${expectedAt}::date` : sql`expected_at = null`]);
    await addEvent(tx, { reportId: r.id, kind: 'expected_date_set', public: true, actor, payload: { expectedAt, ...(message ? { message } : {}) }, at });
    return { expectedAt };
  });
}

/**
 * Merges a duplicate into the report that carries on: the duplicate closes, its supporters
 * and followers move over, and its public timeline tells the reporter where to follow it.
 */
export async function merge(deps: AppDeps, actor: StaffActor, publicId: string, into: string) {
  if (publicId === into) throw new DomainError('validation_failed', 'A report cannot be merged into itself', [{ field: 'body.into', message: 'Choose another report' }]);
  return act(deps, actor, publicId, async (tx, dup, at) => {
    const target = await lockReport(tx, into);
    if (!target || target.state === 'hidden' || target.state === 'duplicate') throw new DomainError('validation_failed', `Report ${into} cannot take duplicates`, [{ field: 'body.into', message: 'Choose an open or closed public report' }]);
    if (!canTransition(dup.state, 'duplicate')) throw new DomainError('invalid_transition', `A ${dup.state} report cannot be marked as a duplicate`);
    await tx.execute(sql`insert into report_supports (report_id, supporter_key, created_at)
      select ${target.id}, supporter_key, created_at from report_supports where report_id = ${dup.id} on conflict do nothing`);
    await tx.execute(sql`update reports set support_count = (select count(*) from report_supports where report_id = ${target.id}) where id = ${target.id}`);
    await tx.execute(sql`update subscriptions s set report_id = ${target.id} where s.report_id = ${dup.id}
      and not exists (select 1 from subscriptions o where o.report_id = ${target.id} and lower(o.email) = lower(s.email))`);
    const set = [sql`state = 'duplicate'`, sql`merged_into_id = ${target.id}`, sql`resolved_at = ${ts(at)}`];
    if (!dup.acknowledged_at) set.push(sql`acknowledged_at = ${ts(at)}`);
    await updateReport(tx, dup.id, set);
    await addEvent(tx, { reportId: dup.id, kind: 'state_changed', public: true, actor, payload: { from: dup.state, to: 'duplicate' }, at });
    await addEvent(tx, {
      reportId: dup.id,
      kind: 'merged_into',
      public: true,
      actor,
      payload: { into, message: `Thank you. This is the same problem as report ${into}, which we are already dealing with. Your support and any followers have moved there: ${deps.config.publicUrl}/#/reports/${into}` },
      at,
    });
    await addEvent(tx, { reportId: target.id, kind: 'merged', public: false, actor, payload: { from: publicId }, at });
    return { mergedInto: into };
  });
}

/** Hides a report, or redacts its text, photos or name; the original stays on the timeline for admins. */
export async function moderate(
  deps: AppDeps,
  actor: StaffActor,
  publicId: string,
  m: { reason: string; hide?: boolean | undefined; description?: string | undefined; hidePhotoIds?: string[] | undefined; hideName?: boolean | undefined },
) {
  return act(deps, actor, publicId, async (tx, r, at) => {
    if (m.description !== undefined) {
      await updateReport(tx, r.id, [sql`description = ${m.description}`]);
      await addEvent(tx, { reportId: r.id, kind: 'redacted', public: false, actor, payload: { reason: m.reason, field: 'description', original: r.description }, at });
    }
    if (m.hideName && r.public_name) {
      await updateReport(tx, r.id, [sql`public_name = null`, sql`show_name = false`]);
      await addEvent(tx, { reportId: r.id, kind: 'redacted', public: false, actor, payload: { reason: m.reason, field: 'name', original: r.public_name }, at });
    }
    if (m.hidePhotoIds?.length) {
      const hidden = await execRows<{ id: string }>(tx, sql`update photos set hidden = true where report_id = ${r.id} and id in ${m.hidePhotoIds} returning id`);
      if (hidden.length !== m.hidePhotoIds.length) throw new DomainError('validation_failed', 'Some photos are not on this report', [{ field: 'body.hidePhotoIds', message: 'Unknown photo' }]);
      await addEvent(tx, { reportId: r.id, kind: 'redacted', public: false, actor, payload: { reason: m.reason, field: 'photos', photoIds: m.hidePhotoIds }, at });
    }
    if (m.hide && r.state !== 'hidden') {
      await updateReport(tx, r.id, [sql`state = 'hidden'`]);
      await addEvent(tx, { reportId: r.id, kind: 'hidden', public: false, actor, payload: { reason: m.reason, previousState: r.state }, at });
    }
    return { moderated: true };
  });
}

async function checkShape(deps: AppDeps, geometry: GeometryInput) {
  const errors = shapeErrors(geometry.type, await measureShape(deps.database, geometry), deps.config.shapeLimits);
  if (errors.length) throw new DomainError('invalid_geometry', errors[0]!.message, errors);
  if ((await inServiceArea(deps.database, geometry)) === false) throw new DomainError('outside_service_area', 'This place is outside the council\'s area', [{ field: 'geometry', message: 'Outside the service area' }]);
}

/** Moves a report and routes it again: the area, and so the team, may change. */
export async function move(deps: AppDeps, actor: StaffActor, publicId: string, geometry: GeometryInput) {
  await checkShape(deps, geometry);
  return act(deps, actor, publicId, async (tx, r, at) => {
    const [allowed] = await execRows<{ ok: boolean }>(tx, sql`select ${geometry.type} = any(geometry_types) as ok from categories where id = ${r.category_id}`);
    if (!allowed?.ok) throw new DomainError('geometry_type_not_allowed', 'This category cannot be drawn that way', [{ field: 'geometry.type', message: 'Not allowed for the category' }]);
    const g = polygonsCounterClockwise(sql`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(geometry)}), 4326)`);
    const [moved] = await execRows<{ area_id: number | null; team_id: number | null }>(tx, sql`
      update reports set geom = ${g}, point = ST_PointOnSurface(${g}), geom_type = ${geometry.type},
        area_id = (select a.id from areas a where ST_Intersects(a.geom, ST_PointOnSurface(${g})) order by ST_Area(a.geom) limit 1)
      where id = ${r.id} returning area_id, team_id`);
    const [routed] = await execRows<{ team_id: number | null }>(tx, sql`
      update reports set team_id = ${routedTeam(sql`${moved!.area_id}::int`, r.category_id, null)}
      where id = ${r.id} and ${routedTeam(sql`${moved!.area_id}::int`, r.category_id, null)} is not null returning team_id`);
    await addEvent(tx, { reportId: r.id, kind: 'moved', public: true, actor, payload: { fromAreaId: r.area_id, toAreaId: moved!.area_id, teamId: routed?.team_id ?? r.team_id }, at });
    return { areaId: moved!.area_id, teamId: routed?.team_id ?? r.team_id };
  });
}

export async function recategorise(deps: AppDeps, actor: StaffActor, publicId: string, code: string) {
  const category = await findCategory(deps.database, code);
  if (!category) throw new DomainError('unknown_category', `There is no category "${code}"`, [{ field: 'body.category', message: 'Unknown category' }]);
  return act(deps, actor, publicId, async (tx, r, at) => {
    if (!category.geometryTypes.includes(r.geom_type as GeometryInput['type'])) {
      throw new DomainError('geometry_type_not_allowed', `${category.name.en} cannot be drawn as this shape; move it first`, [{ field: 'body.category', message: 'Shape not allowed' }]);
    }
    const [routed] = await execRows<{ team_id: number | null }>(tx, sql`
      update reports set category_id = ${category.id}, team_id = ${routedTeam(sql`area_id`, category.id, category.defaultTeamId)}
      where id = ${r.id} returning team_id`);
    await addEvent(tx, { reportId: r.id, kind: 'recategorised', public: true, actor, payload: { fromCategoryId: r.category_id, to: category.code, teamId: routed!.team_id }, at });
    return { category: category.code, teamId: routed!.team_id === null ? null : Number(routed!.team_id) };
  });
}
