/**
 * The fast bundle check must say yes exactly when the zod schema does: a "yes" zod would refuse lets bad
 * data into the app; a "no" zod would accept throws away the speed-up. Every field of a small bundle that
 * holds every shape of the format is mutated in turn (delete, retype, edge values), then random
 * combinations, and both validators are asked.
 */
import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../../scripts/make-corpus';
import type { ArticleBundle, Claim } from '../domain/types';
import { isValidBundle } from './bundle-check';
import { parseBundle, schemaAcceptsBundle } from './bundle-schema';
import { HOSTILE_STRINGS, seededRng } from './fuzz-prng';

type Json = unknown;
type Path = (string | number)[];

/** A bundle with every geometry type, optional field and cross-reference of the format, kept small. */
function makeBase(): ArticleBundle {
  const b = structuredClone(generateCorpus({ claims: 40, articles: 1, seed: 3 }).bundles[0]!);
  const keep = new Set<string>();
  const pick = (test: (c: Claim) => boolean) => {
    const c = b.claims.find((x) => !keep.has(x.id) && test(x));
    if (c) keep.add(c.id);
    return c;
  };
  const pointWithPhrase = pick((c) => c.geometry.features[0]!.geometry.type === 'Point' && c.when.phrase !== null)!;
  pick((c) => c.geometry.features[0]!.geometry.type === 'LineString' && c.magnitude !== null);
  pick((c) => c.geometry.features[0]!.geometry.type === 'Polygon' && c.saidBy !== null);
  const countered = pick((c) => c.counterClaim !== null)!;
  keep.add(countered.counterClaim!);
  b.claims = b.claims.filter((c) => keep.has(c.id));
  for (const c of b.claims) {
    for (const f of c.geometry.features) {
      const g = f.geometry;
      if (g.type === 'LineString') g.coordinates = g.coordinates.slice(0, 2);
      if (g.type === 'Polygon') g.coordinates = [g.coordinates[0]!.slice(0, 4)];
    }
  }
  // Shapes the generator does not write, on copies of a point claim.
  const variant = (id: string, geometry: ArticleBundle['claims'][number]['geometry']['features'][number]['geometry'], extra: Partial<Claim>): Claim => {
    const c = structuredClone(pointWithPhrase);
    c.id = id;
    c.geometry.features[0]!.properties.claimId = id;
    c.geometry.features[0]!.geometry = geometry;
    return Object.assign(c, extra);
  };
  b.claims.push(
    variant('multi-point', { type: 'MultiPoint', coordinates: [[1, 2], [3, 4, 5]] }, { review: 'draft', confidence: 0.5 }),
    variant('multi-line', { type: 'MultiLineString', coordinates: [[[1, 2], [3, 4]]] }, { review: 'curated', confidence: 1 }),
    variant('multi-polygon', { type: 'MultiPolygon', coordinates: [[[[0, 0], [1, 0], [1, 1], [0, 0]]]] }, { confidence: 0 }),
  );
  b.article.boilerplate = [{ start: 0, end: 10 }];
  return b;
}

const base = makeBase();

function pathsOf(value: Json, prefix: Path = [], out: Path[] = []): Path[] {
  if (Array.isArray(value)) value.forEach((v, i) => (out.push([...prefix, i]), pathsOf(v, [...prefix, i], out)));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.push([...prefix, k]);
      pathsOf(v, [...prefix, k], out);
    }
  }
  return out;
}

function setAt(root: Json, path: Path, value: Json | typeof DELETE): void {
  let node = root as Record<string | number, Json>;
  for (const p of path.slice(0, -1)) node = node[p] as Record<string | number, Json>;
  const key = path[path.length - 1]!;
  if (value !== DELETE) node[key] = value;
  else if (Array.isArray(node)) node.splice(key as number, 1);
  else delete node[key];
}
const DELETE = Symbol('delete');

/** Values at the edge of some rule of the format: wrong types, boundary numbers, near-miss strings. */
const EDGE_VALUES: readonly Json[] = [
  null, true, false, 0, -0, 1, -1, 0.5, 1.5, 2 ** 53, -1e308, 1e308, '', 'x', 'X', 'ab', 'a-1', '-a', 'A1', 'a_1',
  '2024-02-29', '2023-02-29', '2024-13-01', '2024-7-01', '0000-01-01', '2024-07-01', '2025-07-01', 'Point', 'Feature',
  'FeatureCollection', 'flow', 'curated', 'draft', 'high', 'city', 'origin', 'day', 'asserted', 'movement', [], {}, [1],
  [1, 2], [1, 2, 3], [1, 2, 3, 4], [[1, 2]], [[1, 2], [3, 4]], { start: 0, end: 0 }, { start: 5, end: 2 }, ['x'], [null],
];

function zodSays(json: Json): boolean {
  return schemaAcceptsBundle(json);
}

