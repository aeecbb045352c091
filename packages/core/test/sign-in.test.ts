import { describe, expect, it } from 'vitest';
import { SIGN_IN_THROTTLE, accountDelaySchedule, accountDelaySeconds, secondsUntil, signInBuckets, signInFormProblems, signInThrottled, throttleWindow } from '../src/sign-in.ts';
import { PASSWORD_RESET, newPasswordProblems, resetLinkExpiry, resetRequestBuckets } from '../src/passwords.ts';

describe('sign-in rules', () => {
  it('counts an account case-insensitively, per address, and per pair of the two', () => {
    expect(signInBuckets('Kasia@Council.example', '192.0.2.1')).toEqual({
      pair: 'login-fail:pair:kasia@council.example:192.0.2.1',
      address: 'login-fail:address:192.0.2.1',
      account: 'kasia@council.example',
    });
  });

  it('puts a moment in its fixed window and says how many whole minutes are left', () => {
    const w = throttleWindow(new Date('2026-11-30T10:07:30Z'), 15);
    expect(w.start.toISOString()).toBe('2026-11-30T10:00:00.000Z');
    expect(w.retryMinutes).toBe(8);
    expect(throttleWindow(new Date('2026-11-30T10:14:59Z'), 15).retryMinutes).toBe(1);
  });

  it('throttles past the pair or the address budget, counting the attempt itself', () => {
    expect(signInThrottled({ byPair: SIGN_IN_THROTTLE.perPair, byAddress: 1 })).toBe(false);
    expect(signInThrottled({ byPair: SIGN_IN_THROTTLE.perPair + 1, byAddress: 1 })).toBe(true);
    expect(signInThrottled({ byPair: 1, byAddress: SIGN_IN_THROTTLE.perAddress })).toBe(false);
    expect(signInThrottled({ byPair: 1, byAddress: SIGN_IN_THROTTLE.perAddress + 1 })).toBe(true);
  });

  it('slows an account progressively instead of locking it: doubling waits, capped at 15 minutes', () => {
    const n = SIGN_IN_THROTTLE.perAccount;
    expect(accountDelaySeconds(n - 1)).toBe(0);
    expect(accountDelaySeconds(n)).toBe(30);
    expect(accountDelaySeconds(n + 1)).toBe(60);
    expect(accountDelaySeconds(n + 2)).toBe(120);
    expect(accountDelaySeconds(n + 50)).toBe(900);
    const schedule = accountDelaySchedule();
    expect(schedule.at(-1)).toBe(900);
    expect(schedule).toEqual(schedule.map((_, i) => accountDelaySeconds(i + 1)));
  });

  it('rounds Retry-After up to whole seconds, never zero', () => {
    const now = new Date('2026-11-30T10:00:00Z');
    expect(secondsUntil(new Date('2026-11-30T10:00:30.2Z'), now)).toBe(31);
    expect(secondsUntil(now, now)).toBe(1);
  });

  it('names the fields of the sign-in form that cannot be right', () => {
    expect(signInFormProblems({ email: '', password: '' })).toEqual(['email', 'password']);
    expect(signInFormProblems({ email: 'kasia@council', password: 'x' })).toEqual(['email']);
    expect(signInFormProblems({ email: 'kasia@council.example', password: 'x' })).toEqual([]);
  });
});

describe('password rules', () => {
  it('limits reset requests per address and per recipient, whatever the case of the email', () => {
    expect(resetRequestBuckets('Kasia@Council.example', '192.0.2.1')).toEqual({ address: 'password-reset:address:192.0.2.1', recipient: 'password-reset:recipient:kasia@council.example' });
  });

  it('gives a link the officer asked for an hour, and one an administrator sent a day', () => {
    const now = new Date('2026-11-30T10:00:00Z');
    expect(resetLinkExpiry(now, false).toISOString()).toBe('2026-11-30T11:00:00.000Z');
    expect(resetLinkExpiry(now, true).getTime() - now.getTime()).toBe(PASSWORD_RESET.adminIssuedMinutes * 60_000);
  });

  it('checks a new password typed twice', () => {
    expect(newPasswordProblems({ password: 'short', repeat: 'short' })).toEqual(['short']);
    expect(newPasswordProblems({ password: 'a-long-enough-password', repeat: 'a-long-enough-passw0rd' })).toEqual(['mismatch']);
    expect(newPasswordProblems({ password: 'a-long-enough-password', repeat: 'a-long-enough-password' })).toEqual([]);
  });
});
