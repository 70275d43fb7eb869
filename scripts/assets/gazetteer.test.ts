import { describe, expect, it } from 'vitest';
import { countryById } from '../../src/data/gazetteer/countries';
import { countryNames } from './gazetteer';

describe('gazetteer asset: country names', () => {
  it('gives both Congos the short name "Congo" and accepts "Republic of Congo" without "the"', () => {
    const cog = countryNames(countryById('COG')!);
    const cod = countryNames(countryById('COD')!);
    expect(cog).toContain('Congo');
    expect(cog).toContain('Republic of Congo');
    expect(cod).toContain('Congo');
    expect(cod).toContain('Democratic Republic of Congo');
    expect(cod).not.toContain('DR Congo'); // the common name is the row's name, not repeated
  });

  it('drops a leading "the" and keeps other countries\' names as they were', () => {
    const gbr = countryNames(countryById('GBR')!);
    expect(gbr).toContain('United Kingdom of Great Britain and Northern Ireland');
    expect(gbr.some((n) => /^the /i.test(n))).toBe(false);
    expect(countryNames(countryById('FRA')!)).not.toContain('Congo');
  });
});
