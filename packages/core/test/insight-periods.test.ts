import { describe, expect, it } from 'vitest';
import { DomainError } from '../src/errors.ts';
import { checkPeriod, figurePeriod, hotSpotPeriods } from '../src/insight.ts';

const now = new Date('2026-11-30T12:00:00Z');

describe('insight periods', () => {
  it('defaults a figure to the twelve months up to today and keeps what was asked', () => {
    expect(figurePeriod({}, now)).toEqual({ from: '2025-12-01', to: '2026-11-30' });
    expect(figurePeriod({ from: '2026-01-01', to: '2026-03-31' }, now)).toEqual({ from: '2026-01-01', to: '2026-03-31' });
  });

  it('refuses a backwards period and one over ten years, naming the field', () => {
    expect(() => checkPeriod({ from: '2026-02-01', to: '2026-01-01' }, 'query.from')).toThrow(DomainError);
    const tooLong = (() => {
      try {
        checkPeriod({ from: '2010-01-01', to: '2026-01-01' }, 'query.compareFrom');
      } catch (err) {
        return err;
      }
    })();
    expect(tooLong).toBeInstanceOf(DomainError);
    expect((tooLong as DomainError).errors).toEqual([{ field: 'query.compareFrom', message: 'Too long' }]);
  });

  it('compares hot spots this quarter so far with the whole quarter before, or the same length before', () => {
    expect(hotSpotPeriods({}, now)).toEqual({ period: { from: '2026-10-01', to: '2026-11-30' }, compare: { from: '2026-07-01', to: '2026-09-30' } });
    expect(hotSpotPeriods({ from: '2026-11-01', to: '2026-11-10' }, now)).toEqual({ period: { from: '2026-11-01', to: '2026-11-10' }, compare: { from: '2026-10-22', to: '2026-10-31' } });
    expect(hotSpotPeriods({ from: '2026-11-01', to: '2026-11-10', compareFrom: '2025-11-01' }, now).compare).toEqual({ from: '2025-11-01', to: '2025-11-10' });
  });
});
