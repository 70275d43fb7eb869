/**
 * The shareable part of the app state in the query string (see the UI contract):
 *   data=<index.json path>  a=<slug> or a=* (all articles)  claim=<id> (in the all view <slug>/<id>)  from=YYYY-MM-DD  to=YYYY-MM-DD  (window [from, to))
 *   kinds=movement,exercise  by=<speaker or outlet>,…  map=<zoom>/<lat>/<lon>
 * Parsing never throws: every value that is malformed, out of range or hostile is dropped (its default
 * applies) and a short notice says so. Echoed values are trimmed and shown as text only.
 */
import { CLAIM_KINDS, type ClaimKind } from '../domain/types';
import { parseIsoDate } from '../domain/interval';
import type { AppState, MapView } from './app-store';
import { isoFromDay } from '../domain/time-window';
import { ALL_ARTICLES } from '../domain/corpus';

export interface UrlState {
  data: string | null;
  article: string | null;
  claim: string | null;
  from: string | null; // YYYY-MM-DD, inclusive
  to: string | null; // YYYY-MM-DD, exclusive
  kinds: ClaimKind[] | null;
  by: string[] | null;
  map: MapView | null;
}

export const EMPTY_URL_STATE: UrlState = {
  data: null,
  article: null,
  claim: null,
  from: null,
  to: null,
  kinds: null,
  by: null,
  map: null,
};

export interface ParsedUrl {
  state: UrlState;
  notices: string[];
}

const MAX_PARAM = 2000;
const DATA_PATH = /^[A-Za-z0-9_./-]+\.json$/;
const SLUG = /^[a-z0-9][a-z0-9-]{1,80}$/;
// An article's own id, or in the all-articles view "<article slug>/<id>".
const CLAIM_ID = /^(?:[a-z0-9][a-z0-9-]{1,80}\/)?[a-z0-9][a-z0-9-]{0,159}$/;
// Letters, digits, marks, spaces and common name punctuation; nothing that could be markup or control.
const NAME = /^[\p{L}\p{M}\p{N} .,'’&()/-]{1,120}$/u;
const NUMBER = /^-?\d{1,3}(\.\d{1,8})?$/;

/** Shorten and make printable a hostile value before echoing it in a notice. */
export function quoteForNotice(value: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = value.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '?');
  return JSON.stringify(clean.length > 40 ? `${clean.slice(0, 40)}…` : clean);
}

export function isSafeDataPath(path: string): boolean {
  return (
    path.length <= 300 &&
    DATA_PATH.test(path) &&
    !path.startsWith('/') &&
    !path.includes('//') &&
    !path.split('/').some((part) => part === '..' || part === '.')
  );
}

function decodePart(part: string): string {
  try {
    return decodeURIComponent(part.replace(/\+/g, ' '));
  } catch {
    return part; // malformed percent-escapes are then refused as names
  }
}

/**
 * Split a list parameter on its literal commas, before percent-decoding, so an escaped comma (%2C) stays
 * inside a name ("Smith, J."). URLSearchParams would decode first and lose that distinction.
 */
function rawList(search: string, key: string): string[] {
  const query = search.startsWith('?') ? search.slice(1) : search;
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=');
    const k = decodePart(eq < 0 ? pair : pair.slice(0, eq));
    if (k !== key) continue;
    const raw = eq < 0 ? '' : pair.slice(eq + 1);
    return raw
      .split(',')
      .map((s) => decodePart(s).trim())
      .filter((s) => s.length > 0);
  }
  return [];
}

function parseMap(value: string): MapView | null {
  const parts = value.split('/');
  if (parts.length !== 3 || !parts.every((p) => NUMBER.test(p))) return null;
  const [zoom, lat, lon] = parts.map(Number) as [number, number, number];
  if (zoom < 0 || zoom > 22 || lat < -85.06 || lat > 85.06 || lon < -180 || lon > 180) return null;
  return { zoom, lat, lon };
}

