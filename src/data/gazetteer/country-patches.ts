/**
 * News patches over world-countries. Kept as a TypeScript module rather than YAML so the browser
 * (ingest, loaded lazily) can import it without fs or a YAML loader; see data/README.md.
 *
 * Why each kind of patch exists:
 * - demonyms: world-countries gives dictionary forms ("Tadzhik", "Kirghiz", "Uzbekistani") that wire
 *   copy rarely uses; news writes "Tajik", "Kyrgyz", "Uzbek".
 * - aliases: the short forms newsrooms use ("the US", "Britain", "Turkey") and former names still
 *   common in copy ("Burma", "Swaziland", "Czech Republic").
 * - anchor: a display point for countries whose geographic centre misleads a reader — Russia's centre is in
 *   Siberia, while "Russia" in a news claim almost always means Moscow.
 */
export interface CountryPatch {
  aliases?: string[];
  demonyms?: string[];
  /** [lon, lat] display point overriding the polygon's interior point. */
  anchor?: [number, number];
  /** Where the anchor comes from (required with anchor). */
  anchorSource?: string;
}

export const COUNTRY_PATCHES: Readonly<Record<string, CountryPatch>> = {
  AFG: { demonyms: ['Afghan', 'Afghans'] },
  TJK: { demonyms: ['Tajik', 'Tajiks', 'Tajikistani'], aliases: ['Tadzhikistan'] },
  KGZ: { demonyms: ['Kyrgyz', 'Kyrgyzstani'], aliases: ['Kirghizia', 'Kirgizia'] },
  UZB: { demonyms: ['Uzbek', 'Uzbeks'] },
  KAZ: { demonyms: ['Kazakh', 'Kazakhs'] },
  TKM: { demonyms: ['Turkmens', 'Turkmenistani'] },
  RUS: {
    demonyms: ['Russians'],
    aliases: ['the Russian Federation'],
    anchor: [37.6173, 55.7558],
    anchorSource: 'Moscow (GeoNames 524901): the centre of Russia lies in Siberia, far from where news about "Russia" happens',
  },
  USA: {
    demonyms: ['Americans', 'US', 'U.S.'],
    aliases: ['US', 'the United States', 'the United States of America', 'the US', 'the U.S.', 'U.S.', 'U.S.A.', 'America'],
  },
  GBR: {
    demonyms: ['Britons', 'UK', 'U.K.'],
    aliases: ['UK', 'Britain', 'the United Kingdom', 'the UK', 'the U.K.', 'U.K.'],
  },
  SYR: { demonyms: ['Syrians'] },
  LBY: { demonyms: ['Libyans'] },
  IRQ: { demonyms: ['Iraqis'] },
  IRN: { demonyms: ['Iranians'], aliases: ['Persia'] },
  PAK: { demonyms: ['Pakistanis'] },
  IND: { demonyms: ['Indians'] },
  CHN: { demonyms: ['Chinese'], aliases: ["the People's Republic of China", 'PRC'] },
  TUR: { demonyms: ['Turks'], aliases: ['Turkey'] },
  CZE: { aliases: ['Czech Republic', 'the Czech Republic'] },
  MMR: { aliases: ['Burma'], demonyms: ['Burmese'] },
  SWZ: { aliases: ['Swaziland'] },
  NLD: { aliases: ['the Netherlands'] },
  PHL: { aliases: ['the Philippines'] },
  ARE: { aliases: ['the UAE', 'UAE', 'the United Arab Emirates', 'Emirates'] },
  COD: { aliases: ['the DRC', 'the Democratic Republic of Congo', 'the Democratic Republic of the Congo'] },
  PRK: { aliases: ['DPRK'] },
  UKR: { aliases: ['the Ukraine'], demonyms: ['Ukrainians'] },
  PSE: { aliases: ['Palestinian territories', 'the Palestinian territories'] },
  VAT: { aliases: ['the Vatican', 'Vatican'] },
  CAF: { aliases: ['the Central African Republic', 'CAR'] },
};
