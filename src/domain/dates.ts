/**
 * Resolves the article's own time phrases ("today", "next week", "in May") against its publication date.
 * Pure and deterministic; every result is a half-open interval [start, end) of ISO dates. Weeks are ISO
 * weeks (Monday–Sunday). The rules are documented in data/README.md ("Date rules"); keep them in sync.
 */
import type { Precision } from './types';
import {
  dayFromParts,
  dayParts,
  formatIsoDate,
  isoWeekStart,
  isoWeekday,
  monthStart,
  parseIsoDate,
} from './interval';

export interface ResolvedPhrase {
  start: string;
  end: string;
  precision: Precision;
}

export interface ResolveOptions {
  /** The verb's tense around the phrase: decides "on Monday", "in May", "5 July" without a year. Default past. */
  tense?: 'past' | 'future';
}

const MONTHS = [
  'january', 'february', 'march', 'april', 'may', 'june',
  'july', 'august', 'september', 'october', 'november', 'december',
];
const MONTH_ABBR = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const NUMBER_WORDS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12,
};

/** Window for vague pasts ("recently", "earlier"): a month is what wire copy usually means by them. */
const VAGUE_PAST_DAYS = 30;

interface Raw {
  start: number;
  end: number;
  precision: Precision;
}

function monthIndex(word: string): number | null {
  const w = word.replace(/\.$/, '');
  let i = MONTHS.indexOf(w);
  if (i < 0) i = MONTH_ABBR.indexOf(w);
  if (i < 0 && w === 'sept') i = 8;
  return i < 0 ? null : i + 1;
}

function numberValue(word: string): number | null {
  if (/^\d{1,3}$/.test(word)) return Number(word);
  return NUMBER_WORDS[word] ?? null;
}

