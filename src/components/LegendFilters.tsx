import { useState } from 'react';
import { KIND_COLORS, KIND_LABELS } from '../domain/kind-style';
import { useAppState, useAppStore } from '../store/react';
import { getFiltersActive, getIndex, getKindsPresent } from '../store/selectors';

/**
 * The map key and the filters in one place (as in kepler.gl's layer panel): each kind's colour is also its
 * checkbox; speakers and outlets narrow the claims when ticked; Reset restores everything, time included.
 */
const MAX_VOICES = 60;
const COMPACT = new Intl.NumberFormat('en-GB', { notation: 'compact', maximumFractionDigits: 1 });

/** Counts of a whole corpus run to five digits: "12.3K" keeps the two-column key readable. */
function countLabel(n: number): string {
  return n < 10_000 ? String(n) : COMPACT.format(n);
}

export function LegendFilters({ floating = false }: { floating?: boolean }) {
  const store = useAppStore();
  const index = useAppState(getIndex);
  const kinds = useAppState((s) => s.kinds);
  const by = useAppState((s) => s.by);
  const active = useAppState(getFiltersActive);
  const present = getKindsPresent(index);
  // Starts compact: on the desktop the colour key (which is also the kind filter) stays in a small corner
  // chip, speakers and the symbol key open on demand; on the phone the whole panel folds into one row so
  // the claim list comes first.
  const [collapsed, setCollapsed] = useState(true);
  if (!index) return null;
  const activeCount = (kinds ? 1 : 0) + (by ? 1 : 0);
  const showKinds = floating || !collapsed;
  // A corpus can cite thousands of names: list the most frequent, plus any already ticked.
  const voices = index.voiceCounts.filter((v, i) => i < MAX_VOICES || by?.includes(v.name));
  const more = index.voiceCounts.length - voices.length;

  return (
    <section
      className={`legend${floating ? ' is-floating' : ''}${collapsed ? ' is-collapsed' : ''}`} data-testid="legend"
      aria-labelledby="legend-title"
      data-map-inset={floating ? (collapsed ? 'top' : 'left') : undefined}
    >
      <div className="legend-head">
        <h2 id="legend-title">{floating ? 'Legend' : 'Filters'}</h2>
        <button
          type="button"
          className="text-button subtle legend-toggle"
          data-testid="legend-toggle"
          aria-expanded={!collapsed}
          aria-controls="legend-body"
          onClick={() => setCollapsed(!collapsed)}
        >
          {collapsed ? (floating ? 'More filters' : 'Show filters') : floating ? 'Fewer' : 'Hide filters'}
          {collapsed && activeCount > 0 && <span className="filter-badge"> · {activeCount} on</span>}
        </button>
        <button
          type="button"
          className="text-button"
          data-testid="filters-reset"
          onClick={() => store.getState().resetFilters()}
          aria-describedby={active ? undefined : 'filters-default'}
        >
          Reset
        </button>
        {!active && (
          <span id="filters-default" className="visually-hidden">
            nothing is filtered
          </span>
        )}
      </div>

      {showKinds && (
        <fieldset className="kind-filter" data-testid="filter-kinds">
          <legend>Kinds</legend>
          <div className="kind-grid">
            {present.map((k) => {
              const checked = kinds === null || kinds.includes(k);
              return (
                <label key={k} className={`kind-option${checked ? '' : ' is-off'}`}>
                  <input type="checkbox" checked={checked} onChange={() => store.getState().toggleKind(k, present)} />
                  <span className="swatch" style={{ background: KIND_COLORS[k] }} aria-hidden="true" />
                  <span className="kind-name">{KIND_LABELS[k]}</span>
                  <span className="count" aria-hidden="true" title={String(index.kindCounts.get(k) ?? 0)}>
                    {countLabel(index.kindCounts.get(k) ?? 0)}
                  </span>
                </label>
              );
            })}
          </div>
        </fieldset>
      )}

      <div id="legend-body" hidden={collapsed}>
        <fieldset className="by-filter" data-testid="filter-by">
          <legend>Said or reported by</legend>
          <div className="by-list">
            {voices.map((v) => (
              <label key={v.name} className="by-option">
                <input
                  type="checkbox"
                  checked={by?.includes(v.name) ?? false}
                  onChange={() => store.getState().toggleBy(v.name)}
                />
                <span className="by-name">{v.name}</span>
                <span className="count" aria-hidden="true">
                  {v.isOutlet ? 'outlet · ' : ''}
                  {v.count}
                </span>
              </label>
            ))}
          </div>
          {more > 0 && <p className="hint">and {more} more with fewer claims (find them with the list’s filter box).</p>}
          <p className="hint">{by ? 'Showing claims by the ticked names only.' : 'None ticked: everyone’s claims are shown.'}</p>
        </fieldset>

        <div className="symbol-key" aria-label="Map symbols">
          <span className="key">
            <svg width="26" height="12" aria-hidden="true">
              <path d="M2 10 Q13 0 22 7" fill="none" stroke="#555" strokeWidth="2" />
              <path d="M19 3 L25 8 L18 10 Z" fill="#555" />
            </svg>
            flow
          </span>
          <span className="key">
            <svg width="12" height="12" aria-hidden="true">
              <circle cx="6" cy="6" r="4.5" fill="#555" stroke="#fff" />
            </svg>
            place
          </span>
          <span className="key">
            <svg width="22" height="12" aria-hidden="true">
              <path d="M1 6 H21" stroke="#555" strokeWidth="3" strokeDasharray="5 3" />
            </svg>
            border
          </span>
          <span className="key">
            <svg width="16" height="12" aria-hidden="true">
              <rect x="1" y="1" width="14" height="10" fill="rgba(85,85,85,.15)" stroke="#555" />
            </svg>
            area
          </span>
          <span className="key">
            <svg width="34" height="12" aria-hidden="true">
              <circle cx="6" cy="6" r="4" fill="#fff" stroke="#555" strokeWidth="2" />
              <path d="M13 6 H33" stroke="#555" strokeWidth="2" strokeDasharray="3 3" />
            </svg>
            denied / disputed
          </span>
        </div>
      </div>
    </section>
  );
}
