/**
 * A fast yes/no check of an article bundle: the same rules as the zod schema in bundle-schema.ts, written
 * as plain loops. zod (jitless, as the app's CSP requires) spends ~30 µs per claim walking its generic
 * schema tree; at 100,000 claims that is seconds of a core the map needs. This check answers the common
 * case — a valid file — roughly ten times faster; parseBundle runs zod only when it says no, so every
 * error message still comes from zod, path and all.
 *
 * The one promise this file makes: `isValidBundle(x)` is true only when zod would accept `x` too. Being
 * stricter than zod would only cost time (zod then decides); being laxer would let bad data through, so
 * bundle-check.test.ts runs both on thousands of mutants and on the corpus and asserts they agree.
 */
import { z } from 'zod';
import { CLAIM_KINDS, PLACE_ROLES, PRECISIONS, STANCES } from '../domain/types';

/** Shared with the zod schema, so both sides test the very same patterns. */
export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{1,80}$/;
export const CLAIM_ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
/** zod's own ISO date pattern (what `z.iso.date()` tests): real calendar dates only. */
const DATE_PATTERN: RegExp = z.regexes.date;

export const MARK_TYPES = ['flow', 'point', 'line', 'area'] as const;
export const PLACE_KINDS = ['country', 'city', 'region', 'border', 'site'] as const;

const KINDS: ReadonlySet<unknown> = new Set(CLAIM_KINDS);
const STANCE_SET: ReadonlySet<unknown> = new Set(STANCES);
const PRECISION_SET: ReadonlySet<unknown> = new Set(PRECISIONS);
const ROLES: ReadonlySet<unknown> = new Set(PLACE_ROLES);
const MARKS: ReadonlySet<unknown> = new Set(MARK_TYPES);
const PLACE_KIND_SET: ReadonlySet<unknown> = new Set(PLACE_KINDS);
const REVIEWS: ReadonlySet<unknown> = new Set(['curated', 'draft']);
const CONFIDENCES: ReadonlySet<unknown> = new Set(['high', 'medium', 'low']);

type Obj = Record<string, unknown>;

/** What zod's z.object() accepts: any non-null object that is not an array. */
function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
/** z.number() in zod 4 refuses NaN and ±Infinity. */
function isNum(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}
/** z.number().int().min(0): a safe integer ≥ 0. */
function isOffset(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}
function isStr(v: unknown): v is string {
  return typeof v === 'string';
}
function isNonEmpty(v: unknown): v is string {
  return typeof v === 'string' && v.length >= 1;
}
function isStrOrNull(v: unknown): boolean {
  return v === null || typeof v === 'string';
}
function isStrArray(v: unknown): boolean {
  if (!Array.isArray(v)) return false;
  for (const s of v) if (typeof s !== 'string') return false;
  return true;
}
/** Dates repeat thousands of times in a corpus; the regex runs once per distinct string. */
const dateSeen = new Map<string, boolean>();
function isDate(v: unknown): v is string {
  if (typeof v !== 'string') return false;
  let ok = dateSeen.get(v);
  if (ok === undefined) {
    ok = DATE_PATTERN.test(v);
    // A hostile file could hold millions of distinct strings: the cache is a speed-up, not a record.
    if (dateSeen.size > 10_000) dateSeen.clear();
    dateSeen.set(v, ok);
  }
  return ok;
}
function isSpan(v: unknown): v is { start: number; end: number } {
  return isObj(v) && isOffset(v['start']) && isOffset(v['end']) && (v['end'] as number) >= (v['start'] as number);
}

/** [x, y] or [x, y, z] of finite numbers. */
function isPosition(v: unknown): boolean {
  // Indexed, not for…of: a corpus holds hundreds of thousands of positions, read before V8 has optimised this.
  if (!Array.isArray(v)) return false;
  const n = v.length;
  return (n === 2 || n === 3) && isNum(v[0]) && isNum(v[1]) && (n === 2 || isNum(v[2]));
}
function isPositions(v: unknown, min: number): boolean {
  if (!Array.isArray(v) || v.length < min) return false;
  for (let i = 0; i < v.length; i++) if (!isPosition(v[i])) return false;
  return true;
}
function isRings(v: unknown): boolean {
  if (!Array.isArray(v) || v.length < 1) return false;
  for (const r of v) if (!isPositions(r, 4)) return false;
  return true;
}

function isGeometry(g: unknown): boolean {
  if (!isObj(g)) return false;
  const c = g['coordinates'];
  switch (g['type']) {
    case 'Point':
      return isPosition(c);
    case 'MultiPoint':
      return isPositions(c, 0);
    case 'LineString':
      return isPositions(c, 2);
    case 'MultiLineString': {
      if (!Array.isArray(c) || c.length < 1) return false;
      for (const l of c) if (!isPositions(l, 2)) return false;
      return true;
    }
    case 'Polygon':
      return isRings(c);
    case 'MultiPolygon': {
      if (!Array.isArray(c) || c.length < 1) return false;
      for (const p of c) if (!isRings(p)) return false;
      return true;
    }
    default:
      return false;
  }
}

function isFeature(f: unknown, claimId: string): boolean {
  if (!isObj(f) || f['type'] !== 'Feature') return false;
  const p = f['properties'];
  if (!isObj(p)) return false;
  // claimId must be the claim's own id (the schema's cross-check), which also makes it a string.
  if (p['claimId'] !== claimId || !MARKS.has(p['mark']) || !KINDS.has(p['kind']) || !STANCE_SET.has(p['stance'])) return false;
  const ids = p['placeIds'];
  if (!Array.isArray(ids) || ids.length < 1) return false;
  for (const id of ids) if (typeof id !== 'string') return false;
  return isGeometry(f['geometry']);
}

