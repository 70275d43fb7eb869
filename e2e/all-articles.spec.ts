/**
 * The all-articles view (issue 5): a data set of many articles opens on all of them at once, and a user
 * can still read each claim in its own article. The corpus is the benchmark's seeded generator, served
 * in memory (e2e/corpus-fixture.ts); expected claims, quotes and titles come from that generated corpus,
 * not from the app.
 */
import { expect, openApp, test, type Page } from './driver';
import { serveCorpus, type ServedCorpus } from './corpus-fixture';
import type { ArticleBundle, Claim } from '../src/domain/types';

const CORPUS = { claims: 2000, articles: 20, seed: 1 };

function allIds(corpus: ServedCorpus['corpus']): string[] {
  return corpus.bundles.flatMap((b) => b.claims.map((c) => `${b.article.slug}/${c.id}`)).sort();
}

/** A claim from the middle of the corpus (not the first article), with words of its own to search for. */
function pickClaim(corpus: ServedCorpus['corpus']): { bundle: ArticleBundle; claim: Claim } {
  const bundle = corpus.bundles[7]!;
  const claim = bundle.claims.find((c) => c.geometry.features.length > 0 && c.summary.length > 12) ?? bundle.claims[0]!;
  return { bundle, claim };
}

async function open(page: Page, extra = '') {
  const served = await serveCorpus(page, CORPUS);
  const app = await openApp(page, `?data=${served.dataParam}${extra}`);
  return { app, ...served };
}

