import { describe, expect, it } from 'vitest';
import type { LineString, MultiPolygon, Polygon, Position } from 'geojson';
import { bboxOf, continuousRing, drawableAcrossAntimeridian, lineMidpoint, roundCoord, smallestLongitudeSpan } from './bounds';

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

describe('continuousRing', () => {
  it('makes a ring that jumps across the antimeridian continuous, its middle inside ±180', () => {
    const island: Position[] = [[179, 71], [-179, 71], [-179, 72], [179, 72], [179, 71]];
    expect(continuousRing(island)).toEqual([[179, 71], [181, 71], [181, 72], [179, 72], [179, 71]]);
    const eastFirst: Position[] = [[-178, 71], [-178, 72], [179, 72], [179, 71], [-178, 71]];
    expect(continuousRing(eastFirst)).toEqual([[-178, 71], [-178, 72], [-181, 72], [-181, 71], [-178, 71]]);
    const farEast: Position[] = [[-170, 60], [-170, 61], [179, 61], [-170, 60]];
    expect(continuousRing(farEast)).toEqual([[-170, 60], [-170, 61], [-181, 61], [-170, 60]]);
  });

  it('leaves a ring that does not cross as it is', () => {
    const square: Position[] = [[10, 10], [20, 10], [20, 20], [10, 10]];
    expect(continuousRing(square)).toBe(square);
  });

  it('closes a ring around a pole through the pole, not with an edge back across the world', () => {
    const antarctica: Position[] = [[-180, -84], [-90, -70], [0, -75], [90, -68], [179.5, -84], [-180, -84]];
    expect(continuousRing(antarctica)).toEqual([[-180, -84], [-90, -70], [0, -75], [90, -68], [179.5, -84], [180, -84], [180, -90], [-180, -90], [-180, -84]]);
  });
});

describe('drawableAcrossAntimeridian', () => {
  it('makes each ring of a (multi)polygon continuous and keeps anything that crosses nothing as it is', () => {
    const fiji: Polygon = { type: 'Polygon', coordinates: [[[179, -17], [-179, -17], [-179, -16], [179, -17]]] };
    expect(drawableAcrossAntimeridian(fiji)).toEqual({ type: 'Polygon', coordinates: [[[179, -17], [181, -17], [181, -16], [179, -17]]] });
    const russia: MultiPolygon = { type: 'MultiPolygon', coordinates: [[[[30, 60], [60, 70], [179, 66], [-175, 66], [-175, 64], [179, 64], [30, 60]]], [[[20, 54], [22, 54], [22, 55], [20, 54]]]] };
    const drawn = drawableAcrossAntimeridian(russia) as MultiPolygon;
    expect(drawn.coordinates[0]![0]!.map((p) => p[0])).toEqual([30, 60, 179, 185, 185, 179, 30]);
    expect(drawn.coordinates[1]![0]).toBe(russia.coordinates[1]![0]);
    const square: Polygon = { type: 'Polygon', coordinates: [[[10, 10], [20, 10], [20, 20], [10, 10]]] };
    expect(drawableAcrossAntimeridian(square)).toBe(square);
    const line: LineString = { type: 'LineString', coordinates: [[179, 0], [-179, 0]] };
    expect(drawableAcrossAntimeridian(line)).toBe(line);
  });

  it('moves a hole that crosses nothing with its outer ring when that ring is written past ±180', () => {
    // An outer ring across the antimeridian (170°E–170°W) and a lake at 175°W, in the ring's east part.
    const island: Polygon = {
      type: 'Polygon',
      coordinates: [
        [[170, 60], [-170, 60], [-170, 65], [170, 65], [170, 60]],
        [[-176, 62], [-174, 62], [-174, 63], [-176, 62]],
      ],
    };
    const drawn = drawableAcrossAntimeridian(island) as Polygon;
    expect(drawn.coordinates[0]!.map((p) => p[0])).toEqual([170, 190, 190, 170, 170]);
    expect(drawn.coordinates[1]!.map((p) => p[0])).toEqual([184, 186, 186, 184]);
  });
});
