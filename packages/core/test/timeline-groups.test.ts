import { describe, expect, it } from 'vitest';
import { groupSupports } from '../src/rules.ts';

const ev = (kind: string, id: number) => ({ kind, id });

describe('supports grouped in a timeline', () => {
  it('folds consecutive supports into one counted entry, keeping the answers between them', () => {
    const events = [ev('created', 1), ...[2, 3, 4, 5].map((i) => ev('supported', i)), ev('public_answer', 6), ev('supported', 7), ev('supported', 8), ev('state_changed', 9)];
    const entries = groupSupports(events);
    expect(entries.map((e) => (e.type === 'event' ? e.event.kind : `supports×${e.count}`))).toEqual(['created', 'supports×4', 'public_answer', 'supports×2', 'state_changed']);
    const first = entries[1]!;
    expect(first.type === 'supports' && [first.first.id, first.last.id, first.events.length]).toEqual([2, 5, 4]);
  });

  it('leaves a lone support as it is, and supports at the end are counted too', () => {
    expect(groupSupports([ev('supported', 1), ev('public_answer', 2)])).toEqual([
      { type: 'event', event: ev('supported', 1) },
      { type: 'event', event: ev('public_answer', 2) },
    ]);
    const tail = groupSupports([ev('created', 1), ev('supported', 2), ev('supported', 3), ev('supported', 4)]);
    expect(tail.at(-1)).toMatchObject({ type: 'supports', count: 3 });
  });

  it('folds from a chosen run length, and passes an empty timeline through', () => {
    expect(groupSupports([ev('supported', 1), ev('supported', 2)], 3).every((e) => e.type === 'event')).toBe(true);
    expect(groupSupports([])).toEqual([]);
  });
});
