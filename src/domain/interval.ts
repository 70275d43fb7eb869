/**
 * Calendar dates as ISO strings (YYYY-MM-DD, UTC, no time) and half-open intervals [start, end).
 * Internally a date is an integer day number (days since 1970-01-01) so arithmetic never meets
 * time zones or daylight saving.
 */

export interface DateInterval {
  start: string; // YYYY-MM-DD inclusive
  end: string; // YYYY-MM-DD exclusive
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Day number of a real calendar date, or null for anything else ("2021-02-30", "2021-7-1", "today"). */
export function parseIsoDate(iso: string): number | null {
  const m = ISO_DATE.exec(iso);
  if (!m) return null;
  return dayFromParts(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Day number for year/month(1-12)/day, or null when that date does not exist. */
export function dayFromParts(year: number, month: number, day: number): number | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return Math.round(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

export function isIsoDate(s: string): boolean {
  return parseIsoDate(s) !== null;
}

/** Like parseIsoDate but throws; for dates that already passed validation. */
export function toDay(iso: string): number {
  const d = parseIsoDate(iso);
  if (d === null) throw new Error(`not a calendar date (YYYY-MM-DD): ${JSON.stringify(iso)}`);
  return d;
}

export function formatIsoDate(day: number): string {
  const d = new Date(day * MS_PER_DAY);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  const dd = d.getUTCDate();
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
}

/** Year, month (1-12), day of month of a day number. */
export function dayParts(day: number): { year: number; month: number; day: number } {
  const d = new Date(day * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function addDays(iso: string, days: number): string {
  return formatIsoDate(toDay(iso) + days);
}

/** Whole days from a to b (b - a). */
export function daysBetween(a: string, b: string): number {
  return toDay(b) - toDay(a);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** ISO weekday: Monday = 1 … Sunday = 7. */
export function isoWeekday(day: number): number {
  // Day 0 (1970-01-01) was a Thursday.
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** Day number of the Monday of the ISO week containing day. */
export function isoWeekStart(day: number): number {
  return day - (isoWeekday(day) - 1);
}

/** Day number of the first of (month + offset), for offsets in whole months. */
export function monthStart(year: number, month: number, offset = 0): number {
  const total = year * 12 + (month - 1) + offset;
  const y = Math.floor(total / 12);
  const m = total - y * 12 + 1;
  return dayFromParts(y, m, 1)!;
}

export function compareIso(a: string, b: string): number {
  // Zero-padded ISO dates sort lexicographically.
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Half-open overlap: [a.start, a.end) and [b.start, b.end) share at least one day. Touching ends do not overlap. */
export function overlaps(a: DateInterval, b: DateInterval): boolean {
  return a.start < b.end && b.start < a.end;
}

/** The day lies in [start, end). */
export function containsDate(interval: DateInterval, iso: string): boolean {
  return interval.start <= iso && iso < interval.end;
}

export function intervalDays(interval: DateInterval): number {
  return daysBetween(interval.start, interval.end);
}

/** A real, non-empty interval: both ends are calendar dates and end > start. */
export function isValidInterval(interval: DateInterval): boolean {
  return isIsoDate(interval.start) && isIsoDate(interval.end) && interval.start < interval.end;
}

/** Smallest interval covering all of them, or null for none. */
export function unionExtent(intervals: readonly DateInterval[]): DateInterval | null {
  let start: string | null = null;
  let end: string | null = null;
  for (const i of intervals) {
    if (start === null || i.start < start) start = i.start;
    if (end === null || i.end > end) end = i.end;
  }
  return start !== null && end !== null ? { start, end } : null;
}
