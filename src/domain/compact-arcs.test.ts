import type { LineString } from 'geojson';
import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../../scripts/make-corpus';
import { compileDataDir } from '../../scripts/lib/compile-dir';
import { arcSpecOf, arcSpecOfLazy, lazyArcs, markArcs } from './compact-arcs';
import type { ArticleBundle } from './types';

function seedBundle(): ArticleBundle {
  const r = compileDataDir('data');
  if ('errors' in r) throw new Error('seed data does not compile');
  return r.data.bundles[0]!;
}

const flowLines = (b: ArticleBundle): LineString[] =>
  b.claims.flatMap((c) => c.geometry.features.filter((f) => f.properties.mark === 'flow' && f.geometry.type === 'LineString').map((f) => f.geometry as LineString));

/** What the worker and the page each do with one file's text. */
function roundTrip(text: string): { page: ArticleBundle; marks: Uint8Array } {
  const marks = markArcs(JSON.parse(text) as ArticleBundle);
  const page = JSON.parse(text) as ArticleBundle;
  lazyArcs(page, marks);
  return { page, marks };
}

describe('flow arcs held as their ends', () => {
  const sources: [string, ArticleBundle][] = [
    ['the compiled seed (5 decimals)', seedBundle()],
    ['a generated corpus article (4 decimals)', generateCorpus({ claims: 300, articles: 1, seed: 4 }).bundles[0]!],
  ];

  for (const [name, bundle] of sources) {
    it(`${name}: every flow is marked as an arc, and the page's bundle serialises to the file's bytes`, () => {
      const text = JSON.stringify(bundle);
      const { page, marks } = roundTrip(text);
      const lines = flowLines(page);
      expect(lines.length).toBeGreaterThan(5);
      expect(marks.length).toBe(lines.length);
      expect([...marks].every((d) => d > 0)).toBe(true);
      // Held lazily: nothing computed until read.
      expect(lines.every((l) => arcSpecOfLazy(l) !== null && typeof Object.getOwnPropertyDescriptor(l, 'coordinates')?.get === 'function')).toBe(true);
      expect(JSON.stringify(page)).toBe(text);
    });

    it(`${name}: a lazy line reads, spreads and clones as the stored coordinates`, () => {
      const text = JSON.stringify(bundle);
      const stored = flowLines(JSON.parse(text) as ArticleBundle);
      const lazy = flowLines(roundTrip(text).page);
      for (let i = 0; i < stored.length; i++) {
        expect(structuredClone(lazy[i])).toEqual(stored[i]);
        expect({ ...lazy[i]! }).toEqual(stored[i]);
        expect(lazy[i]!.coordinates).toEqual(stored[i]!.coordinates);
        expect(lazy[i]!.coordinates).toBe(lazy[i]!.coordinates); // computed once
      }
    });
  }

  it('leaves a line that is not exactly the arc between its ends as it is', () => {
    const bundle = generateCorpus({ claims: 100, articles: 1, seed: 2 }).bundles[0]!;
    const lines = flowLines(bundle);
    const bent = lines[0]!;
    const mid = bent.coordinates.length >> 1;
    bent.coordinates[mid] = [bent.coordinates[mid]![0]! + 0.0001, bent.coordinates[mid]![1]!];
    const other = lines[1]!;
    other.coordinates[other.coordinates.length - 2] = [other.coordinates.at(-2)![0]!, other.coordinates.at(-2)![1]! - 0.0001];
    expect(arcSpecOf(bent)).toBeNull();
    expect(arcSpecOf(other)).toBeNull();
    expect(arcSpecOf({ type: 'LineString', coordinates: [[1, 2], [3, 4]] })).toBeNull();
    const text = JSON.stringify(bundle);
    const { page, marks } = roundTrip(text);
    expect([...marks.slice(0, 2)]).toEqual([0, 0]);
    expect(marks[2]).toBeGreaterThan(0);
    const pageLines = flowLines(page);
    expect(arcSpecOfLazy(pageLines[0]!)).toBeNull();
    expect(arcSpecOfLazy(pageLines[1]!)).toBeNull();
    expect(arcSpecOfLazy(pageLines[2]!)).not.toBeNull();
    expect(JSON.stringify(page)).toBe(text);
  });

  it('takes fewer marks than lines (an older worker) as "not an arc" for the rest', () => {
    const bundle = generateCorpus({ claims: 100, articles: 1, seed: 2 }).bundles[0]!;
    const text = JSON.stringify(bundle);
    const page = JSON.parse(text) as ArticleBundle;
    lazyArcs(page, markArcs(JSON.parse(text) as ArticleBundle).slice(0, 1));
    const lines = flowLines(page);
    expect(arcSpecOfLazy(lines[0]!)).not.toBeNull();
    expect(lines.slice(1).every((l) => arcSpecOfLazy(l) === null)).toBe(true);
    expect(JSON.stringify(page)).toBe(text);
  });
});
