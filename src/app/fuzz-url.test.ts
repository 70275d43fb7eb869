/**
 * Fuzz (issue 6): ≥ 1,000 random and hostile URL states through the real URL parser
 * (src/store/url-state.ts), on into a store holding the compiled seed article (applyUrlState, as at
 * start-up), and back out through the serialiser the URL sync writes with. Whatever a link holds: nothing
 * throws; every value that reaches the state is one the app can show; a value that was refused leaves a
 * visible notice; echoed values are short and printable; and the link the app then writes reads back
 * cleanly. Seeded: a failing case reproduces from its number.
 */
import { describe, expect, it } from 'vitest';
import { compileDataDir } from '../../scripts/lib/compile-dir';
import { CLAIM_KINDS } from '../domain/types';
import { parseIsoDate } from '../domain/interval';
import { createAppStore } from '../store/app-store';
import { getClaimIndex } from '../store/claim-index';
import { isSafeDataPath, parseUrlState, serializeUrlState, type UrlState } from '../store/url-state';
import { HOSTILE_STRINGS, seededRng, type Rng } from '../data/fuzz-prng';
import { isEmbedSearch, withEmbedFlag } from './embed';
import { applyUrlState, urlStateFromStore } from './url-sync';

const SEED = 0x00c0_ffee;
const RANDOM_CASES = 1200;

const compiled = compileDataDir('data');
if ('errors' in compiled) throw new Error('seed data does not compile');
const bundle = compiled.data.bundles[0]!;
const index = getClaimIndex(bundle);
const claimIds = bundle.claims.map((c) => c.id);
const voices = index.voiceCounts.map((v) => v.name);
const domain = index.domain!;

const KEYS = ['a', 'claim', 'from', 'to', 'kinds', 'by', 'map', 'data', 'embed'] as const;
const JUNK_KEYS = ['__proto__', 'constructor', '__proto__[polluted]', 'a[]', 'A', '', 'x', 'toString', '%00', 'kinds%00'];
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function randomUnicode(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) {
    const r = rng.next();
    s += r < 0.5 ? String.fromCharCode(rng.int(32, 126)) : r < 0.8 ? String.fromCharCode(rng.int(0, 0xffff)) : rng.pick(['&', '=', ',', '%', '#', '?', '/', '+', ' ', '%2C', '%26']);
  }
  return s;
}

function randomDate(rng: Rng): string {
  if (rng.chance(0.1)) return rng.pick(['2021-02-30', '2021-13-01', '21-07-28', '2021-7-28', '2021-07-28T00:00', '-2021-01-01', '+02021-01-01']);
  const y = rng.pick([2020, 2021, 2021, 2021, 1969, 9999]);
  const m = rng.int(1, 12);
  const d = rng.int(1, 28);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function randomNumber(rng: Rng): string {
  return rng.pick([
    () => String(rng.int(-200, 200)),
    () => (rng.next() * 400 - 200).toFixed(rng.int(0, 10)),
    () => rng.pick(['NaN', 'Infinity', '-0', '1e3', '0x1F', '', ' 1', '1.', '.5', '00012.5', '-', '1/2']),
  ])();
}

function validishValue(rng: Rng, key: (typeof KEYS)[number]): string {
  switch (key) {
    case 'a':
      return rng.pick([bundle.article.slug, 'other-article', 'x', 'A-B']);
    case 'claim':
      return rng.chance(0.7) ? rng.pick(claimIds) : `${rng.pick(claimIds)}-nope`;
    case 'from':
    case 'to':
      return randomDate(rng);
    case 'kinds': {
      const pool = [...CLAIM_KINDS, 'bogus', 'Movement', ''];
      return Array.from({ length: rng.int(0, 6) }, () => rng.pick(pool)).join(',');
    }
    case 'by': {
      const pool = [...voices, 'Nobody', 'Smith, J.'];
      return Array.from({ length: rng.int(1, 4) }, () => enc(rng.pick(pool))).join(',');
    }
    case 'map':
      return Array.from({ length: rng.pick([3, 3, 3, 2, 4]) }, () => randomNumber(rng)).join('/');
    case 'data':
      return rng.pick(['data/index.json', 'bench/corpus/index.json', 'data/../secret.json', '/data/index.json', 'data//x.json', 'data/index.js', './data/index.json', 'x.json']);
    case 'embed':
      return rng.pick(['1', '0', 'true', '', '1&embed=1']);
  }
}

/** encodeURIComponent, except that a lone surrogate becomes a malformed UTF-8 escape instead of a throw. */
function enc(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return value.replace(/[\ud800-\udfff]/g, '%ED%A0%80').split('%').map((p, i) => (i === 0 ? encodeURIComponent(p) : `%${p.slice(0, 2)}${encodeURIComponent(p.slice(2))}`)).join('');
  }
}

function encodeValue(rng: Rng, value: string): string {
  const r = rng.next();
  if (r < 0.5) return value.includes('%') && rng.chance(0.5) ? value : enc(value);
  if (r < 0.8) return value; // raw: may carry & = # and broken escapes
  return enc(enc(value));
}

