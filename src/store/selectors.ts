/**
 * Derived state. Each `getX` is memoised on the identity of the inputs it reads, so React components and
 * the map subscription can call them on every store change for free. Inputs are never mutated.
 */
import { CLAIM_KINDS, type Article, type ArticleBundle, type Claim, type ClaimKind, type DataIndex, type IndexEntry } from '../domain/types';
import { ALL_ARTICLES } from '../domain/corpus';
import { overlapsWindow, type DayWindow } from '../domain/time-window';
import type { AppState } from './app-store';
import { getClaimIndex, type ClaimIndex } from './claim-index';

function memo<A extends readonly unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  let lastArgs: A | null = null;
  let last: R;
  return (...args: A) => {
    if (lastArgs && lastArgs.length === args.length && lastArgs.every((v, i) => v === args[i])) return last;
    last = fn(...args);
    lastArgs = args;
    return last;
  };
}

export function getIndex(state: AppState): ClaimIndex | null {
  return state.bundle ? getClaimIndex(state.bundle) : null;
}

export function getDomain(state: AppState): DayWindow | null {
  return getIndex(state)?.domain ?? null;
}

/** The window in effect: the chosen one, else the whole domain. */
export function getEffectiveWindow(state: AppState): DayWindow | null {
  return state.timeWindow ?? getDomain(state);
}

/** Kinds present in the article, in the canonical order. */
export const getKindsPresent = memo((index: ClaimIndex | null): ClaimKind[] =>
  index ? CLAIM_KINDS.filter((k) => index.kindCounts.has(k)) : [],
);

function maskOf(
  index: ClaimIndex | null,
  kinds: readonly ClaimKind[] | null,
  by: readonly string[] | null,
  win: DayWindow | null,
): Uint8Array {
  if (!index) return new Uint8Array(0);
  const n = index.claims.length;
  const mask = new Uint8Array(n);
  const kindOk = new Uint8Array(CLAIM_KINDS.length).fill(kinds ? 0 : 1);
  if (kinds) for (const k of kinds) kindOk[CLAIM_KINDS.indexOf(k)] = 1;
  const bySet = by ? new Set(by) : null;
  const { start, end, kindOf, voices } = index;
  for (let i = 0; i < n; i++) {
    if (!kindOk[kindOf[i]!]) continue;
    if (win && !overlapsWindow(start[i]!, end[i]!, win)) continue;
    if (bySet && !voices[i]!.some((v) => bySet.has(v))) continue;
    mask[i] = 1;
  }
  return mask;
}
const computeMask = memo(maskOf);
const computeFilterMask = memo(maskOf);

/** 1 for each claim that passes the kind and speaker/outlet filters, whatever the time window. */
export function getFilterMask(state: AppState): Uint8Array {
  return computeFilterMask(getIndex(state), state.kinds, state.by, null);
}

/** 1 for each claim (by position in the bundle) that passes kind, speaker/outlet and time filters. */
export function getVisibleMask(state: AppState): Uint8Array {
  return computeMask(getIndex(state), state.kinds, state.by, state.timeWindow);
}

const collectVisible = memo((index: ClaimIndex | null, mask: Uint8Array): Claim[] => {
  if (!index) return [];
  // Sized once: grown by push, a list of 100k claims was copied through ~20 ever larger arrays on every
  // timeline step, the big ones straight into V8's old generation, which brought its major GCs sooner.
  let count = 0;
  for (let i = 0; i < mask.length; i++) count += mask[i]!;
  const out = new Array<Claim>(count);
  let k = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i]) out[k++] = index.claims[i]!;
  return out;
});

export function getVisibleClaims(state: AppState): Claim[] {
  return collectVisible(getIndex(state), getVisibleMask(state));
}

const collectIds = memo((claims: Claim[]): string[] => claims.map((c) => c.id));

export function getVisibleClaimIds(state: AppState): string[] {
  return collectIds(getVisibleClaims(state));
}

/**
 * `"count:firstId:lastId"` of the visible claims, read from the mask without building a list: the test
 * handle's cheap identity of the visible set, which the benchmark reads around every timeline step.
 */
