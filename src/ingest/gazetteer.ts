/**
 * In-memory name index over the gazetteer asset: normalised name → candidate places. Pure (no fs, no
 * fetch); the browser fetches the asset (./load-browser.ts), Node reads it (scripts/ingest-lib/).
 */
import type { GazetteerAsset } from './gazetteer-asset';

export type GeoKind = 'country' | 'admin' | 'region' | 'city';

export interface Place {
  id: string; // "AFG", "geonames:1138958", "admin:US-TX", "region:central-asia"
  name: string;
  kind: GeoKind;
  lon: number;
  lat: number;
  /** ISO3 of the country the place lies in (the country itself for a country); null for regions. */
  iso3: string | null;
  population: number; // cities: GeoNames population; admins: summed city population; else 0
  /** GeoNames admin key "US.NY" for cities and admins, else null. */
  adminKey: string | null;
  capital: boolean;
  /** Compiler-known id (claims.yaml accepts it). */
  known: boolean;
}

export interface NameEntry {
  place: Place;
  /** The name is a demonym or adjective ("Russian") rather than the place's name. */
  demonym: boolean;
}

export interface Gazetteer {
  /** Normalised multi-word name → entries. */
  byName: Map<string, NameEntry[]>;
  /** Case-sensitive short abbreviations ("US", "UK", "DRC", "NSW"): never matched in other case. */
  byAbbrev: Map<string, NameEntry[]>;
  /** Every word-boundary prefix of a multi-word name ("new", "new york"): lets the matcher stop early. */
  prefixes: Set<string>;
  maxTokens: number;
  countries: Map<string, Place>;
  admins: Map<string, Place>; // by adminKey
  commonWords: Set<string>;
  givenNames: Set<string>;
  borders: Map<string, Set<string>>;
  /** Region id → member ISO3 codes (empty for continents and seas). */
  regionMembers: Map<string, string[]>;
}

