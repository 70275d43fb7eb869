import { memo, useDeferredValue, useEffect, useMemo, useRef } from 'react';
import type { ArticleBundle, Claim } from '../domain/types';
import { dayFromIso, formatDay } from '../domain/time-window';
import { KIND_LABELS } from '../domain/kind-style';
import { useAppState, useAppStore } from '../store/react';
import { getArticleRanges, getIndex, getIndexEntries, getIsAllView, getReaderBundle, getVisibleCountByArticle, getVisibleMask } from '../store/selectors';
import type { AppStore } from '../store/app-store';
import { segmentArticle, type Segment } from '../domain/text-segments';
import { prefersReducedMotion } from './use-media';
import { useWindowedRows } from './use-windowed-rows';

/** Select a claim from the reader and bring the map to it. */
function openFromReader(store: AppStore, claim: Claim) {
  const st = store.getState();
  st.select(claim.id, 'reader');
  if (claim.geometry.features.length > 0) st.requestCamera({ type: 'bbox', bbox: claim.bbox });
}

const COUNT = new Intl.NumberFormat('en-GB');

function dateLabel(iso: string): string {
  const day = dayFromIso(iso);
  return day === null ? iso : formatDay(day);
}

type OpenArticle = (slug: string, claimId?: string) => void;

/**
 * The reader pane. In the all-articles view it is a contents list of the articles until one is chosen
 * (or a claim is selected: then its article), read inside the same view with the merged claims.
 */
export function ArticleReader({ onArticle }: { onArticle?: OpenArticle }) {
  const allView = useAppState(getIsAllView);
  const bundle = useAppState(getReaderBundle);
  if (allView && !bundle) return <ArticleContents />;
  if (!bundle) return null;
  return <ArticleText bundle={bundle} allView={allView} onArticle={onArticle} />;
}

/**
 * The article as plain React text (never HTML), every claim's quote highlighted in its kind's colour.
 * A word covered by several claims sits inside one <mark> per claim, outermost first.
 */
function ArticleText({ bundle, allView, onArticle }: { bundle: ArticleBundle; allView: boolean; onArticle?: OpenArticle | undefined }) {
  const store = useAppStore();
  const index = useAppState(getIndex);
  const root = useRef<HTMLDivElement>(null);

  const segments = useMemo(() => (bundle ? segmentArticle(bundle.article, bundle.claims) : []), [bundle]);

  // Highlights follow the filters, the time window and the selection without re-rendering the text: the
  // marks are rendered once per article and only the claims whose state changed get their classes
  // switched (the reader's version of the map's feature-state), so scrubbing stays cheap on long articles.
  useEffect(() => {
    const el = root.current;
    if (!el || !index) return;
    const marks: HTMLElement[][] = index.claims.map(() => []);
    for (const m of el.querySelectorAll<HTMLElement>('mark[data-claim-id]')) {
      const i = index.byId.get(m.dataset['claimId'] ?? '');
      if (i !== undefined) marks[i]!.push(m);
    }
    const shown = new Int8Array(index.claims.length).fill(-1);
    const applyMask = (mask: Uint8Array) => {
      for (let i = 0; i < mask.length; i++) {
        const on = mask[i] === 1 ? 1 : 0;
        if (shown[i] === on) continue;
        shown[i] = on;
        for (const m of marks[i]!) {
          m.classList.toggle('is-shown', on === 1);
          m.classList.toggle('is-filtered', on === 0);
          // Only the innermost mark of a run is a tab stop, and only while its claim is shown.
          if (m.dataset['inner'] === '1') m.tabIndex = on ? 0 : -1;
        }
      }
    };
    let selected: HTMLElement[] = [];
    const applySelection = (id: string | null) => {
      for (const m of selected) m.classList.remove('is-selected');
      const i = id === null ? undefined : index.byId.get(id);
      selected = i === undefined ? [] : marks[i]!;
      for (const m of selected) m.classList.add('is-selected');
      // Selecting elsewhere (map, list, URL) scrolls the claim's words into view.
      if (selected[0] && store.getState().selectOrigin !== 'reader') {
        selected[0].scrollIntoView({ block: 'center', behavior: prefersReducedMotion() ? 'auto' : 'smooth' });
      }
    };
    const unsubscribe = [
      store.subscribe(getVisibleMask, applyMask, { fireImmediately: true }),
      store.subscribe((s) => s.selectedId, applySelection, { fireImmediately: true }),
    ];
    return () => unsubscribe.forEach((u) => u());
  }, [index, segments, store]);

  if (!index) return null;
  const { article } = bundle;

  const claimAt = (target: EventTarget | null): Claim | null => {
    const el = (target as Element | null)?.closest?.('[data-claim-id]');
    const i = el ? index.byId.get(el.getAttribute('data-claim-id') ?? '') : undefined;
    return i === undefined ? null : (index.claims[i] ?? null);
  };

  return (
    <section className="reader pane" aria-labelledby="reader-title">
      <header className="pane-head">
        <h2 id="reader-title">Article</h2>
        <span className="pane-sub">
          {article.review === 'draft' ? 'Draft claims · ' : ''}
          {bundle.claims.length} claims highlighted
        </span>
      </header>
      {allView && (
        <div className="reader-nav" data-testid="reader-nav">
          <button type="button" className="text-button" data-testid="reader-contents" onClick={() => store.getState().setReaderArticle(null)}>
            ← All articles
          </button>
          <span className="reader-nav-title" data-testid="reader-article-title">
            <strong>{article.title}</strong>
            <span className="muted">{[dateLabel(article.published), article.outlet].filter(Boolean).join(' · ')}</span>
          </span>
          {onArticle && (
            <button type="button" className="text-button" data-testid="reader-open-alone" onClick={() => onArticle(article.slug)}>
              Open alone
            </button>
          )}
        </div>
      )}
      <div
        ref={root}
        className="reader-text"
        data-testid="article-reader"
        lang={article.language}
        onClick={(e) => {
          const c = claimAt(e.target);
          if (c) openFromReader(store, c);
        }}
        onKeyDown={(e) => {
          if (e.key !== 'Enter' && e.key !== ' ') return;
          const c = claimAt(e.target);
          if (!c) return;
          e.preventDefault();
          openFromReader(store, c);
        }}
        onMouseOver={(e) => store.getState().setHovered(claimAt(e.target)?.id ?? null)}
        onMouseLeave={() => store.getState().setHovered(null)}
      >
        <ReaderText text={article.text} segments={segments} claims={bundle.claims} />
      </div>
    </section>
  );
}

