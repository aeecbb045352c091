import { createRoot } from 'solid-js';
import { describe, expect, it, vi } from 'vitest';
import { createLocating, createPlaceSearch } from '../../src/report-flow/steps/where-state.ts';

describe('createPlaceSearch', () => {
  it('asks for two letters, then searches, and says what it found', async () => {
    const find = vi.fn(async (q: string) => [{ name: `${q} Road`, kind: 'street', center: [1, 2] }] as never);
    await createRoot(async (dispose) => {
      const s = createPlaceSearch(find);
      s.setQuery('a');
      await s.search();
      expect(s.state()).toBe('short');
      expect(find).not.toHaveBeenCalled();
      s.setQuery('Mill');
      await s.search();
      expect(s.state()).toBe('done');
      expect(s.results()).toHaveLength(1);
      expect(s.message()).toMatch(/1/);
      s.clear();
      expect(s.state()).toBe('idle');
      dispose();
    });
  });

  it('keeps only the latest of two searches', async () => {
    let first!: (v: never) => void;
    const find = vi.fn((q: string) => (q === 'one' ? new Promise<never>((r) => (first = r)) : Promise.resolve([] as never)));
    await createRoot(async (dispose) => {
      const s = createPlaceSearch(find);
      s.setQuery('one');
      const a = s.search();
      s.setQuery('two');
      await s.search();
      first([{ name: 'late' }] as never);
      await a;
      expect(s.results()).toEqual([]);
      dispose();
    });
  });
});

describe('createLocating', () => {
  it('places the report where the phone is, rounded, and says how accurate', () => {
    createRoot((dispose) => {
      const onLocated = vi.fn();
      const geolocation = { getCurrentPosition: (ok: PositionCallback) => ok({ coords: { longitude: 1.123456789, latitude: 52.987654321, accuracy: 12.4 } } as GeolocationPosition) } as Geolocation;
      const gps = createLocating(onLocated, geolocation);
      gps.locate();
      expect(onLocated).toHaveBeenCalledWith([1.1234568, 52.9876543]);
      expect(gps.locating()).toBe('located');
      expect(gps.message()).toMatch(/12/);
      dispose();
    });
  });

  it('says when the phone cannot tell', () => {
    createRoot((dispose) => {
      const none = createLocating(() => undefined, undefined);
      none.locate();
      expect(none.locating()).toBe('unsupported');
      const denied = createLocating(() => undefined, {
        getCurrentPosition: (_ok: PositionCallback, fail?: PositionErrorCallback | null) => fail?.({ code: 1, PERMISSION_DENIED: 1 } as GeolocationPositionError),
      } as Geolocation);
      denied.locate();
      expect(denied.locating()).toBe('denied');
      dispose();
    });
  });
});
