import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Topology } from 'topojson-specification';
import topologyJson from 'world-atlas/countries-50m.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import type { ArticleBundle } from '../domain/types';
import { parseBundle, parseIndex } from './bundle-schema';
import { compileArticle } from './compile';
import { createGazetteer } from './gazetteer/build';

const FIXTURE = join(import.meta.dirname, '__fixtures__/data/articles/mini-report');
const result = compileArticle({
  slug: 'mini-report',
  text: readFileSync(join(FIXTURE, 'article.txt'), 'utf8'),
  metaYamlText: readFileSync(join(FIXTURE, 'meta.yaml'), 'utf8'),
  claimsYamlText: readFileSync(join(FIXTURE, 'claims.yaml'), 'utf8'),
  gazetteer: createGazetteer({
    topology: topologyJson as unknown as Topology,
    regions: [{ id: 'region:central-asia', name: 'Central Asia', aliases: [], members: ['KAZ', 'KGZ', 'TJK', 'TKM', 'UZB'], anchor: null }],
    sites: [{ id: 'site:test-base', name: 'Test base', lon: 68.77905, lat: 38.53575, country: 'TJK', source: 'fixture' }],
    findCity: (id) => (id === 1138958 ? { cityId: id, name: 'Kabul', country: 'AF', lon: 69.17233, lat: 34.52813, population: 1 } : undefined),
  }),
});
if ('errors' in result) throw new Error('fixture does not compile');
const good = (): ArticleBundle => JSON.parse(JSON.stringify(result.bundle)) as ArticleBundle;

describe('parseBundle', () => {
  it('accepts a compiled bundle unchanged', () => {
    expect(parseBundle(good())).toEqual(result.bundle);
  });

  it('names the path and the problem for a wrong shape', () => {
    const b = good() as unknown as { claims: { kind: string }[] };
    b.claims[1]!.kind = 'drill';
    expect(() => parseBundle(b)).toThrow(/^article bundle is invalid:\n {2}claims\[1\]\.kind: /);
  });

  it('refuses a quote that is not the text it points to', () => {
    const b = good();
    b.claims[0]!.quote.start += 1;
    expect(() => parseBundle(b)).toThrow(`article bundle is invalid:\n  claims[0].quote.text: is not article.text[${b.claims[0]!.quote.start}, ${b.claims[0]!.quote.end})`);
  });

  it('refuses an empty or inverted interval and an impossible date', () => {
    const b = good();
    b.claims[0]!.when.end = b.claims[0]!.when.start;
    expect(() => parseBundle(b)).toThrow('claims[0].when.end: must be after when.start');
    const c = good();
    c.claims[0]!.when.start = '2021-02-30';
    expect(() => parseBundle(c)).toThrow(/claims\[0\]\.when\.start: /);
  });

  it('refuses counter-claims that dangle or do not point back', () => {
    const b = good();
    b.claims[2]!.counterClaim = 'nobody';
    expect(() => parseBundle(b)).toThrow(/claims\[2\]\.counterClaim: no claim with id "nobody"/);
    const c = good();
    c.claims[3]!.counterClaim = null;
    expect(() => parseBundle(c)).toThrow(/claims\[2\]\.counterClaim: "government-denies" does not link back/);
  });

  it('refuses features that do not carry their claim id', () => {
    const b = good();
    b.claims[0]!.geometry.features[0]!.properties.claimId = 'other';
    expect(() => parseBundle(b)).toThrow('claims[0].geometry.features[0].properties.claimId: must be "troops-to-tajikistan"');
  });

  it('refuses duplicate claim ids', () => {
    const b = good();
    b.claims[1]!.id = b.claims[0]!.id;
    expect(() => parseBundle(b)).toThrow(/claims\[1\]\.id: duplicate id \(also claims\[0\]\)/);
  });

  it('refuses non-objects', () => {
    expect(() => parseBundle(null)).toThrow(/^article bundle is invalid:\n {2}\(root\): /);
    expect(() => parseBundle('<!doctype html>')).toThrow(/article bundle is invalid/);
  });
});

describe('parseIndex', () => {
  const index = { format: 1, articles: [{ slug: 'mini-report', title: 'T', published: '2021-07-28', claimCount: 5 }] };

  it('accepts a valid index', () => {
    expect(parseIndex(index)).toEqual(index);
  });

  it('names the path and the problem', () => {
    expect(() => parseIndex({ format: 2, articles: [] })).toThrow(/^data index is invalid:\n {2}format: /);
    expect(() => parseIndex({ format: 1, articles: [{ ...index.articles[0], published: '28.7.2021' }] })).toThrow(/articles\[0\]\.published: /);
    expect(() => parseIndex({ format: 1, articles: [index.articles[0], index.articles[0]] })).toThrow('articles[1].slug: duplicate slug');
  });
});
