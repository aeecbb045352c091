import type { StaffActor } from '@groundswell/core';
import { addEvent } from '@groundswell/db';
import { act, type ActDeps } from './act.ts';

/** An internal note: on the timeline for staff, never public, never emailed. */
export async function addNote(deps: ActDeps, actor: StaffActor, input: { id: string; note: string }) {
  return act(deps, actor, input.id, async (tx, r, at) => {
    await addEvent(tx, { reportId: r.id, kind: 'internal_note', public: false, actor, payload: { note: input.note }, at });
    return { noted: true };
  });
}