describe('isValidBundle agrees with the zod schema', () => {
  it('accepts the base bundle and a generated corpus, as zod does', () => {
    expect(zodSays(base)).toBe(true);
    expect(isValidBundle(base)).toBe(true);
    for (const b of generateCorpus({ claims: 600, articles: 6, seed: 11 }).bundles) {
      expect(isValidBundle(b), b.article.slug).toBe(true);
    }
  });

  it('on every field of the bundle: deleted, or replaced by each edge value', () => {
    const paths = pathsOf(base);
    let refused = 0;
    let cases = 0;
    for (const path of paths) {
      for (const value of [DELETE, ...EDGE_VALUES]) {
        const m = structuredClone(base) as Json;
        setAt(m, path, value);
        const zod = zodSays(m);
        const label = `${path.join('.')} = ${value === DELETE ? '(deleted)' : JSON.stringify(value)}`;
        expect(isValidBundle(m), label).toBe(zod);
        cases++;
        if (!zod) refused++;
      }
    }
    // The mutations must exercise both answers, most of them refusals.
    expect(cases).toBeGreaterThan(10_000);
    expect(refused).toBeGreaterThan(cases * 0.6);
    expect(cases - refused).toBeGreaterThan(500);
  }, 120_000);

  it('on the cross-checks: ids, quotes, phrases, intervals, counter-claims, boilerplate', () => {
    const cases: [string, (b: ArticleBundle) => void][] = [
      ['duplicate id', (b) => b.claims.push(structuredClone(b.claims[0]!))],
      ['quote shifted', (b) => (b.claims[0]!.quote.start += 1)],
      ['text shifted', (b) => (b.article.text = `X${b.article.text}`)],
      ['phrase in another case (allowed)', (b) => (b.claims[0]!.when.phrase = b.claims[0]!.when.phrase!.toUpperCase())],
      ['phrase elsewhere', (b) => (b.claims[0]!.when.phraseSpan!.start += 1)],
      ['phrase without span', (b) => (b.claims[0]!.when.phraseSpan = null)],
      ['span without phrase', (b) => (b.claims[0]!.when.phrase = null)],
      ['neither phrase nor span (allowed)', (b) => Object.assign(b.claims[0]!.when, { phrase: null, phraseSpan: null })],
      ['empty interval', (b) => (b.claims[0]!.when.end = b.claims[0]!.when.start)],
      ['inverted interval', (b) => ([b.claims[0]!.when.start, b.claims[0]!.when.end] = [b.claims[0]!.when.end, b.claims[0]!.when.start])],
      ['dangling counter-claim', (b) => (b.claims.find((c) => c.counterClaim)!.counterClaim = 'nobody')],
      ['one-way counter-claim', (b) => (b.claims[0]!.counterClaim = b.claims.find((c) => c.counterClaim)!.id)],
      ['self counter-claim', (b) => (b.claims[0]!.counterClaim = b.claims[0]!.id)],
      ['feature of another claim', (b) => (b.claims[0]!.geometry.features[0]!.properties.claimId = b.claims[1]!.id)],
      ['boilerplate past the text', (b) => (b.article.boilerplate = [{ start: 0, end: b.article.text.length + 1 }])],
      ['boilerplate to the end (allowed)', (b) => (b.article.boilerplate = [{ start: 0, end: b.article.text.length }])],
      ['no claims (allowed)', (b) => (b.claims = [])],
      ['no features', (b) => (b.claims[0]!.geometry.features = [])],
      ['extra keys (allowed)', (b) => Object.assign(b.claims[0]!, { extra: 1 })],
      ['format 2', (b) => ((b as { format: number }).format = 2)],
    ];
    for (const [what, mutate] of cases) {
      const m = structuredClone(base);
      mutate(m);
      expect(isValidBundle(m), what).toBe(zodSays(m));
    }
    expect(isValidBundle(null)).toBe(false);
    expect(isValidBundle([])).toBe(false);
    expect(isValidBundle('{}')).toBe(false);
  });

  it('on 3,000 seeded random combinations of two to four edits', () => {
    const rng = seededRng(0x5eed_0c4e);
    const paths = pathsOf(base);
    const values: readonly Json[] = [...EDGE_VALUES, ...HOSTILE_STRINGS];
    let accepted = 0;
    for (let i = 0; i < 3000; i++) {
      const m = structuredClone(base) as Json;
      const steps: string[] = [];
      for (let k = rng.int(2, 4); k > 0; k--) {
        const path = rng.pick(paths);
        try {
          const value = rng.chance(0.15) ? DELETE : rng.pick(values);
          setAt(m, path, value);
          steps.push(`${path.join('.')}=${value === DELETE ? '(deleted)' : JSON.stringify(value)}`);
        } catch {
          // An earlier edit removed the way to this path.
        }
      }
      const zod = zodSays(m);
      if (zod) accepted++;
      expect(isValidBundle(m), `case ${i}: ${steps.join('; ')}`).toBe(zod);
    }
    expect(accepted).toBeGreaterThan(15);
  }, 120_000);
});

describe('parseBundle with the fast check in front', () => {
  it('returns a valid bundle without zod and still words every refusal as zod does', () => {
    expect(parseBundle(base)).toBe(base);
    const m = structuredClone(base);
    m.claims[1]!.when.start = '2024-02-30';
    expect(() => parseBundle(m)).toThrow(/^article bundle is invalid:\n {2}claims\[1\]\.when\.start: /);
  });
});
