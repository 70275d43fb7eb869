import { describe, expect, it } from 'vitest';
import { ALL_ARTICLES, mergeBundles, splitMergedClaimId } from './corpus';
import type { ArticleBundle } from './types';
import { makeBundle } from '../store/test-fixtures/bundle';

function bundleAs(slug: string, published: string): ArticleBundle {
  const b = makeBundle();
  return { ...b, article: { ...b.article, slug, title: `Title ${slug}`, published, text: `${b.article.text}` } };
}

describe('mergeBundles', () => {
  const a = bundleAs('alpha', '2021-07-28');
  const b = bundleAs('beta', '2021-08-02');
  const frozen = JSON.stringify([a, b]);
  const merged = mergeBundles([a, b]);

  it('is the all-articles bundle: slug "*", no text, the latest date', () => {
    expect(merged.article.slug).toBe(ALL_ARTICLES);
    expect(merged.article.text).toBe('');
    expect(merged.article.published).toBe('2021-08-02');
    expect(merged.format).toBe(1);
  });

  it('keeps index order, then claim order, with ids prefixed by the slug and the slug in `article`', () => {
    const ids = [...a.claims.map((c) => `alpha/${c.id}`), ...b.claims.map((c) => `beta/${c.id}`)];
    expect(merged.claims.map((c) => c.id)).toEqual(ids);
    expect(merged.claims.map((c) => c.article)).toEqual([...a.claims.map(() => 'alpha'), ...b.claims.map(() => 'beta')]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('prefixes counter-claims the same way, so the link still resolves inside the merged bundle', () => {
    const withCounter = merged.claims.filter((c) => c.counterClaim !== null);
    expect(withCounter.length).toBeGreaterThan(0);
    const ids = new Set(merged.claims.map((c) => c.id));
    for (const c of withCounter) {
      expect(c.counterClaim!.startsWith(`${c.article}/`)).toBe(true);
      expect(ids.has(c.counterClaim!)).toBe(true);
    }
  });

  it('keeps quote offsets into the claim’s own article text', () => {
    for (const c of merged.claims) {
      const source = (c.article === 'alpha' ? a : b).article.text;
      expect(source.slice(c.quote.start, c.quote.end)).toBe(c.quote.text);
    }
  });

  it('never mutates its input and leaves per-article claims without `article`', () => {
    expect(JSON.stringify([a, b])).toBe(frozen);
    expect(a.claims.every((c) => c.article === undefined && !c.id.includes('/'))).toBe(true);
  });

  it('merges nothing into an empty bundle', () => {
    expect(mergeBundles([]).claims).toEqual([]);
  });
});

describe('splitMergedClaimId', () => {
  it('splits at the first slash; ids without one are not merged ids', () => {
    expect(splitMergedClaimId('alpha/fighters-move')).toEqual({ slug: 'alpha', id: 'fighters-move' });
    expect(splitMergedClaimId('fighters-move')).toBeNull();
    expect(splitMergedClaimId('/x')).toBeNull();
    expect(splitMergedClaimId('x/')).toBeNull();
  });
});
