/**
 * A small hand-made gazetteer asset for unit tests: enough namesakes to exercise disambiguation without
 * loading the 9 MB built asset. Coordinates are real (GeoNames / world-countries), populations rounded.
 */
import { buildGazetteer } from '../gazetteer';
import type { Gazetteer } from '../gazetteer';
import type { GazetteerAsset } from '../gazetteer-asset';

const city = (id: number, name: string, iso3: string, admin: string, pop: number, lon: number, lat: number, fc = 'PPL'): string =>
  [id, name, iso3, admin, pop, lon, lat, fc].join('\t');

export const FIXTURE_ASSET: GazetteerAsset = {
  format: 1,
  countries: [
    ['AFG', 'Afghanistan', 65, 33, ['Islamic Republic of Afghanistan'], ['Afghan', 'Afghans']],
    ['FRA', 'France', 2, 46, ['French Republic'], ['French']],
    ['GBR', 'United Kingdom', -2, 54, ['UK', 'U.K.', 'Britain', 'United Kingdom of Great Britain and Northern Ireland'], ['British']],
    ['JOR', 'Jordan', 36, 31, ['Hashemite Kingdom of Jordan'], ['Jordanian']],
    ['LBY', 'Libya', 17, 25, ['State of Libya'], ['Libyan']],
    ['RUS', 'Russia', 37.6173, 55.7558, ['Russian Federation'], ['Russian', 'Russians']],
    ['SYR', 'Syria', 38, 35, ['Syrian Arab Republic'], ['Syrian']],
    ['TJK', 'Tajikistan', 71, 39, ['Republic of Tajikistan'], ['Tajik', 'Tajiks']],
    ['TUR', 'Turkey', 35, 39, ['Republic of Türkiye'], ['Turkish']],
    ['USA', 'United States', -97, 38, ['US', 'U.S.', 'United States of America', 'America'], ['American', 'Americans']],
    ['UZB', 'Uzbekistan', 64, 41, ['Republic of Uzbekistan'], ['Uzbek']],
  ],
  admins: [
    ['admin:US-TX', 'Texas', -99.9, 31.97, 'USA', 21000000, 'US.TX'],
    ['admin:US-PA', 'Pennsylvania', -77.2, 41.2, 'USA', 9000000, 'US.PA'],
    ['admin:US-AL', 'Alabama', -86.9, 32.3, 'USA', 3500000, 'US.AL'],
    ['admin:US-ME', 'Maine', -69.25, 45.5, 'USA', 900000, 'US.ME'],
  ],
  regions: [
    ['region:central-asia', 'Central Asia', 66, 42, ['Central Asian countries'], 1, ['KAZ', 'KGZ', 'TJK', 'TKM', 'UZB']],
    ['region:africa', 'Africa', 21, 7, [], 0, []],
  ],
  cities: [
    city(1138958, 'Kabul', 'AFG', 'AF.13', 3043532, 69.17233, 34.52813, 'PPLC'),
    city(1221874, 'Dushanbe', 'TJK', 'TJ.04', 679400, 68.77905, 38.53575, 'PPLC'),
    city(524901, 'Moscow', 'RUS', 'RU.48', 10381222, 37.61556, 55.75222, 'PPLC'),
    city(5601538, 'Moscow', 'USA', 'US.ID', 25060, -117.00017, 46.73239),
    city(2988507, 'Paris', 'FRA', 'FR.11', 2138551, 2.3488, 48.85341, 'PPLC'),
    city(4717560, 'Paris', 'USA', 'US.TX', 25171, -95.55551, 33.66094),
    city(4974617, 'Paris', 'USA', 'US.ME', 5073, -70.50064, 44.25979),
    city(2639577, 'Reading', 'GBR', 'GB.ENG', 318014, -0.97113, 51.45625, 'PPLA2'),
    city(5207490, 'Reading', 'USA', 'US.PA', 87879, -75.92687, 40.33565, 'PPLA2'),
    city(741100, 'Of', 'TUR', 'TR.61', 31951, 40.26, 40.94, 'PPLA2'),
    city(4076598, 'Mobile', 'USA', 'US.AL', 194288, -88.04305, 30.69436, 'PPLA2'),
    city(250441, 'Amman', 'JOR', 'JO.16', 1275857, 35.94503, 31.95522, 'PPLC'),
    city(1683881, 'Jordan', 'USA', 'US.MN', 6076, -93.62, 44.67),
  ].join('\n'),
  cityAliases: [],
  commonWords: ['mobile', 'of', 'reading'],
  givenNames: ['jordan', 'paris'],
  compilerRegions: [{ id: 'region:central-asia', name: 'Central Asia', aliases: ['Central Asian countries'], members: ['KAZ', 'KGZ', 'TJK', 'TKM', 'UZB'], anchor: null }],
  compilerSites: [],
  borders: { AFG: ['CHN', 'IRN', 'PAK', 'TJK', 'TKM', 'UZB'], TJK: ['AFG', 'CHN', 'KGZ', 'UZB'], UZB: ['AFG', 'KAZ', 'KGZ', 'TJK', 'TKM'] },
};

let cached: Gazetteer | null = null;
export function fixtureGazetteer(): Gazetteer {
  return (cached ??= buildGazetteer(FIXTURE_ASSET));
}
