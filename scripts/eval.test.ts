/** The GeoVirus reader and the toponym scoring, on a tiny XML written here (not the test corpus). */
import { describe, expect, it } from 'vitest';
import type { Toponym } from '../src/ingest/geoparse';
import { readFileSync } from 'node:fs';
import { haversineKm, parseDevNews, parseGeoVirus, scoreArticle, summarise } from './ingest-lib/geovirus';

const XML = `<articles>
  <article>
    <source>https://example.org/a</source>
    <text>Flu in Kabul &amp; Dushanbe. Kabul again.</text>
    <locations>
      <location><name>Kabul</name><start>8</start><end>13</end><lat>34.53</lat><lon>69.17</lon><page>x</page></location>
      <location><name>Dushanbe</name><start>16</start><end>24</end><lat>38.54</lat><lon>68.78</lon><page>x</page></location>
      <location><name>Kabul</name><start>26</start><end>31</end><lat>34.53</lat><lon>69.17</lon><page>x</page></location>
      <location><name></name><start>1</start><end>1</end><lat>0</lat><lon>0</lon><page>x</page></location>
    </locations>
  </article>
</articles>`;

const top = (start: number, end: number, lat: number, lon: number, demonym = false): Toponym => ({
  start,
  end,
  text: '',
  id: 'x',
  name: 'x',
  lat,
  lon,
  kind: 'city',
  demonym,
});

describe('parseGeoVirus', () => {
  it('decodes entities and aligns 1-based offsets to the names (searching nearby when off)', () => {
    const [a] = parseGeoVirus(XML);
    expect(a!.text).toBe('Flu in Kabul & Dushanbe. Kabul again.');
    expect(a!.gold.map((g) => a!.text.slice(g.start, g.end))).toEqual(['Kabul', 'Dushanbe', 'Kabul']);
    expect(a!.gold.map((g) => g.start)).toEqual([7, 15, 25]);
    expect(a!.unaligned).toBe(1); // the nameless entry
  });

  it('refuses a file that is not GeoVirus', () => {
    expect(() => parseGeoVirus('<html></html>')).toThrow(/not a GeoVirus file/);
  });
});

describe('scoring', () => {
  const [a] = parseGeoVirus(XML);
  it('matches by span overlap, one prediction per gold span, and measures distance', () => {
    const s = scoreArticle(a!.gold, [top(7, 12, 34.53, 69.17), top(15, 23, 40, 70), top(0, 3, 0, 0)], { demonymsNeutral: false });
    expect(s.tp).toBe(2);
    expect(s.predicted).toBe(3);
    expect(s.missed.map((m) => m.start)).toEqual([25]);
    expect(s.errors[0]).toBeCloseTo(0, 5);
    expect(s.errors[1]).toBeCloseTo(haversineKm(38.54, 68.78, 40, 70), 5);
  });

  it('does not count an unmatched demonym when demonyms are neutral', () => {
    const s = scoreArticle(a!.gold, [top(0, 3, 0, 0, true)], { demonymsNeutral: true });
    expect(s.predicted).toBe(0);
  });

  it('summarises P/R/F1, accuracy within 161 km and the median error', () => {
    const r = summarise(2, 4, 4, [10, 200]);
    expect(r).toMatchObject({ precision: 0.5, recall: 0.5, f1: 0.5, acc161: 0.5, medianKm: 105 });
  });

  it('computes great-circle distances', () => {
    expect(haversineKm(0, 0, 0, 1)).toBeCloseTo(111.2, 1);
  });
});

describe('own news paragraphs (dev-news.json)', () => {
  it('places each gold name at its nth occurrence and keeps missing points as NaN', () => {
    const json = JSON.stringify({
      articles: [{ text: 'Kabul, then Kabul again; Asia.', gold: [{ name: 'Kabul', occurrence: 2, lat: 34.53, lon: 69.17 }, { name: 'Asia', lat: null, lon: null }] }],
    });
    const [a] = parseDevNews(json);
    expect(a!.gold.map((g) => [g.start, g.end])).toEqual([[12, 17], [25, 29]]);
    expect(Number.isNaN(a!.gold[1]!.lat)).toBe(true);
  });

  it('names the file, article and entry when a gold name is not in the text', () => {
    const json = JSON.stringify({ articles: [{ text: 'Kabul.', gold: [{ name: 'Kabul', occurrence: 2, lat: 1, lon: 2 }] }] });
    expect(() => parseDevNews(json, 'x.json')).toThrow('x.json: articles[0].gold[0]: "Kabul" occurrence 2 is not in the text');
  });

  it('the shipped file parses: every gold name is in its text', () => {
    const articles = parseDevNews(readFileSync(new URL('./ingest-lib/dev-news.json', import.meta.url), 'utf8'));
    expect(articles.length).toBeGreaterThan(5);
    expect(articles.flatMap((a) => a.gold).length).toBeGreaterThan(50);
  });
});
