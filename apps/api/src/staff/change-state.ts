import { checkStateChangeRequest, checkTransition, stateChangeTimes, type ReportState, type StaffActor } from '@groundswell/core';
import { addEvent, setReportState } from '@groundswell/db';
import { act, type ActDeps } from './act.ts';

export async function changeState(deps: ActDeps, actor: StaffActor, input: { id: string; state: ReportState; message?: string | undefined }) {
  const { state: to, message } = input;
  checkStateChangeRequest(to, message);
  return act(deps, actor, input.id, async (tx, r, at) => {
    checkTransition(r.state, to);
    await setReportState(tx, r.id, { state: to, ...stateChangeTimes(r, to, at) });
    await addEvent(tx, { reportId: r.id, kind: 'state_changed', public: true, actor, payload: { from: r.state, to }, at });
    if (message) await addEvent(tx, { reportId: r.id, kind: 'public_answer', public: true, actor, payload: { message }, at });
    return { state: to };
  });
}
