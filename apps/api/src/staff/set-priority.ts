import type { StaffActor } from '@groundswell/core';
import { addEvent, setReportPriority } from '@groundswell/db';
import { act, type ActDeps } from './act.ts';

export async function setPriority(deps: ActDeps, actor: StaffActor, input: { id: string; priority: number }) {
  return act(deps, actor, input.id, async (tx, r, at) => {
    await setReportPriority(tx, r.id, input.priority);
    await addEvent(tx, { reportId: r.id, kind: 'priority_set', public: false, actor, payload: { priority: input.priority }, at });
    return { priority: input.priority };
  });
}
