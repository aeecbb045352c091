import type { StaffActor } from '@groundswell/core';
import { addEvent, setReportExpectedDate } from '@groundswell/db';
import { act, type ActDeps } from './act.ts';

/** The date the public page promises; `null` withdraws it. */
export async function setExpectedDate(deps: ActDeps, actor: StaffActor, input: { id: string; expectedAt: string | null; message?: string | undefined }) {
  const { expectedAt, message } = input;
  return act(deps, actor, input.id, async (tx, r, at) => {
    await setReportExpectedDate(tx, r.id, expectedAt);
    await addEvent(tx, { reportId: r.id, kind: 'expected_date_set', public: true, actor, payload: { expectedAt, ...(message ? { message } : {}) }, at });
    return { expectedAt };
  });
}
