import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LineString, Point } from 'geojson';
import type { Topology } from 'topojson-specification';
import topologyJson from 'world-atlas/countries-50m.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import type { ArticleBundle, Claim } from '../domain/types';
import { parseBundle } from './bundle-schema';
import { compileArticle, formatError, locatePhrase, locateQuote } from './compile';
import type { CompileInput } from './compile';
import { createGazetteer } from './gazetteer/build';

const FIXTURE = join(import.meta.dirname, '__fixtures__/data/articles/mini-report');
const read = (f: string) => readFileSync(join(FIXTURE, f), 'utf8');
const BASE = { text: read('article.txt'), meta: read('meta.yaml'), claims: read('claims.yaml') };

const gazetteer = () =>
  createGazetteer({
    topology: topologyJson as unknown as Topology,
    regions: [{ id: 'region:central-asia', name: 'Central Asia', aliases: [], members: ['KAZ', 'KGZ', 'TJK', 'TKM', 'UZB'], anchor: null }],
    sites: [{ id: 'site:test-base', name: 'Test base', lon: 68.77905, lat: 38.53575, country: 'TJK', source: 'fixture' }],
    findCity: (id) => (id === 1138958 ? { cityId: id, name: 'Kabul', country: 'AF', lon: 69.17233, lat: 34.52813, population: 3043532 } : undefined),
  });

function compile(over: Partial<{ text: string; meta: string; claims: string }> = {}): ReturnType<typeof compileArticle> {
  const input: CompileInput = {
    slug: 'mini-report',
    text: over.text ?? BASE.text,
    metaYamlText: over.meta ?? BASE.meta,
    claimsYamlText: over.claims ?? BASE.claims,
    gazetteer: gazetteer(),
  };
  return compileArticle(input);
}

function ok(over: Parameters<typeof compile>[0] = {}): ArticleBundle {
  const r = compile(over);
  if ('errors' in r) throw new Error(r.errors.map(formatError).join('\n'));
  return r.bundle;
}

function errors(over: Parameters<typeof compile>[0]): string[] {
  const r = compile(over);
  if (!('errors' in r)) throw new Error('expected the compiler to refuse');
  return r.errors.map(formatError);
}

/** Replaces one exact occurrence in the fixture's claims.yaml. */
function claimsWith(from: string, to: string): string {
  expect(BASE.claims.split(from).length - 1, from).toBe(1);
  return BASE.claims.replace(from, to);
}

const byId = (b: ArticleBundle, id: string): Claim => b.claims.find((c) => c.id === id)!;

