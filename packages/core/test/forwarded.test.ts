import { describe, expect, it } from 'vitest';
import { forwardedClient, normalizeAddress, parseTrustProxy, proxyMatcher } from '../src/forwarded.ts';
import { limitWindow, mailboxKey } from '../src/limits.ts';

describe('the client behind proxies', () => {
  it('takes the socket and ignores the header when no proxy is trusted', () => {
    expect(forwardedClient({ forwardedFor: '1.2.3.4', socket: '198.51.100.9' }, false)).toBe('198.51.100.9');
    expect(forwardedClient({ forwardedFor: '1.2.3.4', socket: '198.51.100.9' }, 0)).toBe('198.51.100.9');
  });

  it('with one proxy takes the hop that proxy appended, whatever the client wrote before it', () => {
    for (const written of ['', '1.2.3.4', '5.6.7.8, 9.9.9.9', 'nonsense']) {
      const forwardedFor = written ? `${written}, 203.0.113.7` : '203.0.113.7';
      expect(forwardedClient({ forwardedFor, socket: '10.0.0.2' }, true)).toBe('203.0.113.7');
      expect(forwardedClient({ forwardedFor, socket: '10.0.0.2' }, 1)).toBe('203.0.113.7');
    }
    // No header: the socket is the client (a request that bypassed the proxy).
    expect(forwardedClient({ socket: '203.0.113.7' }, true)).toBe('203.0.113.7');
  });

  it('counts hops from the right, and stops at the leftmost when there are fewer', () => {
    expect(forwardedClient({ forwardedFor: '1.1.1.1, 203.0.113.7, 10.0.0.1', socket: '10.0.0.2' }, 2)).toBe('203.0.113.7');
    expect(forwardedClient({ forwardedFor: '203.0.113.7', socket: '10.0.0.2' }, 5)).toBe('203.0.113.7');
  });

  it('skips listed proxies (addresses, CIDR ranges, presets) and trusts no header from anyone else', () => {
    const trust = ['10.0.0.0/8', '2001:db8::/32', 'loopback'];
    expect(forwardedClient({ forwardedFor: '1.2.3.4, 203.0.113.7, 10.1.2.3', socket: '::ffff:10.0.0.2' }, trust)).toBe('203.0.113.7');
    expect(forwardedClient({ forwardedFor: '1.2.3.4, 203.0.113.7', socket: '2001:db8::1' }, trust)).toBe('203.0.113.7');
    expect(forwardedClient({ forwardedFor: '1.2.3.4', socket: '198.51.100.9' }, trust)).toBe('198.51.100.9');
    expect(forwardedClient({ forwardedFor: '10.0.0.5', socket: '127.0.0.1' }, trust)).toBe('10.0.0.5');
  });

  it('lets the rightmost header hop stand for the socket when there is none (in-process requests)', () => {
    expect(forwardedClient({ forwardedFor: '203.0.113.7, 10.0.0.1' }, true)).toBe('203.0.113.7');
    expect(forwardedClient({}, true)).toBeUndefined();
  });

  it('matches IPv4, IPv6 and IPv4-mapped addresses in ranges', () => {
    const m = proxyMatcher(['192.168.0.0/16', 'fc00::/7', '::ffff:172.16.0.0/108']);
    expect(m('192.168.4.5')).toBe(true);
    expect(m('::ffff:192.168.4.5')).toBe(true);
    expect(m('192.169.0.1')).toBe(false);
    expect(m('fd12:3456::1')).toBe(true);
    expect(m('fe80::1')).toBe(false);
    expect(m('172.31.255.255')).toBe(true);
    expect(m('not an address')).toBe(false);
    expect(normalizeAddress(' ::FFFF:10.0.0.1 ')).toBe('10.0.0.1');
  });

  it('reads TRUST_PROXY as a boolean, a hop count or a proxy list, and names what it cannot read', () => {
    expect(parseTrustProxy('true')).toEqual({ ok: true, value: true });
    expect(parseTrustProxy('false')).toEqual({ ok: true, value: false });
    expect(parseTrustProxy('2')).toEqual({ ok: true, value: 2 });
    expect(parseTrustProxy('10.0.0.1, 172.16.0.0/12, uniquelocal, ::1')).toEqual({ ok: true, value: ['10.0.0.1', '172.16.0.0/12', 'uniquelocal', '::1'] });
    const bad = parseTrustProxy('10.0.0.1, 10.0.0.0/33, yes');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.message).toContain('10.0.0.0/33, yes');
  });
});

describe('limits', () => {
  it('counts a mailbox without case or +tag', () => {
    expect(mailboxKey(' Ann+news@Example.ORG ')).toBe('ann@example.org');
    expect(mailboxKey('ann@example.org')).toBe('ann@example.org');
  });

  it('puts a moment in its daily window', () => {
    const w = limitWindow(new Date('2026-11-30T23:59:30Z'), 86_400);
    expect(w.start.toISOString()).toBe('2026-11-30T00:00:00.000Z');
    expect(w.retryAfterSeconds).toBe(30);
  });
});
