import { describe, expect, it } from 'vitest';
import { RESIDENT_LINK, RESIDENT_SESSION_DAYS, residentEmail, residentLinkBuckets, residentLinkExpiry, residentSessionExpiry } from '../src/rules.ts';

describe('my reports on any device: the rules', () => {
  it('matches an address trimmed and in any case', () => {
    expect(residentEmail('  Ann.Resident@Example.ORG ')).toBe('ann.resident@example.org');
  });

  it('counts link requests per network address and per mailbox, a +tag being the same mailbox', () => {
    const a = residentLinkBuckets('Ann+one@Example.org', '203.0.113.5');
    const b = residentLinkBuckets('ann+two@example.org', '198.51.100.7');
    expect(a.recipient).toBe(b.recipient);
    expect(a.address).not.toBe(b.address);
    expect(a.recipient).not.toBe(residentLinkBuckets('bob@example.org', '203.0.113.5').recipient);
    // The two kinds never share a bucket.
    expect(a.address.startsWith('me-link:address:')).toBe(true);
    expect(a.recipient.startsWith('me-link:recipient:')).toBe(true);
  });

  it('lets a link live half an hour and a session a month', () => {
    const now = new Date('2026-11-30T09:00:00Z');
    expect(RESIDENT_LINK.validMinutes).toBe(30);
    expect(residentLinkExpiry(now).toISOString()).toBe('2026-11-30T09:30:00.000Z');
    expect(RESIDENT_SESSION_DAYS).toBe(30);
    expect(residentSessionExpiry(now).toISOString()).toBe('2026-12-30T09:00:00.000Z');
  });
});
