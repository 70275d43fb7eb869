import { describe, expect, it } from 'vitest';
import { arcBetween, arcSegmentsWithin, arcVertices, arcVerticesFlat, unwrapLongitude } from './arcs';

const DAMASCUS: [number, number] = [36.29, 33.51];
const KABUL: [number, number] = [69.17, 34.53];
const TOKYO: [number, number] = [139.69, 35.69];
const LOS_ANGELES: [number, number] = [-118.24, 34.05];

function maxStep(coords: number[][]): number {
  let max = 0;
  for (let i = 1; i < coords.length; i++) {
    max = Math.max(max, Math.abs(coords[i]![0]! - coords[i - 1]![0]!), Math.abs(coords[i]![1]! - coords[i - 1]![1]!));
  }
  return max;
}

describe('arcBetween', () => {
  it('starts exactly at the origin and ends exactly at the destination', () => {
    const arc = arcBetween(DAMASCUS, KABUL);
    expect(arc.type).toBe('LineString');
    expect(arc.coordinates[0]).toEqual(DAMASCUS);
    expect(arc.coordinates[arc.coordinates.length - 1]).toEqual(KABUL);
  });

  it('runs in the direction of travel (reversing swaps the ends)', () => {
    const back = arcBetween(KABUL, DAMASCUS);
    expect(back.coordinates[0]).toEqual(KABUL);
    expect(back.coordinates[back.coordinates.length - 1]).toEqual(DAMASCUS);
  });

  it('is dense enough to look smooth', () => {
    const arc = arcBetween(DAMASCUS, KABUL);
    expect(arc.coordinates.length).toBe(65);
    expect(maxStep(arc.coordinates)).toBeLessThan(1.5);
  });

  it('bulges to the left of travel, so opposite flows do not overlap', () => {
    // Eastward travel: the left is north.
    const east = arcBetween([0, 0], [40, 0]);
    const eastMid = east.coordinates[32]!;
    expect(eastMid[1]).toBeGreaterThan(5);
    const west = arcBetween([40, 0], [0, 0]);
    const westMid = west.coordinates[32]!;
    expect(westMid[1]).toBeLessThan(-5);
  });

  it('is symmetric about the chord midpoint', () => {
    const arc = arcBetween([0, 0], [40, 0]);
    const n = arc.coordinates.length - 1;
    for (let i = 0; i <= n; i++) {
      const p = arc.coordinates[i]!;
      const q = arc.coordinates[n - i]!;
      expect(p[0]! + q[0]!).toBeCloseTo(40, 6);
      expect(p[1]).toBeCloseTo(q[1]!, 6);
    }
    // The apex is halfway along and 20 % of the chord away from it.
    expect(arc.coordinates[n / 2]![0]).toBeCloseTo(20, 6);
  });

  it('crosses the Pacific from Tokyo to Los Angeles, never the whole world', () => {
    const arc = arcBetween(TOKYO, LOS_ANGELES);
    const last = arc.coordinates[arc.coordinates.length - 1]!;
    expect(last[0]).toBeCloseTo(-118.24 + 360, 9);
    expect(last[1]).toBe(LOS_ANGELES[1]);
    expect(maxStep(arc.coordinates)).toBeLessThan(5);
    for (const [lon] of arc.coordinates) expect(lon).toBeGreaterThanOrEqual(TOKYO[0] - 1);
  });

  it('crosses the Pacific eastward-to-westward too (Los Angeles → Tokyo)', () => {
    const arc = arcBetween(LOS_ANGELES, TOKYO);
    expect(arc.coordinates[0]).toEqual(LOS_ANGELES);
    expect(arc.coordinates[arc.coordinates.length - 1]![0]).toBeCloseTo(139.69 - 360, 9);
    expect(maxStep(arc.coordinates)).toBeLessThan(5);
  });

  it('gives a two-point line for identical endpoints', () => {
    expect(arcBetween(KABUL, KABUL).coordinates).toEqual([KABUL, KABUL]);
  });

  it('stays finite near the poles', () => {
    const arc = arcBetween([0, 89], [90, 89]);
    for (const [lon, lat] of arc.coordinates) {
      expect(Number.isFinite(lon)).toBe(true);
      expect(Number.isFinite(lat)).toBe(true);
    }
  });
});

describe('unwrapLongitude', () => {
  it.each([
    [0, 10, 10],
    [170, -170, 190],
    [-170, 170, -190],
    [0, 180, 180],
    [10, -170, -170],
    [139.69, -118.24, 241.76],
  ])('origin %d, destination %d → %d', (o, d, expected) => {
    expect(unwrapLongitude(o, d)).toBeCloseTo(expected, 9);
  });
});

