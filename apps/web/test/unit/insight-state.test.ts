import { createRoot } from 'solid-js';
import { describe, expect, it, vi } from 'vitest';
import type { HotSpotCollection, Volume } from '../../src/insight/api.ts';
import { createHotSpots, legendFor } from '../../src/insight/HotSpots.tsx';
import { channelShares, createInsight, monthTicks, readFilters } from '../../src/insight/insight-state.ts';
import { conditionCounts, nextSort } from '../../src/insight/network-state.ts';

const period = { from: '2026-01-01', to: '2026-03-31' };
const volume = (months: string[], series: Volume['series']): Volume => ({
  period,
  by: 'channel',
  months,
  series,
  totals: months.map((_, i) => series.reduce((n, s) => n + s.counts[i]!, 0)),
  total: series.reduce((n, s) => n + s.total, 0),
});

describe('createInsight', () => {
  it('asks for nothing until applied, then every section with the same filters, and keeps the address in step', async () => {
    const urls: string[] = [];
    const getJson = vi.fn(async (url: string) => (urls.push(url), { rows: [], series: [], months: [], totals: [], total: 0, reports: [] }) as never);
    const setAddress = vi.fn();
    await createRoot(async (dispose) => {
      const s = createInsight({ staff: false, categories: () => [], initial: readFilters('#/insight?category=litter'), setAddress, getJson });
      await vi.waitFor(() => expect(urls.length).toBe(5));
      expect(urls).toContain('/api/insight/volume?by=category&category=litter');
      expect(urls).toContain('/api/insight/response-times?by=category&category=litter');
      s.editDraft({ from: '2026-01-01' });
      s.apply();
      expect(setAddress).toHaveBeenLastCalledWith('#/insight?from=2026-01-01&category=litter');
      await vi.waitFor(() => expect(urls).toContain('/api/insight/top-supported?limit=10&from=2026-01-01&category=litter'));
      s.reset();
      expect(s.filters()).toEqual({ from: '', to: '', category: '', area: '' });
      expect(setAddress).toHaveBeenLastCalledWith('#/insight');
      dispose();
    });
  });

  it('waits for the staff session before asking the staff endpoints', async () => {
    let signedIn!: (v: unknown) => void;
    const getJson = vi.fn((url: string) =>
      url === '/api/staff/me' ? new Promise((r) => (signedIn = r)) : Promise.resolve({ rows: [], series: [], months: [], totals: [], total: 0, reports: [] }),
    ) as never;
    await createRoot(async (dispose) => {
      const s = createInsight({ staff: true, categories: () => [], getJson });
      expect(s.ready()).toBe(false);
      expect(s.timingBy()).toBe('team');
      signedIn({ name: 'Kasia', csrfToken: 'c1' });
      await vi.waitFor(() => expect(s.ready()).toBe(true));
      expect(s.csrf()).toBe('c1');
      await vi.waitFor(() => expect((getJson as unknown as { mock: { calls: unknown[] } }).mock.calls.length).toBe(6));
      dispose();
    });
  });
});

describe('insight figures', () => {
  it('compares the web and phone shares of the first and last months', () => {
    const v = volume(
      ['2026-01', '2026-02', '2026-03', '2026-04'],
      [
        { key: 'web', label: 'web', total: 6, counts: [1, 1, 2, 2] },
        { key: 'phone', label: 'phone', total: 6, counts: [3, 1, 0, 2] },
      ],
    );
    const s = channelShares(v, (m) => m)!;
    expect(s).toMatchObject({ webBefore: 2 / 6, web: 4 / 6, phoneBefore: 4 / 6, phone: 2 / 6, firstMonths: '2026-01 – 2026-02', lastMonths: '2026-03 – 2026-04' });
    expect(channelShares(undefined)).toBeUndefined();
  });

  it('thins month ticks to fit, always keeping the last month', () => {
    const months = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`);
    expect(monthTicks(months, 2000)).toEqual(months);
    const narrow = monthTicks(months, 300);
    expect(narrow.length).toBeLessThan(12);
    expect(narrow.at(-1)).toBe('2026-12');
  });

  it('sorts the at-risk table by a column, turning it round the second time', () => {
    expect(nextSort({ by: 'risk', order: 'asc' }, 'code')).toEqual({ by: 'code', order: 'asc' });
    expect(nextSort({ by: 'code', order: 'asc' }, 'code')).toEqual({ by: 'code', order: 'desc' });
    expect(nextSort({ by: 'risk', order: 'asc' }, 'risk')).toEqual({ by: 'risk', order: 'asc' });
    expect(conditionCounts(undefined)).toEqual({ clear: 0, partly_blocked: 0, blocked: 0, collapsed: 0, unknown: 0 });
  });
});

describe('createHotSpots', () => {
  const hex = (counts: number[]): HotSpotCollection => ({
    type: 'FeatureCollection',
    features: counts.map((count, i) => ({
      type: 'Feature',
      id: `h${i}`,
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 0],
          ],
        ],
      },
      properties: { i, j: 0, count, compareCount: 1, difference: count - 1 },
    })),
    period,
    comparePeriod: { from: '2025-10-01', to: '2025-12-31' },
    sizeMeters: 500,
    total: counts.reduce((a, b) => a + b, 0),
    compareTotal: counts.length,
    maxCount: Math.max(...counts),
    maxAbsDifference: Math.max(...counts.map((c) => Math.abs(c - 1))),
  });

  it('shows the periods the server chose and ranks the busiest hexagons by the view', async () => {
    const urls: string[] = [];
    await createRoot(async (dispose) => {
      const hs = createHotSpots({ base: '/api/insight', category: () => 'litter', area: () => '', getJson: async (url) => (urls.push(url), hex([3, 9, 0])) as never });
      await vi.waitFor(() => expect(hs.from()).toBe('2026-01-01'));
      expect(hs.compareTo()).toBe('2025-12-31');
      expect(urls[0]).toBe('/api/insight/hexagons?size=500&category=litter');
      expect(hs.busiest().map((f) => f.id)).toEqual(['h1', 'h0', 'h2']);
      hs.setView('difference');
      expect(hs.busiest()[0]!.id).toBe('h1');
      expect(hs.styled()?.legend.labels).toHaveLength(5);
      dispose();
    });
  });

  it('gives a count legend that covers the largest count', () => {
    const { legend } = legendFor(hex([1, 40]), 'count');
    expect(legend.labels.length).toBe(legend.colors.length);
    expect(legend.labels.at(-1)).toMatch(/40$/);
  });
});