function isPlace(p: unknown): boolean {
  return (
    isObj(p) &&
    isNonEmpty(p['id']) &&
    isNonEmpty(p['name']) &&
    PLACE_KIND_SET.has(p['kind']) &&
    ROLES.has(p['role']) &&
    isNum(p['lon']) &&
    isNum(p['lat'])
  );
}

function isWhen(w: unknown, text: string): boolean {
  if (!isObj(w)) return false;
  const phrase = w['phrase'];
  const span = w['phraseSpan'];
  const start = w['start'];
  const end = w['end'];
  if (!isStrOrNull(phrase) || !(span === null || isSpan(span))) return false;
  if (!isDate(start) || !isDate(end) || !PRECISION_SET.has(w['precision']) || !isStrOrNull(w['basis'])) return false;
  if (!(start < end)) return false;
  if ((phrase === null) !== (span === null)) return false;
  if (span !== null && typeof phrase === 'string') {
    return text.slice(span.start, span.end).toLowerCase() === phrase.toLowerCase();
  }
  return true;
}

function isSaidBy(s: unknown): boolean {
  if (s === null) return true;
  return isObj(s) && isStrOrNull(s['name']) && isStrOrNull(s['role']) && isStrOrNull(s['organisation']);
}

function isClaim(c: unknown, text: string): c is Obj & { id: string; counterClaim: string | null } {
  if (!isObj(c)) return false;
  const id = c['id'];
  if (typeof id !== 'string' || !CLAIM_ID_PATTERN.test(id)) return false;
  if (!KINDS.has(c['kind']) || !isNonEmpty(c['summary']) || !STANCE_SET.has(c['stance'])) return false;
  const q = c['quote'];
  if (!isObj(q) || !isNonEmpty(q['text']) || !isOffset(q['start']) || !isOffset(q['end'])) return false;
  if (text.slice(q['start'], q['end']) !== q['text']) return false;
  if (!isSaidBy(c['saidBy']) || !isStrArray(c['reportedBy']) || !isStrOrNull(c['counterClaim'])) return false;
  if (!isWhen(c['when'], text)) return false;
  const places = c['places'];
  if (!Array.isArray(places)) return false;
  for (const p of places) if (!isPlace(p)) return false;
  if (!isStrArray(c['actors']) || !isStrOrNull(c['note'])) return false;
  const m = c['magnitude'];
  if (m !== null && !(isObj(m) && isNum(m['value']) && isNonEmpty(m['unit']) && typeof m['approximate'] === 'boolean')) return false;
  const review = c['review'];
  if (review !== undefined && !REVIEWS.has(review)) return false;
  const confidence = c['confidence'];
  if (confidence !== undefined && !(isNum(confidence) && confidence >= 0 && confidence <= 1)) return false;
  const g = c['geometry'];
  if (!isObj(g) || g['type'] !== 'FeatureCollection') return false;
  const features = g['features'];
  if (!Array.isArray(features) || features.length < 1) return false;
  for (const f of features) if (!isFeature(f, id)) return false;
  const anchor = c['anchor'];
  if (!Array.isArray(anchor) || anchor.length !== 2 || !isNum(anchor[0]) || !isNum(anchor[1])) return false;
  const bbox = c['bbox'];
  if (!Array.isArray(bbox) || bbox.length !== 4) return false;
  for (const n of bbox) if (!isNum(n)) return false;
  return true;
}

function isArticle(a: unknown): a is Obj & { text: string } {
  if (!isObj(a)) return false;
  const slug = a['slug'];
  const text = a['text'];
  if (typeof slug !== 'string' || !SLUG_PATTERN.test(slug) || !isNonEmpty(text)) return false;
  if (!isNonEmpty(a['title']) || !isDate(a['published']) || !CONFIDENCES.has(a['publishedConfidence'])) return false;
  if (!isStr(a['publishedEvidence']) || !isStrOrNull(a['outlet']) || !isStrArray(a['sources'])) return false;
  const language = a['language'];
  if (typeof language !== 'string' || language.length < 2) return false;
  if (!isStrOrNull(a['originalLanguage']) || !isStrOrNull(a['translation']) || !isStrOrNull(a['url']) || !isStrOrNull(a['provenanceNote'])) return false;
  if (!REVIEWS.has(a['review'])) return false;
  const boilerplate = a['boilerplate'];
  if (!Array.isArray(boilerplate)) return false;
  for (const s of boilerplate) if (!isSpan(s) || s.end > text.length) return false;
  return true;
}

/** True only when `json` is an article bundle the zod schema (with its cross-checks) accepts. */
export function isValidBundle(json: unknown): boolean {
  if (!isObj(json) || json['format'] !== 1) return false;
  const article = json['article'];
  if (!isArticle(article)) return false;
  const claims = json['claims'];
  if (!Array.isArray(claims)) return false;
  const text = article.text;
  const counter = new Map<string, string | null>();
  for (const c of claims) {
    if (!isClaim(c, text) || counter.has(c.id)) return false;
    counter.set(c.id, c.counterClaim);
  }
  for (const [id, other] of counter) {
    if (other !== null && counter.get(other) !== id) return false;
  }
  return true;
}
