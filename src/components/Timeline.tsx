import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { KIND_COLORS } from '../domain/kind-style';
import { CLAIM_KINDS } from '../domain/types';
import { formatDay, formatInterval, moveEdge, shiftWindow, type DayWindow } from '../domain/time-window';
import { useAppState, useAppStore } from '../store/react';
import { getAwaitingData, getDomain, getEffectiveWindow, getFilterMask, getIndex, getVisibleCount } from '../store/selectors';
import { axisTicks } from '../domain/timeline-layout';
import { columnDensity, packPixelLanes } from './timeline-lanes';
import { latestInOwnTask } from './latest-task';

const PAD = 12;
const AXIS_H = 20;
/** A one-day bar must stay a target you can see and click. */
const MIN_BAR_PX = 10;
/** Thinner rows on the phone's short track: more claims drawn, fewer behind "+N". */
const MIN_LANE_PX = 7;
const MARK_H = 12;
const PLAY_STEP_MS = 220;
const KIND_HEX = CLAIM_KINDS.map((k) => KIND_COLORS[k]);
/** Above this many claims a bar per claim is unreadable (and slow): the track shows claims per day instead. */
const DENSE_ABOVE = 2000;
const COUNT = new Intl.NumberFormat('en-GB');

function rgba(hex: string, a: number): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255},${a})`;
}

/**
 * Every claim as a bar in time (fuzzy ends for week, month and approximate precision), with a window of two
 * handles and a draggable body that decides which claims the map, list and reader show. Bars are drawn on
 * a canvas only when data, filters or size change; moving the window only moves a few positioned elements.
 */
export function Timeline() {
  const store = useAppStore();
  const index = useAppState(getIndex);
  const domain = useAppState(getDomain);
  const win = useAppState(getEffectiveWindow);
  const filterMask = useAppState(getFilterMask);
  const shown = useAppState(getVisibleCount);
  const playing = useAppState((s) => s.playing);
  const windowSet = useAppState((s) => s.timeWindow !== null);
  const selectedId = useAppState((s) => s.selectedId);
  const loading = useAppState(getAwaitingData);
  // The track element as state (its ref is the setter), so it is measured when it appears, not on every new
  // article: reading its size right after React changed the page forces a layout in that task (~20 ms when
  // an article swaps). The resize observer follows it from then on.
  const [trackEl, setTrackEl] = useState<HTMLDivElement | null>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [size, setSize] = useState({ w: 0, h: 0 });

  useLayoutEffect(() => {
    if (!trackEl) return;
    const measure = () => setSize({ w: trackEl.clientWidth, h: trackEl.clientHeight });
    measure();
    if (typeof ResizeObserver !== 'function') return;
    const ro = new ResizeObserver(measure);
    ro.observe(trackEl);
    return () => ro.disconnect();
  }, [trackEl]);

  const span = domain ? domain.end - domain.start : 1;
  const inner = Math.max(1, size.w - 2 * PAD);
  const xOf = (day: number) => (domain ? PAD + ((day - domain.start) / span) * inner : PAD);
  const dayAt = (x: number) => (domain ? Math.round(domain.start + ((x - PAD) / inner) * span) : 0);
  const barsTop = 4;
  const barsH = Math.max(8, size.h - AXIS_H - barsTop - 2);
  // Packed in pixels (depends on the width): short bars share lanes, a crowded day gets a "+N" mark.
  const dense = (index?.claims.length ?? 0) > DENSE_ABOVE;
  const lanes = useMemo(() => {
    if (!index || !domain || dense) return null;
    const n = index.claims.length;
    const x0 = new Float64Array(n);
    const x1 = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      x0[i] = PAD + ((index.start[i]! - domain.start) / span) * inner;
      x1[i] = PAD + ((index.end[i]! - domain.start) / span) * inner;
    }
    // Tens of thousands of claims: leave the cap to the lane height floor below.
    const maxLanes = n > 2000 ? Number.MAX_SAFE_INTEGER : Math.max(2, Math.floor((barsH - MARK_H) / (barsH < 60 ? 4 : MIN_LANE_PX)) + 1);
    return packPixelLanes(x0, x1, maxLanes, n > 2000 ? 3 : MIN_BAR_PX);
  }, [index, domain, span, inner, barsH, dense]);
  // With "+N" marks the last row is the marks' (MARK_H tall); bars share the rest.
  const hasMarks = (lanes?.overflow.length ?? 0) > 0;
  const laneH = lanes
    ? hasMarks
      ? Math.max(1.5, Math.min(9, (barsH - MARK_H - 1) / Math.max(1, lanes.rows - 1)))
      : Math.max(1.5, Math.min(9, barsH / Math.max(1, lanes.rows)))
    : 8;
  const minBar = index && index.claims.length > 2000 ? 3 : MIN_BAR_PX;

  // Draw the bars: only when data, filters or size change.
  useEffect(() => {
    const c = canvas.current;
    if (!c || !index || !domain || (!lanes && !dense) || size.w === 0) return;
    const dpr = window.devicePixelRatio || 1;
    c.width = Math.round(size.w * dpr);
    c.height = Math.round(size.h * dpr);
    const ctx = c.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, size.w, size.h);
    if (!lanes) {
      drawDensity(ctx, index, domain.start, span, inner, filterMask, barsTop, barsH);
      return;
    }
    const gap = laneH >= 5 ? 2 : laneH >= 3 ? 1 : 0;
    const x = (day: number) => PAD + ((day - domain.start) / span) * inner;
    for (let i = 0; i < index.claims.length; i++) {
      if (lanes.hidden[i] === 1) continue;
      const x0 = x(index.start[i]!);
      const x1 = Math.max(x0 + minBar, x(index.end[i]!));
      const y = barsTop + lanes.lane[i]! * laneH;
      const h = Math.max(1, laneH - gap);
      const on = filterMask[i] === 1;
      const hex = on ? KIND_HEX[index.kindOf[i]!]! : '#9aa0a6';
      const alpha = on ? 0.9 : 0.25;
      const precision = index.claims[i]!.when.precision;
      if (precision === 'day') {
        ctx.fillStyle = rgba(hex, alpha);
      } else {
        // Fuzzy ends: the less precise the date, the longer the fade.
        const fade = Math.min(0.45, precision === 'week' ? 0.2 : precision === 'month' ? 0.3 : 0.4);
        const g = ctx.createLinearGradient(x0, 0, x1, 0);
        g.addColorStop(0, rgba(hex, alpha * 0.12));
        g.addColorStop(fade, rgba(hex, alpha));
        g.addColorStop(1 - fade, rgba(hex, alpha));
        g.addColorStop(1, rgba(hex, alpha * 0.12));
        ctx.fillStyle = g;
      }
      ctx.fillRect(x0, y, x1 - x0, h);
    }
  }, [index, domain, lanes, dense, filterMask, size, laneH, span, inner, minBar, barsH]);

  // Play: the store advances the window; the interval lives outside React's render path.
  useEffect(() => {
    if (!playing) return;
    const t = setInterval(() => store.getState().playStep(), PLAY_STEP_MS);
    return () => clearInterval(t);
  }, [playing, store]);

  const ticks = useMemo(() => (domain && size.w > 0 ? axisTicks(domain, inner) : []), [domain, size.w, inner]);

  if (!index || !domain || !win) {
    // While the data loads the timeline already takes the room it will need, so the map does not shrink
    // under the reader (and its view re-fit) the moment the claims arrive.
    if (!loading) return <section className="timeline" data-testid="timeline" aria-label="Timeline" />;
    return (
      <section className="timeline" data-testid="timeline" aria-label="Timeline" aria-busy="true">
        <div className="timeline-bar" />
        <div className="timeline-track" />
      </section>
    );
  }

  const total = index.claims.length;
  const setWin = (w: DayWindow) => store.getState().setTimeWindow(w);
  const trackLeft = () => trackEl?.getBoundingClientRect().left ?? 0;

  const dragEdge = (edge: 'start' | 'end') => (e: React.PointerEvent<HTMLDivElement>) => {
    e.preventDefault();
    const el = e.currentTarget;
    el.setPointerCapture(e.pointerId);
    el.focus({ preventScroll: true });
    store.getState().setPlaying(false);
    // The window moves in a task of its own, not in the frame's (latest-task.ts).
    const apply = latestInOwnTask((clientX: number) => {
      const cur = getEffectiveWindow(store.getState());
      if (cur) setWin(moveEdge(cur, edge, dayAt(clientX - trackLeft()), domain));
    });
    const move = (ev: PointerEvent) => apply.call(ev.clientX);
    const up = () => {
      apply.flush();
      el.removeEventListener('pointermove', move);
      el.removeEventListener('pointerup', up);
      el.removeEventListener('pointercancel', up);
    };
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerup', up);
    el.addEventListener('pointercancel', up);
  };

  const dragBody = (e: React.PointerEvent<HTMLDivElement>) => {
    e.preventDefault();
    const el = e.currentTarget;
    el.setPointerCapture(e.pointerId);
    store.getState().setPlaying(false);
    const x0 = e.clientX;
    const y0 = e.clientY;
    const w0 = win;
    let moved = false;
    const apply = latestInOwnTask((dx: number) => setWin(shiftWindow(w0, Math.round((dx / inner) * span), domain)));
    const move = (ev: PointerEvent) => {
      const dx = ev.clientX - x0;
      if (Math.abs(dx) > 3) moved = true;
      if (moved) apply.call(dx);
    };
    const up = (ev: PointerEvent) => {
      apply.flush();
      el.removeEventListener('pointermove', move);
      el.removeEventListener('pointerup', up);
      el.removeEventListener('pointercancel', up);
      // A click without a drag selects the bar under it.
      if (!moved && Math.abs(ev.clientY - y0) < 4) pickBar(ev.clientX, ev.clientY);
    };
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerup', up);
    el.addEventListener('pointercancel', up);
  };

  const pickBar = (clientX: number, clientY: number) => {
    const rect = trackEl?.getBoundingClientRect();
    // The density view has no single bar under the pointer to pick.
    if (!rect || !lanes) return;
    const x = clientX - rect.left;
    const lane = Math.floor((clientY - rect.top - barsTop) / laneH);
    const day = dayAt(x);
    for (let i = 0; i < index.claims.length; i++) {
      if (lanes.lane[i] !== lane || lanes.hidden[i] === 1 || filterMask[i] !== 1) continue;
      const x0 = xOf(index.start[i]!);
      const x1 = Math.max(x0 + minBar, xOf(index.end[i]!));
      if (x >= x0 - 2 && x <= x1 + 2 && day >= index.start[i]! - span / inner) {
        store.getState().select(index.claims[i]!.id, 'timeline');
        return;
      }
    }
  };

  const keys = (edge: 'start' | 'end') => (e: React.KeyboardEvent) => {
    const cur = win;
    const value = edge === 'start' ? cur.start : cur.end;
    const step: Record<string, number> = {
      ArrowRight: value + 1,
      ArrowUp: value + 1,
      ArrowLeft: value - 1,
      ArrowDown: value - 1,
      PageUp: value + 7,
      PageDown: value - 7,
      Home: edge === 'start' ? domain.start : cur.start + 1,
      End: edge === 'start' ? cur.end - 1 : domain.end,
    };
    const next = step[e.key];
    if (next === undefined) return;
    e.preventDefault();
    store.getState().setPlaying(false);
    setWin(moveEdge(cur, edge, next, domain));
  };

  const xs = xOf(win.start);
  const xe = xOf(win.end);
  const selIdx = selectedId ? index.byId.get(selectedId) : undefined;
  const windowText = formatInterval(win.start, win.end);

  return (
    <section className="timeline" data-testid="timeline" aria-label="Timeline">
      <div className="timeline-bar">
        <button
          type="button"
          className="play-button"
          data-testid="timeline-play"
          aria-label={playing ? 'Pause' : 'Play through time'}
          aria-pressed={playing}
          onClick={() => store.getState().setPlaying(!playing)}
        >
          <span aria-hidden="true">{playing ? '❚❚' : '▶'}</span>
        </button>
        <span className="claim-count" data-testid="claim-count" aria-live="polite">
          {COUNT.format(shown)} of {COUNT.format(total)} {total === 1 ? 'claim' : 'claims'}
        </span>
        <span className="timeline-range">
          <span className="visually-hidden">Time window: </span>
          {windowText}
        </span>
        {windowSet && (
          <button type="button" className="text-button" onClick={() => store.getState().setTimeWindow(null)}>
            Whole period
          </button>
        )}
      </div>
      <div className="timeline-track" ref={setTrackEl}>
        <canvas ref={canvas} className="timeline-canvas" aria-hidden="true" style={{ width: size.w, height: size.h }} />
        <div className="timeline-axis" aria-hidden="true">
          {ticks.map((t) => (
            <span key={t.day} className={`tick${t.major ? ' major' : ''}`} style={{ left: xOf(t.day) }}>
              <span className="tick-label">{t.label}</span>
            </span>
          ))}
        </div>
        <div className="timeline-shade" style={{ left: 0, width: Math.max(0, xs) }} />
        <div className="timeline-shade" style={{ left: xe, right: 0 }} />
        {selIdx !== undefined && dense && (
          <div
            className="timeline-selected"
            style={{
              left: xOf(index.start[selIdx]!) - 2,
              width: Math.max(3, xOf(index.end[selIdx]!) - xOf(index.start[selIdx]!)) + 4,
              top: barsTop - 2,
              height: barsH + 4,
            }}
          />
        )}
        {selIdx !== undefined && lanes && (
          <div
            className="timeline-selected"
            style={{
              left: xOf(index.start[selIdx]!) - 2,
              width: Math.max(minBar, xOf(index.end[selIdx]!) - xOf(index.start[selIdx]!)) + 4,
              top: barsTop + lanes.lane[selIdx]! * laneH - 2,
              height: Math.max(3, laneH) + 2,
            }}
          />
        )}
        {lanes?.overflow.map((m) => {
          let first = Infinity;
          let last = -Infinity;
          for (const i of m.members) {
            first = Math.min(first, index.start[i]!);
            last = Math.max(last, index.end[i]!);
          }
          const when = formatInterval(first, last);
          return (
            <button
              key={m.members[0]}
              type="button"
              className="timeline-more"
              data-testid="timeline-more"
              style={{ left: m.x0, width: m.x1 - m.x0, top: barsTop + (lanes.rows - 1) * laneH + 1, height: MARK_H }}
              title={`${m.members.length} more claims (${when}): show only this period`}
              aria-label={`${m.members.length} more claims, ${when}: show only this period`}
              onPointerDown={(e) => e.stopPropagation()}
              onClick={() => store.getState().setTimeWindow({ start: first, end: last })}
            >
              +{m.members.length}
            </button>
          );
        })}
        <div
          className="timeline-window"
          data-testid="timeline-window"
          style={{ left: xs, width: Math.max(2, xe - xs) }}
          onPointerDown={dragBody}
          title="Drag to move the window"
        />
        {(['start', 'end'] as const).map((edge) => (
          <div
            key={edge}
            className={`timeline-handle ${edge}`}
            data-testid={`timeline-handle-${edge}`}
            role="slider"
            tabIndex={0}
            aria-label={`${edge === 'start' ? 'Start' : 'End'} of the time window`}
            aria-orientation="horizontal"
            aria-valuemin={domain.start}
            aria-valuemax={domain.end}
            aria-valuenow={win[edge]}
            // The window is half-open [start, end): the last day it shows is end - 1.
            aria-valuetext={edge === 'start' ? `from ${formatDay(win.start)}` : `to ${formatDay(win.end - 1)} inclusive`}
            style={{ left: edge === 'start' ? xs : xe }}
            onPointerDown={dragEdge(edge)}
            onKeyDown={keys(edge)}
          />
        ))}
      </div>
    </section>
  );
}

/** Claims per pixel column, stacked by kind (filtered-out claims grey on top), scaled to the busiest column. */
function drawDensity(
  ctx: CanvasRenderingContext2D,
  index: NonNullable<ReturnType<typeof getIndex>>,
  domainStart: number,
  span: number,
  inner: number,
  filterMask: Uint8Array,
  top: number,
  height: number,
) {
  const n = index.claims.length;
  const x0 = new Float64Array(n);
  const x1 = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x0[i] = ((index.start[i]! - domainStart) / span) * inner;
    x1[i] = ((index.end[i]! - domainStart) / span) * inner;
  }
  const d = columnDensity(x0, x1, index.kindOf, filterMask, CLAIM_KINDS.length, inner);
  if (d.max === 0) return;
  const base = top + height;
  const scale = height / d.max;
  const acc = new Float32Array(d.width);
  for (let k = 0; k <= CLAIM_KINDS.length; k++) {
    ctx.fillStyle = k < CLAIM_KINDS.length ? rgba(KIND_HEX[k]!, 0.85) : 'rgba(154,160,166,0.3)';
    const row = k * d.width;
    for (let c = 0; c < d.width; c++) {
      const h = d.counts[row + c]! * scale;
      if (h <= 0) continue;
      ctx.fillRect(PAD + c, base - acc[c]! - h, 1, h);
      acc[c]! += h;
    }
  }
}
