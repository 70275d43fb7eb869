import { useAppState, useAppStore } from '../store/react';

/** What the app ignored in the link, and why. Text only; one dismiss for all. */
export function Notices() {
  const store = useAppStore();
  const notices = useAppState((s) => s.notices);
  if (notices.length === 0) return null;
  return (
    <div className="notice" data-testid="notice" role="status">
      <div className="notice-body">
        {notices.length === 1 ? (
          <p>{notices[0]!.text}</p>
        ) : (
          <ul>
            {notices.map((n) => (
              <li key={n.id}>{n.text}</li>
            ))}
          </ul>
        )}
      </div>
      <button
        type="button"
        className="text-button"
        onClick={() => {
          for (const n of store.getState().notices) store.getState().dismissNotice(n.id);
        }}
      >
        Dismiss
      </button>
    </div>
  );
}
