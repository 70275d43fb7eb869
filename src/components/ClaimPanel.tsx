import { useEffect, useLayoutEffect, useRef } from 'react';
import type { Claim, PlaceRole } from '../domain/types';
import { KIND_COLORS, KIND_LABELS, STANCE_LABELS } from '../domain/kind-style';
import { useAppState, useAppStore } from '../store/react';
import { getArticleOf, getClaimById, getIndex, getSelectedClaim, getVisibleMask } from '../store/selectors';
import { splitMergedClaimId } from '../domain/corpus';
import { dayFromIso, formatDay } from '../domain/time-window';
import { attributionChain, intervalLabel } from './claim-text';
import { ClaimPermalinkButton } from './ShareMenu';

const ROLE_LABELS: Record<PlaceRole, string> = {
  origin: 'from',
  destination: 'to',
  location: 'at',
  area: 'across',
  participant: 'involving',
};

const NUMBER = new Intl.NumberFormat('en-GB');

/**
 * The detail of the open claim: the verbatim quote, who said it and who reported it, stance and
 * counter-claim, the article's time phrase with the interval it resolves to, places, magnitude and the
 * editor's note. Focus moves here when it opens and back where it was when it closes.
 */
export function ClaimPanel({ emptyHint = false, onArticle }: { emptyHint?: boolean; onArticle?: (slug: string, claimId?: string) => void }) {
  const store = useAppStore();
  const claim = useAppState(getSelectedClaim);
  // Only claims of the all-articles view name their article (claim.article); a per-article view has one.
  const source = useAppState((s) => (claim?.article !== undefined ? getArticleOf(s, claim) : null));
  const origin = useAppState((s) => s.selectOrigin);
  const showingDraft = useAppState((s) => s.showingDraft);
  const counter = useAppState((s) => getClaimById(s, claim?.counterClaim ?? null));
  // A boolean, not the visible set: the panel must not re-render on every timeline step.
  const isVisible = useAppState((s) => {
    const i = s.selectedId === null ? undefined : getIndex(s)?.byId.get(s.selectedId);
    return i === undefined || getVisibleMask(s)[i] === 1;
  });
  const hasMap = useAppState((s) => s.mapStatus !== 'unavailable');
  const heading = useRef<HTMLHeadingElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  const wasOpen = useRef(false);

  // Remember where focus was before the panel opened, then take it.
  useLayoutEffect(() => {
    if (claim && !wasOpen.current) {
      const active = document.activeElement;
      returnFocus.current = active instanceof HTMLElement && active !== document.body ? active : null;
    }
    // A claim opened by a shared link does not steal focus from the page start.
    if (claim && origin !== 'url') heading.current?.focus({ preventScroll: true });
    else if (wasOpen.current) {
      const back = returnFocus.current;
      if (back && back.isConnected) back.focus({ preventScroll: true });
      returnFocus.current = null;
    }
    wasOpen.current = claim !== null;
  }, [claim, origin]);

  // Escape closes from anywhere but text fields and other dialogs.
  useEffect(() => {
    if (!claim) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      const t = e.target as HTMLElement | null;
      if (t?.closest('input, textarea, select, [data-testid="claim-chooser"]')) return;
      store.getState().select(null, 'panel');
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [claim, store]);

  if (!claim) {
    return emptyHint ? (
      <p className="panel-empty">Pick a claim on the map, in the article or in the list to see its source words here.</p>
    ) : null;
  }

  const close = () => store.getState().select(null, 'panel');
  const openCounter = () => {
    if (!counter) return;
    store.getState().select(counter.id, 'panel');
    if (counter.geometry.features.length > 0) store.getState().requestCamera({ type: 'bbox', bbox: counter.bbox });
  };
  const flyTo = () => store.getState().requestCamera({ type: 'bbox', bbox: claim.bbox });
  const drawn = claim.places.filter((p) => p.role !== 'participant');
  const participants = claim.places.filter((p) => p.role === 'participant');

  return (
    <section
      className="claim-panel"
      data-testid="claim-panel"
      role="dialog"
      aria-modal="false"
      aria-labelledby="claim-panel-title"
      data-map-inset="right"
      style={{ ['--kind' as string]: KIND_COLORS[claim.kind] }}
    >
      <header className="claim-panel-head">
        <span className="kind-chip">
          <span className="swatch" style={{ background: KIND_COLORS[claim.kind] }} aria-hidden="true" />
          {KIND_LABELS[claim.kind]}
        </span>
        {!isVisible && <span className="muted-chip">outside the current filters</span>}
        {!showingDraft && <ClaimPermalinkButton claimId={claim.id} />}
        <button type="button" className="icon-button" data-testid="claim-close" aria-label="Close claim details" onClick={close}>
          ×
        </button>
      </header>
      <h2 id="claim-panel-title" ref={heading} tabIndex={-1}>
        {claim.summary}
      </h2>

      <figure className="quote">
        <blockquote data-testid="claim-quote">
          {claim.quote.text}
        </blockquote>
        <figcaption data-testid="claim-speaker">{attributionChain(claim)}</figcaption>
      </figure>

      <dl className="facts">
        {source && claim.article !== undefined && (
          <>
            <dt>Article</dt>
            <dd data-testid="claim-article" className="claim-article">
              <span className="claim-article-title">{source.title}</span>
              <span className="muted">
                {[dayFromIso(source.published) === null ? source.published : formatDay(dayFromIso(source.published)!), source.outlet]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
              {onArticle && (
                <button
                  type="button"
                  className="link-button"
                  data-testid="claim-open-article"
                  onClick={() => onArticle(claim.article!, splitMergedClaimId(claim.id)?.id ?? claim.id)}
                >
                  Open this article alone
                </button>
              )}
            </dd>
          </>
        )}
        {(claim.review === 'draft' || claim.confidence !== undefined) && (
          <>
            <dt>Review</dt>
            <dd data-testid="claim-confidence" className="claim-confidence">
              Draft — not reviewed
              {claim.confidence !== undefined && ` · confidence ${Math.round(claim.confidence * 100)} %`}
            </dd>
          </>
        )}
        <dt>Stance</dt>
        <dd data-testid="claim-stance">
          <span className={`stance-badge stance-${claim.stance}`}>{STANCE_LABELS[claim.stance]}</span>
          {counter && (
            <button type="button" className="link-button" data-testid="counter-claim-link" onClick={openCounter}>
              {counterLabel(claim, counter)}: {counter.summary}
            </button>
          )}
        </dd>

        <dt>When</dt>
        <dd data-testid="claim-when">
          {claim.when.phrase ? <q>{claim.when.phrase}</q> : <span className="muted">no time in the text</span>} →{' '}
          <strong>{intervalLabel(claim)}</strong> · <span className="precision">{claim.when.precision}</span>
          {claim.when.basis && <span className="basis">{claim.when.basis}</span>}
        </dd>

        {drawn.length + participants.length > 0 && (
          <>
            <dt>Where</dt>
            <dd>
              <ul className="places">
                {[...drawn, ...participants].map((p) => (
                  <li key={`${p.id}-${p.role}`}>
                    <span className="place-role">{ROLE_LABELS[p.role]}</span>
                    <span>{p.name}</span>
                  </li>
                ))}
              </ul>
              {claim.geometry.features.length > 0 ? (
                hasMap && (
                  <button type="button" className="link-button" onClick={flyTo}>
                    Show on map
                  </button>
                )
              ) : (
                <span className="muted">Not drawn: no place the map can show.</span>
              )}
            </dd>
          </>
        )}

        {claim.magnitude && (
          <>
            <dt>How many</dt>
            <dd>
              {claim.magnitude.approximate ? 'about ' : ''}
              {NUMBER.format(claim.magnitude.value)} {claim.magnitude.unit}
            </dd>
          </>
        )}

        {claim.actors.length > 0 && (
          <>
            <dt>Actors</dt>
            <dd>{claim.actors.join(', ')}</dd>
          </>
        )}

        {claim.note && (
          <>
            <dt>Editor’s note</dt>
            <dd className="note">{claim.note}</dd>
          </>
        )}
      </dl>
    </section>
  );
}

function counterLabel(claim: Claim, counter: Claim): string {
  if (claim.stance === 'denied') return 'Denies';
  if (counter.stance === 'denied') return 'Denied by';
  if (counter.stance === 'disputed') return 'Disputed by';
  return claim.stance === 'disputed' ? 'Disputes' : 'Counter-claim';
}
