/**
 * The export formats as an analyst receives them: CSV that a spreadsheet reads back cell for cell and
 * cannot be tricked into running, GeoJSON with one feature per claim and longitudes inside ±180, and a
 * PNG layout that carries the title, window, legend and credit.
 */
import { describe, expect, it } from 'vitest';
import type { LineString } from 'geojson';
import type { ArticleBundle, Claim } from '../domain/types';
import { makeBundle } from '../store/test-fixtures/bundle';
import { claimsToCsv, csvCell, neutraliseFormula } from './csv';
import { CLAIM_COLUMNS, exportFileStem, flattenClaim } from './flatten';
import { claimGeometry, claimsToGeoJson, sourceCredit, splitAtAntimeridian, stringifyGeoJson, type ExportContext } from './geojson';
import { layoutMapImage, paintMapImage, wrapText, type MeasureText, type Paint2D } from './png';

const bundle: ArticleBundle = makeBundle();
const article = bundle.article;
const ctx: ExportContext = { article, window: { from: '2021-07-01', to: '2021-08-01' }, filters: ['kinds: Movement'], viewUrl: 'http://x/?a=b', exportedAt: '2021-07-28T12:00:00.000Z' };

/** RFC 4180 reader, written independently of the writer under test. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (q) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') q = false;
      else cell += c;
    } else if (c === '"') q = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

function hostileClaim(fields: Partial<Claim>): Claim {
  return { ...bundle.claims[0]!, ...fields };
}

describe('CSV export', () => {
  it('writes a header and one CRLF-terminated row per claim, BOM first', () => {
    const csv = claimsToCsv(bundle.claims, article);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = readCsv(csv.slice(1));
    expect(rows[0]).toEqual([...CLAIM_COLUMNS]);
    expect(rows).toHaveLength(bundle.claims.length + 1);
    for (const r of rows) expect(r).toHaveLength(CLAIM_COLUMNS.length);
    const quoteCol = CLAIM_COLUMNS.indexOf('quote');
    expect(rows.slice(1).map((r) => r[quoteCol])).toEqual(bundle.claims.map((c) => c.quote.text));
  });

  it('quotes commas, quotes and line breaks so every cell reads back exactly', () => {
    const summary = 'He said "no", then\r\nleft, twice\n';
    const rows = readCsv(claimsToCsv([hostileClaim({ summary })], article, { bom: false }));
    expect(rows[1]![CLAIM_COLUMNS.indexOf('summary')]).toBe(summary);
  });

  it.each(['=HYPERLINK("http://evil.example","x")', '+1+cmd|\' /C calc\'!A0', '-2+3', '@SUM(A1)', '\t=1', '\r=1'])(
    'neutralises a formula in text: %j',
    (text) => {
      const rows = readCsv(claimsToCsv([hostileClaim({ summary: text, note: text })], article, { bom: false }));
      const cell = rows[1]![CLAIM_COLUMNS.indexOf('summary')]!;
      expect(cell).toBe(`'${text}`);
      expect(cell[0]).toBe("'");
    },
  );

  it('keeps numbers numeric (a negative longitude is not a formula) and leaves empty cells empty', () => {
    expect(csvCell(-66.5)).toBe('-66.5');
    expect(csvCell(null)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(false)).toBe('false');
    expect(neutraliseFormula('Kabul')).toBe('Kabul');
  });

  it('puts places by role and dates (exclusive end and last day) in their own columns', () => {
    const c = hostileClaim({
      places: [
        { id: 'SYR', name: 'Syria', kind: 'country', role: 'origin', lon: 38, lat: 35 },
        { id: 'LBY', name: 'Libya', kind: 'country', role: 'origin', lon: 18, lat: 27 },
        { id: 'AFG', name: 'Afghanistan', kind: 'country', role: 'destination', lon: 66, lat: 34 },
      ],
      when: { phrase: 'next week', phraseSpan: null, start: '2021-08-02', end: '2021-08-09', precision: 'week', basis: null },
    });
    const flat = flattenClaim(c, article);
    expect(flat.origin_places).toBe('Syria; Libya');
    expect(flat.destination_places).toBe('Afghanistan');
    expect(flat.place_ids).toBe('SYR; LBY; AFG');
    expect(flat.when_start).toBe('2021-08-02');
    expect(flat.when_end_exclusive).toBe('2021-08-09');
    expect(flat.when_last_day).toBe('2021-08-08');
    expect(flat.when_precision).toBe('week');
  });
});

describe('GeoJSON export', () => {
  it('has one feature per claim with its id, every flat field, and provenance in a foreign member', () => {
    const fc = claimsToGeoJson(bundle.claims, ctx);
    expect(fc.features.map((f) => f.id)).toEqual(bundle.claims.map((c) => c.id));
    for (const f of fc.features) expect(Object.keys(f.properties)).toEqual([...CLAIM_COLUMNS, 'marks']);
    expect(fc.claimAtlas).toMatchObject({ window: ctx.window, claimCount: bundle.claims.length, view: 'http://x/?a=b' });
    expect(fc.claimAtlas.source).toContain(article.title);
    const parsed = JSON.parse(stringifyGeoJson(fc)) as typeof fc;
    expect(parsed).toEqual(JSON.parse(JSON.stringify(fc)));
  });

  it('merges several arcs into one MultiLineString and mixed marks into a GeometryCollection', () => {
    const arc = (coords: number[][]) => ({
      type: 'Feature' as const,
      properties: { claimId: 'x', mark: 'flow' as const, kind: 'movement' as const, stance: 'asserted' as const, placeIds: ['A', 'B'] },
      geometry: { type: 'LineString' as const, coordinates: coords },
    });
    const two = hostileClaim({ geometry: { type: 'FeatureCollection', features: [arc([[38, 35], [66, 34]]), arc([[18, 27], [66, 34]])] } });
    expect(claimGeometry(two)).toEqual({ type: 'MultiLineString', coordinates: [[[38, 35], [66, 34]], [[18, 27], [66, 34]]] });
    const mixed = hostileClaim({
      geometry: { type: 'FeatureCollection', features: [arc([[38, 35], [66, 34]]), { ...bundle.claims[0]!.geometry.features[0]! }] },
    });
    expect(claimGeometry(mixed)?.type).toBe('GeometryCollection');
    expect(claimGeometry(hostileClaim({ geometry: { type: 'FeatureCollection', features: [] } }))).toBeNull();
  });

  it('cuts an arc unwrapped across the antimeridian into pieces inside ±180 (RFC 7946 §3.1.9)', () => {
    const parts = splitAtAntimeridian([
      [170, 50],
      [178, 52],
      [186, 54],
      [190, 55],
    ]);
    expect(parts).toHaveLength(2);
    expect(parts[0]![parts[0]!.length - 1]![0]).toBe(180);
    expect(parts[1]![0]![0]).toBe(-180);
    // The crossing latitude is interpolated on the segment 178→186.
    expect(parts[0]![parts[0]!.length - 1]![1]).toBeCloseTo(52.5, 5);
    for (const p of parts.flat()) expect(Math.abs(p[0]!)).toBeLessThanOrEqual(180);
    expect(parts[1]!.slice(1)).toEqual([
      [-174, 54],
      [-170, 55],
    ]);
    const line: LineString = { type: 'LineString', coordinates: [[10, 1], [20, 2]] };
    expect(splitAtAntimeridian(line.coordinates)).toEqual([line.coordinates]);
  });

  it('names files after the article and the window, without characters a file system rejects', () => {
    expect(exportFileStem('seed-article', { from: '2021-07-01', to: '2021-08-01' })).toBe('claims-seed-article-2021-07-01_2021-08-01');
    expect(exportFileStem('../evil/..', null)).toBe('claims-evil');
  });

  it('credits the article, its outlet and its sources', () => {
    expect(sourceCredit({ ...article, outlet: 'Example Daily', sources: ['AFP', 'TASS'] })).toMatch(/Example Daily, citing AFP, TASS/);
  });
});

describe('PNG layout', () => {
  const measure: MeasureText = (text, font) => text.length * (Number(/(\d+)px/.exec(font)?.[1] ?? 10) * 0.55);
  const spec = {
    width: 800,
    height: 500,
    scale: 2,
    title: 'Jihadists from Syria and Libya are moving to Afghanistan, warns Russia — and a much longer subtitle that has to wrap somewhere sensible',
    windowLine: 'Time window: 28 Jul – 3 Aug 2021 · 12 of 23 claims',
    filters: ['kinds: Movement, Exercise'],
    legend: [
      { label: 'Movement', color: '#D55E00', count: 3 },
      { label: 'Exercise', color: '#009E73', count: 2 },
    ],
    credits: ['Source: “Title” (2021-07-28), citing AFP', 'Map: Claim Atlas. Basemap: Natural Earth, GeoNames.'],
  };

  it('puts title, window, filters, the map at full width, legend and credits, in that order, inside the image', () => {
    const layout = layoutMapImage(spec, measure);
    expect(layout.width).toBe(1600);
    const texts = layout.ops.flatMap((o) => (o.op === 'text' ? [o] : []));
    const map = layout.ops.find((o) => o.op === 'map')!;
    expect(map).toMatchObject({ x: 0, w: 1600, h: 1000 });
    const joined = texts.map((t) => t.text).join(' | ');
    expect(joined).toContain('Time window: 28 Jul – 3 Aug 2021 · 12 of 23 claims');
    expect(joined).toContain('Filtered: kinds: Movement, Exercise');
    expect(joined).toContain('Movement (3)');
    expect(joined).toContain('Basemap: Natural Earth, GeoNames.');
    const y = (s: string) => texts.find((t) => t.text.includes(s))!.y;
    expect(y('Jihadists')).toBeLessThan(y('Time window'));
    expect(y('Time window')).toBeLessThan(map.y);
    expect(y('Movement (3)')).toBeGreaterThan(map.y + map.h);
    expect(y('Basemap')).toBeGreaterThan(y('Movement (3)'));
    expect(y('Basemap')).toBeLessThan(layout.height);
    for (const t of texts) expect(t.x + measure(t.text, t.font)).toBeLessThanOrEqual(layout.width);
    // Legend swatches carry the kind colours.
    expect(layout.ops.filter((o) => o.op === 'rect').map((o) => (o as { color: string }).color)).toEqual(expect.arrayContaining(['#D55E00', '#009E73']));
  });

  it('wraps a long title onto at most two lines, cutting the rest with an ellipsis', () => {
    const lines = wrapText('word '.repeat(100), 200, '700 20px sans', measure, 2);
    expect(lines).toHaveLength(2);
    expect(lines[1]!.endsWith('…')).toBe(true);
    for (const l of lines) expect(measure(l, '700 20px sans')).toBeLessThanOrEqual(200);
  });

  it('paints the map image and draws hostile text as plain canvas text', () => {
    const calls: string[] = [];
    const fake: Paint2D = {
      fillStyle: '',
      font: '',
      textBaseline: 'alphabetic',
      fillRect: () => calls.push('rect'),
      fillText: (t) => calls.push(`text:${t}`),
      drawImage: () => calls.push('image'),
    };
    const layout = layoutMapImage({ ...spec, title: '<script>alert(1)</script>' }, measure);
    paintMapImage(fake, layout, {} as CanvasImageSource);
    expect(calls[0]).toBe('rect'); // white paper first
    expect(calls.filter((c) => c === 'image')).toHaveLength(1);
    expect(calls).toContain('text:<script>alert(1)</script>');
  });
});

describe('exports of the all-articles view', () => {
  it('names each claim’s own article in its CSV row and GeoJSON feature', () => {
    const other = { ...article, slug: 'other-article', title: 'Other', published: '2021-08-01', url: null };
    const claims = bundle.claims.map((c, i) => ({ ...c, id: `${i % 2 ? 'other-article' : article.slug}/${c.id}`, article: i % 2 ? 'other-article' : article.slug }));
    const articleOf = (c: Claim) => (c.article === 'other-article' ? other : article);
    const rows = readCsv(claimsToCsv(claims, articleOf, { bom: false }));
    const slugCol = CLAIM_COLUMNS.indexOf('article_slug');
    expect(rows.slice(1).map((r) => r[slugCol])).toEqual(claims.map((c) => c.article));
    expect(rows.slice(1).map((r) => r[CLAIM_COLUMNS.indexOf('id')])).toEqual(claims.map((c) => c.id));
    const fc = claimsToGeoJson(claims, { ...ctx, articleOf });
    expect(fc.features.map((f) => f.properties.article_slug)).toEqual(claims.map((c) => c.article));
    expect(fc.features.map((f) => f.properties.article_title)).toEqual(claims.map((c) => (c.article === 'other-article' ? 'Other' : article.title)));
  });
});