export function parseUrlState(search: string): ParsedUrl {
  const notices: string[] = [];
  const state: UrlState = { ...EMPTY_URL_STATE };
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(search.length > 20000 ? '' : search);
    if (search.length > 20000) notices.push('The link was too long to read; showing the default view.');
  } catch {
    return { state, notices: ['The link could not be read; showing the default view.'] };
  }
  const get = (key: string): string | null => {
    const v = params.get(key);
    if (v === null) return null;
    if (v.length > MAX_PARAM) {
      notices.push(`Ignored the link's "${key}" value: it is too long.`);
      return null;
    }
    return v;
  };

  const data = get('data');
  if (data !== null) {
    if (isSafeDataPath(data)) state.data = data;
    else notices.push(`Ignored data=${quoteForNotice(data)}: only a relative .json path on this site is allowed.`);
  }

  const a = get('a');
  if (a !== null) {
    if (SLUG.test(a) || a === ALL_ARTICLES) state.article = a;
    else notices.push(`Ignored article ${quoteForNotice(a)}: not a valid article name.`);
  }

  const claim = get('claim');
  if (claim !== null) {
    if (CLAIM_ID.test(claim)) state.claim = claim;
    else notices.push(`Ignored claim ${quoteForNotice(claim)}: not a valid claim id.`);
  }

  const from = get('from');
  const to = get('to');
  if (from !== null || to !== null) {
    const f = from === null ? null : parseIsoDate(from);
    const t = to === null ? null : parseIsoDate(to);
    if (from !== null && f === null) {
      notices.push(`Ignored from=${quoteForNotice(from)}: not a date (YYYY-MM-DD); showing the whole timeline.`);
    } else if (to !== null && t === null) {
      notices.push(`Ignored to=${quoteForNotice(to)}: not a date (YYYY-MM-DD); showing the whole timeline.`);
    } else if (f !== null && t !== null && t <= f) {
      notices.push(`Ignored the time window ${from} – ${to}: it ends before it starts; showing the whole timeline.`);
    } else {
      state.from = from;
      state.to = to;
    }
  }

  const kinds = get('kinds');
  if (kinds !== null) {
    const list = rawList(search, 'kinds');
    const valid = CLAIM_KINDS.filter((k) => list.includes(k));
    const invalid = list.filter((k) => !(CLAIM_KINDS as readonly string[]).includes(k));
    if (invalid.length > 0) {
      notices.push(
        `Ignored unknown claim kind${invalid.length > 1 ? 's' : ''} ${invalid.slice(0, 3).map(quoteForNotice).join(', ')}.`,
      );
    }
    // "kinds=" (empty) is what the app writes when every kind is switched off.
    if (kinds.trim() === '') state.kinds = [];
    else if (valid.length > 0) state.kinds = valid.length === CLAIM_KINDS.length ? null : valid;
    else notices.push('No valid claim kind in the link; showing all kinds.');
  }

  const by = get('by');
  if (by !== null) {
    const list = rawList(search, 'by').slice(0, 50);
    const valid = list.filter((n) => NAME.test(n));
    const invalid = list.filter((n) => !NAME.test(n));
    if (invalid.length > 0) notices.push(`Ignored speaker/outlet ${invalid.slice(0, 3).map(quoteForNotice).join(', ')}: not a name.`);
    if (valid.length > 0) state.by = [...new Set(valid)];
  }

  const map = get('map');
  if (map !== null) {
    const view = parseMap(map);
    if (view) state.map = view;
    else notices.push(`Ignored map=${quoteForNotice(map)}: expected zoom/latitude/longitude; showing all claims.`);
  }

  return { state, notices };
}

function enc(value: string): string {
  // Keep the separators readable in shared links ("kinds=movement,exercise", "map=4.20/35.1/66.2");
  // commas inside a single name are escaped so the list still splits correctly.
  return encodeURIComponent(value).replace(/%2F/g, '/');
}

/** The query string for a state ("" when everything is default), parameters in a fixed order. */
export function serializeUrlState(state: UrlState): string {
  const parts: string[] = [];
  if (state.data) parts.push(`data=${enc(state.data)}`);
  if (state.article) parts.push(`a=${enc(state.article)}`);
  if (state.claim) parts.push(`claim=${enc(state.claim)}`);
  if (state.from) parts.push(`from=${enc(state.from)}`);
  if (state.to) parts.push(`to=${enc(state.to)}`);
  if (state.kinds) parts.push(`kinds=${state.kinds.map(enc).join(',')}`);
  if (state.by && state.by.length > 0) parts.push(`by=${state.by.map(enc).join(',')}`);
  if (state.map) {
    const { zoom, lat, lon } = state.map;
    parts.push(`map=${zoom.toFixed(2)}/${lat.toFixed(4)}/${lon.toFixed(4)}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

/**
 * The shareable state of the store: what the URL sync writes and what Share links carry (one function so
 * a copied link can never reopen a different view than the address bar). A draft opened in this tab lives
 * in memory only: nothing of it (slug, claim ids, speakers, window) goes into the URL, only the map view.
 */
export function urlStateFromStore(state: AppState, dataParam: string | null): UrlState {
  if (state.showingDraft) return { ...EMPTY_URL_STATE, data: dataParam, map: state.view };
  const win = state.timeWindow;
  return {
    data: dataParam,
    article: state.bundle?.article.slug ?? null,
    claim: state.selectedId,
    from: win ? isoFromDay(win.start) : null,
    to: win ? isoFromDay(win.end) : null,
    kinds: state.kinds ? [...state.kinds] : null,
    by: state.by ? [...state.by] : null,
    map: state.view,
  };
}
