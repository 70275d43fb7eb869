import { memo, useEffect, useMemo, useRef } from 'react';
import type { Claim } from '../domain/types';
import { KIND_LABELS } from '../domain/kind-style';
import { useAppState, useAppStore } from '../store/react';
import { getIndex, getVisibleIdSet } from '../store/selectors';
import type { AppStore } from '../store/app-store';
import { segmentArticle, type Segment } from '../domain/text-segments';
import { prefersReducedMotion } from './use-media';

/** Select a claim from the reader and bring the map to it. */
function openFromReader(store: AppStore, claim: Claim) {
  const st = store.getState();
  st.select(claim.id, 'reader');
  if (claim.geometry.features.length > 0) st.requestCamera({ type: 'bbox', bbox: claim.bbox });
}

/**
 * The article as plain React text (never HTML), every claim's quote highlighted in its kind's colour.
 * A word covered by several claims sits inside one <mark> per claim, outermost first.
 */
export function ArticleReader() {
  const store = useAppStore();
  const bundle = useAppState((s) => s.bundle);
  const index = useAppState(getIndex);
  const visible = useAppState(getVisibleIdSet);
  const selectedId = useAppState((s) => s.selectedId);
  const selectOrigin = useAppState((s) => s.selectOrigin);
  const root = useRef<HTMLDivElement>(null);

  const segments = useMemo(() => (bundle ? segmentArticle(bundle.article, bundle.claims) : []), [bundle]);

  // Selecting elsewhere (map, list, URL) scrolls the claim's words into view.
  useEffect(() => {
    if (!selectedId || selectOrigin === 'reader' || !root.current) return;
    const el = root.current.querySelector(`[data-claim-id="${CSS.escape(selectedId)}"]`);
    el?.scrollIntoView({ block: 'center', behavior: prefersReducedMotion() ? 'auto' : 'smooth' });
  }, [selectedId, selectOrigin]);

  if (!bundle || !index) return null;
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
        <ReaderText text={article.text} segments={segments} claims={bundle.claims} visible={visible} selectedId={selectedId} />
      </div>
    </section>
  );
}

interface TextProps {
  text: string;
  segments: Segment[];
  claims: readonly Claim[];
  visible: ReadonlySet<string>;
  selectedId: string | null;
}

const ReaderText = memo(function ReaderText({ text, segments, claims, visible, selectedId }: TextProps) {
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
          const shown = visible.has(c.id);
          const cls = [
            'claim-span',
            `kind-${c.kind}`,
            shown ? 'is-shown' : 'is-filtered',
            c.stance !== 'asserted' ? 'is-contested' : '',
            c.id === selectedId ? 'is-selected' : '',
          ]
            .filter(Boolean)
            .join(' ');
          node = (
            <mark
              key={innermost ? seg.start : `${seg.start}-${k}`}
              className={cls}
              data-claim-id={c.id}
              tabIndex={innermost && shown ? 0 : -1}
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