function randomSearch(rng: Rng): string {
  const parts: string[] = [];
  const n = rng.int(0, 8);
  for (let i = 0; i < n; i++) {
    const key = rng.chance(0.1) ? rng.pick(JUNK_KEYS) : rng.pick(KEYS);
    const hostile = rng.chance(0.35);
    const value = hostile
      ? rng.pick([() => rng.pick(HOSTILE_STRINGS), () => randomUnicode(rng, rng.int(1, 60)), () => 'x'.repeat(rng.pick([2001, 30_000]))])()
      : validishValue(rng, (KEYS as readonly string[]).includes(key) ? (key as (typeof KEYS)[number]) : 'a');
    parts.push(rng.chance(0.05) ? key : `${key}=${encodeValue(rng, value)}`);
  }
  const query = parts.join(rng.chance(0.05) ? '&&' : '&');
  return rng.chance(0.9) ? `?${query}` : query;
}

const FIXED_HOSTILE = [
  '?claim=%3Cscript%3Ealert(1)%3C/script%3E',
  '?claim="><img src=x onerror=alert(1)>',
  '?data=//evil.example/index.json',
  '?data=https://evil.example/index.json',
  '?data=..%2F..%2Fetc%2Fpasswd.json',
  '?data=data/..%2F..%2Fsecret.json',
  '?data=javascript:alert(1)//.json',
  '?map=NaN/NaN/NaN',
  '?map=99/99/999',
  '?map=4.5/35/68/extra',
  '?from=2021-13-01&to=2021-07-01',
  '?from=2021-08-01&to=2021-07-01',
  '?a=__proto__&claim=constructor',
  '?__proto__[polluted]=1&constructor[prototype][polluted]=1',
  '?kinds=__proto__,constructor,movement',
  '?by=%3Cb%3E,%E2%80%AEevil,Sergei%20Shoigu',
  '?kinds=%E0%A4%A&by=%',
  `?${'a='.repeat(12000)}`,
  `?claim=${'x'.repeat(30_000)}`,
  '?embed=1&embed=0&claim=&a=&map=',
  '?#claim=x',
  '?a=jihadists-syria-libya-afghanistan&a=other',
  '??claim=x',
  '?claim=%u003cscript',
];

function prototypeIsClean(): boolean {
  return Object.keys(Object.prototype).length === 0 && ({} as Record<string, unknown>)['polluted'] === undefined;
}

