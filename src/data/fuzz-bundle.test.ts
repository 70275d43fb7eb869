/**
 * Fuzz (issue 6): ≥ 1,000 mutated compiled bundles through the app's real loader (src/app/load-data.ts:
 * fetch → JSON.parse → zod schema with cross-checks), with `fetch` stubbed to serve each mutant as the
 * article file. Whatever arrives, the loader either returns a bundle that keeps every promise the app
 * relies on, or rejects with a DataLoadError naming the file and, in words, what is wrong. It never
 * throws anything else, never hangs, and never pollutes Object.prototype. Seeded: failures reproduce.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { compileDataDir } from '../../scripts/lib/compile-dir';
import { DataLoadError, loadArticle, loadIndex } from '../app/load-data';
import { claimsToCsv } from '../export/csv';
import { claimsToGeoJson } from '../export/geojson';
import { createAppStore } from '../store/app-store';
import { getVisibleClaims } from '../store/selectors';
import type { ArticleBundle, DataIndex } from '../domain/types';
import { isValidBundle } from './bundle-check';
import { schemaAcceptsBundle } from './bundle-schema';
import { HOSTILE_STRINGS, seededRng, type Rng } from './fuzz-prng';

const SEED = 0x5eed_0006;
// FUZZ_CASES=10000 for a longer local hunt; the seeded default is what CI runs.
const BUNDLE_CASES = Number(process.env['FUZZ_CASES'] ?? 1000);
const INDEX_CASES = 300;
const BASE = 'http://atlas.test/app/';

const compiled = compileDataDir('data');
if ('errors' in compiled) throw new Error('seed data does not compile');
const seedBundle: ArticleBundle = compiled.data.bundles[0]!;
const seedIndex: DataIndex = compiled.data.index;
const SLUG = seedBundle.article.slug;
const FILE = `data/articles/${SLUG}.json`;

type Json = unknown;
type Path = (string | number)[];

/** Every path to a value in the tree (the root excluded). */
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

/** The object holding the value at `path`, or null when an earlier mutation removed the way there. */
function parentOf(root: Json, path: Path): { parent: Record<string | number, Json>; key: string | number } | null {
  let node = root as Record<string | number, Json>;
  for (const p of path.slice(0, -1)) {
    const next = node[p];
    if (!next || typeof next !== 'object') return null;
    node = next as Record<string | number, Json>;
  }
  return { parent: node, key: path[path.length - 1]! };
}

const DEEP_MARK = 'deep-nesting-placeholder:';

// Computed once: walking 17,000 paths per case would dominate the run. Nearly all of them are vertices
// of arcs; mutations go to the claim and article fields most of the time and to coordinates some of it.
const ALL_PATHS: readonly Path[] = pathsOf(seedBundle);
const isDeepCoordinate = (p: Path) => {
  const i = p.indexOf('coordinates');
  return i >= 0 && p.length > i + 2;
};
const FIELD_PATHS: readonly Path[] = ALL_PATHS.filter((p) => !isDeepCoordinate(p));
const COORD_PATHS: readonly Path[] = ALL_PATHS.filter(isDeepCoordinate);
const INDEX_PATHS: readonly Path[] = pathsOf(seedIndex);

function spliceDeepNesting(json: string): string {
  return json.replace(new RegExp(`"${DEEP_MARK}(\\d+)"`, 'g'), (_, n: string) => `${'['.repeat(Number(n))}1${']'.repeat(Number(n))}`);
}

/** What a mutant looks like on the wire: usually JSON text, sometimes raw text that is not JSON. */
interface Mutant {
  body: string;
  what: string;
}

const NUMBER_FIELDS = /(^|\.)(start|end|lon|lat|value|confidence|claimCount)$|anchor|bbox|coordinates/;

