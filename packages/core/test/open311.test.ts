import { describe, expect, it } from 'vitest';
import { OPEN311_MAX_SPAN_DAYS, open311Window } from '../src/open311.ts';

const day = 86_400_000;
const now = new Date('2026-11-30T12:00:00Z');

describe('the Open311 request window', () => {
  it('defaults to the 90 days before now', () => {
    expect(open311Window(undefined, undefined, now)).toEqual({ start: new Date(now.getTime() - 90 * day), end: now });
  });

  it('fills a missing end after the start and a missing start before the end', () => {
    const start = new Date('2026-01-01T00:00:00Z');
    expect(open311Window(start, undefined, now)).toEqual({ start, end: new Date(start.getTime() + 90 * day) });
    expect(open311Window(undefined, start, now)).toEqual({ start: new Date(start.getTime() - 90 * day), end: start });
  });

  it('refuses a backwards window and one longer than the spec allows', () => {
    expect(open311Window(now, new Date(now.getTime() - day), now)).toBe('start_date must be before end_date');
    expect(open311Window(new Date(now.getTime() - (OPEN311_MAX_SPAN_DAYS + 1) * day), now, now)).toMatch(/at most 90 days/);
    expect(open311Window(new Date(now.getTime() - OPEN311_MAX_SPAN_DAYS * day), now, now)).not.toBeTypeOf('string');
  });
});
