/**
 * Start-up: read the URL, load the index, then either every article (the all-articles view) or the one
 * asked for, and hand the URL state to the store. Without `a=`, an index of several articles opens on all
 * of them; a single-article index opens on its article.
 */
import { NO_FILTERS, type AppStore, type OpeningFilters } from '../store/app-store';
import { parseUrlState } from '../store/url-state';
import { quoteForNotice } from '../store/url-state';
import { ALL_ARTICLES, mergedClaimId, splitMergedClaimId } from '../domain/corpus';
import type { DataIndex } from '../domain/types';
import { getClaimIndex } from '../store/claim-index';
import { AllArticlesBuilder } from '../store/all-articles-builder';
import { DataLoadError, loadArticle, loadArticles, loadIndex, type ArticleLoader, type LoadedArticles } from './load-data';
import { applyUrlState, openingFilters, startUrlSync } from './url-sync';
import { createWorkerLoader } from './worker-loader';

export const DEFAULT_INDEX = 'data/index.json';

/** Where the index came from, for loading other articles of it later. */
let source = { indexPath: DEFAULT_INDEX, baseUrl: '' };
interface Loader {
  load: ArticleLoader;
  dispose: () => void;
  selfLimiting?: boolean;
  /** Start on the index's articles before they are asked for (see article-queue.ts). */
  prefetch?: (indexPath: string, baseUrl: string) => void;
}
/** How articles are loaded in the browser (tests can swap it). */
let makeLoader: () => Loader = createWorkerLoader;
/** A loader started at boot, before the index was read, for a link that may open every article. */
let early: Loader | null = null;

function takeEarlyLoader(): Loader | null {
  const loader = early;
  early = null;
  return loader;
}

export function setArticleLoaderFactory(factory: typeof makeLoader): void {
  makeLoader = factory;
}

/** Notices shown at most for this many failed articles; the rest are counted. */
const MAX_FAILURE_NOTICES = 5;
const COUNT = new Intl.NumberFormat('en-GB');

/** The view a link opens: `*` (all articles) or one slug of the index. */
function viewFor(store: AppStore, index: DataIndex, asked: string | null): string {
  if (asked === ALL_ARTICLES) return index.articles.length > 1 ? ALL_ARTICLES : index.articles[0]!.slug;
  if (asked && index.articles.some((a) => a.slug === asked)) return asked;
  const fallback = index.articles.length > 1 ? ALL_ARTICLES : index.articles[0]!.slug;
  if (asked) {
    const what = fallback === ALL_ARTICLES ? 'all articles' : `“${index.articles[0]!.title}”`;
    store.getState().addNotice(`There is no article ${quoteForNotice(asked)}; showing ${what}.`);
  }
  return fallback;
}

/**
 * Loads every article of the index with progress in the store, then shows them merged. Articles that fail
 * get a notice each (file and problem); if none loads, the error screen names the first failure.
 */
async function loadAll(store: AppStore, opening?: OpeningFilters): Promise<boolean> {
  const st = store.getState();
  const index = st.index;
  if (!index) return false;
  const slugs = index.articles.map((a) => a.slug);
  const cached = st.articles;
  const missing = slugs.filter((s) => !cached.has(s));
  st.setLoadProgress({ done: slugs.length - missing.length, total: slugs.length });
  const loader = takeEarlyLoader() ?? makeLoader();
  // Each article is merged and indexed as it arrives, while the page waits for the next ones.
  const builder = new AllArticlesBuilder();
  let lastPaint = 0;
  let result: LoadedArticles;
  try {
    result = await loadArticles(source.indexPath, missing, source.baseUrl, {
      load: loader.load,
      concurrency: loader.selfLimiting ? missing.length : 6,
      onLoaded: (b) => builder.add(b),
      onProgress: (done, total) => {
        // A store update per article would re-render the overlay a thousand times: a few per second is plenty.
        const now = performance.now();
        if (done < total && now - lastPaint < 120) return;
        lastPaint = now;
        store.getState().setLoadProgress({ done: slugs.length - total + done, total: slugs.length });
      },
    });
  } finally {
    loader.dispose();
  }
  performance.mark('claim-atlas:articles-loaded');
  const loaded = new Map(result.bundles.map((b) => [b.article.slug, b]));
  const bundles = slugs.flatMap((s) => {
    const b = cached.get(s) ?? loaded.get(s);
    return b ? [b] : [];
  });
  const failures = result.failures;
  if (bundles.length === 0) {
    const first = failures[0] ?? { file: source.indexPath, message: 'no article could be loaded' };
    const more = failures.length > 1 ? ` (and ${COUNT.format(failures.length - 1)} other article files failed too)` : '';
    store.getState().setLoadError({ file: first.file, message: `${first.message}${more}` });
    return false;
  }
  const t0 = performance.now();
  // The store's subscribers (the map among them) run inside this call: the measure covers them too.
  store.getState().setAllArticles(bundles, builder, opening);
  performance.measure('claim-atlas:show-all-articles', { start: t0, end: performance.now() });
  const rest = `showing the other ${COUNT.format(bundles.length)} article${bundles.length === 1 ? '' : 's'}`;
  for (const f of failures.slice(0, MAX_FAILURE_NOTICES)) {
    store.getState().addNotice(`Could not load ${f.file}: ${f.message}; ${rest}.`);
  }
  if (failures.length > MAX_FAILURE_NOTICES) {
    store.getState().addNotice(`${COUNT.format(failures.length - MAX_FAILURE_NOTICES)} more article files could not be loaded.`);
  }
  return true;
}

