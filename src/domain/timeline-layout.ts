/** Pure geometry of the timeline: lane packing and axis ticks. */
import { dayParts, dayFromParts } from './interval';
import type { DayWindow } from './time-window';

/**
 * Greedy interval packing: claims sorted by start go into the first lane that is free (its last bar ended
 * on or before this start: intervals are half-open, so touching bars share a lane). Returns lane per claim.
 */
export function packLanes(start: Int32Array, end: Int32Array): { lane: Int32Array; lanes: number } {
  const n = start.length;
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => start[a]! - start[b]! || end[b]! - end[a]! || a - b,
  );
  const lane = new Int32Array(n);
  const laneEnd: number[] = [];
  for (const i of order) {
    let l = laneEnd.findIndex((e) => e <= start[i]!);
    if (l < 0) {
      l = laneEnd.length;
      laneEnd.push(end[i]!);
    } else laneEnd[l] = end[i]!;
    lane[i] = l;
  }
  return { lane, lanes: laneEnd.length };
}

export interface Tick {
  day: number;
  label: string;
  major: boolean;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Ticks at days, weeks (Mondays), months or years: the finest unit leaving `minPx` between labels. */
export function axisTicks(domain: DayWindow, widthPx: number, minPx = 64): Tick[] {
  const span = domain.end - domain.start;
  const pxPerDay = widthPx / Math.max(1, span);
  const ticks: Tick[] = [];
  if (pxPerDay * 1 >= minPx || pxPerDay * 7 >= minPx) {
    const step = pxPerDay >= minPx ? 1 : 7;
    // Weekly ticks on Mondays (day 4 since 1970-01-01 was a Monday).
    let d = step === 7 ? domain.start + ((((4 - domain.start) % 7) + 7) % 7) : domain.start;
    for (; d <= domain.end; d += step) {
      const p = dayParts(d);
      ticks.push({ day: d, label: `${p.day} ${MONTHS[p.month - 1]}`, major: p.day <= step });
    }
    return ticks;
  }
  const step = [1, 2, 3, 6, 12, 24, 60, 120].find((m) => pxPerDay * 30.44 * m >= minPx) ?? 240;
  const first = dayParts(domain.start);
  for (let total = first.year * 12 + first.month - 1; ; total++) {
    const y = Math.floor(total / 12);
    const m = (total % 12) + 1;
    const d = dayFromParts(y, m, 1)!;
    if (d > domain.end) break;
    if (d < domain.start || total % step !== 0) continue;
    const label = step >= 12 ? String(y) : m === 1 || ticks.length === 0 ? `${MONTHS[m - 1]} ${y}` : MONTHS[m - 1]!;
    ticks.push({ day: d, label, major: m === 1 });
  }
  return ticks;
}
