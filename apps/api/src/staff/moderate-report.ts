import { DomainError, type StaffActor } from '@groundswell/core';
import { addEvent, hidePhotos, hideReporterName, setReportDescription, setReportState } from '@groundswell/db';
import { act, type ActDeps } from './act.ts';

export interface ModerateInput {
  id: string;
  reason: string;
  hide?: boolean | undefined;
  description?: string | undefined;
  hidePhotoIds?: string[] | undefined;
  hideName?: boolean | undefined;
}

/** Hides a report, or redacts its text, photos or name; the original stays on the timeline for admins. */
export async function moderateReport(deps: ActDeps, actor: StaffActor, m: ModerateInput) {
  return act(deps, actor, m.id, async (tx, r, at) => {
    const redacted = (payload: Record<string, unknown>) => addEvent(tx, { reportId: r.id, kind: 'redacted', public: false, actor, payload: { reason: m.reason, ...payload }, at });
    if (m.description !== undefined) {
      await setReportDescription(tx, r.id, m.description);
      await redacted({ field: 'description', original: r.description });
    }
    if (m.hideName && r.publicName) {
      await hideReporterName(tx, r.id);
      await redacted({ field: 'name', original: r.publicName });
    }
    if (m.hidePhotoIds?.length) {
      const hidden = await hidePhotos(tx, r.id, m.hidePhotoIds);
      if (hidden.length !== m.hidePhotoIds.length) throw new DomainError('validation_failed', 'Some photos are not on this report', [{ field: 'body.hidePhotoIds', message: 'Unknown photo' }]);
      await redacted({ field: 'photos', photoIds: m.hidePhotoIds });
    }
    if (m.hide && r.state !== 'hidden') {
      await setReportState(tx, r.id, { state: 'hidden' });
      await addEvent(tx, { reportId: r.id, kind: 'hidden', public: false, actor, payload: { reason: m.reason, previousState: r.state }, at });
    }
    return { moderated: true };
  });
}
