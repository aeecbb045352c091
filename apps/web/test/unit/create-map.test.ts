import { afterEach, describe, expect, it, vi } from 'vitest';
// MapLibre itself is mocked (setup.ts): the pure parts of the factory need no WebGL.
import { mapOptions, STYLE_TIMEOUT_MS, watchBasemap } from '../../src/map/create-map.ts';
import { BASE_SOURCE, fallbackStyle } from '../../src/map/fallback-style.ts';

/** The plain style of a page without an origin (tests run without a page). */
const FALLBACK_STYLE = fallbackStyle('http://localhost');

/** A stand-in map: listeners by event, and the styles set on it. */
function fakeMap() {
  const listeners = new Map<string, Set<() => void>>();
  const styles: unknown[] = [];
  return {
    styles,
    emit: (type: string) => {
      for (const l of listeners.get(type) ?? []) l();
    },
    on: (type: string, l: () => void) => void (listeners.get(type) ?? listeners.set(type, new Set()).get(type)!).add(l),
    off: (type: string, l: () => void) => void listeners.get(type)?.delete(l),
    setStyle: (style: unknown) => void styles.push(style),
    count: (type: string) => listeners.get(type)?.size ?? 0,
  };
}

afterEach(() => vi.useRealTimers());

describe('mapOptions', () => {
  const container = {} as HTMLElement;
  it('uses the configured style, the council bounds and no rotation', () => {
    const o = mapOptions(container, { config: { mapStyleUrl: 'https://tiles/style.json', bounds: [1, 2, 3, 4] }, labels: { map: 'Map', zoomIn: 'In', zoomOut: 'Out' }, padding: 24 });
    expect(o).toMatchObject({ style: 'https://tiles/style.json', bounds: [1, 2, 3, 4], fitBoundsOptions: { padding: 24 }, dragRotate: false, pitchWithRotate: false, touchPitch: false });
    expect(o.locale).toEqual({ 'Map.Title': 'Map', 'NavigationControl.ZoomIn': 'In', 'NavigationControl.ZoomOut': 'Out' });
  });

  it('starts on the plain style when none is configured, and lets a map add its own options', () => {
    const o = mapOptions(container, { config: { mapStyleUrl: '', bounds: [0, 0, 1, 1] }, labels: { map: 'Map' }, options: { doubleClickZoom: false } });
    expect(o.style).toEqual(FALLBACK_STYLE);
    expect(o.fitBoundsOptions).toEqual({ padding: 16 });
    expect(o.locale).toEqual({ 'Map.Title': 'Map' });
    expect(o.doubleClickZoom).toBe(false);
  });
});

describe('watchBasemap', () => {
  it('falls back to the plain style when the configured one fails to load', () => {
    const map = fakeMap();
    const onFallback = vi.fn();
    watchBasemap(map, onFallback);
    map.emit('error');
    expect(map.styles).toEqual([FALLBACK_STYLE]);
    expect(onFallback).toHaveBeenCalledTimes(1);
    map.emit('error');
    expect(onFallback).toHaveBeenCalledTimes(1);
  });

  it('gives up on a style that never answers', () => {
    vi.useFakeTimers();
    const map = fakeMap();
    const onFallback = vi.fn();
    watchBasemap(map, onFallback);
    vi.advanceTimersByTime(STYLE_TIMEOUT_MS - 1);
    expect(onFallback).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onFallback).toHaveBeenCalledTimes(1);
  });

  it('leaves errors after a loaded style to MapLibre, and stops listening', () => {
    vi.useFakeTimers();
    const map = fakeMap();
    const onFallback = vi.fn();
    watchBasemap(map, onFallback);
    map.emit('style.load');
    map.emit('error');
    vi.advanceTimersByTime(STYLE_TIMEOUT_MS * 2);
    expect(onFallback).not.toHaveBeenCalled();
    expect(map.count('error')).toBe(0);
  });
});

describe('fallbackStyle', () => {
  it("draws the council's own base tiles from our server, with labels that need no glyph server", () => {
    const style = fallbackStyle('https://council.example');
    expect(style.sources[BASE_SOURCE]).toMatchObject({ type: 'vector', tiles: ['https://council.example/tiles/base/{z}/{x}/{y}.mvt'] });
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
    const layers = style.layers.map((l) => [l.id, 'source-layer' in l ? l['source-layer'] : undefined]);
    expect(layers).toEqual([
      ['background', undefined],
      ['base-area-outline', 'areas'],
      ['base-ditches', 'ditches'],
      ['base-area-labels', 'areas'],
      ['base-place-dots', 'places'],
      ['base-places', 'places'],
    ]);
  });
});