/** Lower-case, fold diacritics and typographic quotes/dashes, collapse whitespace. */
export function normaliseName(s: string): string {
  // Most names and tokens are plain ASCII: skip Unicode normalisation for them.
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(s)) return s.replace(/[`]/g, "'").replace(/\s+/g, ' ').trim().toLowerCase();
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Single words that name a subdivision or town somewhere but in English text are a month, a weekday or
 *  a compass word ("West Region" of Cameroon, "August" in Germany). Never indexed alone. */
const NEVER_ALONE = new Set(
  (
    'january february march april may june july august september october november december ' +
    'monday tuesday wednesday thursday friday saturday sunday ' +
    'north south east west northern southern eastern western central northeast northwest southeast southwest ' +
    'north-east north-west south-east south-west upper lower federal capital metropolitan coast coastal ' +
    'island islands centre center national'
  ).split(' '),
);

const ADMIN_SUFFIXES = ['Province', 'State', 'Region', 'Prefecture', 'County', 'District', 'Governorate', 'Oblast'];
const isAbbrev = (s: string): boolean => /^(?:[A-Z]{2,4}|(?:[A-Z]\.){2,4})$/.test(s);

export function buildGazetteer(asset: GazetteerAsset): Gazetteer {
  const byName = new Map<string, NameEntry[]>();
  const byAbbrev = new Map<string, NameEntry[]>();
  let maxTokens = 1;
  const add = (name: string, place: Place, demonym = false): void => {
    const trimmed = name.trim();
    if (trimmed.length < 2) return;
    if (isAbbrev(trimmed)) {
      const list = byAbbrev.get(trimmed) ?? [];
      if (!list.some((e) => e.place.id === place.id)) list.push({ place, demonym });
      byAbbrev.set(trimmed, list);
      return;
    }
    const key = normaliseName(trimmed);
    if (NEVER_ALONE.has(key)) return;
    const list = byName.get(key) ?? [];
    if (list.some((e) => e.place.id === place.id && e.demonym === demonym)) return;
    list.push({ place, demonym });
    byName.set(key, list);
    maxTokens = Math.max(maxTokens, key.split(/[ -]/).length);
  };

  const countries = new Map<string, Place>();
  for (const [id, name, lon, lat, names, demonyms] of asset.countries) {
    const place: Place = { id, name, kind: 'country', lon, lat, iso3: id, population: 0, adminKey: null, capital: false, known: true };
    countries.set(id, place);
    add(name, place);
    for (const n of names) add(n, place);
    for (const d of demonyms) {
      // The news patches list "US"/"UK" as demonyms ("US troops"): they are the country's name too.
      if (isAbbrev(d)) add(d, place);
      else add(d, place, true);
    }
  }

  const commonWords = new Set(asset.commonWords);
  const admins = new Map<string, Place>();
  for (const [id, name, lon, lat, iso3, weight, key] of asset.admins) {
    const place: Place = { id, name, kind: 'admin', lon, lat, iso3, population: weight, adminKey: key || null, capital: false, known: false };
    if (key && !admins.has(key)) admins.set(key, place);
    // Postal abbreviations news copy uses for Australian states ("NSW", "QLD"); US two-letter codes are
    // left to the "City, ST" pattern in the geoparser, which reads them from adminKey.
    const abbr = /^admin:AU-([A-Z]{3})$/.exec(id);
    if (abbr && abbr[1] !== 'ACT') add(abbr[1]!, place);
    add(name, place);
    const base = name.replace(new RegExp(`\\s+(?:${ADMIN_SUFFIXES.join('|')})$`), '');
    // "Nyanza Province" is also "Nyanza", but "Free State" is not "Free".
    if (base !== name) {
      if (base.length >= 4 && !commonWords.has(normaliseName(base))) add(base, place);
    } else for (const s of ['Province', 'State', 'Region', 'Prefecture']) add(`${name} ${s}`, place);
  }

  const regionMembers = new Map<string, string[]>();
  for (const [id, name, lon, lat, aliases, known, members] of asset.regions) {
    regionMembers.set(id, members);
    const place: Place = { id, name, kind: 'region', lon, lat, iso3: null, population: 0, adminKey: null, capital: false, known: known === 1 };
    add(name, place);
    for (const a of aliases) add(a, place);
  }

  const cityById = new Map<number, Place>();
  const lines = asset.cities.split('\n');
  for (const line of lines) {
    const f = line.split('\t');
    if (f.length < 8) continue;
    const gid = Number(f[0]);
    const name = f[1]!;
    const fc = f[7]!;
    const place: Place = {
      id: `geonames:${gid}`,
      name,
      kind: 'city',
      lon: Number(f[5]),
      lat: Number(f[6]),
      iso3: f[2]!,
      population: Number(f[4]),
      adminKey: f[3]!,
      capital: fc === 'PPLC',
      known: true,
    };
    cityById.set(gid, place);
    add(name, place);
    if (/^Saint /.test(name) && place.population >= 10000) {
      add(name.replace(/^Saint /, 'St. '), place);
      add(name.replace(/^Saint /, 'St '), place);
    }
  }
  // A country's weight is the population of its cities: it ranks namesake countries and demonyms.
  for (const c of cityById.values()) {
    const country = c.iso3 ? countries.get(c.iso3) : undefined;
    if (country) country.population += c.population;
  }
  for (const [alias, gid] of asset.cityAliases) {
    const p = cityById.get(gid);
    if (p) add(alias, p);
  }

  const prefixes = new Set<string>();
  for (const key of byName.keys()) {
    for (let p = 1; p < key.length; p++) {
      const ch = key[p];
      if ((ch === ' ' || ch === '-' || ch === ',' || (ch === '.' && key[p + 1] === ' ')) && !/[ ,.-]/.test(key[p - 1]!)) prefixes.add(key.slice(0, p));
    }
  }
  return {
    byName,
    byAbbrev,
    prefixes,
    maxTokens: Math.min(maxTokens, 8),
    countries,
    admins,
    commonWords,
    regionMembers,
    borders: new Map(Object.entries(asset.borders).map(([k, v]) => [k, new Set(v)])),
    givenNames: new Set(asset.givenNames),
  };
}
