import { describe, expect, it } from 'vitest';
import { DomainError } from '../src/errors.ts';
import { formatMailDate } from '../src/mail-dates.ts';
import { checkQuestionnaireAnswer, notFixedState, questionnaireExpiry, questionnaireStatus, questionOccasion, questionWindow } from '../src/questionnaires.ts';

const NOW = new Date('2026-11-30T12:00:00Z');

describe('"Is it fixed?" rules', () => {
  it('is due some weeks after the moment, and not months late', () => {
    const w = questionWindow(NOW, 4);
    expect(w.upTo.toISOString()).toBe('2026-11-02T12:00:00.000Z');
    expect(w.after.toISOString()).toBe('2026-10-05T12:00:00.000Z');
  });

  it('names each occasion once: a fixed time, or an expected day', () => {
    expect(questionOccasion('fixed', '2026-10-20T09:30:00Z')).toBe('fixed:2026-10-20T09:30:00.000Z');
    expect(questionOccasion('expected', new Date('2026-10-20T00:00:00Z'))).toBe('expected:2026-10-20');
  });

  it('works once, until it expires', () => {
    const expiresAt = questionnaireExpiry(NOW);
    expect(expiresAt.toISOString()).toBe('2027-01-25T12:00:00.000Z');
    expect(questionnaireStatus({ answeredAt: null, expiresAt }, NOW)).toBe('open');
    expect(questionnaireStatus({ answeredAt: NOW, expiresAt }, NOW)).toBe('answered');
    expect(questionnaireStatus({ answeredAt: null, expiresAt }, expiresAt)).toBe('expired');
  });

  it('reopens a fixed or closed report to acknowledged, and leaves others as they are', () => {
    expect(notFixedState('fixed')).toBe('acknowledged');
    expect(notFixedState('closed')).toBe('acknowledged');
    expect(notFixedState('in_progress')).toBeNull();
    expect(notFixedState('duplicate')).toBeNull();
    expect(notFixedState('hidden')).toBeNull();
  });

  it('needs a comment for "no", naming the field', () => {
    expect(checkQuestionnaireAnswer({ fixed: true })).toEqual({ fixed: true, comment: undefined });
    expect(checkQuestionnaireAnswer({ fixed: false, comment: ' Still blocked ' })).toEqual({ fixed: false, comment: 'Still blocked' });
    try {
      checkQuestionnaireAnswer({ fixed: false, comment: '   ' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).errors[0]!.field).toBe('body.comment');
    }
  });
});

describe('dates in emails', () => {
  it('are written as the site writes them, per language', () => {
    expect(formatMailDate('2026-12-14', 'en')).toBe('14 Dec 2026');
    expect(formatMailDate('2026-12-14', 'pl')).toBe('14 gru 2026');
    expect(formatMailDate('2026-12-14', 'de')).toBe('14 Dec 2026');
  });
});
