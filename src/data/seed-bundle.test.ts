/**
 * Golden test of the compiled seed article (data/articles/jihadists-syria-libya-afghanistan): what the app
 * receives — claim ids, verbatim quotes, intervals, places and geometry — plus the independently reported
 * dates the intervals must contain. If the curated claims change on purpose, update the table.
 */
import type { LineString } from 'geojson';
import { describe, expect, it } from 'vitest';
import { compileDataDir } from '../../scripts/lib/compile-dir';
import { containsDate } from '../domain/interval';
import type { ArticleBundle, Claim } from '../domain/types';
import { parseBundle, parseIndex } from './bundle-schema';

const SLUG = 'jihadists-syria-libya-afghanistan';

function compileSeed(): { bundle: ArticleBundle; files: Map<string, string> } {
  const r = compileDataDir('data');
  if ('errors' in r) throw new Error(`seed data does not compile:\n${r.errors.map((e) => `${e.file}:${e.line}:${e.col} ${e.field} ${e.problem}`).join('\n')}`);
  const bundle = r.data.bundles.find((b) => b.article.slug === SLUG);
  if (!bundle) throw new Error('seed article missing');
  return { bundle, files: r.data.files };
}

const { bundle, files } = compileSeed();
const claim = (id: string): Claim => {
  const c = bundle.claims.find((x) => x.id === id);
  if (!c) throw new Error(`no claim ${id}`);
  return c;
};

// [id, kind, start, end, precision, "place role, …", "mark:geometry, …"]
const GOLDEN: [string, string, string, string, string, string, string][] = [
  ['is-fighters-syria-libya-to-afghanistan', 'movement', '2021-07-28', '2021-07-29', 'day', 'SYR origin, LBY origin, AFG destination', 'flow:LineString, flow:LineString'],
  ['is-fighters-other-countries', 'movement', '2021-07-28', '2021-07-29', 'day', 'AFG destination', 'area:Polygon'],
  ['is-units-moving-shoigu', 'movement', '2021-07-28', '2021-07-29', 'day', 'SYR origin, LBY origin, AFG destination', 'flow:LineString, flow:LineString'],
  ['russia-assistance-if-threatened', 'assistance', '2021-07-28', '2021-07-29', 'day', 'RUS origin, TJK destination', 'flow:LineString'],
  ['russia-weapons-training-promise', 'assistance', '2021-07-28', '2021-07-29', 'day', 'RUS origin, TJK destination', 'flow:LineString'],
  ['shoigu-hopes-reconciliation', 'statement', '2021-07-28', '2021-07-29', 'day', 'geonames:1221874 location', 'point:Point'],
  ['joint-exercise-tajik-afghan-border', 'exercise', '2021-08-02', '2021-08-09', 'week', 'border:AFG-TJK location, RUS participant, TJK participant, UZB participant', 'line:LineString'],
  ['shoigu-blames-hasty-withdrawal', 'statement', '2021-07-28', '2021-07-29', 'day', 'AFG area, USA participant', 'area:Polygon'],
  ['shoigu-us-mission-failed', 'statement', '2021-07-28', '2021-07-29', 'day', 'AFG area', 'area:Polygon'],
  ['taliban-offensive-may', 'offensive', '2021-05-01', '2021-06-01', 'month', 'AFG area', 'area:Polygon'],
  ['coalition-withdrawal-began-may', 'withdrawal', '2021-05-01', '2021-06-01', 'month', 'AFG origin, USA participant', 'area:Polygon'],
  ['taliban-rural-areas-border-crossings', 'territorial-control', '2021-05-01', '2021-07-29', 'approximate', 'AFG area', 'area:Polygon'],
  [
    'taliban-claims-90-percent-borders', 'territorial-control', '2021-07-21', '2021-07-29', 'approximate',
    'border:AFG-TJK location, border:AFG-UZB location, border:AFG-TKM location, border:AFG-IRN location, border:AFG-PAK location, border:AFG-CHN location',
    'line:LineString, line:LineString, line:LineString, line:LineString, line:LineString, line:LineString',
  ],
  ['kabul-denies-90-percent-borders', 'territorial-control', '2021-07-21', '2021-07-29', 'approximate', 'geonames:1138958 location', 'point:Point'],
  ['blinken-concern-delhi', 'statement', '2021-07-28', '2021-07-29', 'day', 'geonames:1261481 location', 'point:Point'],
  ['blinken-taliban-recognition', 'statement', '2021-07-28', '2021-07-29', 'day', 'geonames:1261481 location', 'point:Point'],
  ['afghans-flee-to-tajikistan', 'displacement', '2021-06-21', '2021-07-28', 'approximate', 'AFG origin, TJK destination', 'flow:LineString'],
  ['tajikistan-asks-allies-for-help', 'statement', '2021-07-05', '2021-07-12', 'approximate', 'geonames:1221874 location', 'point:Point'],
  ['tajikistan-mobilizes-20000-reservists', 'mobilization', '2021-07-05', '2021-07-06', 'day', 'border:AFG-TJK location, TJK participant', 'line:LineString'],
  ['tajikistan-largest-exercise-230000', 'exercise', '2021-07-19', '2021-07-26', 'week', 'TJK area', 'area:MultiPolygon'],
  ['russia-military-presence-tajikistan', 'presence', '2021-07-28', '2021-07-29', 'approximate', 'site:russia-201st-base location, RUS participant', 'point:Point'],
  ['russia-fears-central-asia-destabilization', 'threat', '2021-07-28', '2021-07-29', 'approximate', 'region:central-asia area', 'area:MultiPolygon'],
  ['moscow-fears-islamist-infiltration', 'threat', '2021-06-28', '2021-07-29', 'approximate', 'AFG origin, region:central-asia destination, geonames:524901 participant', 'flow:LineString'],
];

