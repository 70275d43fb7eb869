/** Start-up: read the URL, load the index and the article, then hand the URL state to the store. */
import type { AppStore } from '../store/app-store';
import { parseUrlState } from '../store/url-state';
import { quoteForNotice } from '../store/url-state';
import { DataLoadError, loadArticle, loadIndex } from './load-data';
import { applyUrlState, startUrlSync } from './url-sync';

export const DEFAULT_INDEX = 'data/index.json';

/** Where the index came from, for loading another article of it later. */
let source = { indexPath: DEFAULT_INDEX, baseUrl: '' };

export async function bootstrap(store: AppStore, search: string, baseUrl: string): Promise<() => void> {
  const { state: url, notices } = parseUrlState(search);
  const st = store.getState();
  for (const n of notices) st.addNotice(n);
  st.startLoading();
  const indexPath = url.data ?? DEFAULT_INDEX;
  source = { indexPath, baseUrl };
  try {
    const index = await loadIndex(indexPath, baseUrl);
    st.setIndex(index);
    let slug = url.article;
    if (slug && !index.articles.some((a) => a.slug === slug)) {
      st.addNotice(`There is no article ${quoteForNotice(slug)}; showing “${index.articles[0]!.title}”.`);
      slug = null;
    }
    const bundle = await loadArticle(indexPath, slug ?? index.articles[0]!.slug, baseUrl);
    store.getState().setBundle(bundle);
    applyUrlState(store, url);
    return startUrlSync(store, url.data);
  } catch (err) {
    const detail =
      err instanceof DataLoadError
        ? err.detail
        : { file: indexPath, message: err instanceof Error ? err.message : String(err) };
    store.getState().setLoadError(detail);
    return () => undefined;
  }
}

/** Opens another article of the loaded index (the header's article picker). */
export async function switchArticle(store: AppStore, slug: string): Promise<void> {
  const st = store.getState();
  // A draft may carry the slug of a published article: only the published one counts as "already shown".
  if ((!st.showingDraft && st.bundle?.article.slug === slug) || !st.index?.articles.some((a) => a.slug === slug)) return;
  try {
    const bundle = await loadArticle(source.indexPath, slug, source.baseUrl);
    store.getState().setBundle(bundle);
    store.getState().resetFilters();
    store.getState().requestCamera({ type: 'fit-all' });
  } catch (err) {
    const text = err instanceof DataLoadError ? `${err.detail.file}: ${err.detail.message}` : String(err);
    store.getState().addNotice(`Could not open that article (${text}).`);
  }
}
