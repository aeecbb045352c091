import { describe, expect, it } from 'vitest';
import { addWorkingDays, sendsReportConfirmation } from '../src/confirmation.ts';

describe('sendsReportConfirmation', () => {
  it('confirms to a resident with an email, on the web or helped by an officer', () => {
    expect(sendsReportConfirmation('web', 'a@example.org')).toBe(true);
    expect(sendsReportConfirmation('phone', 'a@example.org')).toBe(true);
    expect(sendsReportConfirmation('in_person', 'a@example.org')).toBe(true);
  });
  it('sends nothing without an email, nor to a resident an Open311 client speaks for', () => {
    expect(sendsReportConfirmation('web', undefined)).toBe(false);
    expect(sendsReportConfirmation('phone', '')).toBe(false);
    expect(sendsReportConfirmation('open311', 'a@example.org')).toBe(false);
  });
});

describe('addWorkingDays', () => {
  it('skips weekends', () => {
    // Friday 2026-11-06 + 1 working day is Monday 2026-11-09; + 10 is Friday 2026-11-20.
    expect(addWorkingDays(new Date('2026-11-06T12:00:00Z'), 1).toISOString()).toBe('2026-11-09T12:00:00.000Z');
    expect(addWorkingDays(new Date('2026-11-06T12:00:00Z'), 10).toISOString()).toBe('2026-11-20T12:00:00.000Z');
    // From a Saturday, the first working day is Monday.
    expect(addWorkingDays(new Date('2026-11-07T12:00:00Z'), 1).toISOString()).toBe('2026-11-09T12:00:00.000Z');
    expect(addWorkingDays(new Date('2026-11-04T12:00:00Z'), 0).toISOString()).toBe('2026-11-04T12:00:00.000Z');
  });
});