export async function bootstrap(store: AppStore, search: string, baseUrl: string): Promise<() => void> {
  const { state: url, notices } = parseUrlState(search);
  const st = store.getState();
  for (const n of notices) st.addNotice(n);
  st.startLoading();
  // A link's saved view is where the map opens, before any data: it then tiles the basemap once, for that
  // view, while the articles download (applyUrlState asks for the same view again once they are in).
  if (url.map) st.requestCamera({ type: 'view', view: url.map }, false);
  const indexPath = url.data ?? DEFAULT_INDEX;
  source = { indexPath, baseUrl };
  // A link without a=, or with a=*, opens every article when the index has several: start on them now,
  // while the page is still busy starting React and the map (the workers read the index themselves).
  takeEarlyLoader()?.dispose();
  if (url.article === null || url.article === ALL_ARTICLES) {
    early = makeLoader();
    early.prefetch?.(indexPath, baseUrl);
  }
  try {
    const index = await loadIndex(indexPath, baseUrl);
    st.setIndex(index);
    const view = viewFor(store, index, url.article);
    // The link's filters go in with the bundle, so the map tiles and counts it once, under them.
    const notices: string[] = [];
    const opening = openingFilters(url, (text) => notices.push(text));
    if (view === ALL_ARTICLES) {
      if (!(await loadAll(store, opening))) return () => undefined;
    } else {
      takeEarlyLoader()?.dispose();
      store.getState().setBundle(await loadArticle(indexPath, view, baseUrl), opening);
    }
    for (const text of notices) store.getState().addNotice(text);
    applyUrlState(store, { ...url, claim: claimForView(url.claim, view) }, { filtersSet: true });
    return startUrlSync(store, url.data);
  } catch (err) {
    takeEarlyLoader()?.dispose();
    const detail =
      err instanceof DataLoadError
        ? err.detail
        : { file: indexPath, message: err instanceof Error ? err.message : String(err) };
    store.getState().setLoadError(detail);
    return () => undefined;
  }
}

/**
 * A claim id from a link, as the opened view names it: a per-article link's claim opens in the all view
 * fine only when prefixed; an all-view id "<slug>/<id>" opened on that one article drops its prefix.
 */
function claimForView(claim: string | null, view: string): string | null {
  if (claim === null) return null;
  const merged = splitMergedClaimId(claim);
  if (view === ALL_ARTICLES) return claim;
  return merged && merged.slug === view ? merged.id : claim;
}

/**
 * Opens another view of the loaded index (the header's switcher, the panel's "Open this article alone"):
 * a slug, or ALL_ARTICLES. The open claim stays open when the new view holds it; filters are reset.
 */
export async function switchArticle(store: AppStore, slug: string, claimId?: string): Promise<void> {
  const st = store.getState();
  const all = slug === ALL_ARTICLES;
  // A draft may carry the slug of a published article: only the published one counts as "already shown".
  if (!st.showingDraft && st.bundle?.article.slug === slug && claimId === undefined) return;
  if (!st.index || (!all && !st.index.articles.some((a) => a.slug === slug))) return;
  if (st.loadProgress) return; // already loading every article
  const keep = claimId ?? (st.showingDraft ? null : carriedClaim(st.selectedId, st.bundle?.article.slug ?? null, slug));
  try {
    // The filters are cleared with the view's bundle, not after it: the map counts and tiles it once.
    if (all) {
      if (st.allBundle) st.showAllArticles(NO_FILTERS);
      else if (!(await loadAll(store, NO_FILTERS))) return;
    } else {
      const bundle = st.articles.get(slug) ?? (await loadArticle(source.indexPath, slug, source.baseUrl));
      store.getState().setBundle(bundle, NO_FILTERS);
    }
    const now = store.getState();
    const i = keep === null ? undefined : now.bundle ? getClaimIndex(now.bundle).byId.get(keep) : undefined;
    const claim = i === undefined ? null : now.bundle!.claims[i]!;
    if (claim) {
      now.select(claim.id, 'panel');
      if (claim.geometry.features.length > 0) now.requestCamera({ type: 'bbox', bbox: claim.bbox });
      else now.requestCamera({ type: 'fit-all' });
    } else now.requestCamera({ type: 'fit-all' });
  } catch (err) {
    const text = err instanceof DataLoadError ? `${err.detail.file}: ${err.detail.message}` : String(err);
    store.getState().setLoadProgress(null);
    store.getState().addNotice(`Could not open that article (${text}).`);
  }
}

/** The selected claim's id in the view being opened, or null when that view does not hold it. */
function carriedClaim(selected: string | null, from: string | null, to: string): string | null {
  if (selected === null || from === null) return null;
  if (to === ALL_ARTICLES) return from === ALL_ARTICLES ? selected : mergedClaimId(from, selected);
  const merged = splitMergedClaimId(selected);
  return from === ALL_ARTICLES && merged?.slug === to ? merged.id : null;
}
