/**
 * The app's one zustand store, built from typed slices (zustand docs: "slices pattern"). Loaded data is
 * kept as received and never mutated; everything shown is derived by selectors in selectors.ts.
 * `subscribeWithSelector` lets the map and the URL sync listen outside React without re-rendering it.
 */
import { createStore, type StateCreator, type StoreApi } from 'zustand/vanilla';
import { subscribeWithSelector } from 'zustand/middleware';
import type { ArticleBundle, ClaimKind, DataIndex } from '../domain/types';
import { ALL_ARTICLES } from '../domain/corpus';
import { AllArticlesBuilder } from './all-articles-builder';
import { clampWindow, shiftWindow, windowIn, type DayWindow } from '../domain/time-window';
import { getClaimIndex } from './claim-index';

export interface LoadError {
  file: string; // the file that failed, as requested ("data/articles/x.json")
  message: string; // what failed ("HTTP 404", "claims[3].when.start: expected YYYY-MM-DD")
}

/** An article drafted in this tab ("Open article"): it lives in memory only, never in the URL. */
export interface DraftArticle {
  bundle: ArticleBundle;
  slug: string;
  metaYaml: string;
  claimsYaml: string;
  /** Every claim's display features, serialised for download. */
  geojson: unknown;
  /** Claims the compiler refused (not shown, not in claimsYaml). */
  droppedCount: number;
}

export interface DataSlice {
  loadStatus: 'idle' | 'loading' | 'ready' | 'error';
  loadError: LoadError | null;
  index: DataIndex | null;
  bundle: ArticleBundle | null;
  draft: DraftArticle | null;
  /** The shown bundle is the draft (not an article of the index). */
  showingDraft: boolean;
  /** Articles of the index loaded so far, by slug (the per-article bundles, ids unprefixed). */
  articles: ReadonlyMap<string, ArticleBundle>;
  /** The merged "all articles" bundle (slug ALL_ARTICLES), once every article was asked for. */
  allBundle: ArticleBundle | null;
  /** While many articles load: how many have arrived (or failed) out of how many. */
  loadProgress: { done: number; total: number } | null;
  /** All-articles view: the article the reader shows (null = the contents list). Follows the selection. */
  readerArticle: string | null;
  startLoading: () => void;
  /** Keeps the draft and shows it, with fresh filters. */
  setDraft: (draft: DraftArticle) => void;
  showDraft: () => void;
  setIndex: (index: DataIndex) => void;
  /** Shows `bundle`; `opening` sets its filters in the same change (see OpeningFilters). */
  setBundle: (bundle: ArticleBundle, opening?: OpeningFilters) => void;
  /** Merges the loaded articles (index order) and shows them as the all-articles view; `builder` may
   *  hold the articles already prepared while they loaded; `opening` as for setBundle. */
  setAllArticles: (bundles: readonly ArticleBundle[], builder?: AllArticlesBuilder, opening?: OpeningFilters) => void;
  /** Shows the merged bundle again (already built); `opening` as for setBundle. */
  showAllArticles: (opening?: OpeningFilters) => void;
  setLoadProgress: (progress: { done: number; total: number } | null) => void;
  setReaderArticle: (slug: string | null) => void;
  setLoadError: (error: LoadError) => void;
}

/**
 * The filters a bundle opens with (a link's kinds, voices and time window), worked out from the bundle
 * itself, and set in the same store change as the bundle: so no subscriber sees the new bundle under the
 * old filters first. The map would otherwise tile and count every claim, then hide a link's window of
 * them a moment later (the bench's 100k link: ~20k claims hidden after the fact, and every cluster label
 * rewritten, its tiles cut a second time).
 */
export type OpeningFilters = (bundle: ArticleBundle) => Partial<Pick<FilterSlice, 'kinds' | 'by' | 'timeWindow' | 'listText'>>;

/** Opening with every filter cleared (another view of the index: its filters do not carry over). */
export const NO_FILTERS: OpeningFilters = () => ({ kinds: null, by: null, listText: '' });

export interface FilterSlice {
  /** Kinds shown; null = every kind. */
  kinds: readonly ClaimKind[] | null;
  /** Restrict to claims said or reported by these speakers/outlets; null = everyone (a facet: ticking a
   *  name narrows to it, ticking none shows all). */
  by: readonly string[] | null;
  /** Free text that narrows the claim list only (not the map): finding a claim must not hide others. */
  listText: string;
  /** The timeline window; null = the whole domain (all claims). */
  timeWindow: DayWindow | null;
  playing: boolean;
  setKinds: (kinds: readonly ClaimKind[] | null) => void;
  toggleKind: (kind: ClaimKind, allKinds: readonly ClaimKind[]) => void;
  setBy: (by: readonly string[] | null) => void;
  toggleBy: (name: string) => void;
  setListText: (text: string) => void;
  setTimeWindow: (win: DayWindow | null) => void;
  setPlaying: (playing: boolean) => void;
  /** One play step: shifts the window forward; stops at the end of the domain. */
  playStep: () => void;
  resetFilters: () => void;
}