export function getVisibleSignature(state: AppState): string {
  const claims = getIndex(state)?.claims ?? [];
  const mask = getVisibleMask(state);
  let count = 0;
  let first = -1;
  let last = -1;
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    count++;
    if (first < 0) first = i;
    last = i;
  }
  return `${count}:${claims[first]?.id}:${claims[last]?.id}`;
}

const collectIdSet = memo((claims: Claim[]): ReadonlySet<string> => new Set(claims.map((c) => c.id)));

export function getVisibleIdSet(state: AppState): ReadonlySet<string> {
  return collectIdSet(getVisibleClaims(state));
}

function normalise(s: string): string {
  // Plain ASCII has no accents to strip: skip the (slow) Unicode decomposition for it.
  // eslint-disable-next-line no-control-regex
  return /^[\u0000-\u007f]*$/.test(s) ? s.toLowerCase() : s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * A list of claims held as their positions in the bundle, ascending: what the claim list reads on every
 * timeline step. A view rather than a `Claim[]`: at 100k claims an array of the ~80k visible ones is 640 KB
 * that lives until the next step, so each step promoted it to the old generation as garbage, and a long
 * scrub ended in a major GC whose marking took the cores the next frame needed. Its positions are a typed
 * array, outside the JS heap.
 */
export class ClaimRows {
  constructor(
    private readonly claims: readonly Claim[],
    private readonly byId: ReadonlyMap<string, number>,
    private readonly rows: Int32Array,
  ) {}

  get length(): number {
    return this.rows.length;
  }

  at(k: number): Claim | undefined {
    return k >= 0 && k < this.rows.length ? this.claims[this.rows[k]!] : undefined;
  }

  /** The row showing claim `id`, or -1 (a binary search: the rows are in bundle order). */
  indexOfId(id: string): number {
    const i = this.byId.get(id);
    if (i === undefined) return -1;
    let lo = 0;
    let hi = this.rows.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = this.rows[mid]!;
      if (v === i) return mid;
      if (v < i) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  slice(from: number, to: number): Claim[] {
    const out: Claim[] = [];
    for (let k = Math.max(0, from); k < Math.min(to, this.rows.length); k++) out.push(this.claims[this.rows[k]!]!);
    return out;
  }

  toArray(): Claim[] {
    return this.slice(0, this.rows.length);
  }
}

const NO_ROWS = new ClaimRows([], new Map(), new Int32Array(0));

const countOnes = memo((mask: Uint8Array): number => {
  let n = 0;
  for (let i = 0; i < mask.length; i++) n += mask[i]!;
  return n;
});

/** How many claims pass the filters and the window (no list is built). */
export function getVisibleCount(state: AppState): number {
  return countOnes(getVisibleMask(state));
}

const listRows = memo((index: ClaimIndex | null, mask: Uint8Array, text: string): ClaimRows => {
  if (!index) return NO_ROWS;
  const q = normalise(text.trim());
  const words = q ? q.split(/\s+/) : null;
  const rows = new Int32Array(words ? mask.length : countOnes(mask));
  let k = 0;
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    if (words) {
      const hay = haystackOf(index.claims[i]!);
      if (!words.every((w) => hay.includes(w))) continue;
    }
    rows[k++] = i;
  }
  return new ClaimRows(index.claims, index.byId, k === rows.length ? rows : rows.slice(0, k));
});

/** Normalised searchable text per claim, built once: a filtered list of 100k claims re-filters on every
 *  timeline step, and normalising every claim's text each time would cost seconds. */
const haystacks = new WeakMap<Claim, string>();
function haystackOf(c: Claim): string {
  let hay = haystacks.get(c);
  if (hay === undefined) {
    hay = normalise(
      [c.summary, c.quote.text, c.kind, c.saidBy?.name, c.saidBy?.organisation, ...c.reportedBy, ...c.places.map((p) => p.name), ...c.actors]
        .filter(Boolean)
        .join(' '),
    );
    haystacks.set(c, hay);
  }
  return hay;
}

/** Visible claims narrowed by the list's text box. */
export function getListClaims(state: AppState): ClaimRows {
  return listRows(getIndex(state), getVisibleMask(state), state.listText);
}

export function getClaimById(state: AppState, id: string | null): Claim | null {
  if (id === null) return null;
  const index = getIndex(state);
  const i = index?.byId.get(id);
  return i === undefined || !index ? null : (index.claims[i] ?? null);
}

export function getSelectedClaim(state: AppState): Claim | null {
  return getClaimById(state, state.selectedId);
}

/** Whether any filter differs from its default (drives the Reset button). */
export function getFiltersActive(state: AppState): boolean {
  return state.kinds !== null || state.by !== null || state.timeWindow !== null || state.listText !== '';
}

/** Data is on its way and nothing is shown yet: the timeline keeps its room, the list says "Loading…". */
export function getAwaitingData(state: AppState): boolean {
  return state.bundle === null && (state.loadStatus === 'loading' || state.loadProgress !== null);
}

// ---------------------------------------------------------------------------------------------------
// The all-articles view (bundle.article.slug === ALL_ARTICLES, claims prefixed "<slug>/<id>").

/** Whether the merged bundle of every article is on screen. */
export function getIsAllView(state: AppState): boolean {
  return !state.showingDraft && state.bundle?.article.slug === ALL_ARTICLES;
}

export interface ArticleRange {
  slug: string;
  /** Claims of this article sit at [start, end) of the merged bundle's claims (they are contiguous). */
  start: number;
  end: number;
}

const rangesOf = memo((claims: readonly Claim[]): ArticleRange[] => {
  const out: ArticleRange[] = [];
  for (let i = 0; i < claims.length; i++) {
    const slug = claims[i]!.article;
    if (slug === undefined) continue;
    const last = out[out.length - 1];
    if (last && last.slug === slug && last.end === i) last.end = i + 1;
    else out.push({ slug, start: i, end: i + 1 });
  }
  return out;
});

/** The merged bundle's articles in index order with their claim ranges (empty in a per-article view). */
export function getArticleRanges(state: AppState): ArticleRange[] {
  return rangesOf(getIsAllView(state) && state.bundle ? state.bundle.claims : EMPTY_CLAIMS);
}
const EMPTY_CLAIMS: readonly Claim[] = [];

const entriesBySlug = memo((index: DataIndex | null): ReadonlyMap<string, IndexEntry> => new Map(index?.articles.map((a) => [a.slug, a]) ?? []));

/** The index's entries (title, date, claim count) by slug. */
export function getIndexEntries(state: AppState): ReadonlyMap<string, IndexEntry> {
  return entriesBySlug(state.index);
}

/** The article a claim comes from: its own (merged claims) or the one shown. */
export function getArticleOf(state: AppState, claim: Claim | null): Article | null {
  if (!claim) return null;
  if (claim.article !== undefined) return state.articles.get(claim.article)?.article ?? null;
  return state.bundle?.article ?? null;
}

const countsPerArticle = memo((ranges: ArticleRange[], mask: Uint8Array): ReadonlyMap<string, number> => {
  const out = new Map<string, number>();
  for (const r of ranges) {
    let n = 0;
    for (let i = r.start; i < r.end; i++) n += mask[i]!;
    out.set(r.slug, n);
  }
  return out;
});

/** How many claims of each article pass the filters and the window (all-articles view). */
export function getVisibleCountByArticle(state: AppState): ReadonlyMap<string, number> {
  return countsPerArticle(getArticleRanges(state), getVisibleMask(state));
}

const readerBundleOf = memo(
  (bundle: ArticleBundle | null, allView: boolean, articles: ReadonlyMap<string, ArticleBundle>, ranges: ArticleRange[], slug: string | null): ArticleBundle | null => {
    if (!bundle || !allView) return bundle;
    const own = slug === null ? undefined : articles.get(slug);
    const range = ranges.find((r) => r.slug === slug);
    if (!own || !range) return null;
    // The article's own text with its merged claims: offsets are into this text, ids are the merged ones.
    return { format: 1, article: own.article, claims: bundle.claims.slice(range.start, range.end) };
  },
);

/** What the reader shows: the bundle itself, or in the all-articles view the article being read (null = contents). */
export function getReaderBundle(state: AppState): ArticleBundle | null {
  const allView = getIsAllView(state);
  return readerBundleOf(state.bundle, allView, state.articles, getArticleRanges(state), allView ? state.readerArticle : null);
}
