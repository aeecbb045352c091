/**
 * The pure rules behind the insight figures (packages/core/src/insight.ts) and the network
 * (joining lines), and that every insight and network endpoint is in the OpenAPI document.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atRiskReasons, conditionFromReport, isDue, joinLines, lastTwelveMonths, monthsBefore, percentile, previousQuarter, quarterOf, resolvedWithinPromise, worseCondition } from '@groundswell/core';
import { monthsOf } from '@groundswell/db';
import { json, testApp } from './helpers.ts';

describe('insight rules', () => {
  it('interpolates percentiles between the closest ranks, like PERCENTILE.INC', () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(percentile([7], 0.9)).toBe(7);
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentile([10, 1, 4, 3, 2, 5, 6, 7, 8, 9], 0.9)).toBeCloseTo(9.1, 10);
  });

  it('counts a resolution on the promise as within it, and an open report past it as due', () => {
    const created = new Date('2026-03-01T10:00:00Z');
    const base = { createdAt: created, acknowledgedAt: created, responseDays: 5 };
    expect(resolvedWithinPromise({ ...base, state: 'fixed', resolvedAt: new Date('2026-03-06T10:00:00Z') })).toBe(true);
    expect(resolvedWithinPromise({ ...base, state: 'fixed', resolvedAt: new Date('2026-03-06T10:00:01Z') })).toBe(false);
    expect(resolvedWithinPromise({ ...base, state: 'duplicate', resolvedAt: new Date('2026-03-02T10:00:00Z') })).toBe(false);
    const now = new Date('2026-03-07T00:00:00Z');
    expect(isDue({ ...base, state: 'in_progress', resolvedAt: null }, now)).toBe(true);
    expect(isDue({ ...base, state: 'in_progress', resolvedAt: null }, new Date('2026-03-05T00:00:00Z'))).toBe(false);
    expect(isDue({ ...base, state: 'hidden', resolvedAt: created }, now)).toBe(false);
    expect(isDue({ ...base, state: 'closed', resolvedAt: null }, now)).toBe(false);
  });

  it('works out quarters, the default twelve months and months before a day', () => {
    expect(quarterOf(new Date('2026-11-22T10:00:00Z'))).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(previousQuarter(new Date('2026-01-15T00:00:00Z'))).toEqual({ from: '2025-10-01', to: '2025-12-31' });
    expect(lastTwelveMonths(new Date('2026-11-22T10:00:00Z'))).toEqual({ from: '2025-12-01', to: '2026-11-22' });
    expect(monthsBefore(new Date('2026-08-31T12:00:00Z'), 6).toISOString()).toBe('2026-02-28T12:00:00.000Z');
    expect(monthsOf({ from: '2025-11-15', to: '2026-02-01' })).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });

  it('reads a blocked-ditch answer as a condition, and ranks conditions', () => {
    expect(conditionFromReport('blocked_ditch', { how_blocked: 'collapsed' })).toBe('collapsed');
    expect(conditionFromReport('blocked_ditch', { how_blocked: 'something' })).toBeNull();
    expect(conditionFromReport('litter', { how_blocked: 'blocked' })).toBeNull();
    expect(worseCondition('clear', 'unknown')).toBe('unknown');
    expect(worseCondition('blocked', 'partly_blocked')).toBe('blocked');
    expect(worseCondition('blocked', 'collapsed')).toBe('collapsed');
    const now = new Date('2026-11-01T00:00:00Z');
    expect(atRiskReasons({ condition: 'blocked', lastInspectedAt: null }, now)).toEqual(['condition', 'not_inspected']);
    expect(atRiskReasons({ condition: 'clear', lastInspectedAt: new Date('2026-06-01T00:00:00Z') }, now)).toEqual([]);
    expect(atRiskReasons({ condition: 'clear', lastInspectedAt: new Date('2026-04-30T00:00:00Z') }, now)).toEqual(['not_inspected']);
  });

  it('joins two lines only where an end meets an end, in the right order', () => {
    const a: [number, number][] = [
      [0, 0],
      [0, 0.001],
      [0, 0.002],
    ];
    const b: [number, number][] = [
      [0.001, 0.003],
      [0, 0.002],
    ];
    expect(joinLines(a, b)).toEqual([
      [0, 0],
      [0, 0.001],
      [0, 0.002],
      [0.001, 0.003],
    ]);
    expect(joinLines(b, a)).toEqual([
      [0.001, 0.003],
      [0, 0.002],
      [0, 0.001],
      [0, 0],
    ]);
    expect(
      joinLines(a, [
        [1, 1],
        [1, 2],
      ]),
    ).toBeUndefined();
  });
});

describe('the OpenAPI document', () => {
  let ctx: Awaited<ReturnType<typeof testApp>>;
  beforeAll(async () => {
    ctx = await testApp();
  });
  afterAll(() => ctx?.close());

  it('documents every insight and network endpoint', async () => {
    const doc = await json(await ctx.app.request('/api/openapi.json'));
    const want: Array<[string, 'get' | 'post']> = [
      ['/api/insight/volume', 'get'],
      ['/api/insight/response-times', 'get'],
      ['/api/insight/top-supported', 'get'],
      ['/api/insight/hexagons', 'get'],
      ['/api/staff/insight/response-times', 'get'],
      ['/api/staff/insight/hexagons', 'get'],
      ['/api/assets', 'get'],
      ['/api/assets/at-risk', 'get'],
      ['/api/assets/{code}', 'get'],
      ['/api/staff/assets', 'post'],
      ['/api/staff/assets/{code}/split', 'post'],
      ['/api/staff/assets/join', 'post'],
      ['/api/staff/assets/{code}/inspections', 'post'],
    ];
    for (const [path, method] of want) expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    expect(doc.paths['/api/assets'].get.description).toMatch(/70% of its length within 15 m/);
    expect(Object.keys(doc.paths['/api/insight/volume'].get.responses[200].content)).toEqual(['application/json', 'text/csv']);
  });
});
