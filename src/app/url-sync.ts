/**
 * The URL ⇄ store binding. A link's filters are set together with the article they open (`openingFilters`:
 * ids and names can only be checked against it), then `applyUrlState` selects its claim and frames the map;
 * `startUrlSync` then mirrors the store into the query string with replaceState, debounced so map moves
 * and timeline drags do not flood the history API.
 */
import type { AppStore, OpeningFilters } from '../store/app-store';
import type { ArticleBundle } from '../domain/types';
import { getClaimIndex } from '../store/claim-index';
import { ALL_ARTICLES } from '../domain/corpus';
import { quoteForNotice, serializeUrlState, urlStateFromStore, type UrlState } from '../store/url-state';

export { urlStateFromStore };
import { dayFromIso, overlapsWindow, windowIn } from '../domain/time-window';
import { withEmbedFlag } from './embed';

/** How notices name what a bundle holds. */
function whatOf(bundle: ArticleBundle): 'these articles' | 'this article' {
  return bundle.article.slug === ALL_ARTICLES ? 'these articles' : 'this article';
}

/**
 * A link's filters (kinds, voices, time window) for the bundle it opens, checked against that bundle: a
 * name no claim has, or a window outside its dates, is dropped with a notice handed to `notice`. For
 * setBundle/setAllArticles, which set them together with the bundle.
 */
export function openingFilters(url: UrlState, notice: (text: string) => void): OpeningFilters {
  return (bundle) => {
    const index = getClaimIndex(bundle);
    const what = whatOf(bundle);
    const filters: ReturnType<OpeningFilters> = { kinds: url.kinds };

    if (url.by) {
      const known = new Set(index.voiceCounts.map((v) => v.name));
      const valid = url.by.filter((n) => known.has(n));
      const unknown = url.by.filter((n) => !known.has(n));
      if (unknown.length > 0) {
        notice(`No claim in ${what} is said or reported by ${unknown.slice(0, 3).map(quoteForNotice).join(', ')}; that filter was dropped.`);
      }
      filters.by = valid.length > 0 ? valid : null;
    }

    const domain = index.domain;
    if ((url.from || url.to) && domain) {
      const start = url.from ? dayFromIso(url.from)! : domain.start;
      const end = url.to ? dayFromIso(url.to)! : domain.end;
      if (end > start && overlapsWindow(start, end, domain)) filters.timeWindow = windowIn({ start, end }, domain);
      else notice(`The time window ${url.from ?? '…'} – ${url.to ?? '…'} lies outside ${what === 'this article' ? "this article's" : "these articles'"} dates; showing the whole timeline.`);
    }
    return filters;
  };
}

/**
 * The rest of a link once its bundle is shown: the linked claim selected, and the camera on the saved
 * view, else on that claim, else on every claim. Unless `filtersSet` (the bundle was set with
 * openingFilters), the link's filters are applied first, as a change of their own.
 */
export function applyUrlState(store: AppStore, url: UrlState, { filtersSet = false }: { filtersSet?: boolean } = {}): void {
  const st = store.getState();
  const bundle = st.bundle;
  if (!bundle) return;
  if (!filtersSet) {
    const notices: string[] = [];
    store.setState(openingFilters(url, (text) => notices.push(text))(bundle));
    for (const text of notices) st.addNotice(text);
  }
  const index = getClaimIndex(bundle);
  const what = whatOf(bundle);

  let claimBbox: readonly [number, number, number, number] | null = null;
  if (url.claim) {
    const i = index.byId.get(url.claim);
    if (i !== undefined) {
      st.select(url.claim, 'url');
      const claim = bundle.claims[i];
      if (claim && claim.geometry.features.length > 0) claimBbox = claim.bbox;
    } else st.addNotice(`${what === 'this article' ? 'This article has no' : 'None of these articles has'} claim ${quoteForNotice(url.claim)}; none is selected.`);
  }

  // A saved view wins; otherwise a linked claim is framed in the free map area beside its panel.
  st.requestCamera(url.map ? { type: 'view', view: url.map } : claimBbox ? { type: 'bbox', bbox: claimBbox } : { type: 'fit-all' }, false);
}

/** Keeps location.search in step with the store; returns the unsubscribe function. */
export function startUrlSync(store: AppStore, dataParam: string | null, delayMs = 150): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const write = () => {
    timer = null;
    const query = withEmbedFlag(serializeUrlState(urlStateFromStore(store.getState(), dataParam)));
    if (query !== location.search && !(query === '' && location.search === '?')) {
      history.replaceState(history.state, '', `${location.pathname}${query}${location.hash}`);
    }
  };
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(write, delayMs);
  };
  const unsubscribe = store.subscribe(
    (s) => [s.bundle, s.selectedId, s.timeWindow, s.kinds, s.by, s.view] as const,
    schedule,
    { equalityFn: (a, b) => a.every((v, i) => v === b[i]) },
  );
  write();
  return () => {
    unsubscribe();
    if (timer) clearTimeout(timer);
  };
}
