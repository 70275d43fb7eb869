import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PRECISIONS, type ArticleBundle, type DataIndex } from '../src/domain/types';
import { checkBundle, generateCorpus, main, parseArgs, serializeCorpus } from './make-corpus';

const corpus = generateCorpus({ claims: 600, articles: 6, seed: 7 });
const claims = corpus.bundles.flatMap((b) => b.claims.map((c) => ({ b, c })));

describe('make-corpus', () => {
  it('gives the same bytes for the same seed and different bytes for another seed', () => {
    const again = serializeCorpus(generateCorpus({ claims: 600, articles: 6, seed: 7 }));
    expect([...again]).toEqual([...serializeCorpus(corpus)]);
    const other = serializeCorpus(generateCorpus({ claims: 600, articles: 6, seed: 8 }));
    expect(other.get('index.json')).not.toEqual(again.get('index.json'));
  });

  it('writes exactly the requested number of claims and articles, and an index that counts them', () => {
    expect(corpus.bundles).toHaveLength(6);
    expect(claims).toHaveLength(600);
    expect(corpus.index.articles.map((a) => a.claimCount)).toEqual(corpus.bundles.map((b) => b.claims.length));
    expect(corpus.index.articles.map((a) => a.slug)).toEqual(corpus.bundles.map((b) => b.article.slug));
  });

  it('quotes real spans of the article text, and time phrases stand inside them', () => {
    for (const { b, c } of claims) {
      expect(b.article.text.slice(c.quote.start, c.quote.end)).toBe(c.quote.text);
      if (c.when.phraseSpan) {
        expect(c.when.phraseSpan.start).toBeGreaterThanOrEqual(c.quote.start);
        expect(c.when.phraseSpan.end).toBeLessThanOrEqual(c.quote.end);
        expect(b.article.text.slice(c.when.phraseSpan.start, c.when.phraseSpan.end)).toBe(c.when.phrase);
      }
    }
    for (const b of corpus.bundles) expect(() => checkBundle(b)).not.toThrow();
  });

  it('mixes flows, points, lines and areas, every precision, and all three stances', () => {
    const marks = new Set(claims.flatMap(({ c }) => c.geometry.features.map((f) => f.properties.mark)));
    expect([...marks].sort()).toEqual(['area', 'flow', 'line', 'point']);
    expect(new Set(claims.map(({ c }) => c.when.precision))).toEqual(new Set(PRECISIONS));
    expect(new Set(claims.map(({ c }) => c.stance))).toEqual(new Set(['asserted', 'denied', 'disputed']));
    const flow = claims.find(({ c }) => c.geometry.features[0]?.properties.mark === 'flow')?.c;
    expect(flow?.geometry.features[0]?.geometry.type).toBe('LineString');
    // A curved arc, not a straight segment: its middle lies off the chord.
    const coords = flow?.geometry.features[0]?.geometry.type === 'LineString' ? flow.geometry.features[0].geometry.coordinates : [];
    expect(coords.length).toBeGreaterThan(8);
    const [x0 = 0, y0 = 0] = coords[0] ?? [];
    const [x1 = 0, y1 = 0] = coords.at(-1) ?? [];
    const [xm = 0, ym = 0] = coords[Math.floor(coords.length / 2)] ?? [];
    const chord = Math.hypot(x1 - x0, y1 - y0);
    expect(Math.hypot(xm - (x0 + x1) / 2, ym - (y0 + y1) / 2)).toBeGreaterThan(chord * 0.05);
  });

  it('spreads intervals over about a year and returns to the same places again and again', () => {
    const starts = claims.map(({ c }) => c.when.start).sort();
    const span = (Date.parse(starts.at(-1) ?? '') - Date.parse(starts[0] ?? '')) / 86_400_000;
    expect(span).toBeGreaterThan(300);
    const perPlace = new Map<string, number>();
    for (const { c } of claims) for (const p of c.places) perPlace.set(p.id, (perPlace.get(p.id) ?? 0) + 1);
    const repeated = [...perPlace.values()].filter((n) => n >= 3).length;
    expect(repeated).toBeGreaterThan(20);
  });

  it('spreads a one-article corpus (a year-long digest) over the whole year too', () => {
    const [digest] = generateCorpus({ claims: 300, articles: 1, seed: 3 }).bundles;
    const starts = (digest?.claims ?? []).map((c) => c.when.start).sort();
    expect((Date.parse(starts.at(-1) ?? '') - Date.parse(starts[0] ?? '')) / 86_400_000).toBeGreaterThan(300);
    expect(new Set(digest?.claims.map((c) => c.when.precision))).toEqual(new Set(PRECISIONS));
    for (const c of digest?.claims ?? []) expect(c.when.end <= (digest?.article.published ?? '')).toBe(true);
    expect(() => checkBundle(digest!)).not.toThrow();
  });

  it('links denials and disputes to the claim they answer, both ways', () => {
    const countered = claims.filter(({ c }) => c.counterClaim !== null);
    expect(countered.length).toBeGreaterThan(4);
    for (const { b, c } of countered) {
      const other = b.claims.find((o) => o.id === c.counterClaim);
      expect(other?.counterClaim).toBe(c.id);
    }
  });

  // The schema is the data engineer's (issue 2); until it lands, checkBundle above guards the format.
  const schemaUrl = new URL('../src/data/bundle-schema.ts', import.meta.url);
  it.skipIf(!existsSync(schemaUrl))(
    'passes the app’s own bundle schema',
    async () => {
      const { parseBundle } = (await import(/* @vite-ignore */ schemaUrl.href)) as { parseBundle: (j: unknown) => ArticleBundle };
      for (const b of corpus.bundles) expect(() => parseBundle(JSON.parse(JSON.stringify(b)))).not.toThrow();
    },
  );

  it('rejects bad arguments with a message naming the flag', () => {
    expect(() => parseArgs(['--claims', 'lots'])).toThrow(/--claims must be a positive integer/);
    expect(() => parseArgs(['--claims', '10', '--frobnicate', '1'])).toThrow(/unknown argument "--frobnicate"/);
    expect(() => parseArgs(['--claims'])).toThrow(/--claims needs a value/);
    expect(() => generateCorpus({ claims: 5, articles: 9, seed: 1 })).toThrow(/--articles must be an integer from 1 to --claims/);
    expect(parseArgs(['--claims=10000'])).toEqual({ claims: 10000, articles: 100, seed: 1, out: 'bench/corpus/10000' });
  });

  it('writes index.json and one bundle per article under --out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'corpus-'));
    try {
      const out = join(dir, 'c');
      await main(['--claims', '50', '--articles', '3', '--seed', 'abc', '--out', out]);
      const index = JSON.parse(readFileSync(join(out, 'index.json'), 'utf8')) as DataIndex;
      expect(index.articles.reduce((n, a) => n + a.claimCount, 0)).toBe(50);
      expect(readdirSync(join(out, 'articles')).sort()).toEqual(index.articles.map((a) => `${a.slug}.json`).sort());
      expect(readdirSync(dir)).toEqual(['c']); // no temp dir left behind
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
