/**
 * Cuts the article at every claim and boilerplate boundary so overlapping quotes can all be shown: each
 * segment lists every claim covering it, outermost (longest) first, so the reader can nest one element per
 * claim and the innermost — the most specific — is what a click hits.
 */
import type { Article, Claim } from './types';

export interface Segment {
  start: number;
  end: number;
  /** Claim positions covering the segment, outermost first. */
  claims: number[];
  boilerplate: boolean;
}

export function segmentArticle(article: Article, claims: readonly Claim[]): Segment[] {
  const len = article.text.length;
  const cuts = new Set<number>([0, len]);
  const clamp = (n: number) => Math.max(0, Math.min(len, n));
  for (const c of claims) {
    cuts.add(clamp(c.quote.start));
    cuts.add(clamp(c.quote.end));
  }
  for (const b of article.boilerplate) {
    cuts.add(clamp(b.start));
    cuts.add(clamp(b.end));
  }
  const points = [...cuts].sort((a, b) => a - b);
  // Sweep: claims sorted by start; an active list per segment. O((n + s) log n) for n claims, s segments.
  const order = claims
    .map((c, i) => ({ i, start: clamp(c.quote.start), end: clamp(c.quote.end) }))
    .filter((c) => c.end > c.start)
    .sort((a, b) => a.start - b.start);
  const segments: Segment[] = [];
  let next = 0;
  let active: { i: number; start: number; end: number }[] = [];
  for (let p = 0; p < points.length - 1; p++) {
    const start = points[p]!;
    const end = points[p + 1]!;
    while (next < order.length && order[next]!.start <= start) active.push(order[next++]!);
    active = active.filter((c) => c.end > start);
    const covering = active
      .filter((c) => c.start <= start && c.end >= end)
      .sort((a, b) => b.end - b.start - (a.end - a.start) || a.i - b.i)
      .map((c) => c.i);
    const boilerplate = article.boilerplate.some((b) => b.start <= start && b.end >= end);
    segments.push({ start, end, claims: covering, boilerplate });
  }
  return segments;
}
