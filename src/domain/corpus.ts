/**
 * The "all articles" view: every article of an index shown as one bundle. Claim ids are only unique within
 * their article, so merged claims get `<slug>/<id>` ids (counter-claims prefixed the same way) and carry
 * the slug in `article`; quotes keep offsets into their own article's text, which the merged bundle does
 * not hold (its `article.text` is empty). Pure: the input bundles are never mutated.
 */
import type { Article, ArticleBundle, Claim } from './types';

/** The slug of the merged bundle. Not a valid article slug, so it can never collide with one. */
export const ALL_ARTICLES = '*';

export function mergedClaimId(slug: string, id: string): string {
  return `${slug}/${id}`;
}

/** The article slug and original id of a merged claim id ("a-1/c-3" → ["a-1", "c-3"]); null when unprefixed. */
export function splitMergedClaimId(id: string): { slug: string; id: string } | null {
  const i = id.indexOf('/');
  return i <= 0 || i === id.length - 1 ? null : { slug: id.slice(0, i), id: id.slice(i + 1) };
}

/** What the merged bundle says about itself: a title that names the count, no text, the latest date. */
export function mergedArticle(bundles: readonly ArticleBundle[]): Article {
  let published = '';
  const sources = new Set<string>();
  for (const b of bundles) {
    if (b.article.published > published) published = b.article.published;
    for (const s of b.article.sources) sources.add(s);
  }
  const n = bundles.length;
  return {
    slug: ALL_ARTICLES,
    title: `All articles (${n} article${n === 1 ? '' : 's'})`,
    published,
    publishedConfidence: 'high',
    publishedEvidence: 'the latest publication date of the merged articles',
    outlet: null,
    sources: [...sources].sort(),
    language: bundles[0]?.article.language ?? 'en',
    originalLanguage: null,
    translation: null,
    url: null,
    provenanceNote: null,
    boilerplate: [],
    review: bundles.length > 0 && bundles.every((b) => b.article.review === 'curated') ? 'curated' : 'draft',
    text: '',
  };
}

/**
 * One bundle holding every claim of `bundles`, in their order and then claim order within each. Each claim
 * is a shallow copy (geometry, places, quote are shared with the input, never modified).
 */
export function mergeBundles(bundles: readonly ArticleBundle[]): ArticleBundle {
  return { format: 1, article: mergedArticle(bundles), claims: bundles.flatMap(mergedClaimsOf) };
}

/**
 * One article's claims as the merged bundle holds them (ids prefixed, `article` set). mergeBundles is
 * these, concatenated in order; a loader can make them as each article arrives.
 */
export function mergedClaimsOf(b: ArticleBundle): Claim[] {
  const claims: Claim[] = new Array<Claim>(b.claims.length);
  let k = 0;
  const slug = b.article.slug;
  for (const c of b.claims) {
    const copy: Claim = {
      id: mergedClaimId(slug, c.id),
      kind: c.kind,
      summary: c.summary,
      quote: c.quote,
      saidBy: c.saidBy,
      reportedBy: c.reportedBy,
      stance: c.stance,
      counterClaim: c.counterClaim === null ? null : mergedClaimId(slug, c.counterClaim),
      when: c.when,
      places: c.places,
      actors: c.actors,
      magnitude: c.magnitude,
      note: c.note,
      geometry: c.geometry,
      anchor: c.anchor,
      bbox: c.bbox,
      article: slug,
    };
    // Written out field by field (one object shape for 100k copies: several times faster than a spread);
    // the optional fields only when present, as in the source.
    if (c.review !== undefined) copy.review = c.review;
    if (c.confidence !== undefined) copy.confidence = c.confidence;
    claims[k++] = copy;
  }
  return claims;
}