function mutateOnce(rng: Rng, root: Json, paths: readonly Path[]): string {
  const path = rng.pick(paths);
  const at = parentOf(root, path);
  if (!at) return 'noop';
  const { parent, key } = at;
  const where = path.join('.');
  const old = parent[key];
  switch (rng.int(0, 13)) {
    case 0:
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
      return `delete ${where}`;
    case 1: {
      const replacement = rng.pick<Json>([null, true, 0, -1, '', 'x', [], {}, 1.5, '2021-07-28', [[1, 2]]]);
      parent[key] = replacement;
      return `retype ${where} = ${JSON.stringify(replacement)}`;
    }
    case 2:
      if (Array.isArray(parent)) parent.splice(key as number, 0, structuredClone(old));
      else parent[key] = [old, structuredClone(old)];
      return `duplicate ${where}`;
    case 3:
      parent[key] = 'Ω'.repeat(rng.pick([1_000, 100_000, 1_000_000]));
      return `huge string at ${where}`;
    case 4:
      parent[key] = rng.pick([NaN, Infinity, -Infinity, Number('1e309'), -1e308, Number.MAX_SAFE_INTEGER + 2]);
      return `non-finite number at ${where}`;
    case 5:
      parent[key] = rng.pick(HOSTILE_STRINGS);
      return `hostile string at ${where}`;
    case 6: {
      // Spliced in as text after stringify: too deep for JSON.stringify itself.
      const depth = rng.pick([100, 5_000, 50_000]);
      parent[key] = `${DEEP_MARK}${depth}`;
      return `deep nesting (${depth}) at ${where}`;
    }
    case 7: {
      // Reverse a claim's interval or a span.
      const claim = rng.pick((root as ArticleBundle).claims ?? []) as ArticleBundle['claims'][number] | undefined;
      if (!claim?.when) return 'noop';
      [claim.when.start, claim.when.end] = [claim.when.end, claim.when.start];
      return `reversed interval of ${claim.id}`;
    }
    case 8: {
      const claim = rng.pick((root as ArticleBundle).claims ?? []) as ArticleBundle['claims'][number] | undefined;
      if (!claim?.quote) return 'noop';
      const text = (root as ArticleBundle).article?.text ?? '';
      const bad = rng.pick([-1, text.length + 1, 1e12, 0.5, claim.quote.end + 3]);
      claim.quote[rng.chance(0.5) ? 'start' : 'end'] = bad;
      return `offset out of range in ${claim.id}: ${bad}`;
    }
    case 9:
      if (typeof old === 'number' || NUMBER_FIELDS.test(where)) parent[key] = String(old);
      else parent[key] = rng.int(-5, 5);
      return `string/number swap at ${where}`;
    case 10: {
      const claims = (root as ArticleBundle).claims;
      if (!Array.isArray(claims) || claims.length < 2) return 'noop';
      const a = rng.pick(claims);
      const b = rng.pick(claims);
      a.counterClaim = b.id; // one-way or self link
      return `counter-claim ${a.id} → ${b.id}`;
    }
    case 11: {
      const bundle = root as ArticleBundle;
      if (typeof bundle.article?.text !== 'string') return 'noop';
      // Shift the text under every quote by inserting one character near the front.
      bundle.article.text = `X${bundle.article.text}`;
      return 'text shifted under the offsets';
    }
    case 12: {
      const claims = (root as ArticleBundle).claims;
      if (!Array.isArray(claims)) return 'noop';
      const n = rng.pick([0, 1, 60]);
      (root as { claims: unknown[] }).claims = n === 0 ? [] : Array.from({ length: n }, () => structuredClone(claims[0]));
      return `claims replaced by ${n} copies`;
    }
    default:
      parent[key] = { ...(typeof old === 'object' && old ? old : {}), extra: rng.pick(HOSTILE_STRINGS) };
      return `extra field in ${where}`;
  }
}

/** Keys JSON.parse turns into own properties but object spreads and zod must not treat as prototypes. */
function withPollutionKeys(json: string, rng: Rng): string {
  const key = rng.pick(['__proto__', 'constructor', 'prototype']);
  const payload = key === 'constructor' ? '{"prototype":{"polluted":"yes"}}' : '{"polluted":"yes"}';
  const target = rng.pick(['{"format":1,', '"when":{', '"article":{', '"saidBy":{', '"properties":{']);
  const at = json.indexOf(target);
  if (at < 0) return json;
  const cut = at + target.length;
  return `${json.slice(0, cut)}"${key}":${payload},${json.slice(cut)}`;
}

