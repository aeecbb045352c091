import { describe, expect, it } from 'vitest';
import { SIGN_IN_THROTTLE, signInBuckets, signInFormProblems, signInThrottled, throttleWindow } from '../src/sign-in.ts';

describe('sign-in rules', () => {
  it('counts an account case-insensitively and an address as given', () => {
    expect(signInBuckets('Kasia@Council.example', '192.0.2.1')).toEqual({ account: 'login-fail:account:kasia@council.example', address: 'login-fail:address:192.0.2.1' });
  });

  it('puts a moment in its fixed window and says how many whole minutes are left', () => {
    const w = throttleWindow(new Date('2026-11-30T10:07:30Z'), 15);
    expect(w.start.toISOString()).toBe('2026-11-30T10:00:00.000Z');
    expect(w.retryMinutes).toBe(8);
    expect(throttleWindow(new Date('2026-11-30T10:14:59Z'), 15).retryMinutes).toBe(1);
  });

  it('throttles at the account or the address limit', () => {
    expect(signInThrottled({ byAccount: SIGN_IN_THROTTLE.perAccount - 1, byAddress: 0 })).toBe(false);
    expect(signInThrottled({ byAccount: SIGN_IN_THROTTLE.perAccount, byAddress: 0 })).toBe(true);
    expect(signInThrottled({ byAccount: 0, byAddress: SIGN_IN_THROTTLE.perAddress })).toBe(true);
  });

  it('names the fields of the sign-in form that cannot be right', () => {
    expect(signInFormProblems({ email: '', password: '' })).toEqual(['email', 'password']);
    expect(signInFormProblems({ email: 'kasia@council', password: 'x' })).toEqual(['email']);
    expect(signInFormProblems({ email: 'kasia@council.example', password: 'x' })).toEqual([]);
  });
});
