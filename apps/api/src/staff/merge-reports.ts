import { checkMerge, checkMergeRequest, mergeTimes, type StaffActor } from '@groundswell/core';
import { addEvent, lockReport, moveSupportersAndFollowers, setReportState } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';
import { act, type ActDeps } from './act.ts';

/**
 * Merges a duplicate into the report that carries on: the duplicate closes, its supporters
 * and followers move over, and its public timeline tells the reporter where to follow it.
 */
export async function mergeReports(deps: ActDeps & Pick<AppDeps, 'config'>, actor: StaffActor, input: { id: string; into: string }) {
  const { id, into } = input;
  checkMergeRequest(id, into);
  return act(deps, actor, id, async (tx, dup, at) => {
    // The target is an action's second report: its remit is checked as the duplicate's was.
    const target = await lockReport(tx, into);
    checkMerge(actor, dup, target, into);
    await moveSupportersAndFollowers(tx, dup.id, target!.id);
    await setReportState(tx, dup.id, { state: 'duplicate', mergedIntoId: target!.id, ...mergeTimes(dup, at) });
    await addEvent(tx, { reportId: dup.id, kind: 'state_changed', public: true, actor, payload: { from: dup.state, to: 'duplicate' }, at });
    await addEvent(tx, {
      reportId: dup.id,
      kind: 'merged_into',
      public: true,
      actor,
      payload: {
        into,
        message: `Thank you. This is the same problem as report ${into}, which we are already dealing with. Your support and any followers have moved there: ${deps.config.publicUrl}/#/reports/${into}`,
      },
      at,
    });
    await addEvent(tx, { reportId: target!.id, kind: 'merged', public: false, actor, payload: { from: id }, at });
    return { mergedInto: into };
  });
}