function makeMutant(rng: Rng, i: number): Mutant {
  const root = structuredClone(seedBundle) as Json;
  const steps: string[] = [];
  const n = rng.int(1, 3);
  for (let k = 0; k < n; k++) steps.push(mutateOnce(rng, root, rng.chance(0.15) ? COORD_PATHS : FIELD_PATHS));
  let body = spliceDeepNesting(JSON.stringify(root));
  if (rng.chance(0.12)) {
    body = withPollutionKeys(body, rng);
    steps.push('prototype-pollution keys');
  }
  if (rng.chance(0.04)) {
    body = body.slice(0, rng.int(0, body.length - 1));
    steps.push('truncated');
  }
  if (i % 97 === 0) {
    body = rng.pick(['', 'null', '[]', '"string"', '42', '{}', '{"format":2}', '<html>Not found</html>', '\u0000', 'NaN']);
    steps.push(`whole file = ${JSON.stringify(body)}`);
  }
  return { body, what: steps.join('; ') };
}

/** The promises a loaded bundle makes to the app (what the schema exists to guarantee). */
function checkInvariants(b: ArticleBundle): void {
  const text = b.article.text;
  const ids = new Set<string>();
  for (const c of b.claims) {
    expect(ids.has(c.id), `unique id ${c.id}`).toBe(false);
    ids.add(c.id);
    expect(text.slice(c.quote.start, c.quote.end)).toBe(c.quote.text);
    expect(c.when.start < c.when.end).toBe(true);
    for (const n of [...c.anchor, ...c.bbox, ...c.places.flatMap((p) => [p.lon, p.lat])]) expect(Number.isFinite(n)).toBe(true);
    expect(JSON.stringify(c.geometry)).not.toMatch(/null/);
  }
  for (const c of b.claims) if (c.counterClaim) expect(b.claims.find((x) => x.id === c.counterClaim)?.counterClaim).toBe(c.id);
}

function serve(body: string, status = 200) {
  return vi.fn(async () => new Response(body, { status, headers: { 'content-type': 'application/json' } }));
}

function prototypeIsClean(): boolean {
  const probe = {} as Record<string, unknown>;
  return probe['polluted'] === undefined && Object.keys(Object.prototype).length === 0 && !('polluted' in Object);
}

