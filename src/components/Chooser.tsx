import { useEffect, useLayoutEffect, useRef, useState } from 'react';
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
  const box = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState<{ left: number; top: number } | null>(null);

  // Open beside the click, flipped or nudged so the whole list stays inside the map.
  useLayoutEffect(() => {
    const el = box.current;
    const area = el?.parentElement;
    if (!chooser || !el || !area) return setPos(null);
    const w = el.offsetWidth;
    const h = el.offsetHeight;
    const W = area.clientWidth;
    const H = area.clientHeight;
    let left = chooser.x + 12;
    let top = chooser.y + 12;
    if (left + w > W - 8) left = Math.max(8, chooser.x - w - 12);
    if (top + h > H - 8) top = Math.max(8, H - h - 8);
    setPos({ left, top });
  }, [chooser]);

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
      ref={box}
      style={pos ? { left: pos.left, top: pos.top } : { left: chooser.x, top: chooser.y, visibility: 'hidden' }}
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
