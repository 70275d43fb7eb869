/**
 * Builds the merged all-articles bundle (src/domain/corpus.ts) and its claim index a piece at a time: each
 * article's merged claims and index part are made when it arrives, while the page waits for the next
 * ones, so the moment the last article lands only the joining is left (at 100k claims a cold merge and
 * index cost a few hundred milliseconds of a busy main thread). The result equals mergeBundles' output
 * and getClaimIndex's index of it (all-articles-builder.test.ts).
 */
import { mergedArticle, mergedClaimsOf } from '../domain/corpus';
import type { ArticleBundle, Claim } from '../domain/types';
import { assembleClaimIndex, indexPart, type ClaimIndexPart } from './claim-index';

export class AllArticlesBuilder {
  private readonly done = new Map<ArticleBundle, { claims: Claim[]; part: ClaimIndexPart }>();

  /** Prepares one article (idempotent). */
  add(bundle: ArticleBundle): void {
    if (this.done.has(bundle)) return;
    const claims = mergedClaimsOf(bundle);
    this.done.set(bundle, { claims, part: indexPart(claims) });
  }

  /** The merged bundle of `bundles`, in their order (any not added yet are prepared now), with its index. */
  build(bundles: readonly ArticleBundle[]): ArticleBundle {
    const pieces = bundles.map((b) => {
      this.add(b);
      return this.done.get(b)!;
    });
    let total = 0;
    for (const p of pieces) total += p.claims.length;
    const claims = new Array<Claim>(total);
    let at = 0;
    for (const p of pieces) for (const c of p.claims) claims[at++] = c;
    const merged: ArticleBundle = { format: 1, article: mergedArticle(bundles), claims };
    assembleClaimIndex(
      merged,
      pieces.map((p) => p.part),
    );
    return merged;
  }
}