describe('fuzz: mutated compiled bundles through the real loader', () => {
  const originalFetch = globalThis.fetch;
  afterAll(() => {
    globalThis.fetch = originalFetch;
  });

  it(`never throws past the loader: ${BUNDLE_CASES} seeded mutants are either valid or rejected with a readable message`, async () => {
    const rng = seededRng(SEED);
    let accepted = 0;
    let rejected = 0;
    const messages = new Set<string>();
    for (let i = 0; i < BUNDLE_CASES; i++) {
      const mutant = makeMutant(rng, i);
      const label = `case ${i} (seed ${SEED.toString(16)}): ${mutant.what}`;
      globalThis.fetch = serve(mutant.body);
      // The loader's fast check must agree with the schema on every mutant that is JSON at all.
      let json: unknown = undefined;
      try {
        json = JSON.parse(mutant.body);
      } catch {
        // Not JSON: the loader refuses it before either validator runs.
      }
      if (json !== undefined) expect(isValidBundle(json), `${label}: fast check vs schema`).toBe(schemaAcceptsBundle(json));
      let result: ArticleBundle | DataLoadError;
      try {
        result = await loadArticle('data/index.json', SLUG, BASE);
      } catch (err) {
        // The only acceptable failure: a DataLoadError naming the file with a human message.
        expect(err, label).toBeInstanceOf(DataLoadError);
        result = err as DataLoadError;
      }
      expect(prototypeIsClean(), `${label}: Object.prototype polluted`).toBe(true);
      if (result instanceof DataLoadError) {
        rejected++;
        const { file, message } = result.detail;
        expect(file, label).toBe(FILE);
        expect(message.length, label).toBeGreaterThan(5);
        expect(message.length, `${label}: message too long to read`).toBeLessThan(4000);
        expect(message, label).not.toMatch(/\[object Object\]|undefined is not|Cannot read prop/);
        // Schema failures say where: "claims[3].quote.start: …" or "(root): …".
        if (message.startsWith('invalid data')) expect(message, label).toMatch(/\n {2}(\(root\)|[a-z]\w*(\[\d+\])?)[^\n]*: /);
        messages.add(message.split('\n')[0]!);
      } else {
        accepted++;
        checkInvariants(result);
        // What the app then does with it must not throw either.
        const store = createAppStore();
        store.getState().setBundle(result);
        const visible = getVisibleClaims(store.getState());
        expect(visible.length).toBe(result.claims.length);
        const ctx = { article: result.article, window: null, filters: [], viewUrl: null, exportedAt: '2021-07-28T00:00:00Z' };
        expect(() => JSON.parse(JSON.stringify(claimsToGeoJson(visible, ctx)))).not.toThrow();
        expect(claimsToCsv(visible, result.article).split('\r\n').length).toBeGreaterThan(visible.length);
      }
    }
    // The mutator must actually break things most of the time, and let some harmless edits through.
    expect(rejected).toBeGreaterThan(BUNDLE_CASES * 0.5);
    expect(accepted).toBeGreaterThan(10);
    expect(messages.size).toBeGreaterThan(5);
  }, 420_000);

  it('rejects a duplicated claim with the path and the duplicate named', async () => {
    const b = structuredClone(seedBundle);
    b.claims.push(structuredClone(b.claims[0]!));
    globalThis.fetch = serve(JSON.stringify(b));
    await expect(loadArticle('data/index.json', SLUG, BASE)).rejects.toThrow(/claims\[\d+\]\.id: duplicate id \(also claims\[0\]\)/);
  });

  it('rejects non-finite coordinates (which JSON cannot carry) by path', async () => {
    const b = structuredClone(seedBundle) as unknown as { claims: { anchor: unknown[] }[] };
    b.claims[2]!.anchor = ['NaN', Number('1e999')];
    globalThis.fetch = serve(JSON.stringify(b).replace('"NaN"', 'NaN'));
    await expect(loadArticle('data/index.json', SLUG, BASE)).rejects.toThrow(/not valid JSON/);
    globalThis.fetch = serve(JSON.stringify(b));
    await expect(loadArticle('data/index.json', SLUG, BASE)).rejects.toThrow(/claims\[2\]\.anchor\[0\]/);
  });

  it('ignores __proto__ keys without polluting, and still validates the rest', async () => {
    const body = JSON.stringify(seedBundle).replace('{"format":1,', '{"__proto__":{"polluted":"yes"},"format":1,');
    globalThis.fetch = serve(body);
    const b = await loadArticle('data/index.json', SLUG, BASE);
    expect(b.claims.length).toBe(seedBundle.claims.length);
    expect(prototypeIsClean()).toBe(true);
    expect(Object.getPrototypeOf(b)).toBe(Object.prototype);
  });

  it(`rejects ${INDEX_CASES} mutated indexes readably or loads them intact`, async () => {
    const rng = seededRng(SEED + 1);
    for (let i = 0; i < INDEX_CASES; i++) {
      const root = structuredClone(seedIndex) as Json;
      const what = mutateOnce(rng, root, INDEX_PATHS);
      globalThis.fetch = serve(i % 50 === 0 ? '{"format":1,"articles":[' : spliceDeepNesting(JSON.stringify(root)));
      try {
        const index = await loadIndex('data/index.json', BASE);
        expect(index.articles.length, `index case ${i}: ${what}`).toBeGreaterThan(0);
        for (const a of index.articles) expect(a.slug).toMatch(/^[a-z0-9][a-z0-9-]{1,80}$/);
      } catch (err) {
        expect(err, `index case ${i}: ${what}`).toBeInstanceOf(DataLoadError);
        expect((err as DataLoadError).detail.file).toBe('data/index.json');
      }
      expect(prototypeIsClean()).toBe(true);
    }
  });
});