describe('arcVerticesFlat', () => {
  it('holds arcBetween’s vertices bit for bit, across the antimeridian and for a place to itself', () => {
    const cases: [[number, number], [number, number], number][] = [
      [DAMASCUS, KABUL, 64],
      [TOKYO, LOS_ANGELES, 64],
      [[-70.5, -84.9], [120.25, 85.2], 31],
      [KABUL, KABUL, 8],
      [[0, 0], [0.00001, 0], 2],
    ];
    for (const [o, d, segments] of cases) {
      const flat = arcVerticesFlat(o, d, segments);
      const coords = arcBetween(o, d, { segments }).coordinates;
      const pairs = coords.length === 2 ? [coords[0]!, ...Array.from({ length: segments - 1 }, () => coords[1]!), coords[1]!] : coords;
      expect(Array.from(flat)).toEqual(pairs.flatMap((p) => [p[0]!, p[1]!]));
      expect(Array.from(flat)).toEqual(arcVertices(o, d, segments, (v) => v, Array.from({ length: segments + 1 }, (_, i) => i)).flat());
    }
  });
});

/** Web Mercator in units of `scale` per radian of longitude (pixels at zoom z: 512 · 2^z / 2π). */
function toPlane([lon, lat]: number[], scale: number): [number, number] {
  const r = Math.PI / 180;
  return [lon! * r * scale, Math.log(Math.tan(Math.PI / 4 + (lat! * r) / 2)) * scale];
}

/** How far the curve (sampled finely) strays from the n-segment line drawn for it, on the plane. */
function strayOf(o: [number, number], d: [number, number], segments: number, scale: number): number {
  const line = arcBetween(o, d, { segments }).coordinates.map((p) => toPlane(p, scale));
  const fine = 64;
  const curve = arcBetween(o, d, { segments: segments * fine }).coordinates.map((p) => toPlane(p, scale));
  let worst = 0;
  for (let i = 0; i < curve.length; i++) {
    const k = Math.min(segments - 1, Math.floor(i / fine));
    const [a, b, p] = [line[k]!, line[k + 1]!, curve[i]!];
    const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
    worst = Math.max(worst, Math.abs((b[0] - a[0]) * (a[1] - p[1]) - (a[0] - p[0]) * (b[1] - a[1])) / len);
  }
  return worst;
}

describe('arcSegmentsWithin', () => {
  const atZoom = (z: number) => (512 * 2 ** z) / (2 * Math.PI);
  const pairs: [[number, number], [number, number]][] = [
    [DAMASCUS, KABUL],
    [TOKYO, LOS_ANGELES],
    [[36.29, 33.51], [36.9, 34.2]],
    [[-70.5, -60.9], [120.25, 75.2]],
    [[68.78, 38.56], [69.17, 34.53]],
  ];

  it('draws each arc within the tolerance of its curve, with no segment to spare', () => {
    let checked = 0;
    for (const [o, d] of pairs) {
      for (const z of [0, 1, 2, 3, 5, 8]) {
        const n = arcSegmentsWithin(o, d, atZoom(z), 0.25, 1000);
        expect(strayOf(o, d, n, atZoom(z)), `${o} → ${d} at zoom ${z}, ${n} segments`).toBeLessThanOrEqual(0.25 + 1e-9);
        if (n > 2) {
          expect(strayOf(o, d, n - 1, atZoom(z)), `${o} → ${d} at zoom ${z}, ${n - 1} segments`).toBeGreaterThan(0.25 * 0.9);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('needs more segments the longer the arc is on screen, up to the most asked for', () => {
    const short = arcSegmentsWithin([36.29, 33.51], [36.9, 34.2], atZoom(1), 0.25, 23);
    const long = arcSegmentsWithin(DAMASCUS, KABUL, atZoom(1), 0.25, 23);
    expect(short).toBe(2);
    expect(long).toBeGreaterThan(short);
    expect(long).toBeLessThan(23);
    expect(arcSegmentsWithin(DAMASCUS, KABUL, atZoom(2), 0.25, 23)).toBeGreaterThan(long);
    expect(arcSegmentsWithin(TOKYO, LOS_ANGELES, atZoom(6), 0.25, 23)).toBe(23);
    // Across the Pacific, not around the world: the same count as the mirrored flight.
    expect(arcSegmentsWithin(TOKYO, LOS_ANGELES, atZoom(0), 0.25, 23)).toBe(arcSegmentsWithin(LOS_ANGELES, TOKYO, atZoom(0), 0.25, 23));
    expect(arcSegmentsWithin(KABUL, KABUL, atZoom(3), 0.25, 23)).toBe(2);
  });
});
