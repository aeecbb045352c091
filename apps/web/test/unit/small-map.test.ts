import { describe, expect, it } from 'vitest';
// MapLibre itself is mocked (setup.ts): the box of a shape needs no WebGL.
import { bboxOf } from '../../src/map/small-map.ts';

describe('bboxOf', () => {
  it('is a point itself for a point, so the small map centres it', () => {
    expect(bboxOf({ type: 'Point', coordinates: [-3.2, 56.4] })).toEqual([-3.2, 56.4, -3.2, 56.4]);
  });

  it('spans every vertex of a line, an area and a multi-area', () => {
    expect(
      bboxOf({
        type: 'LineString',
        coordinates: [
          [-3.21, 56.41],
          [-3.2, 56.43],
          [-3.23, 56.42],
        ],
      }),
    ).toEqual([-3.23, 56.41, -3.2, 56.43]);
    const ring: [number, number][] = [
      [1, 1],
      [3, 1],
      [3, 4],
      [1, 1],
    ];
    expect(bboxOf({ type: 'Polygon', coordinates: [ring] })).toEqual([1, 1, 3, 4]);
    expect(
      bboxOf({
        type: 'MultiPolygon',
        coordinates: [
          [ring],
          [
            [
              [-2, 0],
              [0, 0],
              [0, 2],
              [-2, 0],
            ],
          ],
        ],
      }),
    ).toEqual([-2, 0, 3, 4]);
  });
});
