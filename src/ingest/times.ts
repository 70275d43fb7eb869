/**
 * Temporal expressions in English news text, each normalised against the publication date to a half-open
 * interval with a precision. Two layers:
 *  1. news phrases chrono-node misses or reads as a single instant ("next week", "recently", "earlier",
 *     "since May", "in 2020", bare months), matched here and resolved by the domain's resolvePhrase so
 *     that the compiler reads a drafted `when.phrase` the same way;
 *  2. chrono-node for calendar dates, weekdays, "N days ago" and ranges, resolved by resolvePhrase when it
 *     has a rule and from chrono's certain components otherwise.
 * The tense of the clause ("will", "is to", "plans to"…) decides a bare month or weekday.
 */
import * as chrono from 'chrono-node';
import { resolvePhrase } from '../domain/dates';
import { addDays, isIsoDate } from '../domain/interval';
import type { Precision } from '../domain/types';

export interface TimeMention {
  start: number;
  end: number;
  text: string;
  start_date: string;
  end_date: string;
  precision: Precision;
  /** How the interval was found: "rule" (resolvePhrase) or "calendar" (chrono's components). */
  source: 'rule' | 'calendar';
  tense: 'past' | 'future';
}

const MONTH = '(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?)';
const WEEKDAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const NUM = '(?:\\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)';

/** Phrases resolved by rule. Order matters: longer phrases first. Case-insensitive unless noted. */
const PHRASES: RegExp[] = [
  // Calendar days: "5 July 2021", "5th of July", "July 5, 2021", "July 5"
  new RegExp(`\\b\\d{1,2}(?:st|nd|rd|th)? (?:of )?${MONTH}(?:,? \\d{4})?\\b`, 'g'),
  new RegExp(`\\b${MONTH} \\d{1,2}(?:st|nd|rd|th)?(?:,? \\d{4})?\\b(?![-–:]\\d)`, 'g'),
  new RegExp(`\\bsince (?:(?:early|mid|late)[- ])?${MONTH}(?: \\d{4})?\\b`, 'g'),
  new RegExp(`\\bsince (?:last|this) (?:week|month|year|${WEEKDAY})\\b`, 'gi'),
  new RegExp(`\\bsince \\d{4}\\b`, 'g'),
  /\b(?:earlier|later) this (?:week|month|year)\b/gi,
  /\bthe day (?:before yesterday|after tomorrow)\b/gi,
  /\b(?:this|next|last) (?:week|month|year|weekend)\b/gi,
  /\bthe (?:previous|past) (?:week|month)\b/gi,
  new RegExp(`\\b(?:the )?(?:past|last) ${NUM} (?:days|weeks|months)\\b`, 'gi'),
  new RegExp(`\\b${NUM} (?:days?|weeks?|months?) ago\\b`, 'gi'),
  /\b(?:this (?:morning|afternoon|evening)|tonight|last night|today|yesterday|tomorrow)\b/gi,
  /\b(?:in )?recent (?:days|weeks)\b/gi,
  /\brecently\b/gi,
  new RegExp(`\\b(?:(?:last|next|this) )${WEEKDAY}\\b`, 'gi'),
  new RegExp(`\\b(?:(?:early|mid|late)[- ])${MONTH}(?: \\d{4})?\\b`, 'gi'),
  // "in 2020", "during 2019" (a bare number is too often not a year)
  /\b(?:in|during|since|by|until|before|after|throughout) ((?:19|20)\d{2})\b(?![-–]\d)/g,
  // Bare months must be capitalised: "may" is a verb. "in May", "May 2020", "by May".
  new RegExp(`\\b(?:(?:in|during|by|until|before|after|from|through|throughout|since|of|last|next|this|early|late) )?${MONTH}(?: (?:of )?\\d{4})?\\b`, 'g'),
];

/** Adverb "earlier", not "earlier this year" (handled above), "earlier than", "two days earlier". */
const EARLIER = /\bearlier\b(?! (?:than|this|in|on|that|today))/gi;

