import { describe, expect, it } from 'vitest';
import { COUNTRIES, countryById } from './countries';
import { COUNTRY_PATCHES } from './country-patches';

describe('countries', () => {
  it('covers the ISO world with unique ids', () => {
    expect(COUNTRIES.length).toBeGreaterThan(240);
    expect(new Set(COUNTRIES.map((c) => c.id)).size).toBe(COUNTRIES.length);
  });

  it('knows the news demonyms for Central Asia', () => {
    expect(countryById('TJK')?.demonyms).toContain('Tajik');
    expect(countryById('KGZ')?.demonyms).toContain('Kyrgyz');
    expect(countryById('UZB')?.demonyms).toContain('Uzbek');
    expect(countryById('KAZ')?.demonyms).toContain('Kazakh');
    expect(countryById('TKM')?.demonyms).toContain('Turkmen');
    expect(countryById('AFG')?.demonyms).toContain('Afghan');
  });

  it('knows the short forms newsrooms use', () => {
    const usa = countryById('USA');
    expect(usa?.name).toBe('United States');
    expect(usa?.aliases).toEqual(expect.arrayContaining(['the United States', 'the US', 'US', 'USA']));
    expect(usa?.demonyms).toContain('American');
    expect(countryById('GBR')?.aliases).toEqual(expect.arrayContaining(['Britain', 'UK']));
    expect(countryById('TUR')?.aliases).toContain('Turkey');
  });

  it('drops bare two-letter codes that would match ordinary words', () => {
    expect(countryById('TJK')?.aliases).not.toContain('TJ');
    expect(countryById('IND')?.aliases).not.toContain('IN');
  });

  it('anchors Russia at Moscow, not in Siberia', () => {
    const [lon, lat] = countryById('RUS')!.anchor;
    expect(lon).toBeCloseTo(37.62, 1);
    expect(lat).toBeCloseTo(55.76, 1);
  });

  it('uses [lon, lat] order for anchors', () => {
    const [lon, lat] = countryById('AFG')!.anchor;
    expect(lon).toBe(65);
    expect(lat).toBe(33);
  });

  it('has capitals and names', () => {
    expect(countryById('TJK')).toMatchObject({ name: 'Tajikistan', iso2: 'TJ', capital: 'Dushanbe' });
    expect(countryById('ATA')?.capital).toBeNull();
    expect(countryById('XXX')).toBeUndefined();
  });

  it('only patches ids that exist', () => {
    for (const id of Object.keys(COUNTRY_PATCHES)) expect(countryById(id), id).toBeDefined();
    for (const p of Object.values(COUNTRY_PATCHES)) if (p.anchor) expect(p.anchorSource).toBeTruthy();
  });
});