function normalise(phrase: string): string {
  return phrase
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/[.,;:!?"“”]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Leading words that do not change the interval: "on Monday" = "Monday", "in May" = "May". */
function stripPreposition(p: string): string {
  return p.replace(/^(?:on|in|during|at|over)\s+/, '');
}

function monthInterval(year: number, month: number): Raw {
  return { start: monthStart(year, month), end: monthStart(year, month, 1), precision: 'month' };
}

/** Year of the named month nearest P in the given direction (P's own month counts for both). */
function yearForMonth(month: number, p: number, tense: 'past' | 'future'): number {
  const { year, month: pm } = dayParts(p);
  if (tense === 'future') return month >= pm ? year : year + 1;
  return month <= pm ? year : year - 1;
}

function yearInterval(year: number): Raw {
  return { start: dayFromParts(year, 1, 1)!, end: dayFromParts(year + 1, 1, 1)!, precision: 'approximate' };
}

function resolveDayMonth(day: number, month: number, year: number | null, p: number, tense: 'past' | 'future'): Raw | null {
  if (year !== null) {
    const d = dayFromParts(year, month, day);
    return d === null ? null : { start: d, end: d + 1, precision: 'day' };
  }
  const py = dayParts(p).year;
  // 29 February without a year: look through the nearby years for one where it exists.
  const candidates: number[] = [];
  for (let y = py - 4; y <= py + 4; y++) {
    const d = dayFromParts(y, month, day);
    if (d !== null) candidates.push(d);
  }
  const pick =
    tense === 'future'
      ? candidates.filter((d) => d >= p).sort((a, b) => a - b)[0]
      : candidates.filter((d) => d <= p).sort((a, b) => b - a)[0];
  return pick === undefined ? null : { start: pick, end: pick + 1, precision: 'day' };
}

function resolveCore(p0: string, p: number, tense: 'past' | 'future'): Raw | null {
  // "since X": from the start of X up to and including the publication day.
  const since = /^since (.+)$/.exec(p0);
  if (since) {
    const inner = resolveCore(stripPreposition(since[1]!), p, 'past');
    if (!inner || inner.start > p) return null;
    return { start: inner.start, end: p + 1, precision: 'approximate' };
  }

  const p1 = stripPreposition(p0);
  switch (p1) {
    case 'today':
    case 'this morning':
    case 'this afternoon':
    case 'this evening':
    case 'tonight':
    case 'on the same day':
      return { start: p, end: p + 1, precision: 'day' };
    case 'yesterday':
    case 'last night':
      return { start: p - 1, end: p, precision: 'day' };
    case 'tomorrow':
      return { start: p + 1, end: p + 2, precision: 'day' };
    case 'the day before yesterday':
      return { start: p - 2, end: p - 1, precision: 'day' };
    case 'the day after tomorrow':
      return { start: p + 2, end: p + 3, precision: 'day' };
    case 'this week':
      return { start: isoWeekStart(p), end: isoWeekStart(p) + 7, precision: 'week' };
    case 'next week':
      return { start: isoWeekStart(p) + 7, end: isoWeekStart(p) + 14, precision: 'week' };
    case 'last week':
    case 'the previous week':
      return { start: isoWeekStart(p) - 7, end: isoWeekStart(p), precision: 'week' };
    case 'the past week':
    case 'past week':
      return { start: p - 7, end: p, precision: 'approximate' };
    case 'earlier this week':
      // Includes P so that an article published on a Monday still gets a non-empty interval.
      return { start: isoWeekStart(p), end: p + 1, precision: 'approximate' };
    case 'later this week':
      return { start: p + 1, end: Math.max(isoWeekStart(p) + 7, p + 2), precision: 'approximate' };
    case 'this weekend':
      return { start: isoWeekStart(p) + 5, end: isoWeekStart(p) + 7, precision: 'approximate' };
    case 'last weekend':
    case 'the weekend':
      return { start: isoWeekStart(p) - 2, end: isoWeekStart(p), precision: 'approximate' };
    case 'this month':
    case 'next month':
    case 'last month': {
      const { year, month } = dayParts(p);
      const off = p1 === 'this month' ? 0 : p1 === 'next month' ? 1 : -1;
      return { start: monthStart(year, month, off), end: monthStart(year, month, off + 1), precision: 'month' };
    }
    case 'earlier this month': {
      const { year, month } = dayParts(p);
      return { start: monthStart(year, month), end: p + 1, precision: 'approximate' };
    }
    case 'the past month':
    case 'past month':
      return { start: p - 30, end: p, precision: 'approximate' };
    case 'this year':
    case 'next year':
    case 'last year': {
      const { year } = dayParts(p);
      return yearInterval(year + (p1 === 'this year' ? 0 : p1 === 'next year' ? 1 : -1));
    }
    case 'earlier this year': {
      const { year } = dayParts(p);
      return { start: dayFromParts(year, 1, 1)!, end: p + 1, precision: 'approximate' };
    }
    case 'recently':
    case 'recent days':
    case 'in recent days':
    case 'in recent weeks':
    case 'recent weeks':
      return { start: p - VAGUE_PAST_DAYS, end: p, precision: 'approximate' };
    case 'earlier':
      // "Reuters reported earlier" may mean earlier the same day, so P itself is included.
      return { start: p - VAGUE_PAST_DAYS, end: p + 1, precision: 'approximate' };
  }

  // Weekdays: "Monday", "on Monday", "last Monday", "next Monday", "this Monday".
  const wd = /^(?:(last|next|this|on) )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/.exec(p1);
  if (wd) {
    const target = WEEKDAYS.indexOf(wd[2]!) + 1;
    const cur = isoWeekday(p);
    const back = (cur - target + 7) % 7; // days since the most recent such day, 0 if P is that day
    const fwd = (target - cur + 7) % 7; // days until the next such day, 0 if P is that day
    let d: number;
    if (wd[1] === 'last') d = p - (back === 0 ? 7 : back);
    else if (wd[1] === 'next') d = p + (fwd === 0 ? 7 : fwd);
    else if (wd[1] === 'this') d = isoWeekStart(p) + target - 1;
    else d = tense === 'future' ? p + fwd : p - back;
    return { start: d, end: d + 1, precision: 'day' };
  }

  // "2020"
  const yr = /^(\d{4})$/.exec(p1);
  if (yr) return yearInterval(Number(yr[1]));

  // "May", "May 2020", "early May", "mid-May 2021", "late May"
  const mo = /^(?:(early|mid|late)[- ])?([a-z]+\.?)(?: (?:of )?(\d{4}))?$/.exec(p1);
  if (mo) {
    const month = monthIndex(mo[2]!);
    if (month !== null) {
      const year = mo[3] ? Number(mo[3]) : yearForMonth(month, p, tense);
      const whole = monthInterval(year, month);
      if (!mo[1]) return whole;
      // Thirds of the month: 1–10, 11–20, 21–end.
      if (mo[1] === 'early') return { start: whole.start, end: whole.start + 10, precision: 'approximate' };
      if (mo[1] === 'mid') return { start: whole.start + 10, end: whole.start + 20, precision: 'approximate' };
      return { start: whole.start + 20, end: whole.end, precision: 'approximate' };
    }
  }

  // "5 July", "5 July 2021", "5th of July", "July 5", "July 5th, 2021"
  const dm = /^(?:the )?(\d{1,2})(?:st|nd|rd|th)? (?:of )?([a-z]+\.?)(?:,? (\d{4}))?$/.exec(p1);
  const md = /^([a-z]+\.?) (\d{1,2})(?:st|nd|rd|th)?(?:,? (\d{4}))?$/.exec(p1);
  const dayMonth = dm
    ? { day: Number(dm[1]), month: monthIndex(dm[2]!), year: dm[3] ? Number(dm[3]) : null }
    : md
      ? { day: Number(md[2]), month: monthIndex(md[1]!), year: md[3] ? Number(md[3]) : null }
      : null;
  if (dayMonth && dayMonth.month !== null) {
    return resolveDayMonth(dayMonth.day, dayMonth.month, dayMonth.year, p, tense);
  }

  // "3 days ago", "two weeks ago", "a month ago"
  const ago = /^([a-z0-9]+) (day|week|month)s? ago$/.exec(p1);
  if (ago) {
    const n = numberValue(ago[1]!);
    if (n === null) return null;
    if (ago[2] === 'day') return { start: p - n, end: p - n + 1, precision: 'day' };
    // A week or month "ago" is loose: centre a window of that unit on the point.
    const span = ago[2] === 'week' ? 7 : 30;
    const centre = p - n * span;
    return { start: centre - Math.floor(span / 2), end: centre + Math.ceil(span / 2), precision: 'approximate' };
  }

  // "the past 10 days", "the last two weeks"
  const past = /^(?:the )?(?:past|last) ([a-z0-9]+) (day|week|month)s?$/.exec(p1);
  if (past) {
    const n = numberValue(past[1]!);
    if (n === null) return null;
    const days = n * (past[2] === 'day' ? 1 : past[2] === 'week' ? 7 : 30);
    return { start: p - days, end: p, precision: 'approximate' };
  }

  return null;
}

/**
 * The interval a time phrase denotes, relative to the publication date `published` (YYYY-MM-DD),
 * or null when no rule covers the phrase (the caller must then give an explicit interval).
 */
export function resolvePhrase(phrase: string, published: string, opts: ResolveOptions = {}): ResolvedPhrase | null {
  const p = parseIsoDate(published);
  if (p === null) return null;
  const norm = normalise(phrase);
  if (norm === '') return null;
  const raw = resolveCore(norm, p, opts.tense ?? 'past');
  if (!raw || raw.end <= raw.start) return null;
  return { start: formatIsoDate(raw.start), end: formatIsoDate(raw.end), precision: raw.precision };
}
