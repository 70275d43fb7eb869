import type { SheetTab } from '../store/app-store';
import { useAppState, useAppStore } from '../store/react';

const TABS: { id: SheetTab; label: string }[] = [
  { id: 'article', label: 'Article' },
  { id: 'claims', label: 'Claims' },
  { id: 'detail', label: 'Detail' },
];

/** The phone's bottom sheet: one tab panel at a time under the map. */
export function Sheet({ panels }: { panels: Record<SheetTab, React.ReactNode> }) {
  const store = useAppStore();
  const tab = useAppState((s) => s.sheetTab);
  const hasSelection = useAppState((s) => s.selectedId !== null);
  const onKey = (e: React.KeyboardEvent) => {
    const i = TABS.findIndex((t) => t.id === tab);
    const next = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : null;
    if (next === null) return;
    e.preventDefault();
    const t = TABS[(next + TABS.length) % TABS.length]!;
    store.getState().setSheetTab(t.id);
    document.getElementById(`sheet-tab-${t.id}`)?.focus();
  };
  return (
    <div className="sheet">
      <div className="sheet-tabs" role="tablist" aria-label="Article, claims and detail" onKeyDown={onKey}>
        {TABS.map((t) => (
          <button
            key={t.id}
            id={`sheet-tab-${t.id}`}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            aria-controls={`sheet-panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            onClick={() => store.getState().setSheetTab(t.id)}
          >
            {t.label}
            {t.id === 'detail' && hasSelection && <span className="tab-dot" aria-label="(a claim is open)" />}
          </button>
        ))}
      </div>
      {TABS.map((t) => (
        <div
          key={t.id}
          id={`sheet-panel-${t.id}`}
          role="tabpanel"
          aria-labelledby={`sheet-tab-${t.id}`}
          className="sheet-panel"
          hidden={tab !== t.id}
        >
          {panels[t.id]}
        </div>
      ))}
    </div>
  );
}
