import { useEffect, useRef } from 'react';
import { KIND_COLORS, KIND_LABELS } from '../domain/kind-style';
import { useAppState, useAppStore } from '../store/react';
import { getIndex } from '../store/selectors';

/**
 * When a click lands on several claims (points at one city, arcs drawn over each other), the user picks
 * one from this list instead of the app choosing silently.
 */
export function Chooser() {
  const store = useAppStore();
  const chooser = useAppState((s) => s.chooser);
  const index = useAppState(getIndex);
  const first = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (chooser) first.current?.focus();
  }, [chooser]);

  if (!chooser || chooser.anchor !== 'map' || !index) return null;
  const claims = chooser.claimIds.flatMap((id) => {
    const i = index.byId.get(id);
    return i === undefined ? [] : [index.claims[i]!];
  });
  return (
    <div
      className="chooser"
      data-testid="claim-chooser"
      role="dialog"
      aria-label={`${claims.length} claims here`}
      style={{ left: chooser.x, top: chooser.y }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          store.getState().closeChooser();
        }
      }}
    >
      <div className="chooser-head">
        <span>{claims.length} claims here</span>
        <button type="button" className="icon-button" aria-label="Close" onClick={() => store.getState().closeChooser()}>
          ×
        </button>
      </div>
      <ul>
        {claims.map((c, i) => (
          <li key={c.id}>
            <button
              type="button"
              ref={i === 0 ? first : undefined}
              data-claim-id={c.id}
              onClick={() => store.getState().select(c.id, 'chooser')}
              onMouseEnter={() => store.getState().setHovered(c.id)}
              onMouseLeave={() => store.getState().setHovered(null)}
            >
              <span className="swatch" style={{ background: KIND_COLORS[c.kind] }} aria-hidden="true" />
              <span className="chooser-text">
                <span className="chooser-kind">
                  {KIND_LABELS[c.kind]}
                  {c.stance !== 'asserted' ? ` · ${c.stance}` : ''}
                </span>
                <span>{c.summary}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