describe('compiling the fixture article', () => {
  const bundle = ok();

  it('keeps the article text and metadata', () => {
    expect(bundle.format).toBe(1);
    expect(bundle.article.text).toBe(BASE.text);
    expect(bundle.article).toMatchObject({ slug: 'mini-report', published: '2021-07-28', publishedConfidence: 'medium', review: 'curated' });
    const [bp] = bundle.article.boilerplate;
    expect(BASE.text.slice(bp!.start, bp!.end)).toBe('See also  Officials said ten things about stocks');
  });

  it('points every quote at its exact words', () => {
    expect(bundle.claims.map((c) => c.id)).toEqual(['troops-to-tajikistan', 'border-exercise', 'rebels-hold-north', 'government-denies', 'officials-said-more']);
    for (const c of bundle.claims) expect(BASE.text.slice(c.quote.start, c.quote.end)).toBe(c.quote.text);
    // occurrence: 2 picks the second "Officials said".
    expect(byId(bundle, 'officials-said-more').quote.start).toBe(BASE.text.indexOf('Officials said', 50));
  });

  it('resolves time phrases against the publication date and finds them in the text', () => {
    const t = byId(bundle, 'troops-to-tajikistan').when;
    expect(t).toMatchObject({ phrase: 'today', start: '2021-07-28', end: '2021-07-29', precision: 'day', basis: null });
    expect(BASE.text.slice(t.phraseSpan!.start, t.phraseSpan!.end)).toBe('today');
    const e = byId(bundle, 'border-exercise').when;
    expect(e).toMatchObject({ phrase: 'next week', start: '2021-08-02', end: '2021-08-09', precision: 'week' });
    expect(e.phraseSpan!.start).toBe(BASE.text.indexOf('next week'));
    expect(byId(bundle, 'rebels-hold-north').when).toEqual({
      phrase: null,
      phraseSpan: null,
      start: '2021-07-21',
      end: '2021-07-29',
      precision: 'approximate',
      basis: 'Fixture basis.',
    });
  });

  it('links counter-claims both ways', () => {
    expect(byId(bundle, 'rebels-hold-north').counterClaim).toBe('government-denies');
    expect(byId(bundle, 'government-denies').counterClaim).toBe('rebels-hold-north');
    expect(byId(bundle, 'troops-to-tajikistan').counterClaim).toBeNull();
  });

  it('draws a flow as an arc from origin to destination', () => {
    const c = byId(bundle, 'troops-to-tajikistan');
    expect(c.geometry.features).toHaveLength(1);
    const f = c.geometry.features[0]!;
    expect(f.properties).toEqual({ claimId: c.id, mark: 'flow', kind: 'movement', stance: 'asserted', placeIds: ['AFG', 'TJK'] });
    const line = f.geometry as LineString;
    const afg = c.places.find((p) => p.id === 'AFG')!;
    const tjk = c.places.find((p) => p.id === 'TJK')!;
    expect(line.coordinates[0]).toEqual([afg.lon, afg.lat]);
    expect(line.coordinates[line.coordinates.length - 1]).toEqual([tjk.lon, tjk.lat]);
    expect(c.anchor).toEqual([tjk.lon, tjk.lat]);
  });

  it('draws a border as a line and leaves participants undrawn but listed', () => {
    const c = byId(bundle, 'border-exercise');
    expect(c.places.map((p) => [p.id, p.kind, p.role])).toEqual([
      ['border:AFG-TJK', 'border', 'location'],
      ['TJK', 'country', 'participant'],
    ]);
    expect(c.geometry.features.map((f) => [f.properties.mark, f.geometry.type, f.properties.placeIds])).toEqual([['line', 'LineString', ['border:AFG-TJK']]]);
  });

  it('draws countries and regions as areas, cities and sites as points', () => {
    expect(byId(bundle, 'rebels-hold-north').geometry.features.map((f) => [f.properties.mark, f.geometry.type])).toEqual([['area', 'Polygon']]);
    expect(byId(bundle, 'officials-said-more').geometry.features.map((f) => [f.properties.mark, f.geometry.type])).toEqual([['area', 'MultiPolygon']]);
    const g = byId(bundle, 'government-denies');
    expect(g.geometry.features.map((f) => [f.properties.mark, (f.geometry as Point).coordinates])).toEqual([
      ['point', [69.17233, 34.52813]],
      ['point', [68.77905, 38.53575]],
    ]);
    expect(g.places.map((p) => [p.id, p.name, p.kind])).toEqual([
      ['geonames:1138958', 'Kabul', 'city'],
      ['site:test-base', 'Test base', 'site'],
    ]);
    expect(g.bbox).toEqual([68.77905, 34.52813, 69.17233, 38.53575]);
  });

  it('rounds every coordinate to 5 decimals', () => {
    const json = JSON.stringify(bundle.claims.map((c) => [c.geometry, c.anchor, c.bbox, c.places]));
    expect(json).not.toMatch(/\d\.\d{6,}/);
  });

  it('passes the app-side schema', () => {
    expect(parseBundle(JSON.parse(JSON.stringify(bundle)))).toEqual(bundle);
  });

  it('is deterministic: same input, same bytes (fresh gazetteer each time)', () => {
    expect(JSON.stringify(ok())).toBe(JSON.stringify(bundle));
  });
});

