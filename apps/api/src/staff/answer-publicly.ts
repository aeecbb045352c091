import { answerAcknowledges, type StaffActor } from '@groundswell/core';
import { addEvent, setReportState } from '@groundswell/db';
import { act, type ActDeps } from './act.ts';

export async function answerPublicly(deps: ActDeps, actor: StaffActor, input: { id: string; message: string }) {
  return act(deps, actor, input.id, async (tx, r, at) => {
    if (answerAcknowledges(r.state)) {
      await setReportState(tx, r.id, { state: 'acknowledged', acknowledgedAt: at });
      await addEvent(tx, { reportId: r.id, kind: 'state_changed', public: true, actor, payload: { from: r.state, to: 'acknowledged' }, at });
    }
    await addEvent(tx, { reportId: r.id, kind: 'public_answer', public: true, actor, payload: { message: input.message }, at });
    return { answered: true };
  });
}
