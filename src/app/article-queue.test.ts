/**
 * The article worker's queue: files fetched before they are asked for are handed over (not fetched again)
 * whether the page asks before or after they arrive; a broken file among good ones still answers with its
 * own error; at most `maxFetches` are in flight; a bad or single-article index starts nothing early.
 */
import { describe, expect, it } from 'vitest';
import '../app/zod-csp';
import { ArticleQueue, ownerOf, type ArticleResult } from './article-queue';
import type { LoadError } from '../store/app-store';

const BASE = 'http://atlas.test/app/';
/** What the check says of a file's flow lines (none are arcs in these bodies). */
const NO_ARCS = new Uint8Array(0);

function indexText(slugs: string[]): string {
  return JSON.stringify({ format: 1, articles: slugs.map((slug) => ({ slug, title: slug, published: '2021-07-28', claimCount: 1 })) });
}

/** A queue whose fetches resolve when the test says so. */
function setup(files: Record<string, string>, maxFetches = 2) {
  const started: string[] = [];
  const finish = new Map<string, () => void>();
  const replies: [number, ArticleResult][] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const queue = new ArticleQueue({
    maxFetches,
    fetchText: (url, file) => {
      const body = files[url.slice(BASE.length)];
      // The index answers at once; articles when the test completes them.
      if (file.endsWith('index.json')) return body === undefined ? Promise.reject(new Error('HTTP 404')) : Promise.resolve(body);
      return new Promise<string>((resolve, reject) => {
        started.push(file);
        maxInFlight = Math.max(maxInFlight, ++inFlight);
        finish.set(file, () => {
          inFlight--;
          if (body === undefined) reject(Object.assign(new Error('x'), { detail: { file, message: 'HTTP 404 (not found)' } }));
          else resolve(body);
        });
      });
    },
    check: (text, file) => {
      if (text === 'BROKEN') throw Object.assign(new Error('x'), { detail: { file, message: 'invalid data: claims[0].id: …' } });
      return NO_ARCS;
    },
    reply: (id, result) => replies.push([id, result]),
    describe: (err, file) => (err as { detail?: LoadError }).detail ?? { file, message: String(err) },
  });
  const settle = () => new Promise((r) => setTimeout(r, 0));
  const complete = async (file: string) => {
    finish.get(file)!();
    await settle();
  };
  return { queue, started, replies, complete, settle, maxInFlight: () => maxInFlight };
}

const url = (file: string) => new URL(file, BASE).href;

describe('ArticleQueue', () => {
  const files = {
    'c/index.json': indexText(['aa', 'bb', 'cc', 'dd']),
    'c/articles/aa.json': 'A',
    'c/articles/cc.json': 'C',
    'c/articles/dd.json': 'BROKEN',
  };

  it('prefetches the index’s articles in order, at most maxFetches at once, and hands each over once asked', async () => {
    const t = setup(files);
    expect(await t.queue.prefetch('c/index.json', BASE)).toBe(4);
    expect(t.started).toEqual(['c/articles/aa.json', 'c/articles/bb.json']);
    await t.complete('c/articles/aa.json');
    expect(t.started).toEqual(['c/articles/aa.json', 'c/articles/bb.json', 'c/articles/cc.json']);
    expect(t.replies).toEqual([]); // nobody asked yet
    // Asked after it arrived: answered at once, without a second fetch.
    t.queue.request(1, url('c/articles/aa.json'), 'c/articles/aa.json', 'aa');
    expect(t.replies).toEqual([[1, { text: 'A', arcs: NO_ARCS }]]);
    // Asked while in flight: answered when it lands; the missing file answers with its own error.
    t.queue.request(2, url('c/articles/bb.json'), 'c/articles/bb.json', 'bb');
    t.queue.request(3, url('c/articles/cc.json'), 'c/articles/cc.json', 'cc');
    await t.complete('c/articles/cc.json');
    await t.complete('c/articles/bb.json');
    // An invalid file among good ones answers with its own problem.
    t.queue.request(4, url('c/articles/dd.json'), 'c/articles/dd.json', 'dd');
    await t.complete('c/articles/dd.json');
    expect(t.replies).toEqual([
      [1, { text: 'A', arcs: NO_ARCS }],
      [3, { text: 'C', arcs: NO_ARCS }],
      [2, { error: { file: 'c/articles/bb.json', message: 'HTTP 404 (not found)' } }],
      [4, { error: { file: 'c/articles/dd.json', message: 'invalid data: claims[0].id: …' } }],
    ]);
    expect(t.started).toHaveLength(4);
    expect(t.maxInFlight()).toBe(2);
  });

  it('fetches a file asked for twice once, and again only after it was handed over', async () => {
    const t = setup(files);
    t.queue.request(1, url('c/articles/aa.json'), 'c/articles/aa.json', 'aa');
    t.queue.request(2, url('c/articles/aa.json'), 'c/articles/aa.json', 'aa');
    await t.complete('c/articles/aa.json');
    expect(t.replies).toEqual([
      [1, { text: 'A', arcs: NO_ARCS }],
      [2, { text: 'A', arcs: NO_ARCS }],
    ]);
    t.queue.request(3, url('c/articles/aa.json'), 'c/articles/aa.json', 'aa');
    expect(t.started).toEqual(['c/articles/aa.json', 'c/articles/aa.json']);
  });

  it('starts nothing early for a missing, invalid or single-article index', async () => {
    const t = setup({ 'one/index.json': indexText(['aa']), 'bad/index.json': '{"format":1,"articles":[{}]}' });
    expect(await t.queue.prefetch('missing/index.json', BASE)).toBe(0);
    expect(await t.queue.prefetch('bad/index.json', BASE)).toBe(0);
    expect(await t.queue.prefetch('one/index.json', BASE)).toBe(0);
    expect(t.started).toEqual([]);
  });

  it('splits a prefetch between workers exactly as the page routes its requests', async () => {
    const slugs = Array.from({ length: 40 }, (_, i) => `s-${i}`);
    const all = { 'c/index.json': indexText(slugs) };
    const owned: string[][] = [];
    for (let w = 0; w < 3; w++) {
      const t = setup(all, 100);
      await t.queue.prefetch('c/index.json', BASE, w, 3);
      owned.push(t.started);
      for (const f of t.started) expect(ownerOf(url(f), 3)).toBe(w);
    }
    expect(owned.flat().sort()).toEqual(slugs.map((s) => `c/articles/${s}.json`).sort());
    expect(owned.every((o) => o.length > 0)).toBe(true);
  });
});
