import { describe, expect, it } from 'vitest';
import { MAX_VERTICES, parseBBox, vertexCount } from '../src/geometry.ts';
import { GeometryInputSchema } from '../src/schemas/geometry.ts';

const messages = (value: unknown) => {
  const r = GeometryInputSchema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('geometry input', () => {
  it('accepts a point, a line and an area', () => {
    expect(messages({ type: 'Point', coordinates: [-3.2, 56.4] })).toEqual([]);
    expect(
      messages({
        type: 'LineString',
        coordinates: [
          [-3.2, 56.4],
          [-3.21, 56.41],
        ],
      }),
    ).toEqual([]);
    expect(
      messages({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 0],
          ],
        ],
      }),
    ).toEqual([]);
  });

  it('names a latitude out of range in words a resident understands', () => {
    expect(messages({ type: 'Point', coordinates: [-3.2, 91] })).toEqual(['coordinates.1: Latitude must be between -90 and 90']);
    expect(messages({ type: 'Point', coordinates: [181, 56] })[0]).toContain('Longitude must be between -180 and 180');
  });

  it('refuses open rings, one-point lines and other types', () => {
    expect(
      messages({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 1],
          ],
        ],
      })[0],
    ).toContain('must end where it starts');
    expect(messages({ type: 'LineString', coordinates: [[0, 0]] })[0]).toContain('at least two points');
    expect(messages({ type: 'MultiPoint', coordinates: [[0, 0]] }).length).toBeGreaterThan(0);
  });

  it('caps the number of vertices', () => {
    const coords = Array.from({ length: MAX_VERTICES + 1 }, (_, i) => [i / 10000, 56] as [number, number]);
    expect(messages({ type: 'LineString', coordinates: coords })[0]).toContain(`at most ${MAX_VERTICES}`);
    expect(
      vertexCount({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 0],
          ],
        ],
      }),
    ).toBe(4);
  });
});

describe('bbox', () => {
  it('parses west,south,east,north', () => {
    expect(parseBBox('-3.4,56.38,-3.0,56.48')).toEqual([-3.4, 56.38, -3.0, 56.48]);
  });
  it.each(['1,2,3', '1,2,3,4,5', 'a,b,c,d', '-3.4,200,-3,56', '-3.4,56.5,-3,56.4', '1,,2,3'])('rejects %s with a message', (text) => {
    expect(typeof parseBBox(text)).toBe('string');
  });
});
