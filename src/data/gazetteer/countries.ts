/**
 * Country names, aliases, demonyms and a display anchor for every ISO 3166 alpha-3 code world-countries
 * knows, patched for news usage. Browser-safe (no fs, no geometry): ingest imports it from a lazily
 * loaded chunk. Geometry lives in the Node-only gazetteer (./node-gazetteer.ts).
 */
import worldCountries from 'world-countries';
import { COUNTRY_PATCHES } from './country-patches';

export interface Country {
  id: string; // ISO 3166-1 alpha-3
  iso2: string;
  name: string; // common English name ("Tajikistan")
  official: string; // "Republic of Tajikistan"
  aliases: string[]; // other names a text may use, without the common name
  demonyms: string[]; // "Tajik", "Afghan"
  capital: string | null;
  /** [lon, lat]: the news anchor override when there is one, else world-countries' rough centre. */
  anchor: [number, number];
}

/** Two-letter codes in altSpellings ("TJ") would match ordinary words; the news patches add the few
 *  (US, UK) that texts really use. */
const isIsoCode = (s: string): boolean => /^[A-Z]{2}$/.test(s);

function uniq(values: string[], exclude: string[] = []): string[] {
  const seen = new Set(exclude.map((v) => v.toLowerCase()));
  const out: string[] = [];
  for (const v of values) {
    const key = v.toLowerCase();
    if (v.trim() === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(v);
  }
  return out;
}

function build(): Country[] {
  const list = worldCountries.map((wc): Country => {
    const patch = COUNTRY_PATCHES[wc.cca3] ?? {};
    const name = wc.name.common;
    const eng = wc.demonyms['eng'];
    return {
      id: wc.cca3,
      iso2: wc.cca2,
      name,
      official: wc.name.official,
      aliases: uniq([wc.name.official, ...wc.altSpellings.filter((s) => !isIsoCode(s)), ...(patch.aliases ?? [])], [name]),
      demonyms: uniq([...(patch.demonyms ?? []), ...(eng ? [eng.m, eng.f] : [])]),
      capital: wc.capital[0] ?? null,
      anchor: patch.anchor ?? [wc.latlng[1], wc.latlng[0]],
    };
  });
  return list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export const COUNTRIES: readonly Country[] = build();

const byId = new Map(COUNTRIES.map((c) => [c.id, c]));

/** The country with this ISO3 id (case-sensitive, "AFG"), or undefined. */
export function countryById(id: string): Country | undefined {
  return byId.get(id);
}