export type SelectOrigin = 'map' | 'list' | 'reader' | 'panel' | 'url' | 'chooser' | 'timeline';

export interface Chooser {
  claimIds: readonly string[];
  /** Where to show it, in CSS pixels relative to the element named by `anchor`. */
  x: number;
  y: number;
  anchor: 'map' | 'reader';
}

export interface SelectionSlice {
  selectedId: string | null;
  selectOrigin: SelectOrigin | null;
  hoveredId: string | null;
  chooser: Chooser | null;
  select: (id: string | null, origin: SelectOrigin) => void;
  setHovered: (id: string | null) => void;
  openChooser: (chooser: Chooser) => void;
  closeChooser: () => void;
}

export interface MapView {
  zoom: number;
  lat: number;
  lon: number;
}

export type CameraTarget =
  | { type: 'fit-all' }
  | { type: 'bbox'; bbox: readonly [number, number, number, number] }
  | { type: 'view'; view: MapView };

export interface CameraRequest {
  seq: number; // increments so the same target can be requested twice
  target: CameraTarget;
  animate: boolean;
}

export interface Notice {
  id: number;
  text: string;
}

export type SheetTab = 'article' | 'claims' | 'detail';

/** Per zoom band (tile zoom 0..n): how the map folds small flow routes into rings (src/map/flow-aggregates.ts). */
export interface FlowFolding {
  /** Routes with fewer claims than this are folded into the ring where they start (1: none). */
  minClaims: readonly number[];
  /** Routes folded, and route arcs drawn. */
  folded: readonly number[];
  drawn: readonly number[];
}

export interface ViewSlice {
  /** The settled camera, written by the map on moveend only. */
  view: MapView | null;
  cameraRequest: CameraRequest | null;
  mapStatus: 'pending' | 'ready' | 'unavailable';
  mapMessage: string | null;
  notices: readonly Notice[];
  sheetTab: SheetTab;
  /** Written by the map when it draws a bundle; null when it folds nothing (or aggregates nothing). */
  flowFolding: FlowFolding | null;
  setView: (view: MapView) => void;
  requestCamera: (target: CameraTarget, animate?: boolean) => void;
  setMapStatus: (status: ViewSlice['mapStatus'], message?: string | null) => void;
  setFlowFolding: (folding: FlowFolding | null) => void;
  addNotice: (text: string) => void;
  dismissNotice: (id: number) => void;
  setSheetTab: (tab: SheetTab) => void;
}

export type AppState = DataSlice & FilterSlice & SelectionSlice & ViewSlice;
type Slice<T> = StateCreator<AppState, [['zustand/subscribeWithSelector', never]], [], T>;

const SHOWN_FRESH = {
  loadStatus: 'ready',
  loadError: null,
  selectedId: null,
  selectOrigin: null,
  hoveredId: null,
  chooser: null,
  timeWindow: null,
  playing: false,
  readerArticle: null,
} as const;

const createDataSlice: Slice<DataSlice> = (set, get) => ({
  loadStatus: 'idle',
  loadError: null,
  index: null,
  bundle: null,
  draft: null,
  showingDraft: false,
  startLoading: () => set({ loadStatus: 'loading', loadError: null }),
  setDraft: (draft) => set({ ...SHOWN_FRESH, draft, bundle: draft.bundle, showingDraft: true, kinds: null, by: null, listText: '' }),
  showDraft: () => {
    const draft = get().draft;
    if (draft) set({ ...SHOWN_FRESH, bundle: draft.bundle, showingDraft: true, kinds: null, by: null, listText: '' });
  },
  setIndex: (index) => set({ index }),
  articles: new Map(),
  allBundle: null,
  loadProgress: null,
  readerArticle: null,
  setBundle: (bundle, opening) => {
    const articles = new Map(get().articles);
    if (bundle.article.slug !== ALL_ARTICLES) articles.set(bundle.article.slug, bundle);
    set({ ...SHOWN_FRESH, bundle, showingDraft: false, articles, ...opening?.(bundle) });
  },
  setAllArticles: (bundles, builder = new AllArticlesBuilder(), opening) => {
    const articles = new Map(get().articles);
    for (const b of bundles) articles.set(b.article.slug, b);
    const t0 = performance.now();
    // The merged bundle with its claim index already made (mergeBundles + getClaimIndex, in pieces).
    const allBundle = builder.build(bundles);
    performance.measure('claim-atlas:merge-articles', { start: t0, end: performance.now() });
    set({ ...SHOWN_FRESH, bundle: allBundle, allBundle, articles, showingDraft: false, loadProgress: null, ...opening?.(allBundle) });
  },
  showAllArticles: (opening) => {
    const allBundle = get().allBundle;
    if (allBundle) set({ ...SHOWN_FRESH, bundle: allBundle, showingDraft: false, ...opening?.(allBundle) });
  },
  setLoadProgress: (loadProgress) => set({ loadProgress }),
  setReaderArticle: (readerArticle) => set({ readerArticle }),
  setLoadError: (loadError) => set({ loadStatus: 'error', loadError, loadProgress: null }),
});

