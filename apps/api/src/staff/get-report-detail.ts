import { DomainError, inRemit, payloadFor, type StaffActor } from '@groundswell/core';
import { findReportAsset, handoffSendsOfReport, staffReportDetail } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';

/** Everything about one report in the actor's remit; another team's answers 404, so it does not leak. */
export async function getReportDetail(deps: Pick<AppDeps, 'database'>, actor: StaffActor, input: { id: string }) {
  const found = await staffReportDetail(deps.database, input.id);
  if (!found || !inRemit(actor, { teamId: found.row.teamId })) throw new DomainError('not_found', `There is no report ${input.id} in your teams' work`);
  const timeline = found.timeline.map((e) => {
    const payload = payloadFor(actor, e.payload);
    return payload === e.payload ? e : { ...e, payload };
  });
  const { internalId: _internal, ...report } = found.row;
  return {
    ...report,
    contact: found.contact,
    photos: found.photos,
    timeline,
    handoffs: await handoffSendsOfReport(deps.database, input.id),
    asset: await findReportAsset(deps.database, Number(found.row.internalId)),
  };
}
