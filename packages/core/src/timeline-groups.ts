/**
 * A busy report gathers many supports; listed one by one they push the council's answers out
 * of sight. Consecutive supports fold into one entry that counts them ("12 people support
 * this"); everything else stays an entry of its own, in the order given.
 */
export type TimelineEntry<E> = { type: 'event'; event: E } | { type: 'supports'; count: number; first: E; last: E; events: E[] };

/** The kind of timeline event that residents' supports are recorded as. */
export const SUPPORT_EVENT_KIND = 'supported';

/** Consecutive supports (at least `fold` of them) as one entry; a lone support stays as it is. */
export function groupSupports<E extends { kind: string }>(events: readonly E[], fold = 2): TimelineEntry<E>[] {
  const out: TimelineEntry<E>[] = [];
  let run: E[] = [];
  const flush = () => {
    if (run.length >= fold) out.push({ type: 'supports', count: run.length, first: run[0]!, last: run[run.length - 1]!, events: run });
    else for (const event of run) out.push({ type: 'event', event });
    run = [];
  };
  for (const event of events) {
    if (event.kind === SUPPORT_EVENT_KIND) run.push(event);
    else {
      flush();
      out.push({ type: 'event', event });
    }
  }
  flush();
  return out;
}
