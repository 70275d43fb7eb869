import { useCallback, useEffect, useRef, useState } from 'react';

export interface WindowedRows<E extends HTMLElement> {
  /** The scrolling element (the list). */
  ref: React.RefObject<E | null>;
  /** Rows [from, to) are in the DOM; the rest is padding of `padTop` and `padBottom` pixels. */
  from: number;
  to: number;
  padTop: number;
  padBottom: number;
  /** For the list's onScroll (undefined when not windowed: nothing to follow). */
  onScroll: ((e: React.UIEvent<E>) => void) | undefined;
  /** Scrolls row `i` into view: just enough ('nearest') or to the middle ('center'). */
  scrollToRow: (i: number, align: 'nearest' | 'center') => void;
}

/**
 * List windowing with fixed row heights: only the rows in view (plus `overscan` on each side) are
 * rendered, so a list of 100,000 claims costs what a screenful does. Follows the list's scroll position
 * and its height (ResizeObserver). With `enabled` false every row is rendered (short lists keep their
 * natural heights and the browser's own scrolling).
 */
export function useWindowedRows<E extends HTMLElement>(
  count: number,
  rowHeight: number,
  { overscan = 6, enabled = true }: { overscan?: number; enabled?: boolean } = {},
): WindowedRows<E> {
  const ref = useRef<E>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);

  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver !== 'function') return;
    const ro = new ResizeObserver(() => setViewport(el.clientHeight || 600));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const onScroll = useCallback((e: React.UIEvent<E>) => setScrollTop(e.currentTarget.scrollTop), []);

  const scrollToRow = useCallback(
    (i: number, align: 'nearest' | 'center') => {
      const el = ref.current;
      if (!el) return;
      const top = i * rowHeight;
      if (align === 'center') el.scrollTop = Math.max(0, top - el.clientHeight / 2);
      else if (top < el.scrollTop) el.scrollTop = top;
      else if (top + rowHeight > el.scrollTop + el.clientHeight) el.scrollTop = top + rowHeight - el.clientHeight;
      setScrollTop(el.scrollTop);
    },
    [rowHeight],
  );

  if (!enabled) return { ref, from: 0, to: count, padTop: 0, padBottom: 0, onScroll: undefined, scrollToRow };
  // When the list just got shorter (a timeline step) the browser clamps scrollTop only after this render:
  // clamp here too, or the render shows an empty window for a frame.
  const top = Math.max(0, Math.min(scrollTop, count * rowHeight - viewport));
  const from = Math.max(0, Math.floor(top / rowHeight) - overscan);
  const to = Math.max(from, Math.min(count, Math.ceil((top + viewport) / rowHeight) + overscan));
  return { ref, from, to, padTop: from * rowHeight, padBottom: (count - to) * rowHeight, onScroll, scrollToRow };
}
