import { useCallback, useDeferredValue, useEffect, useState } from 'react';
import type { Claim } from '../domain/types';
import { KIND_COLORS, KIND_LABELS } from '../domain/kind-style';
import { useAppState, useAppStore } from '../store/react';
import { getAwaitingData, getIndexEntries, getIsAllView, getListClaims, getVisibleCount } from '../store/selectors';
import { dayFromIso, formatDay } from '../domain/time-window';
import { speakerLabel, intervalLabel } from './claim-text';
import { useWindowedRows } from './use-windowed-rows';

const ROW_HEIGHT = 68;
/** All-articles view: one more line per row names the article. */
const ROW_HEIGHT_ALL = 86;
const COUNT = new Intl.NumberFormat('en-GB');
/** Above this many rows only the rows in view (plus a margin) are in the DOM. */
const WINDOW_ABOVE = 300;
const OVERSCAN = 8;

/**
 * The claims passing the filters and the time window, narrowed by a text box. A listbox with roving focus:
 * arrows move, Enter opens, Home/End jump. Large lists are windowed (fixed row height).
 */
export function ClaimList({ children }: { children?: React.ReactNode }) {
  const store = useAppStore();
  // A frame behind the timeline is fine for the list: scrubbing never waits for its rows.
  const claims = useDeferredValue(useAppState(getListClaims));
  const visibleCount = useDeferredValue(useAppState(getVisibleCount));
  const allView = useAppState(getIsAllView);
  // Nothing to list yet: the data is still on its way (not "no claim matches").
  const loading = useAppState(getAwaitingData);
  const entries = useAppState(getIndexEntries);
  const ROW = allView ? ROW_HEIGHT_ALL : ROW_HEIGHT;
  const text = useAppState((s) => s.listText);
  const selectedId = useAppState((s) => s.selectedId);
  const selectOrigin = useAppState((s) => s.selectOrigin);
  const [activeId, setActiveId] = useState<string | null>(null);
  const windowed = claims.length > WINDOW_ABOVE;
  const { ref: listRef, from, to, padTop, padBottom, onScroll, scrollToRow } = useWindowedRows<HTMLUListElement>(claims.length, ROW, {
    overscan: OVERSCAN,
    enabled: windowed,
  });

  // Only looked for when there is a row to look for: a scan of 100k claims for nothing cost ~10 ms of every
  // timeline step at corpus scale (twice: the list renders again for its deferred value).
  const wanted = activeId ?? selectedId;
  const activeIndex = wanted === null ? 0 : Math.max(0, claims.indexOfId(wanted));

  const focusRow = useCallback(
    (i: number) => {
      const c = claims.at(i);
      const list = listRef.current;
      if (!c || !list) return;
      setActiveId(c.id);
      if (windowed) scrollToRow(i, 'nearest');
      // The row may only exist after the windowed render: focus on the next frame.
      requestAnimationFrame(() => list.querySelector<HTMLElement>(`[data-claim-id="${CSS.escape(c.id)}"]`)?.focus());
    },
    [claims, windowed, listRef, scrollToRow],
  );

  // A claim selected elsewhere becomes the list's current row and scrolls into view.
  useEffect(() => {
    if (!selectedId || selectOrigin === 'list') return;
    const i = claims.indexOfId(selectedId);
    const list = listRef.current;
    if (i < 0 || !list) return;
    if (windowed) scrollToRow(i, 'center');
    else list.querySelector(`[data-claim-id="${CSS.escape(selectedId)}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [selectedId, selectOrigin, claims, windowed, listRef, scrollToRow]);

  const open = (c: Claim) => {
    setActiveId(c.id);
    const st = store.getState();
    st.select(c.id, 'list');
    if (c.geometry.features.length > 0) st.requestCamera({ type: 'bbox', bbox: c.bbox });
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    const moves: Record<string, number> = {
      ArrowDown: activeIndex + 1,
      ArrowUp: activeIndex - 1,
      Home: 0,
      End: claims.length - 1,
      PageDown: activeIndex + 8,
      PageUp: activeIndex - 8,
    };
    if (e.key in moves) {
      e.preventDefault();
      focusRow(Math.max(0, Math.min(claims.length - 1, moves[e.key]!)));
    } else if (e.key === 'Enter' || e.key === ' ') {
      const c = claims.at(activeIndex);
      if (c) {
        e.preventDefault();
        open(c);
      }
    }
  };

  const rows = claims.slice(from, to);

  return (
    <section className="claims pane" aria-labelledby="claims-title">
      <header className="pane-head">
        <h2 id="claims-title">Claims</h2>
        <span className="pane-sub" aria-live="polite">
          {loading
            ? 'Loading…'
            : claims.length === visibleCount
              ? `${COUNT.format(visibleCount)} shown`
              : `${COUNT.format(claims.length)} of ${COUNT.format(visibleCount)} match`}
        </span>
      </header>
      {children}
      <div className="list-search">
        <label htmlFor="claim-filter-text" className="visually-hidden">
          Filter the claim list
        </label>
        <input
          id="claim-filter-text"
          data-testid="claim-filter-text"
          type="search"
          placeholder="Filter claims: words, people, places…"
          value={text}
          onChange={(e) => store.getState().setListText(e.target.value)}
          autoComplete="off"
        />
      </div>
      <ul
        ref={listRef}
        className={`claim-list${windowed ? ' is-fixed' : ''}`}
        data-testid="claim-list"
        role="listbox"
        aria-label="Claims"
        onKeyDown={onKeyDown}
        onScroll={onScroll}
      >
        {windowed && <li aria-hidden="true" role="presentation" style={{ height: padTop }} />}
        {rows.map((c, k) => {
          const i = from + k;
          const speaker = speakerLabel(c);
          return (
            <li
              key={c.id}
              role="option"
              aria-selected={c.id === selectedId}
              tabIndex={i === activeIndex ? 0 : -1}
              data-testid="claim-list-item"
              data-claim-id={c.id}
              className={`claim-item${c.id === selectedId ? ' is-selected' : ''}`}
              style={windowed ? { height: ROW } : undefined}
              onClick={() => open(c)}
              onFocus={() => setActiveId(c.id)}
              onMouseEnter={() => store.getState().setHovered(c.id)}
              onMouseLeave={() => store.getState().setHovered(null)}
            >
              <span className="claim-item-bar" style={{ background: KIND_COLORS[c.kind] }} aria-hidden="true" />
              <span className="claim-item-body">
                {c.article !== undefined && <ArticleLine title={entries.get(c.article)?.title ?? c.article} published={entries.get(c.article)?.published} />}
                <span className="claim-item-summary">{c.summary}</span>
                <span className="claim-item-meta">
                  <span className="claim-item-kind">{KIND_LABELS[c.kind]}</span>
                  {c.stance !== 'asserted' && <span className={`stance-badge stance-${c.stance}`}>{c.stance}</span>}
                  <span>{speaker ?? (c.reportedBy.length ? c.reportedBy.join(', ') : 'the article')}</span>
                  <span>{c.when.phrase ? `“${c.when.phrase}”, ${intervalLabel(c)}` : intervalLabel(c)}</span>
                </span>
              </span>
            </li>
          );
        })}
        {windowed && <li aria-hidden="true" role="presentation" style={{ height: padBottom }} />}
        {claims.length === 0 && (
          <li className="claim-list-empty" role="presentation">
            {loading ? 'Loading the claims…' : 'No claim matches. Widen the time window, tick more kinds, or press Reset.'}
          </li>
        )}
      </ul>
    </section>
  );
}

/** Which article a row of the all-articles view comes from: "Title · 3 Jul 2024", cut to one line. */
function ArticleLine({ title, published }: { title: string; published: string | undefined }) {
  const day = published === undefined ? null : dayFromIso(published);
  return (
    <span className="claim-item-article" data-testid="claim-item-article" title={title}>
      {day === null ? title : `${title} · ${formatDay(day)}`}
    </span>
  );
}
