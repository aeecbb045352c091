import { describe, expect, it } from 'vitest';
import { OPEN311_MAX_SPAN_DAYS, open311Jurisdiction, open311JurisdictionError, open311MissingContact, open311UpdateStatus, open311UpdatesWindow, open311Window } from '../src/open311.ts';

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

describe('the Open311 updates window', () => {
  it('defaults to the day before now, and a day after a lone start', () => {
    expect(open311UpdatesWindow(undefined, undefined, now)).toEqual({ start: new Date(now.getTime() - day), end: now });
    const start = new Date('2026-11-01T00:00:00Z');
    expect(open311UpdatesWindow(start, undefined, now)).toEqual({ start, end: new Date(start.getTime() + day) });
    expect(open311UpdatesWindow(undefined, start, now)).toEqual({ start: new Date(start.getTime() - day), end: start });
  });

  it('refuses a backwards or over-long window', () => {
    expect(open311UpdatesWindow(now, new Date(now.getTime() - 1), now)).toBe('start_date must be before end_date');
    expect(open311UpdatesWindow(new Date(now.getTime() - 91 * day), now, now)).toMatch(/at most 90 days/);
  });
});

describe('Open311 update statuses', () => {
  it("are open or closed, or FixMyStreet's more precise word", () => {
    expect(open311UpdateStatus('new')).toBe('open');
    expect(open311UpdateStatus('acknowledged')).toBe('investigating');
    expect(open311UpdateStatus('in_progress')).toBe('in_progress');
    expect(open311UpdateStatus('fixed')).toBe('fixed');
    expect(open311UpdateStatus('closed')).toBe('closed');
    expect(open311UpdateStatus('referred')).toBe('not_councils_responsibility');
    expect(open311UpdateStatus('duplicate')).toBe('duplicate');
  });
});

describe('the Open311 jurisdiction', () => {
  it('is the public host; another one is refused by name, none is fine', () => {
    const ours = open311Jurisdiction('https://Reports.Council.example.org/');
    expect(ours).toBe('reports.council.example.org');
    expect(open311JurisdictionError(undefined, ours)).toBeUndefined();
    expect(open311JurisdictionError('', ours)).toBeUndefined();
    expect(open311JurisdictionError('REPORTS.council.example.org', ours)).toBeUndefined();
    expect(open311JurisdictionError('elsewhere.gov', ours)).toMatch(/jurisdiction_id "elsewhere.gov"/);
  });
});

describe('contact details on an Open311 request', () => {
  it('lists what the category asks for and the client did not send, instead of refusing', () => {
    const required = { name: true, email: true, phone: false };
    expect(open311MissingContact(required, {})).toEqual(['name', 'email']);
    expect(open311MissingContact(required, { name: 'Ada', email: 'a@example.org' })).toEqual([]);
    expect(open311MissingContact({ name: false, email: false, phone: false }, {})).toEqual([]);
  });
});
