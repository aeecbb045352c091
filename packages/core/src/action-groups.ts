/**
 * Which timeline events are one officer action, for follower emails.
 *
 * The console's answer form sends the expected date, then the answer (or the state change
 * with the answer) as separate requests, each its own transaction, and nothing on the events
 * ties them together: there is no request or transaction id in `report_events`. What is in the
 * data is the report, the actor and the time, so an action is a run of events on one report by
 * one actor, each within `ACTION_GAP_SECONDS` of the one before. Events written in one
 * transaction share their time exactly; requests a form sends one after another are well under
 * a second apart; two separate decisions by an officer are minutes apart.
 */
export const ACTION_GAP_SECONDS = 10;

/**
 * An event dated this far after the notifier's clock was written by a clock that disagrees
 * with it (another process, imported data): waiting tells nothing, so it is not held.
 */
export const ACTION_CLOCK_SKEW_SECONDS = 60;

/** An event as the grouping needs it; `actor` is any key naming who did it ("staff:<id>"). */
export interface ActionEventFacts {
  id: number;
  reportId: number;
  actor: string;
  at: Date;
}

export interface ActionGroups {
  /** Event ids per action, each in id order; only actions known to be complete. */
  groups: number[][];
  /** The first event id left for a later pass (its action may still be going on); `null` when every event was grouped. */
  heldFrom: number | null;
}

/**
 * Groups `events` (any order) into actions. With `now` and `settleSeconds`, an action whose last
 * event is newer than `settleSeconds` may still grow, so it and every event after its first are
 * held back for the next pass (the caller moves its cursor only past `heldFrom - 1`). Without
 * them, everything present is grouped now.
 */
export function groupActions(events: readonly ActionEventFacts[], options: { now?: Date | null; settleSeconds?: number; gapSeconds?: number } = {}): ActionGroups {
  const gapMs = (options.gapSeconds ?? ACTION_GAP_SECONDS) * 1000;
  const chains = new Map<string, ActionEventFacts[][]>();
  const sorted = [...events].sort((a, b) => a.at.getTime() - b.at.getTime() || a.id - b.id);
  for (const e of sorted) {
    const key = `${e.reportId}\u0000${e.actor}`;
    const groups = chains.get(key) ?? [];
    const current = groups.at(-1);
    const last = current?.at(-1);
    if (current && last && e.at.getTime() - last.at.getTime() <= gapMs) current.push(e);
    else groups.push([e]);
    chains.set(key, groups);
  }
  const all = [...chains.values()].flat();
  const now = options.now?.getTime();
  const settle = (options.settleSeconds ?? 0) * 1000;
  const stillGoing = (last: number) => now !== undefined && settle > 0 && last > now - settle && last <= now + ACTION_CLOCK_SKEW_SECONDS * 1000;
  const open = all.filter((g) => stillGoing(g.at(-1)!.at.getTime()));
  let heldFrom = open.length ? Math.min(...open.map((g) => Math.min(...g.map((e) => e.id)))) : Number.POSITIVE_INFINITY;
  // An action straddling the cut would be split across two emails: hold it back whole.
  for (let changed = true; changed; ) {
    changed = false;
    for (const g of all) {
      const ids = g.map((e) => e.id);
      if (Math.min(...ids) < heldFrom && Math.max(...ids) >= heldFrom) {
        heldFrom = Math.min(...ids);
        changed = true;
      }
    }
  }
  const groups = all
    .filter((g) => g.every((e) => e.id < heldFrom))
    .map((g) => g.map((e) => e.id).sort((a, b) => a - b))
    .sort((a, b) => a[0]! - b[0]!);
  return { groups, heldFrom: Number.isFinite(heldFrom) ? heldFrom : null };
}