describe('the compiled seed bundle', () => {
  it('has every curated claim, in order', () => {
    expect(bundle.claims.map((c) => c.id)).toEqual(GOLDEN.map((g) => g[0]));
  });

  it.each(GOLDEN)('%s: %s [%s, %s) %s at %s drawn as %s', (id, kind, start, end, precision, places, marks) => {
    const c = claim(id);
    expect(c.kind).toBe(kind);
    expect([c.when.start, c.when.end, c.when.precision]).toEqual([start, end, precision]);
    expect(c.places.map((p) => `${p.id} ${p.role}`).join(', ')).toBe(places);
    expect(c.geometry.features.map((f) => `${f.properties.mark}:${f.geometry.type}`).join(', ')).toBe(marks);
  });

  it('quotes the article verbatim, outside the "See also" boilerplate', () => {
    const text = bundle.article.text;
    const [see] = bundle.article.boilerplate;
    expect(text.slice(see!.start, see!.end)).toMatch(/^See also\u00a0 5 stocks/);
    for (const c of bundle.claims) {
      expect(text.slice(c.quote.start, c.quote.end), c.id).toBe(c.quote.text);
      expect(c.quote.end <= see!.start || c.quote.start >= see!.end, c.id).toBe(true);
      if (c.when.phraseSpan) expect(text.slice(c.when.phraseSpan.start, c.when.phraseSpan.end).toLowerCase()).toBe(c.when.phrase!.toLowerCase());
    }
  });

  it('resolves its dates against the publication date, 28 July 2021', () => {
    expect(bundle.article.published).toBe('2021-07-28');
    expect(claim('joint-exercise-tajik-afghan-border').when.phrase).toBe('next week');
    expect(claim('tajikistan-largest-exercise-230000').when.phrase).toBe('Last week');
    expect(claim('taliban-offensive-may').when.phrase).toBe('in May');
  });

  // Dates from independent reporting of the same events (see the claims' notes and bases).
  it.each([
    ['shoigu-hopes-reconciliation', '2021-07-28'], // Shoigu in Dushanbe, SCO defence ministers' meeting
    ['blinken-taliban-recognition', '2021-07-28'], // Blinken's New Delhi press conference
    ['joint-exercise-tajik-afghan-border', '2021-08-05'], // Harb-Maidon exercise, 5–10 August 2021
    ['tajikistan-largest-exercise-230000', '2021-07-22'], // 230,000-troop readiness exercise
    ['taliban-offensive-may', '2021-05-01'], // offensive as the withdrawal formally began
    ['tajikistan-mobilizes-20000-reservists', '2021-07-05'], // Rahmon orders 20,000 reservists
    ['afghans-flee-to-tajikistan', '2021-07-05'], // over 1,000 Afghan troops cross into Tajikistan
    ['taliban-claims-90-percent-borders', '2021-07-23'], // the 90 % claim made public
  ])('%s contains %s', (id, day) => {
    expect(containsDate(claim(id).when, day)).toBe(true);
  });

  it('links the Taliban claim and Kabul\'s denial both ways', () => {
    expect(claim('taliban-claims-90-percent-borders')).toMatchObject({ stance: 'disputed', counterClaim: 'kabul-denies-90-percent-borders' });
    expect(claim('kabul-denies-90-percent-borders')).toMatchObject({ stance: 'denied', counterClaim: 'taliban-claims-90-percent-borders' });
  });

  it('draws the flows from Syria and Libya into Afghanistan', () => {
    const c = claim('is-fighters-syria-libya-to-afghanistan');
    const afg = c.places.find((p) => p.id === 'AFG')!;
    for (const [i, origin] of ['SYR', 'LBY'].entries()) {
      const f = c.geometry.features[i]!;
      const o = c.places.find((p) => p.id === origin)!;
      const line = (f.geometry as LineString).coordinates;
      expect(f.properties.placeIds).toEqual([origin, 'AFG']);
      expect(line[0]).toEqual([o.lon, o.lat]);
      expect(line[line.length - 1]).toEqual([afg.lon, afg.lat]);
    }
    // The places are where a reader expects them.
    expect(afg.lon).toBeGreaterThan(60);
    expect(afg.lon).toBeLessThan(75);
    expect(c.places.find((p) => p.id === 'LBY')!.lon).toBeLessThan(25);
  });

  it('places the cities at their GeoNames coordinates', () => {
    expect(claim('kabul-denies-90-percent-borders').places[0]).toMatchObject({ name: 'Kabul', lon: 69.17233, lat: 34.52813 });
    expect(claim('blinken-concern-delhi').places[0]).toMatchObject({ name: 'New Delhi' });
    expect(claim('shoigu-hopes-reconciliation').places[0]).toMatchObject({ name: 'Dushanbe' });
  });

  it('passes the app-side schema, index included', () => {
    expect(parseBundle(JSON.parse(files.get(`articles/${SLUG}.json`)!))).toEqual(bundle);
    expect(parseIndex(JSON.parse(files.get('index.json')!)).articles).toContainEqual({
      slug: SLUG,
      title: 'Jihadists from Syria and Libya are moving to Afghanistan, warns Russia',
      published: '2021-07-28',
      claimCount: GOLDEN.length,
    });
  });

  it('compiles to the same bytes every time', () => {
    const again = compileDataDir('data');
    if ('errors' in again) throw new Error('second compile failed');
    expect([...again.data.files.entries()]).toEqual([...files.entries()]);
  });

  it('stays small enough to load at once', () => {
    expect(Buffer.byteLength(files.get(`articles/${SLUG}.json`)!)).toBeLessThan(400_000);
  });
});
