import { describe, expect, it } from 'vitest';
import { packPixelLanes } from './timeline-lanes';

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