function domainOf(state: AppState): DayWindow | null {
  return state.bundle ? getClaimIndex(state.bundle).domain : null;
}

const createFilterSlice: Slice<FilterSlice> = (set, get) => ({
  kinds: null,
  by: null,
  listText: '',
  timeWindow: null,
  playing: false,
  setKinds: (kinds) => set({ kinds }),
  toggleKind: (kind, allKinds) => {
    const shown = get().kinds ?? allKinds;
    const next = shown.includes(kind) ? shown.filter((k) => k !== kind) : [...shown, kind];
    // Keep the canonical order so the URL does not depend on click order.
    const ordered = allKinds.filter((k) => next.includes(k));
    set({ kinds: ordered.length === allKinds.length ? null : ordered });
  },
  setBy: (by) => set({ by: by && by.length > 0 ? by : null }),
  toggleBy: (name) => {
    const cur = get().by ?? [];
    const next = cur.includes(name) ? cur.filter((n) => n !== name) : [...cur, name];
    set({ by: next.length > 0 ? next : null });
  },
  setListText: (listText) => set({ listText }),
  setTimeWindow: (win) => {
    const domain = domainOf(get());
    set({ timeWindow: win && domain ? windowIn(win, domain) : null });
  },
  setPlaying: (playing) => {
    const domain = domainOf(get());
    if (!playing || !domain) return set({ playing: false });
    const span = domain.end - domain.start;
    const cur = get().timeWindow;
    // Playing the whole domain would show nothing change: start from a window an eighth as wide, at the
    // start; restart from the beginning when the window already sits at the end.
    let win = cur ?? { start: domain.start, end: domain.start + Math.max(1, Math.round(span / 8)) };
    if (win.end >= domain.end) win = { start: domain.start, end: domain.start + (win.end - win.start) };
    set({ playing: true, timeWindow: clampWindow(win, domain) });
  },
  playStep: () => {
    const { timeWindow, playing } = get();
    const domain = domainOf(get());
    if (!playing || !domain || !timeWindow) return set({ playing: false });
    const step = Math.max(1, Math.round((domain.end - domain.start) / 120));
    const next = shiftWindow(timeWindow, step, domain);
    set({ timeWindow: next, playing: next.end < domain.end });
  },
  resetFilters: () => set({ kinds: null, by: null, listText: '', timeWindow: null, playing: false }),
});

const createSelectionSlice: Slice<SelectionSlice> = (set, get) => ({
  selectedId: null,
  selectOrigin: null,
  hoveredId: null,
  chooser: null,
  select: (id, origin) => {
    const { bundle, sheetTab, readerArticle } = get();
    const at = id === null || !bundle ? undefined : getClaimIndex(bundle).byId.get(id);
    if (id !== null && at === undefined) return;
    set({
      // In the all-articles view the reader turns to the selected claim's article.
      readerArticle: (at === undefined ? undefined : bundle?.claims[at]?.article) ?? readerArticle,
      selectedId: id,
      selectOrigin: id === null ? null : origin,
      chooser: null,
      // On the phone the detail lives in the sheet's Detail tab; opening a claim shows it.
      sheetTab: id !== null ? 'detail' : sheetTab === 'detail' ? 'claims' : sheetTab,
    });
  },
  setHovered: (hoveredId) => {
    if (get().hoveredId !== hoveredId) set({ hoveredId });
  },
  openChooser: (chooser) => set({ chooser }),
  closeChooser: () => set({ chooser: null }),
});

let noticeSeq = 0;
let cameraSeq = 0;

const createViewSlice: Slice<ViewSlice> = (set, get) => ({
  view: null,
  cameraRequest: null,
  mapStatus: 'pending',
  mapMessage: null,
  notices: [],
  sheetTab: 'article',
  flowFolding: null,
  setView: (view) => set({ view }),
  requestCamera: (target, animate = true) => set({ cameraRequest: { seq: ++cameraSeq, target, animate } }),
  setMapStatus: (mapStatus, message = null) => set({ mapStatus, mapMessage: message }),
  setFlowFolding: (flowFolding) => set({ flowFolding }),
  addNotice: (text) => {
    if (get().notices.some((n) => n.text === text)) return;
    set({ notices: [...get().notices, { id: ++noticeSeq, text }] });
  },
  dismissNotice: (id) => set({ notices: get().notices.filter((n) => n.id !== id) }),
  setSheetTab: (sheetTab) => set({ sheetTab }),
});

export type AppStore = StoreApi<AppState> & {
  subscribe: {
    (listener: (state: AppState, prev: AppState) => void): () => void;
    <U>(
      selector: (state: AppState) => U,
      listener: (selected: U, prevSelected: U) => void,
      options?: { equalityFn?: (a: U, b: U) => boolean; fireImmediately?: boolean },
    ): () => void;
  };
};

export function createAppStore(): AppStore {
  return createStore<AppState>()(
    subscribeWithSelector((...a) => ({
      ...createDataSlice(...a),
      ...createFilterSlice(...a),
      ...createSelectionSlice(...a),
      ...createViewSlice(...a),
    })),
  ) as AppStore;
}
