/**
 * The timeline's window arithmetic on day numbers (days since 1970-01-01, see interval.ts). Every window
 * and claim interval is half-open [start, end): a claim ending on the day a window starts is outside it.
 */
import { dayParts, formatIsoDate, parseIsoDate } from './interval';
import type { Precision } from './types';

export interface DayWindow {
  start: number; // inclusive day number
  end: number; // exclusive day number, > start
}

/** Half-open overlap of a claim [start, end) with a window [start, end). */
export function overlapsWindow(claimStart: number, claimEnd: number, win: DayWindow): boolean {
  return claimStart < win.end && claimEnd > win.start;
}

/**
 * The timeline's domain: the union of all intervals plus a margin (5 % of the span, at least 2 days) so the
 * first and last bars do not touch the axis ends. Null when there is nothing to show.
 */
export function paddedDomain(starts: ArrayLike<number>, ends: ArrayLike<number>): DayWindow | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < starts.length; i++) {
    const s = starts[i]!;
    const e = ends[i]!;
    if (s < lo) lo = s;
    if (e > hi) hi = e;
  }
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || hi <= lo) return null;
  const pad = Math.max(2, Math.round((hi - lo) * 0.05));
  return { start: lo - pad, end: hi + pad };
}

/** Keep a window inside the domain and at least one day wide, preserving its width where possible. */
export function clampWindow(win: DayWindow, domain: DayWindow): DayWindow {
  const span = domain.end - domain.start;
  let width = Math.min(Math.max(1, Math.round(win.end - win.start)), span);
  let start = Math.round(win.start);
  if (start < domain.start) start = domain.start;
  if (start + width > domain.end) start = domain.end - width;
  if (width < 1) width = 1;
  return { start, end: start + width };
}

/** The window state for `win` in `domain`: clamped to it, and null (no window) when that is all of it. */
export function windowIn(win: DayWindow, domain: DayWindow): DayWindow | null {
  const clamped = clampWindow(win, domain);
  return clamped.start === domain.start && clamped.end === domain.end ? null : clamped;
}

/** Move one edge of the window, keeping at least one day between the edges and both inside the domain. */
export function moveEdge(win: DayWindow, edge: 'start' | 'end', day: number, domain: DayWindow): DayWindow {
  const d = Math.round(day);
  if (edge === 'start') return { start: Math.min(Math.max(d, domain.start), win.end - 1), end: win.end };
  return { start: win.start, end: Math.max(Math.min(d, domain.end), win.start + 1) };
}

/** Shift the whole window by whole days, stopping at the domain ends. */
export function shiftWindow(win: DayWindow, days: number, domain: DayWindow): DayWindow {
  return clampWindow({ start: win.start + Math.round(days), end: win.end + Math.round(days) }, domain);
}

export function sameWindow(a: DayWindow | null, b: DayWindow | null): boolean {
  return a === b || (a !== null && b !== null && a.start === b.start && a.end === b.end);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2 Aug 2021" */
export function formatDay(day: number): string {
  const p = dayParts(day);
  return `${p.day} ${MONTHS[p.month - 1]} ${p.year}`;
}

/** "Aug 2021" */
export function formatMonth(day: number): string {
  const p = dayParts(day);
  return `${MONTHS[p.month - 1]} ${p.year}`;
}

/**
 * A half-open interval written the way people read dates: the end shown is the last day inside it.
 * "28 Jul 2021", "2–8 Aug 2021", "28 Jul – 3 Aug 2021", "May 2021" (a whole month at month precision),
 * "30 Dec 2020 – 2 Jan 2021".
 */
export function formatInterval(start: number, end: number, precision?: Precision): string {
  const last = Math.max(start, end - 1);
  const a = dayParts(start);
  const b = dayParts(last);
  const endNext = dayParts(end);
  if (precision === 'month' && a.day === 1 && endNext.day === 1) {
    if (a.year === b.year && a.month === b.month) return formatMonth(start);
    return a.year === b.year
      ? `${MONTHS[a.month - 1]}–${MONTHS[b.month - 1]} ${a.year}`
      : `${formatMonth(start)} – ${formatMonth(last)}`;
  }
  if (last === start) return formatDay(start);
  if (a.year !== b.year) return `${formatDay(start)} – ${formatDay(last)}`;
  if (a.month !== b.month) return `${a.day} ${MONTHS[a.month - 1]} – ${b.day} ${MONTHS[b.month - 1]} ${a.year}`;
  return `${a.day}–${b.day} ${MONTHS[a.month - 1]} ${a.year}`;
}

/** Day number from an ISO date, or null. Re-exported so callers need one module for window work. */
export function dayFromIso(iso: string): number | null {
  return parseIsoDate(iso);
}

export function isoFromDay(day: number): string {
  return formatIsoDate(day);
}
