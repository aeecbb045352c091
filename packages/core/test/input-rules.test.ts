import { describe, expect, it } from 'vitest';
import { findUnstorableText, parseIsoTime, unstorableText } from '../src/input-rules.ts';

describe('text PostgreSQL can store', () => {
  it('refuses a NUL and an unpaired surrogate of either half', () => {
    expect(unstorableText('a\u0000b')).toMatch(/NUL/);
    expect(unstorableText('\uD800')).toMatch(/surrogate/);
    expect(unstorableText('x\uDFFF')).toMatch(/surrogate/);
    expect(unstorableText('\uDC00\uD800')).toMatch(/surrogate/);
  });

  it('lets every other character through: paired surrogates, bidi marks, joiners, controls', () => {
    for (const ok of ['', 'plain', '👩‍👧 🌊', '\u202Eevil\u202C', '\u200F\u200E\u2066', 'tab\tnew\nline\u0001', '\uFFFD', 'ﬁ']) expect(unstorableText(ok), JSON.stringify(ok)).toBeUndefined();
  });

  it('names where in a JSON value the bad text is, keys included, first field first', () => {
    expect(findUnstorableText({ a: 'ok', b: ['ok', { c: 'x\u0000' }], d: '\uD800' })).toEqual({ path: ['b', '1', 'c'], message: expect.stringMatching(/NUL/) });
    expect(findUnstorableText({ answers: { 'k\uD800': 1 } })?.path).toEqual(['answers', 'k\uFFFD']);
    expect(findUnstorableText({ a: 1, b: null, c: [true, 'fine \u202E'] })).toBeUndefined();
    expect(findUnstorableText('\u0000')?.path).toEqual([]);
  });

  it('walks a deeply nested value without overflowing the stack', () => {
    const deep = JSON.parse(`${'['.repeat(200_000)}"\\u0000"${']'.repeat(200_000)}`);
    expect(findUnstorableText(deep)?.path).toHaveLength(200_000);
  });
});

describe('ISO 8601 times', () => {
  it('reads dates and date-times as instants', () => {
    expect(parseIsoTime('2026-01-31')).toEqual(new Date('2026-01-31T00:00:00Z'));
    expect(parseIsoTime('2026-01-31T09:00:00Z')).toEqual(new Date('2026-01-31T09:00:00Z'));
    expect(parseIsoTime('2026-01-31T09:00:00.123+01:00')).toEqual(new Date('2026-01-31T08:00:00.123Z'));
    expect(parseIsoTime('2024-02-29')).toEqual(new Date('2024-02-29T00:00:00Z'));
  });

  it('refuses what Date.parse would read loosely', () => {
    for (const bad of ['-1', '1', '2026', 'yesterday', '2026-02-30', '2025-02-29', '2026-13-01', '2026-01-31T24:00:00Z', '2026-01-31T09:60Z', '+275760-09-13', '']) {
      expect(typeof parseIsoTime(bad), bad).toBe('string');
    }
  });
});
