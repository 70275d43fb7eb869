import { describe, expect, it } from 'vitest';
import { bboxOf, lineMidpoint, roundCoord, smallestLongitudeSpan } from './bounds';

describe('bboxOf', () => {
  it('boxes points, lines and polygons', () => {
    expect(bboxOf([{ type: 'Point', coordinates: [69.17, 34.53] }])).toEqual([69.17, 34.53, 69.17, 34.53]);
    expect(
      bboxOf([
        { type: 'LineString', coordinates: [[36, 33], [69, 34], [50, 40]] },
        { type: 'Polygon', coordinates: [[[60, 30], [75, 30], [75, 38], [60, 30]]] },
      ]),
    ).toEqual([36, 30, 75, 40]);
  });

  it('keeps a Pacific-crossing arc compact (east beyond 180)', () => {
    expect(bboxOf([{ type: 'LineString', coordinates: [[139.69, 35.69], [200, 50], [241.76, 34.05]] }])).toEqual([
      139.69, 34.05, 241.76, 50,
    ]);
  });

  it('frames a polygon split at the antimeridian on its compact side', () => {
    // Chukotka-like: parts either side of 180.
    const box = bboxOf([
      {
        type: 'MultiPolygon',
        coordinates: [
          [[[170, 60], [180, 60], [180, 70], [170, 60]]],
          [[[-180, 60], [-170, 60], [-180, 70], [-180, 60]]],
        ],
      },
    ]);
    expect(box).toEqual([170, 60, 190, 70]);
  });

  it('refuses empty geometry', () => {
    expect(() => bboxOf([])).toThrow(/no coordinates/);
  });
});

describe('smallestLongitudeSpan', () => {
  it('leaves spans under 180° alone', () => {
    expect(smallestLongitudeSpan([-10, 20, 100])).toEqual([-10, 100]);
  });
  it('wraps when that is narrower', () => {
    expect(smallestLongitudeSpan([170, -175, 179])).toEqual([170, 185]);
  });
  it('leaves out the widest empty gap', () => {
    // Gaps: 119° between -179 and -60 and between 60 and 179; the first is left out.
    expect(smallestLongitudeSpan([-179, -60, 0, 60, 179])).toEqual([-60, 181]);
  });
});

describe('lineMidpoint', () => {
  it('finds the point halfway along', () => {
    expect(lineMidpoint([[0, 0], [10, 0], [10, 10]])).toEqual([10, 0]);
    expect(lineMidpoint([[0, 0], [4, 0]])).toEqual([2, 0]);
  });
});

describe('roundCoord', () => {
  it('rounds to 5 decimals and drops negative zero', () => {
    expect(roundCoord(69.1234567)).toBe(69.12346);
    expect(Object.is(roundCoord(-0.000001), 0)).toBe(true);
  });
});