describe('geometry rules', () => {
  it('draws one arc per origin × destination pair', () => {
    const b = ok({
      claims: claimsWith('      - { id: AFG, role: origin }\n', '      - { id: AFG, role: origin }\n      - { id: PAK, role: origin }\n      - { id: UZB, role: destination }\n'),
    });
    const c = byId(b, 'troops-to-tajikistan');
    expect(c.geometry.features.map((f) => f.properties.placeIds)).toEqual([
      ['AFG', 'UZB'],
      ['AFG', 'TJK'],
      ['PAK', 'UZB'],
      ['PAK', 'TJK'],
    ]);
    expect(c.anchor).toEqual([c.places.find((p) => p.id === 'UZB')!.lon, c.places.find((p) => p.id === 'UZB')!.lat]);
  });

  it('draws an origin without destination as the place itself', () => {
    const b = ok({ claims: claimsWith('      - { id: TJK, role: destination }\n', '') });
    expect(byId(b, 'troops-to-tajikistan').geometry.features.map((f) => [f.properties.mark, f.properties.placeIds])).toEqual([['area', ['AFG']]]);
  });

  it('refuses a claim with nothing to draw', () => {
    expect(errors({ claims: claimsWith('      - { id: AFG, role: area }', '      - { id: AFG, role: participant }') })).toEqual([
      'data/articles/mini-report/claims.yaml:43:7 — claims[2].places: nothing to draw: give at least one place with role origin, destination, location or area (participants are not drawn)',
    ]);
  });

  it('refuses a flow from a place to itself', () => {
    expect(errors({ claims: claimsWith('{ id: TJK, role: destination }', '{ id: AFG, role: destination }') })).toEqual([
      'data/articles/mini-report/claims.yaml:12:7 — claims[0].places: AFG is both origin and destination',
    ]);
  });

  it('refuses an unknown role', () => {
    expect(errors({ claims: claimsWith('{ id: AFG, role: area }', '{ id: AFG, role: region }') })).toEqual([
      'data/articles/mini-report/claims.yaml:43:26 — claims[2].places[0].role: "region" is not one of: origin, destination, location, area, participant',
    ]);
  });
});

describe('counter-claims', () => {
  it('refuses a pair that does not point back', () => {
    const claims = claimsWith('    stance: denied\n', '    stance: denied\n    counterClaim: troops-to-tajikistan\n');
    expect(errors({ claims })).toEqual([
      'data/articles/mini-report/claims.yaml:35:19 — claims[2].counterClaim: "government-denies" names "troops-to-tajikistan" as its counter-claim, not this one',
    ]);
  });

  it('refuses a claim that counters itself', () => {
    expect(errors({ claims: claimsWith('counterClaim: government-denies', 'counterClaim: rebels-hold-north') })).toEqual([
      'data/articles/mini-report/claims.yaml:35:19 — claims[2].counterClaim: a claim cannot be its own counter-claim',
    ]);
  });
});

