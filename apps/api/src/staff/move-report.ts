import { DomainError, shapeErrors, type GeometryInput, type StaffActor } from '@groundswell/core';
import { addEvent, categoryAllowsShape, inServiceArea, measureShape, relocateReport, rerouteReport } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';
import { act, type ActDeps } from './act.ts';

type MoveDeps = ActDeps & Pick<AppDeps, 'config'>;

async function checkShape(deps: MoveDeps, geometry: GeometryInput) {
  const errors = shapeErrors(geometry.type, await measureShape(deps.database, geometry), deps.config.shapeLimits);
  if (errors.length) throw new DomainError('invalid_geometry', errors[0]!.message, errors);
  if ((await inServiceArea(deps.database, geometry)) === false)
    throw new DomainError('outside_service_area', "This place is outside the council's area", [{ field: 'geometry', message: 'Outside the service area' }]);
}

/** Moves a report and routes it again: the area, and so the team, may change. */
export async function moveReport(deps: MoveDeps, actor: StaffActor, input: { id: string; geometry: GeometryInput }) {
  const { geometry } = input;
  await checkShape(deps, geometry);
  return act(deps, actor, input.id, async (tx, r, at) => {
    if (!(await categoryAllowsShape(tx, r.categoryId, geometry.type))) {
      throw new DomainError('geometry_type_not_allowed', 'This category cannot be drawn that way', [{ field: 'geometry.type', message: 'Not allowed for the category' }]);
    }
    const { areaId } = await relocateReport(tx, r.id, geometry);
    const teamId = (await rerouteReport(tx, r.id, { areaId, categoryId: r.categoryId })) ?? r.teamId;
    await addEvent(tx, { reportId: r.id, kind: 'moved', public: true, actor, payload: { fromAreaId: r.areaId, toAreaId: areaId, teamId }, at });
    return { areaId, teamId };
  });
}
