import { describe, expect, it } from 'vitest';
import { DomainError } from '../src/errors.ts';
import {
  answerAcknowledges,
  assigneeAfter,
  canBeAssigned,
  canMergeInto,
  canTakeDuplicates,
  checkMerge,
  checkMergeRequest,
  checkStateChangeRequest,
  checkTransition,
  mergeTimes,
  payloadFor,
  seesReport,
  stateChangeTimes,
} from '../src/report-actions.ts';
import { MAX_PHOTOS_PER_REPORT, checkPhotoSize, hasRoomForPhoto } from '../src/photo-rules.ts';
import type { StaffActor } from '../src/staff.ts';

const code = (fn: () => void) => {
  try {
    fn();
  } catch (err) {
    return err instanceof DomainError ? err.code : 'other';
  }
  return undefined;
};
const ADMIN: StaffActor = { id: 'a', name: 'A', role: 'admin', teamIds: [] };

describe('state changes by staff', () => {
  it('sends hiding to moderation and asks for an answer when closing', () => {
    expect(code(() => checkStateChangeRequest('hidden', 'why'))).toBe('validation_failed');
    expect(code(() => checkStateChangeRequest('fixed', undefined))).toBe('validation_failed');
    expect(code(() => checkStateChangeRequest('fixed', 'Filled it in'))).toBeUndefined();
    expect(code(() => checkStateChangeRequest('in_progress', undefined))).toBeUndefined();
  });

  it('refuses moves the state machine does not allow', () => {
    expect(code(() => checkTransition('duplicate', 'fixed'))).toBe('invalid_transition');
    expect(code(() => checkTransition('new', 'acknowledged'))).toBeUndefined();
  });

  it('acknowledges on the first move out of new and resolves exactly while closed', () => {
    const at = new Date('2026-03-01T10:00:00Z');
    expect(stateChangeTimes({ state: 'new', acknowledgedAt: null }, 'fixed', at)).toEqual({ acknowledgedAt: at, resolvedAt: at });
    expect(stateChangeTimes({ state: 'fixed', acknowledgedAt: '2026-02-01' }, 'in_progress', at)).toEqual({ resolvedAt: null });
    expect(answerAcknowledges('new')).toBe(true);
    expect(answerAcknowledges('in_progress')).toBe(false);
  });
});

describe('assignment', () => {
  const officer: StaffActor = { id: 'o', name: 'O', role: 'officer', teamIds: [1] };
  it('gives a report only to someone whose remit holds its team', () => {
    expect(canBeAssigned(officer, 1)).toBe(true);
    expect(canBeAssigned(officer, 2)).toBe(false);
    expect(canBeAssigned(officer, null)).toBe(false);
    expect(canBeAssigned({ ...officer, role: 'admin', teamIds: [] }, null)).toBe(true);
  });
  it('drops the officer when the team changes unless one is named', () => {
    expect(assigneeAfter(1, 2, undefined)).toBeNull();
    expect(assigneeAfter(1, 1, undefined)).toBeUndefined();
    expect(assigneeAfter(1, 2, 'someone')).toBe('someone');
    expect(assigneeAfter(1, 1, null)).toBeNull();
  });
});

describe('merging', () => {
  it('merges only into another public report that is not itself a duplicate', () => {
    expect(code(() => checkMergeRequest('abc', 'abc'))).toBe('validation_failed');
    expect(canTakeDuplicates(undefined)).toBe(false);
    expect(canTakeDuplicates({ state: 'hidden' })).toBe(false);
    expect(canTakeDuplicates({ state: 'duplicate' })).toBe(false);
    expect(canTakeDuplicates({ state: 'fixed' })).toBe(true);
    expect(code(() => checkMerge(ADMIN, { state: 'new' }, { state: 'duplicate', teamId: 1 }, 'x'))).toBe('validation_failed');
    expect(code(() => checkMerge(ADMIN, { state: 'duplicate' }, { state: 'new', teamId: 1 }, 'x'))).toBe('invalid_transition');
    expect(code(() => checkMerge(ADMIN, { state: 'new' }, { state: 'in_progress', teamId: 1 }, 'x'))).toBeUndefined();
  });
  it("refuses another team's target in the same words as a missing one", () => {
    const officer: StaffActor = { id: 'o', name: 'O', role: 'officer', teamIds: [1] };
    expect(canMergeInto(officer, { state: 'new', teamId: 1 })).toBe(true);
    expect(canMergeInto(officer, { state: 'new', teamId: 2 })).toBe(false);
    expect(canMergeInto(officer, { state: 'new', teamId: null })).toBe(false);
    expect(canMergeInto(ADMIN, { state: 'new', teamId: 2 })).toBe(true);
    const message = (fn: () => void) => {
      try {
        fn();
      } catch (err) {
        return [(err as DomainError).code, (err as DomainError).message, (err as DomainError).errors];
      }
    };
    const missing = message(() => checkMerge(officer, { state: 'new' }, undefined, 'x'));
    expect(missing?.[0]).toBe('validation_failed');
    expect(message(() => checkMerge(officer, { state: 'new' }, { state: 'new', teamId: 2 }, 'x'))).toEqual(missing);
  });
  it('shows a hidden report only to staff whose remit holds it', () => {
    const officer: StaffActor = { id: 'o', name: 'O', role: 'officer', teamIds: [1] };
    expect(seesReport(null, { state: 'new', teamId: 2 })).toBe(true);
    expect(seesReport(null, { state: 'hidden', teamId: 1 })).toBe(false);
    expect(seesReport(officer, { state: 'hidden', teamId: 1 })).toBe(true);
    expect(seesReport(officer, { state: 'hidden', teamId: 2 })).toBe(false);
    expect(seesReport(officer, { state: 'hidden', teamId: null })).toBe(false);
    expect(seesReport(ADMIN, { state: 'hidden', teamId: null })).toBe(true);
  });
  it('resolves the duplicate, acknowledging it if nobody had', () => {
    const at = new Date('2026-03-01T10:00:00Z');
    expect(mergeTimes({ acknowledgedAt: null }, at)).toEqual({ acknowledgedAt: at, resolvedAt: at });
    expect(mergeTimes({ acknowledgedAt: '2026-02-01' }, at)).toEqual({ resolvedAt: at });
  });
});

describe('photos', () => {
  it('keeps a report to five photos of at most 15 MB', () => {
    expect(hasRoomForPhoto(MAX_PHOTOS_PER_REPORT - 1)).toBe(true);
    expect(hasRoomForPhoto(MAX_PHOTOS_PER_REPORT)).toBe(false);
    expect(code(() => checkPhotoSize(15 * 1024 * 1024))).toBeUndefined();
    expect(code(() => checkPhotoSize(15 * 1024 * 1024 + 1))).toBe('payload_too_large');
  });
});

describe('redacted originals', () => {
  it('shows what moderation removed to admins only', () => {
    const officer: StaffActor = { id: 'o', name: 'O', role: 'officer', teamIds: [1] };
    const payload = { reason: 'abuse', field: 'description', original: 'rude words' };
    expect(payloadFor(officer, payload)).toEqual({ ...payload, original: '(redacted)' });
    expect(payloadFor({ ...officer, role: 'admin' }, payload)).toBe(payload);
    expect(payloadFor(officer, { note: 'x' })).toEqual({ note: 'x' });
  });
});
