import { DomainError, conditionFromReport, inRemit, segmentFromReportRefusal, type AssetKind, type FieldError, type SegmentFromReportRefusal, type StaffActor } from '@groundswell/core';
import { inAssetTransaction } from '@groundswell/db';
import type { AssetDeps } from './deps.ts';

const REFUSALS: Record<SegmentFromReportRefusal, (attachedTo: string | null) => [string, FieldError]> = {
  not_a_line: () => ['Only a line report can become a segment', { field: 'body.report', message: 'Not a line' }],
  hidden: () => ['A hidden report cannot become a segment', { field: 'body.report', message: 'Hidden' }],
  already_attached: (code) => [`This report already runs along segment ${code}`, { field: 'body.report', message: `Attached to ${code}` }],
};

/**
 * Confirms a resident's line report (in the officer's remit) as a new segment: the report's
 * line becomes the segment, the report is attached to it, and its condition is what the
 * report told (else unknown). The segment goes to the team routing gives it (core's
 * `SegmentTeam`), as a segment mapped any other way does.
 */
export function confirmSegmentFromReport(deps: AssetDeps, actor: StaffActor, input: { report: string; kind: AssetKind; name?: string | undefined }): Promise<{ code: string }> {
  const at = deps.clock.now();
  return inAssetTransaction(deps.database, async (network) => {
    const r = await network.lockReport(input.report);
    if (!r || !inRemit(actor, r)) throw new DomainError('not_found', `There is no report ${input.report} in your remit`);
    const refusal = segmentFromReportRefusal({ isLine: r.isLine, hidden: r.state === 'hidden', attached: r.attached });
    if (refusal) {
      const [detail, field] = REFUSALS[refusal](r.assetCode);
      throw new DomainError('conflict', detail, [field]);
    }
    const condition = conditionFromReport(r.category, r.answers);
    const code = await network.nextCode(input.kind);
    const id = await network.insertSegment({
      code,
      kind: input.kind,
      name: input.name ?? null,
      line: { ofReport: r.id },
      condition: condition ?? 'unknown',
      conditionAt: condition ? r.createdAt : null,
      team: 'routed',
      at,
    });
    await network.addEvent({ assetId: id, kind: 'created', condition: condition ?? 'unknown', reportId: r.id, actor, payload: { fromReport: input.report }, at });
    await network.attachReport(r.id, id);
    await network.audit({ actor, action: 'asset_created', code, payload: { fromReport: input.report, kind: input.kind }, at });
    return { code };
  });
}