test.describe('all articles at once', () => {
  test('given a data set of 20 articles, when it opens without a=, then every claim of every article is shown', async ({ page }) => {
    const { app, corpus } = await open(page);
    await expect(app.count).toHaveText('2,000 of 2,000 claims');
    expect(await app.visibleClaimIds()).toEqual(allIds(corpus));
    const options = await app.switcherOptions();
    expect(options[0]).toEqual({ value: '*', label: 'All articles (2,000 claims)' });
    expect(options.slice(1).map((o) => o.value)).toEqual(corpus.index.articles.map((a) => a.slug));
    for (const [i, a] of corpus.index.articles.entries()) expect(options[i + 1]!.label).toContain(a.title);
    await expect(app.switcher).toHaveValue('*');
    expect((await app.settledUrlParams()).a).toBe('*');
    // The reader lists the articles until one is chosen.
    await expect(app.contents.getByTestId('contents-item')).not.toHaveCount(0);
    await expect(app.contents.getByTestId('contents-item').first()).toContainText(corpus.index.articles[0]!.title);
  });

  test('given the all view, when a user switches to one article and back, then the counts follow', async ({ page }) => {
    const { app, corpus } = await open(page);
    const one = corpus.bundles[3]!;
    await app.switchTo(one.article.slug);
    await expect(app.count).toHaveText(`${one.claims.length} of ${one.claims.length} claims`);
    expect(await app.visibleClaimIds()).toEqual(one.claims.map((c) => c.id).sort());
    await expect(app.reader).toContainText(one.article.text.slice(0, 60));
    await app.switchTo('*');
    await expect(app.count).toHaveText('2,000 of 2,000 claims');
    expect(await app.visibleClaimIds()).toEqual(allIds(corpus));
  });

  test('given the all view, when a claim is picked from the list, then its quote and reader come from its own article', async ({ page }) => {
    const { app, corpus } = await open(page);
    const { bundle, claim } = pickClaim(corpus);
    const id = `${bundle.article.slug}/${claim.id}`;
    const expected = bundle.article.text.slice(claim.quote.start, claim.quote.end);
    await app.filterList(claim.summary);
    await app.listItem(id).click();
    await expect.poll(async () => (await app.urlParams()).claim).toBe(id);
    expect(await app.panelQuote()).toBe(expected);
    await expect(app.panel.getByTestId('claim-article')).toContainText(bundle.article.title);
    await expect(app.listItem(id).getByTestId('claim-item-article')).toContainText(bundle.article.title);
    // The reader turned to that article, with the claim's words highlighted and linked.
    await expect(page.getByTestId('reader-article-title')).toContainText(bundle.article.title);
    await expect.poll(() => app.readerSpanText(id)).toBe(expected);
    await expect(app.readerSpans(id).first()).toHaveClass(/is-selected/);
  });

  test('given a claim open in the all view, when "Open this article alone" is pressed, then that article opens with the claim', async ({ page }) => {
    const { corpus, dataParam } = await serveCorpus(page, CORPUS);
    const { bundle, claim } = pickClaim(corpus);
    const app = await openApp(page, `?data=${dataParam}&a=*&claim=${bundle.article.slug}/${claim.id}`);
    await app.panel.getByTestId('claim-open-article').click();
    await expect(app.count).toHaveText(`${bundle.claims.length} of ${bundle.claims.length} claims`);
    const url = await app.settledUrlParams();
    expect({ a: url.a, claim: url.claim }).toEqual({ a: bundle.article.slug, claim: claim.id });
    expect(await app.panelQuote()).toBe(bundle.article.text.slice(claim.quote.start, claim.quote.end));
  });

  test('given a permalink to a claim of the all view, when it is opened and reloaded, then the same claim shows', async ({ page }) => {
    const { corpus, dataParam } = await serveCorpus(page, CORPUS);
    const { bundle, claim } = pickClaim(corpus);
    const id = `${bundle.article.slug}/${claim.id}`;
    const expected = bundle.article.text.slice(claim.quote.start, claim.quote.end);
    const app = await openApp(page, `?data=${dataParam}&a=*&claim=${encodeURIComponent(id)}`);
    expect(await app.panelQuote()).toBe(expected);
    const url = await app.settledUrlParams();
    expect({ a: url.a, claim: url.claim }).toEqual({ a: '*', claim: id });
    // The address bar keeps the slash readable, and reopening it lands on the same claim.
    expect(await page.evaluate(() => location.search)).toContain(`claim=${id}`);
    await page.reload();
    await app.waitUntilReady();
    expect(await app.panelQuote()).toBe(expected);
    await expect(app.count).toHaveText('2,000 of 2,000 claims');
  });

  test('given one article file is missing, when the all view opens, then a notice names it and the other 19 are shown', async ({ page }) => {
    const { corpus, dataParam } = await serveCorpus(page, CORPUS);
    const missing = corpus.bundles[5]!;
    // Routes registered later win: this one answers before the corpus route.
    await page.route(`**/articles/${missing.article.slug}.json`, (route) => route.fulfill({ status: 404, body: 'gone' }));
    const app = await openApp(page, `?data=${dataParam}`);
    await expect(app.notice).toContainText(`articles/${missing.article.slug}.json`);
    await expect(app.notice).toContainText('HTTP 404');
    const rest = corpus.bundles.filter((b) => b !== missing);
    const n = rest.reduce((k, b) => k + b.claims.length, 0);
    await expect(app.count).toHaveText(`${n.toLocaleString('en-GB')} of ${n.toLocaleString('en-GB')} claims`);
    expect(await app.visibleClaimIds()).toEqual(rest.flatMap((b) => b.claims.map((c) => `${b.article.slug}/${c.id}`)).sort());
  });

  test('given one article file breaks a rule of the format, when the all view opens, then a notice names the file and the field and the other 19 are shown', async ({ page }) => {
    const { corpus, dataParam } = await serveCorpus(page, CORPUS);
    const broken = structuredClone(corpus.bundles[11]!);
    // Valid JSON, right shape, but the quote no longer matches the words it points to.
    broken.claims[3]!.quote.start += 1;
    await page.route(`**/articles/${broken.article.slug}.json`, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(broken) }));
    const app = await openApp(page, `?data=${dataParam}`);
    await expect(app.notice).toContainText(`articles/${broken.article.slug}.json`);
    await expect(app.notice).toContainText('claims[3].quote.text: is not article.text');
    const rest = corpus.bundles.filter((b) => b.article.slug !== broken.article.slug);
    const n = rest.reduce((k, b) => k + b.claims.length, 0);
    await expect(app.count).toHaveText(`${n.toLocaleString('en-GB')} of ${n.toLocaleString('en-GB')} claims`);
    expect(await app.visibleClaimIds()).toEqual(rest.flatMap((b) => b.claims.map((c) => `${b.article.slug}/${c.id}`)).sort());
  });
});

test('given the all view with a claim open, then axe finds no serious accessibility problem', async ({ page }) => {
  const { app, corpus } = await open(page);
  expect(await app.seriousAccessibilityViolations()).toEqual([]);
  const { bundle, claim } = pickClaim(corpus);
  await app.filterList(claim.summary);
  await app.listItem(`${bundle.article.slug}/${claim.id}`).click();
  await expect(app.panel).toBeVisible();
  expect(await app.seriousAccessibilityViolations()).toEqual([]);
});

test('given the seed data (one article), when the app opens without data=, then it shows that article as before', async ({ page }) => {
  const app = await openApp(page);
  const { shown, total } = await app.claimCount();
  expect(shown).toBe(total);
  expect(total).toBeGreaterThan(0);
  await expect(app.switcher).toHaveCount(0);
  await expect(app.contents).toHaveCount(0);
  const url = await app.settledUrlParams();
  expect(url.a).toBe('jihadists-syria-libya-afghanistan');
  expect(await app.visibleClaimIds()).not.toContainEqual(expect.stringContaining('/'));
});
