import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError, SIGN_IN_THROTTLE } from '@groundswell/core';
import { createStaff } from '@groundswell/db';
import { json, testApp } from './helpers.ts';
import { hashPassword } from '../src/staff/passwords.ts';
import { signIn } from '../src/staff/sign-in.ts';

// Hardening defects 1 and 2: the throttle counts before it checks, and strangers elsewhere
// can slow an account down but not lock its officer out.

let ctx: Awaited<ReturnType<typeof testApp>>;
const ORIGIN = 'http://gs.test';
const PASSWORD = 'correct horse battery';
let now = new Date('2026-11-01T12:00:00Z');

const login = (email: string, password: string) =>
  ctx.app.request('/api/staff/login', { method: 'POST', headers: { 'content-type': 'application/json', origin: ORIGIN }, body: JSON.stringify({ email, password }) });

/** The use-case itself, from a given address (the route takes it from the socket or a trusted proxy). */
async function attempt(email: string, password: string, address: string): Promise<{ status: number; retryAfter?: number | undefined; detail?: string }> {
  try {
    await signIn(ctx.deps, { email, password, address });
    return { status: 200 };
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    return { status: err.code === 'rate_limited' ? 429 : err.code === 'unauthorized' ? 401 : 500, retryAfter: err.retryAfterSeconds, detail: err.message };
  }
}

beforeAll(async () => {
  ctx = await testApp();
  ctx.deps.clock = { now: () => now };
  const passwordHash = await hashPassword(PASSWORD);
  for (const name of ['race', 'pair', 'slow', 'many']) await createStaff(ctx.database, { email: `${name}@council.example`, name: `Officer ${name}`, role: 'officer', passwordHash, teamCodes: [] });
});
afterAll(() => ctx?.close());

describe('hardening: the sign-in throttle counts first (defect 1)', () => {
  it('checks at most the budget of 200 parallel guesses from one address, and the right password after them is refused', async () => {
    const guesses = Array.from({ length: 200 }, (_, i) => `wrong-guess-${i}`);
    const answers = await Promise.all([...guesses, PASSWORD].map((p) => login('race@council.example', p)));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(SIGN_IN_THROTTLE.perPair);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(200 - SIGN_IN_THROTTLE.perPair);
    expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([]);
    // The right password came after the budget was spent: it did not sign in.
    expect(statuses.at(-1)).toBe(429);
    const last = answers.at(-1)!;
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await json(last)).detail).toMatch(/Forgot your password\?/);
    expect((await login('race@council.example', PASSWORD)).status).toBe(429);
  });
});

describe('hardening: strangers cannot lock an officer out (defect 2)', () => {
  it('keeps the budget of each account and address pair apart', async () => {
    const stranger = await Promise.all(Array.from({ length: 6 }, (_, i) => attempt('pair@council.example', `wrong-${i}`, '203.0.113.7')));
    expect(stranger.map((a) => a.status).sort()).toEqual([401, 401, 401, 401, 401, 429]);
    // The same account from the officer's own address: still its whole budget.
    expect((await attempt('pair@council.example', 'typo', '198.51.100.20')).status).toBe(401);
    expect((await attempt('pair@council.example', PASSWORD, '198.51.100.20')).status).toBe(200);
  });

  it('slows an account hammered from many addresses progressively, but not from an address it signed in from', async () => {
    expect((await attempt('slow@council.example', PASSWORD, '198.51.100.30')).status).toBe(200);
    // Strangers, one guess from each of 30 addresses: the allowance, then waiting.
    const strangers = [];
    for (let i = 0; i < 30; i++) strangers.push(await attempt('slow@council.example', `wrong-${i}`, `203.0.113.${100 + i}`));
    expect(strangers.slice(0, SIGN_IN_THROTTLE.perAccount).every((a) => a.status === 401)).toBe(true);
    const slowed = strangers.slice(SIGN_IN_THROTTLE.perAccount);
    expect(slowed.every((a) => a.status === 429)).toBe(true);
    expect(slowed[0]!.retryAfter).toBe(SIGN_IN_THROTTLE.slowdownBaseSeconds);
    expect(slowed[0]!.detail).toMatch(/Forgot your password\?/);
    expect(slowed[0]!.detail).not.toMatch(/administrator/);

    // The officer, from the address they signed in from before, gets in at once.
    expect((await attempt('slow@council.example', PASSWORD, '198.51.100.30')).status).toBe(200);
    // From an address the account does not know, even the right password waits its turn.
    expect((await attempt('slow@council.example', PASSWORD, '192.0.2.55')).status).toBe(429);

    // Progressive: once the wait has passed one more guess is checked, and the next wait is twice as long.
    now = new Date(now.getTime() + SIGN_IN_THROTTLE.slowdownBaseSeconds * 1000);
    expect((await attempt('slow@council.example', 'wrong-again', '203.0.113.200')).status).toBe(401);
    const next = await attempt('slow@council.example', 'wrong-again', '203.0.113.201');
    expect(next.status).toBe(429);
    expect(next.retryAfter).toBe(SIGN_IN_THROTTLE.slowdownBaseSeconds * 2);
  });

  it('does not count successful sign-ins against the address', async () => {
    for (let i = 0; i < SIGN_IN_THROTTLE.perAddress + 5; i++) expect((await attempt('many@council.example', PASSWORD, '198.51.100.40')).status).toBe(200);
  });
});
