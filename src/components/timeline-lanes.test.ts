import { describe, expect, it } from 'vitest';
import { columnDensity, packPixelLanes } from './timeline-lanes';

describe('packPixelLanes', () => {
  it('lets short bars share a lane when they do not touch on screen, at their minimum width', () => {
    // Two 1-px bars 30 px apart share lane 0; a third 5 px after the first would touch it (min 10 px).
    const r = packPixelLanes([0, 30, 5], [1, 31, 6], 10);
    expect(Array.from(r.lane)).toEqual([0, 0, 1]);
    expect(r.rows).toBe(2);
    expect(r.overflow).toEqual([]);
  });

  it('caps the rows and sums up the rest of a dense day in one +N mark', () => {
    const n = 12;
    const x0 = Array.from({ length: n }, () => 100);
    const x1 = Array.from({ length: n }, () => 103);
    const r = packPixelLanes(x0, x1, 5);
    expect(r.rows).toBe(5);
    const shown = Array.from(r.hidden).filter((h) => h === 0).length;
    expect(shown).toBe(4);
    expect(r.overflow).toHaveLength(1);
    expect(r.overflow[0]!.members).toHaveLength(8);
    expect(Math.max(...Array.from(r.lane))).toBe(4);
  });

  it('keeps separate marks for separate crowded days', () => {
    const x0 = [0, 0, 0, 200, 200, 200];
    const r = packPixelLanes(x0, x0, 2);
    expect(r.overflow.map((m) => m.members.length)).toEqual([2, 2]);
  });
});

/** The first-fit packer as it was written before the heaps: the reference the fast one must equal. */
function naiveLanes(x0: number[], x1: number[], minPx: number, gapPx = 2): number[] {
  const right = (i: number) => Math.max(x1[i]!, x0[i]! + minPx);
  const order = x0.map((_, i) => i).sort((a, b) => x0[a]! - x0[b]! || right(b) - right(a) || a - b);
  const lane = new Array<number>(x0.length).fill(0);
  const ends: number[] = [];
  for (const i of order) {
    let l = ends.findIndex((e) => e + gapPx <= x0[i]!);
    if (l < 0) {
      l = ends.length;
      ends.push(right(i));
    } else ends[l] = right(i);
    lane[i] = l;
  }
  return lane;
}

describe('packPixelLanes at scale', () => {
  it('gives exactly the lanes of a linear first-fit scan', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const x0 = Array.from({ length: 3000 }, () => Math.floor(rand() * 900));
    const x1 = x0.map((x) => x + Math.floor(rand() * rand() * 200));
    const r = packPixelLanes(x0, x1, Number.MAX_SAFE_INTEGER, 3);
    expect(Array.from(r.lane)).toEqual(naiveLanes(x0, x1, 3));
  });

  it('packs 100,000 bars in well under a second', () => {
    const x0 = Array.from({ length: 100_000 }, (_, i) => (i * 7919) % 1000);
    const x1 = x0.map((x) => x + 1);
    const t = performance.now();
    const r = packPixelLanes(x0, x1, Number.MAX_SAFE_INTEGER, 3);
    expect(performance.now() - t).toBeLessThan(1000);
    expect(r.rows).toBeGreaterThan(100);
  });
});

describe('columnDensity', () => {
  it('counts each claim in every column it covers, by kind, and hidden claims apart', () => {
    // Claim 0: kind 1, columns 2–4; claim 1: kind 1, column 3; claim 2: filtered out, columns 0–1.
    const d = columnDensity([2, 3.2, 0], [5, 3.4, 2], [1, 1, 0], [1, 1, 0], 2, 6);
    const row = (k: number) => Array.from(d.counts.slice(k * d.width, (k + 1) * d.width));
    expect(row(1)).toEqual([0, 0, 1, 2, 1, 0]);
    expect(row(0)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(row(2)).toEqual([1, 1, 0, 0, 0, 0]);
    expect(d.max).toBe(2);
  });
});
