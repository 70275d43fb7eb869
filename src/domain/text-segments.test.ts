import { describe, expect, it } from 'vitest';
import { makeBundle } from '../store/test-fixtures/bundle';
import type { Claim } from './types';
import { segmentArticle } from './text-segments';

function at(claim: Claim, start: number, end: number): Claim {
  return { ...claim, quote: { start, end, text: '' } };
}

describe('segmentArticle', () => {
  const bundle = makeBundle();
  const text = 'abcdefghij';
  const article = { ...bundle.article, text, boilerplate: [{ start: 8, end: 10 }] };
  const base = bundle.claims[0]!;

  it('covers the whole text exactly once, in order', () => {
    const segs = segmentArticle(article, [at(base, 2, 5)]);
    expect(segs.map((s) => text.slice(s.start, s.end)).join('')).toBe(text);
    expect(segs.map((s) => [s.start, s.end, s.claims])).toEqual([
      [0, 2, []],
      [2, 5, [0]],
      [5, 8, []],
      [8, 10, []],
    ]);
    expect(segs.at(-1)!.boilerplate).toBe(true);
  });

  it('splits overlapping quotes at every boundary and lists all claims on shared words, outermost first', () => {
    // claim 0: [1, 6)   claim 1: [4, 9)   claim 2: [4, 5) nested in both
    const segs = segmentArticle(article, [at(base, 1, 6), at(base, 4, 9), at(base, 4, 5)]);
    expect(segs.map((s) => [text.slice(s.start, s.end), s.claims])).toEqual([
      ['a', []],
      ['bcd', [0]],
      ['e', [0, 1, 2]],
      ['f', [0, 1]],
      ['gh', [1]],
      ['i', [1]],
      ['j', []],
    ]);
  });

  it('orders by span length, not by bundle order: the longest claim wraps the shorter one', () => {
    const segs = segmentArticle(article, [at(base, 4, 5), at(base, 1, 9)]);
    expect(segs.find((s) => s.start === 4)!.claims).toEqual([1, 0]);
  });

  it('keeps identical quotes apart by bundle order and ignores empty or out-of-range spans', () => {
    const segs = segmentArticle(article, [at(base, 2, 4), at(base, 2, 4), at(base, 3, 3), at(base, 8, 40)]);
    expect(segs.find((s) => s.start === 2)!.claims).toEqual([0, 1]);
    expect(segs.filter((s) => s.claims.includes(2))).toEqual([]);
    expect(segs.at(-1)!.end).toBe(text.length);
  });
});
