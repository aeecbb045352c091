import { describe, expect, it } from 'vitest';
import { groupActions } from '../src/action-groups.ts';

const at = (s: number) => new Date(Date.UTC(2026, 10, 30, 12, 0, s));
const ev = (id: number, s: number, reportId = 1, actor = 'staff:a') => ({ id, reportId, actor, at: at(s) });

describe('groupActions', () => {
  it('makes one action of one officer’s events on one report written seconds apart', () => {
    const { groups, heldFrom } = groupActions([ev(1, 0), ev(2, 0), ev(3, 1)]);
    expect(groups).toEqual([[1, 2, 3]]);
    expect(heldFrom).toBeNull();
  });

  it('keeps apart other reports, other officers, and the same officer minutes later', () => {
    const { groups } = groupActions([ev(1, 0), ev(2, 1, 2), ev(3, 2, 1, 'staff:b'), ev(4, 300)]);
    expect(groups).toEqual([[1], [2], [3], [4]]);
  });

  it('chains events each within the gap of the one before', () => {
    expect(groupActions([ev(1, 0), ev(2, 8), ev(3, 16)], { gapSeconds: 10 }).groups).toEqual([[1, 2, 3]]);
    expect(groupActions([ev(1, 0), ev(2, 11)], { gapSeconds: 10 }).groups).toEqual([[1], [2]]);
  });

  it('holds back an action that may still grow, and everything after its first event', () => {
    // Report 1's action ended long ago; report 2's last event is newer than the settle line.
    const events = [ev(1, 0), ev(2, 100, 2), ev(3, 101, 3), ev(4, 105, 2)];
    const { groups, heldFrom } = groupActions(events, { now: at(108), settleSeconds: 5 });
    expect(groups).toEqual([[1]]);
    expect(heldFrom).toBe(2);
  });

  it('never splits an action across the cut', () => {
    // 2 and 5 are one action; 4 is unsettled, so a cut at 4 would split 2+5: the cut moves to
    // 2, and 3 (settled, but after the cut: the cursor only moves over a prefix) waits too.
    const events = [ev(1, 0), ev(2, 50), ev(3, 51, 2), ev(5, 55), ev(4, 200, 3)];
    const { groups, heldFrom } = groupActions(events, { now: at(201), settleSeconds: 5 });
    expect(groups).toEqual([[1]]);
    expect(heldFrom).toBe(2);
  });

  it('does not wait for an event dated well after its own clock (another clock, imported data)', () => {
    expect(groupActions([ev(1, 0), ev(2, 600, 2)], { now: at(100), settleSeconds: 12 })).toEqual({ groups: [[1], [2]], heldFrom: null });
    expect(groupActions([ev(1, 0), ev(2, 95, 2)], { now: at(100), settleSeconds: 12 }).heldFrom).toBe(2);
  });
});