const FUTURE_RE = /\b(?:will|shall|won['’]t|would|going to|is to|are to|plans? to|planned|expects? to|expected to|scheduled|upcoming|intends? to|set to|due to)\b|['’]ll\b/i;

/** The sentence around [start, end). */
const CLAUSE_END = /[.!?\n;,]/;

/** The governing verb usually precedes the time ("will attack in March", "attacked in May"); a time
 *  that opens its clause ("In May, they…") is governed by what follows. */
export function clauseTense(text: string, start: number, end: number): 'past' | 'future' {
  let s = start;
  while (s > 0 && start - s < 80 && !CLAUSE_END.test(text[s - 1]!)) s--;
  const before = text.slice(s, start);
  if (FUTURE_RE.test(before)) return 'future';
  if (/\b(?:was|were|had|did|said|\w+ed)\b/i.test(before)) return 'past';
  let e = end;
  // Skip the comma right after an opening time: "In May, they will…"
  if (text[e] === ',') e++;
  while (e < text.length && e - end < 80 && !CLAUSE_END.test(text[e]!)) e++;
  const after = text.slice(end, e);
  const fut = FUTURE_RE.exec(after);
  const past = /\b(?:was|were|had|did|said|\w+ed)\b/i.exec(after);
  return fut && (!past || fut.index < past.index) ? 'future' : 'past';
}

function dayOf(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function overlapsAny(spans: { start: number; end: number }[], s: number, e: number): boolean {
  return spans.some((x) => s < x.end && e > x.start);
}

/** Strip "in"/"on"… so the reported text is the time itself, as resolvePhrase's rules expect. */
function trimPreposition(text: string, start: number): { text: string; start: number } {
  const m = /^(?:on|in|at|by|during|from|of|throughout|through|until|before|after) (?=\S)/i.exec(text);
  if (!m) return { text, start };
  // "since", "last", "next" change the meaning; the listed ones do not.
  return { text: text.slice(m[0].length), start: start + m[0].length };
}

/** chrono-node slows down more than linearly on long strings: feed it pieces cut at line or sentence ends. */
function chunks(text: string, size: number): [number, number][] {
  const out: [number, number][] = [];
  let a = 0;
  while (a < text.length) {
    let b = Math.min(text.length, a + size);
    if (b < text.length) {
      const nl = text.lastIndexOf('\n', b);
      const dot = text.lastIndexOf('. ', b);
      const cut = nl > a + size / 2 ? nl + 1 : dot > a + size / 2 ? dot + 2 : b;
      b = cut;
    }
    out.push([a, b]);
    a = b;
  }
  return out;
}

export function tagTimes(text: string, published: string): TimeMention[] {
  if (!isIsoDate(published)) throw new Error(`published: "${published}" is not a valid YYYY-MM-DD date`);
  const out: TimeMention[] = [];

  const push = (start: number, phrase: string, tense: 'past' | 'future'): boolean => {
    const end = start + phrase.length;
    if (overlapsAny(out, start, end)) return false;
    const r = resolvePhrase(phrase, published, { tense });
    if (!r) return false;
    out.push({ start, end, text: phrase, start_date: r.start, end_date: r.end, precision: r.precision, source: 'rule', tense });
    return true;
  };

  for (const re of PHRASES) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      let phrase = m[0];
      let start = m.index;
      // "in 2020": report the year, but keep the preposition's evidence that it is one.
      if (m[1] && /^\d{4}$/.test(m[1]) && !/^since/i.test(phrase)) {
        start = m.index + phrase.length - m[1].length;
        phrase = m[1];
      } else if (!/^(?:since|last|next|this|early|late|mid)/i.test(phrase)) {
        ({ text: phrase, start } = trimPreposition(phrase, start));
      }
      // A bare capitalised month at a sentence start may still be the verb "May".
      if (/^May$/.test(phrase) && /(?:^|[.!?"“]\s*)$/.test(text.slice(Math.max(0, start - 3), start)) && start === m.index) continue;
      push(start, phrase, clauseTense(text, start, start + phrase.length));
    }
  }
  // Day ranges: "3-5 May 2021", "from 3 to 5 May", "May 3-5, 2021"
  const ranges = [
    new RegExp(`\\b(?:from |between )?(\\d{1,2})(?:st|nd|rd|th)?(?: ?[-–] ?| to | and )(\\d{1,2})(?:st|nd|rd|th)? (${MONTH})(?:,? (\\d{4}))?\\b`, 'g'),
    new RegExp(`\\b(${MONTH}) (\\d{1,2})(?: ?[-–] ?| to | and )(\\d{1,2})(?:,? (\\d{4}))?\\b`, 'g'),
  ];
  ranges.forEach((re, which) => {
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      const [d1, d2, mon, year] = which === 0 ? [m[1]!, m[2]!, m[3]!, m[4]] : [m[2]!, m[3]!, m[1]!, m[4]];
      const y = year ? ` ${year}` : '';
      const tense = clauseTense(text, m.index, m.index + m[0].length);
      const a = resolvePhrase(`${d1} ${mon}${y}`, published, { tense });
      const b = resolvePhrase(`${d2} ${mon}${y}`, published, { tense });
      const startAt = m.index + (/^(?:from|between) /.exec(m[0])?.[0].length ?? 0);
      const phrase = text.slice(startAt, m.index + m[0].length);
      if (!a || !b || b.end <= a.start) continue;
      // Remove the single-day readings the day patterns already made inside this range.
      for (let k = out.length - 1; k >= 0; k--) if (out[k]!.start < startAt + phrase.length && out[k]!.end > startAt) out.splice(k, 1);
      out.push({ start: startAt, end: startAt + phrase.length, text: phrase, start_date: a.start, end_date: b.end, precision: 'day', source: 'rule', tense });
    }
  });

  EARLIER.lastIndex = 0;
  let em: RegExpExecArray | null;
  while ((em = EARLIER.exec(text)) !== null) {
    // "two days earlier" is relative to another event, not to publication.
    if (/\b(?:\d+|a|an|one|two|three|four|five|six|seven|days?|weeks?|months?|years?) $/i.test(text.slice(Math.max(0, em.index - 12), em.index))) continue;
    push(em.index, em[0], 'past');
  }

  // chrono for calendar dates, weekdays and ranges.
  const ref = { instant: new Date(`${published}T12:00:00Z`), timezone: 0 };
  const results: { index: number; text: string; start: chrono.ParsedComponents; end?: chrono.ParsedComponents }[] = [];
  for (const [a, b] of chunks(text, 4000)) {
    for (const r of chrono.parse(text.slice(a, b), ref)) results.push({ index: a + r.index, text: r.text, start: r.start, end: r.end });
  }
  for (const r of results) {
    const trimmed = trimPreposition(r.text, r.index);
    const start = trimmed.start;
    let phrase = trimmed.text;
    // "two days earlier", "a week later" count from another event, not from publication.
    if (/\b(?:earlier|later|after|before)\b/i.test(phrase)) continue;
    // Times of day alone ("at 5 p.m.") carry no date.
    if (!r.start.isCertain('day') && !r.start.isCertain('month') && !r.start.isCertain('weekday') && !/\b(?:ago|week|month|year)\b/i.test(phrase)) continue;
    phrase = phrase.replace(/[\s,]+$/, '');
    const end = start + phrase.length;
    if (overlapsAny(out, start, end)) continue;
    const tense = clauseTense(text, start, end);
    if (push(start, phrase, tense)) continue;
    // Fall back to chrono's own reading.
    const s = r.start;
    const d0 = dayOf(s.date());
    let startDate: string;
    let endDate: string;
    let precision: Precision;
    if (s.isCertain('day') || s.isCertain('weekday')) {
      startDate = d0;
      endDate = r.end ? addDays(dayOf(r.end.date()), 1) : addDays(d0, 1);
      precision = r.end ? 'approximate' : 'day';
    } else if (s.isCertain('month')) {
      const y = s.get('year') ?? Number(published.slice(0, 4));
      const mo = s.get('month') ?? 1;
      startDate = `${y}-${String(mo).padStart(2, '0')}-01`;
      const ny = mo === 12 ? y + 1 : y;
      const nm = mo === 12 ? 1 : mo + 1;
      endDate = `${ny}-${String(nm).padStart(2, '0')}-01`;
      precision = 'month';
    } else continue;
    if (endDate <= startDate) continue;
    out.push({ start, end, text: phrase, start_date: startDate, end_date: endDate, precision, source: 'calendar', tense });
  }

  out.sort((a, b) => a.start - b.start);
  return out;
}