describe('field checks', () => {
  it('refuses misspelt fields', () => {
    expect(errors({ claims: claimsWith('    actors: [troops]', '    actor: [troops]') })).toEqual([
      'data/articles/mini-report/claims.yaml:14:5 — claims[0].actor: unknown field (allowed: id, kind, summary, quote, occurrence, saidBy, reportedBy, stance, counterClaim, when, places, actors, magnitude, review, confidence, note)',
    ]);
  });

  it('refuses a missing required field', () => {
    expect(errors({ claims: claimsWith('    summary: The rebels claim to hold the north.\n', '') })).toEqual([
      'data/articles/mini-report/claims.yaml:29:5 — claims[2].summary: missing (required)',
    ]);
  });

  it('refuses a speaker with neither name nor organisation', () => {
    expect(errors({ claims: claimsWith('saidBy: { organisation: Rebels }', 'saidBy: { role: spokesman }') })).toEqual([
      'data/articles/mini-report/claims.yaml:33:13 — claims[2].saidBy: needs a name or an organisation (or write saidBy: null)',
    ]);
  });

  it('refuses a time phrase the article does not contain', () => {
    expect(errors({ claims: claimsWith('      phrase: next week', '      phrase: last week') })).toEqual([
      'data/articles/mini-report/claims.yaml:24:15 — claims[1].when.phrase: "last week" does not occur in article.txt (give the article\'s own words, or null)',
    ]);
  });

  it('refuses a missing time with no explicit interval', () => {
    expect(errors({ claims: claimsWith('      phrase: next week', '      phrase: null') })).toEqual([
      'data/articles/mini-report/claims.yaml:24:7 — claims[1].when.phrase: the article gives no time: add start, end, precision and basis',
    ]);
  });

  it('requires basis, precision and both ends for an explicit interval', () => {
    expect(errors({ claims: claimsWith('      basis: Fixture basis.\n    places:\n      - { id: AFG', '    places:\n      - { id: AFG') })).toEqual([
      'data/articles/mini-report/claims.yaml:37:7 — claims[2].when.basis: missing (required)',
    ]);
  });

  it('lets an explicit interval win over the rule', () => {
    const b = ok({
      claims: claimsWith('      phrase: next week\n', '      phrase: next week\n      start: 2021-08-05\n      end: 2021-08-11\n      precision: approximate\n      basis: Held 5–10 August.\n'),
    });
    expect(byId(b, 'border-exercise').when).toMatchObject({ phrase: 'next week', start: '2021-08-05', end: '2021-08-11', basis: 'Held 5–10 August.' });
  });

  it('accepts a YAML 1.1 timestamp as a calendar date', () => {
    const meta = BASE.meta.replace('published: 2021-07-28', 'published: !!timestamp 2021-07-28');
    expect(ok({ meta }).article.published).toBe('2021-07-28');
  });

  it('refuses bad metadata', () => {
    const meta = BASE.meta.replace('published: 2021-07-28', 'published: 2021-02-30').replace('url: null', 'url: javascript:alert(1)');
    expect(errors({ meta })).toEqual([
      'data/articles/mini-report/meta.yaml:2:12 — published: 2021-02-30 is not a calendar date',
      'data/articles/mini-report/meta.yaml:10:6 — url: "javascript:alert(1)" is not an http(s) URL',
    ]);
  });

  it('refuses a boilerplate quote the text does not contain', () => {
    const meta = BASE.meta.replace('ten things about stocks', 'nine things about stocks');
    expect(errors({ meta })).toEqual([
      'data/articles/mini-report/meta.yaml:14:12 — boilerplate[0].quote: not found in article.txt',
    ]);
  });

  it('refuses an empty article', () => {
    expect(errors({ text: '' })[0]).toBe('data/articles/mini-report/article.txt:1:1 — text: the article text is empty');
  });
});

describe('locating words', () => {
  const text = 'Today, A said X today. B said Y. Later today C said X.';

  it('finds a unique quote, or names the ambiguity', () => {
    expect(locateQuote(text, 'B said Y', undefined, 'a.txt')).toEqual({ span: { start: 23, end: 31 } });
    expect(locateQuote(text, 'said X', undefined, 'a.txt')).toEqual({
      problem: 'occurs 2 times in a.txt (at offsets 9, 47); add occurrence: 1–2 to pick one',
    });
    expect(locateQuote(text, 'said X', 2, 'a.txt')).toEqual({ span: { start: 47, end: 53 } });
  });

  it('picks the phrase occurrence nearest the quote, whole words only', () => {
    expect(locatePhrase(text, 'today', { start: 23, end: 31 })).toEqual({ start: 16, end: 21 });
    expect(locatePhrase(text, 'today', { start: 45, end: 53 })).toEqual({ start: 39, end: 44 });
    // Case-insensitive only when the exact case is absent.
    expect(locatePhrase(text, 'TODAY', { start: 0, end: 3 })).toEqual({ start: 0, end: 5 });
    expect(locatePhrase('todays news', 'today', { start: 0, end: 3 })).toBeNull();
  });
});

describe('empty values', () => {
  it('treats "key:" with nothing after it as empty, not as the key name', () => {
    expect(errors({ claims: claimsWith('    summary: The rebels claim to hold the north.\n', '    summary:\n') })).toEqual([
      'data/articles/mini-report/claims.yaml:31:13 — claims[2].summary: must not be empty',
    ]);
    expect(errors({ claims: claimsWith('    summary: The rebels claim to hold the north.\n', '    ? summary\n') })).toEqual([
      'data/articles/mini-report/claims.yaml:29:5 — claims[2].summary: must not be empty',
    ]);
  });
});