/** Each field the parser let through is one the app can use. */
function checkState(state: UrlState, label: string): void {
  if (state.data !== null) {
    expect(isSafeDataPath(state.data), label).toBe(true);
    const url = new URL(state.data, 'https://atlas.example/app/');
    expect(url.origin, label).toBe('https://atlas.example');
    expect(url.pathname.startsWith('/app/'), label).toBe(true);
  }
  if (state.article !== null) expect(state.article, label).toMatch(/^[a-z0-9][a-z0-9-]{1,80}$/);
  if (state.claim !== null) expect(state.claim, label).toMatch(/^[a-z0-9][a-z0-9-]*$/);
  const f = state.from === null ? null : parseIsoDate(state.from);
  const t = state.to === null ? null : parseIsoDate(state.to);
  if (state.from !== null) expect(f, label).not.toBeNull();
  if (state.to !== null) expect(t, label).not.toBeNull();
  if (f !== null && t !== null) expect(t, label).toBeGreaterThan(f);
  for (const k of state.kinds ?? []) expect(CLAIM_KINDS, label).toContain(k);
  for (const name of state.by ?? []) {
    expect(name.length, label).toBeLessThanOrEqual(120);
    expect(name, label).not.toMatch(/[<>"`=]|javascript:/i);
    expect(name, label).not.toMatch(UNPRINTABLE);
  }
  if (state.map) {
    const { zoom, lat, lon } = state.map;
    for (const n of [zoom, lat, lon]) expect(Number.isFinite(n), label).toBe(true);
    expect(zoom >= 0 && zoom <= 22 && Math.abs(lat) <= 85.06 && Math.abs(lon) <= 180, label).toBe(true);
  }
}

/** A parameter that was given but did not make it into the state must have said why. */
function checkRefusalsNoticed(search: string, state: UrlState, notices: string[], label: string): void {
  if (search.length > 20000) {
    expect(notices.length, label).toBeGreaterThan(0);
    return;
  }
  const params = new URLSearchParams(search);
  const given = (k: string) => {
    const v = params.get(k);
    return v !== null && v.trim() !== '' ? v : null;
  };
  const refused =
    (given('data') !== null && state.data === null) ||
    (given('a') !== null && state.article === null) ||
    (given('claim') !== null && state.claim === null) ||
    (given('map') !== null && state.map === null) ||
    ((given('from') !== null || given('to') !== null) && state.from === null && state.to === null) ||
    (given('by') !== null && state.by === null) ||
    (given('kinds') !== null &&
      state.kinds === null &&
      !CLAIM_KINDS.every((k) => given('kinds')!.split(',').map((s) => s.trim()).includes(k)));
  if (refused) expect(notices.length, `${label}: refused a value without a notice`).toBeGreaterThan(0);
}

function checkNotices(notices: string[], label: string): void {
  for (const n of notices) {
    expect(typeof n, label).toBe('string');
    expect(n.length, `${label}: notice too long: ${n.slice(0, 80)}`).toBeLessThan(400);
    expect(n, `${label}: unprintable in notice`).not.toMatch(UNPRINTABLE);
  }
}

/** The URL keeps zoom to 2 decimals and lat/lon to 4 (the contract), and has no negative zero. */
function canonical(state: UrlState): UrlState {
  if (!state.map) return state;
  const round = (n: number, d: number) => Number(n.toFixed(d)) + 0;
  const { zoom, lat, lon } = state.map;
  return { ...state, map: { zoom: round(zoom, 2), lat: round(lat, 4), lon: round(lon, 4) } };
}

function runCase(search: string, label: string): void {
  let parsed: ReturnType<typeof parseUrlState>;
  expect(() => (parsed = parseUrlState(search)), label).not.toThrow();
  const { state, notices } = parsed!;
  checkState(state, label);
  checkNotices(notices, label);
  checkRefusalsNoticed(search, state, notices, label);

  // What the app writes back is canonical: it reads as itself, with nothing to complain about.
  const written = serializeUrlState(state);
  const reread = parseUrlState(written);
  expect(reread.notices, `${label}: re-reading ${written}`).toEqual([]);
  expect(canonical(reread.state), label).toEqual(canonical(state));
  expect(serializeUrlState(reread.state), label).toBe(written);

  // On into a store with the article loaded, as at start-up.
  const store = createAppStore();
  store.getState().setBundle(bundle);
  expect(() => applyUrlState(store, state), label).not.toThrow();
  const st = store.getState();
  if (st.selectedId !== null) expect(claimIds, label).toContain(st.selectedId);
  if (state.claim !== null && !claimIds.includes(state.claim)) expect(st.selectedId, label).toBeNull();
  if (st.timeWindow) {
    expect(st.timeWindow.end, label).toBeGreaterThan(st.timeWindow.start);
    expect(st.timeWindow.start >= domain.start && st.timeWindow.end <= domain.end, label).toBe(true);
  }
  for (const name of st.by ?? []) expect(voices, label).toContain(name);
  const storeNotices = st.notices.map((n) => n.text);
  checkNotices(storeNotices, label);
  if (state.claim !== null && !claimIds.includes(state.claim)) expect(storeNotices.length, label).toBeGreaterThan(0);
  if ((state.by ?? []).some((n) => !voices.includes(n))) expect(storeNotices.length, label).toBeGreaterThan(0);
  const target = st.cameraRequest?.target;
  expect(target, label).toBeDefined();
  if (target?.type === 'view') for (const n of Object.values(target.view)) expect(Number.isFinite(n), label).toBe(true);

  const appUrl = serializeUrlState(urlStateFromStore(st, state.data));
  expect(parseUrlState(appUrl).notices, `${label}: app wrote ${appUrl}`).toEqual([]);
  const embedded = withEmbedFlag(appUrl, true);
  expect(isEmbedSearch(embedded), label).toBe(true);
  expect(parseUrlState(embedded).state, label).toEqual(parseUrlState(appUrl).state);
  expect(isEmbedSearch(search) === /(^|[?&])embed=1(&|$)/.test(search), label).toBe(true);
  expect(prototypeIsClean(), `${label}: Object.prototype polluted`).toBe(true);
}

describe('fuzz: URL states through the real parser and into the store', () => {
  it('survives the known-hostile links, each refused value with a notice', () => {
    FIXED_HOSTILE.forEach((search, i) => runCase(search, `hostile ${i}: ${search.slice(0, 80)}`));
    // Spot checks that the refusals really happen (not merely "no throw").
    expect(parseUrlState('?data=//evil.example/index.json').state.data).toBeNull();
    expect(parseUrlState('?claim="><img src=x onerror=alert(1)>').state.claim).toBeNull();
    expect(parseUrlState('?map=NaN/NaN/NaN').state.map).toBeNull();
  });

  it(`survives ${RANDOM_CASES} seeded random links`, () => {
    const rng = seededRng(SEED);
    let withNotices = 0;
    let clean = 0;
    for (let i = 0; i < RANDOM_CASES; i++) {
      const search = randomSearch(rng);
      runCase(search, `case ${i} (seed ${SEED.toString(16)}): ${search.slice(0, 120)}`);
      if (parseUrlState(search).notices.length > 0) withNotices++;
      else clean++;
    }
    // The generator must exercise both sides: links refused in part, and links taken whole.
    expect(withNotices).toBeGreaterThan(RANDOM_CASES * 0.3);
    expect(clean).toBeGreaterThan(RANDOM_CASES * 0.05);
  }, 120_000);
});
