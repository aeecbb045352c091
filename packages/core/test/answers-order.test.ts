import { describe, expect, it } from 'vitest';
import { answersInFormOrder } from '../src/rules.ts';

const questions = [{ id: 'size' }, { id: 'smell' }, { id: 'blocking' }, { id: 'when' }];

describe('answers in the form order', () => {
  it('orders answers as the form asks the questions, whatever order they were stored in', () => {
    // jsonb keeps keys shortest first: the order a stored report comes back in.
    const stored = { when: '2026-11-01', size: 'large', smell: true, blocking: ['road'] };
    expect(answersInFormOrder(questions, stored).map(([id]) => id)).toEqual(['size', 'smell', 'blocking', 'when']);
    expect(answersInFormOrder(questions, stored)[0]).toEqual(['size', 'large']);
  });

  it('puts answers to questions the form no longer has last, in the order given', () => {
    expect(answersInFormOrder(questions, { zeta: 1, smell: false, alpha: 2, size: 's' }).map(([id]) => id)).toEqual(['size', 'smell', 'zeta', 'alpha']);
  });

  it('copes with no questions and no answers', () => {
    expect(answersInFormOrder([], { b: 1, a: 2 })).toEqual([
      ['b', 1],
      ['a', 2],
    ]);
    expect(answersInFormOrder(questions, {})).toEqual([]);
  });
});