interface TextProps {
  text: string;
  segments: Segment[];
  claims: readonly Claim[];
}

const ReaderText = memo(function ReaderText({ text, segments, claims }: TextProps) {
  return (
    <>
      {segments.map((seg) => {
        const words = text.slice(seg.start, seg.end);
        if (seg.claims.length === 0) {
          return seg.boilerplate ? (
            <span key={seg.start} className="boilerplate" title="Site furniture, not part of the report">
              {words}
            </span>
          ) : (
            <span key={seg.start}>{words}</span>
          );
        }
        // Innermost first, wrapping outwards.
        let node: React.ReactNode = words;
        for (let k = seg.claims.length - 1; k >= 0; k--) {
          const c = claims[seg.claims[k]!]!;
          const innermost = k === seg.claims.length - 1;
          const cls = `claim-span kind-${c.kind}${c.stance !== 'asserted' ? ' is-contested' : ''}`;
          node = (
            <mark
              key={innermost ? seg.start : `${seg.start}-${k}`}
              className={cls}
              data-claim-id={c.id}
              data-inner={innermost ? '1' : undefined}
              tabIndex={innermost ? 0 : -1}
              title={innermost ? `${KIND_LABELS[c.kind]}: ${c.summary}` : undefined}
            >
              {node}
            </mark>
          );
        }
        return <span key={seg.start}>{node}</span>;
      })}
    </>
  );
});

const ROW_H = 56;
const OVERSCAN = 6;

/**
 * All-articles view, nothing chosen: every article with its date and how many of its claims the filters
 * and the window let through. Windowed (a corpus has a thousand articles); counts follow the timeline a
 * frame late (deferred) so scrubbing never waits for this list.
 */
function ArticleContents() {
  const store = useAppStore();
  const ranges = useAppState(getArticleRanges);
  const entries = useAppState(getIndexEntries);
  const counts = useDeferredValue(useAppState(getVisibleCountByArticle));
  const { ref: list, from, to, padTop, padBottom, onScroll } = useWindowedRows<HTMLUListElement>(ranges.length, ROW_H, { overscan: OVERSCAN });
  let inView = 0;
  for (const n of counts.values()) if (n > 0) inView++;

  return (
    <section className="reader pane" aria-labelledby="reader-title">
      <header className="pane-head">
        <h2 id="reader-title">Articles</h2>
        <span className="pane-sub" data-testid="contents-summary">
          {COUNT.format(inView)} of {COUNT.format(ranges.length)} with claims in view
        </span>
      </header>
      <ul
        ref={list}
        className="article-contents"
        data-testid="article-contents"
        aria-label="Articles"
        onScroll={onScroll}
      >
        <li aria-hidden="true" role="presentation" style={{ height: padTop }} />
        {ranges.slice(from, to).map((r) => {
          const entry = entries.get(r.slug);
          const shown = counts.get(r.slug) ?? 0;
          const total = r.end - r.start;
          return (
            <li key={r.slug} style={{ height: ROW_H }}>
              <button
                type="button"
                className={`contents-item${shown === 0 ? ' is-empty' : ''}`}
                data-testid="contents-item"
                data-article={r.slug}
                onClick={() => store.getState().setReaderArticle(r.slug)}
              >
                <span className="contents-title">{entry?.title ?? r.slug}</span>
                <span className="contents-meta">
                  <span>{entry ? dateLabel(entry.published) : ''}</span>
                  <span data-testid="contents-count">
                    {shown === total ? `${COUNT.format(total)} claims` : `${COUNT.format(shown)} of ${COUNT.format(total)} claims in view`}
                  </span>
                </span>
              </button>
            </li>
          );
        })}
        <li aria-hidden="true" role="presentation" style={{ height: padBottom }} />
      </ul>
    </section>
  );
}
