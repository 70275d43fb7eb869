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
    ['ATF', 'French Southern and Antarctic Lands', 69.2, -49.25, [], ['French']],
    ['BHS', 'Bahamas', -76, 24.25, ['Commonwealth of the Bahamas'], ['Bahamian']],
    ['CAN', 'Canada', -96.53, 60.34, [], ['Canadian']],
    ['COD', 'DR Congo', 23.63, -2.87, ['Congo', 'Democratic Republic of the Congo', 'Democratic Republic of Congo', 'DRC'], ['Congolese']],
    ['COG', 'Republic of the Congo', 15.22, -0.84, ['Congo', 'Republic of Congo'], ['Congolese']],
    ['GEO', 'Georgia', 43.52, 42.17, ['Sakartvelo'], ['Georgian']],
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
    ['admin:US-GA', 'Georgia', -82.9, 32.17, 'USA', 4636667, 'US.GA'],
    ['admin:US-NY', 'New York', -75.82, 42.01, 'USA', 29374863, 'US.NY'],
    ['admin:US-CA', 'California', -119.42, 36.78, 'USA', 38770410, 'US.CA'],
    ['admin:US-AZ', 'Arizona', -111.09, 34.05, 'USA', 7084239, 'US.AZ'],
    ['admin:CA-AB', 'Alberta', -116.58, 53.93, 'CAN', 2766956, 'CA.01'],
    ['admin:CA-NB', 'New Brunswick', -66.16, 46.57, 'CAN', 400000, 'CA.04'],
    ['admin:CA-ON', 'Ontario', -85.32, 51.25, 'CAN', 12822939, 'CA.08'],
    ['admin:CA-QC', 'Quebec', -73.55, 52.94, 'CAN', 6884659, 'CA.10'],
    ['admin:GB-ENG', 'England', -1.17, 52.36, 'GBR', 56443114, 'GB.ENG'],
    ['admin:BS-LI', 'Long Island', -74.98, 23.1, 'BHS', 1752, 'BS.15'],
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
    city(611717, 'Tbilisi', 'GEO', 'GE.51', 1049498, 44.8337, 41.6941, 'PPLC'),
    city(4180439, 'Atlanta', 'USA', 'US.GA', 463878, -84.388, 33.749, 'PPLA'),
    city(4183363, 'Blakely', 'USA', 'US.GA', 4871, -84.9341, 31.3777, 'PPLA2'),
    city(5128581, 'New York City', 'USA', 'US.NY', 8175133, -74.006, 40.7143),
    city(5295985, 'Glendale', 'USA', 'US.AZ', 240126, -112.186, 33.5386),
    city(5352423, 'Glendale', 'USA', 'US.CA', 201020, -118.2551, 34.1425),
    city(5379439, 'Ontario', 'USA', 'US.CA', 171214, -117.6509, 34.0633),
    city(6325494, 'Québec', 'CAN', 'CA.10', 528595, -71.2145, 46.8123, 'PPLA'),
    city(5913490, 'Calgary', 'CAN', 'CA.01', 1019942, -114.0853, 51.0501),
    city(2636616, 'Stroud', 'GBR', 'GB.ENG', 60155, -2.2, 51.75),
    city(4552361, 'Stroud', 'USA', 'US.OK', 2767, -96.6581, 35.7487),
    city(4110001, 'England', 'USA', 'US.AR', 2765, -91.969, 34.5443),
    city(4776222, 'Norfolk', 'USA', 'US.VA', 246393, -76.2852, 36.8468, 'PPLA2'),
    city(2260535, 'Brazzaville', 'COG', 'CG.12', 1284609, 15.2832, -4.2661, 'PPLC'),
    city(2314302, 'Kinshasa', 'COD', 'CD.06', 7785965, 15.3136, -4.3276, 'PPLC'),
    city(3036433, 'Aubagne', 'FRA', 'FR.93', 44844, 5.5707, 43.2928),
  ].join('\n'),
  cityAliases: [
    ['New York', 5128581],
    ['Quebec', 6325494],
  ],
  commonWords: ['mobile', 'of', 'quebec', 'reading'],
  givenNames: ['jordan', 'paris'],
  compilerRegions: [{ id: 'region:central-asia', name: 'Central Asia', aliases: ['Central Asian countries'], members: ['KAZ', 'KGZ', 'TJK', 'TKM', 'UZB'], anchor: null }],
  compilerSites: [],
  borders: { AFG: ['CHN', 'IRN', 'PAK', 'TJK', 'TKM', 'UZB'], TJK: ['AFG', 'CHN', 'KGZ', 'UZB'], UZB: ['AFG', 'KAZ', 'KGZ', 'TJK', 'TKM'] },
};

let cached: Gazetteer | null = null;
export function fixtureGazetteer(): Gazetteer {
  return (cached ??= buildGazetteer(FIXTURE_ASSET));
}
