/**
 * Merging and indexing article by article, in whatever order they arrive, gives exactly the bundle
 * mergeBundles makes and the index getClaimIndex makes of it.
 */
import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../../scripts/make-corpus';
import { mergeBundles } from '../domain/corpus';
import { AllArticlesBuilder } from './all-articles-builder';
import { assembleClaimIndex, getClaimIndex, indexPart, type ClaimIndex } from './claim-index';

const corpus = generateCorpus({ claims: 900, articles: 9, seed: 5 });

/** An index built in one go, not through the cache (the reference). */
function freshIndex(bundle: Parameters<typeof getClaimIndex>[0]): ClaimIndex {
  return assembleClaimIndex({ ...bundle }, [indexPart(bundle.claims)]);
}

function comparable(ix: ClaimIndex) {
  return { ...ix, byId: [...ix.byId], kindCounts: [...ix.kindCounts].sort(), start: [...ix.start], end: [...ix.end], kindOf: [...ix.kindOf] };
}

describe('AllArticlesBuilder', () => {
  it('builds what mergeBundles builds, with the index getClaimIndex would make, whatever order articles arrive in', () => {
    const bundles = corpus.bundles;
    const builder = new AllArticlesBuilder();
    // Arrival order differs from index order; two articles are never added (made at build time).
    for (const i of [4, 0, 8, 2, 6, 1, 5]) builder.add(bundles[i]!);
    const built = builder.build(bundles);
    const reference = mergeBundles(bundles);
    expect(built).toEqual(reference);
    const ix = getClaimIndex(built);
    expect(ix.claims).toBe(built.claims);
    expect(comparable(ix)).toEqual(comparable(freshIndex(reference)));
    // The voices ranking and the domain are the parts that depend on every article.
    expect(ix.voiceCounts.reduce((n, v) => n + v.count, 0)).toBe(ix.voices.reduce((n, v) => n + v.length, 0));
    expect(ix.domain).toEqual(freshIndex(reference).domain);
  });

  it('refuses parts that do not cover the bundle', () => {
    const b = corpus.bundles[0]!;
    expect(() => assembleClaimIndex(b, [indexPart(b.claims.slice(1))])).toThrow(/cover/);
  });
});
