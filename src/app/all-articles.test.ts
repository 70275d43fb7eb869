/**
 * The all-articles view from the URL to the store: which view a link opens, loading every article with
 * some of them broken, and a claim permalink inside the merged view. fetch, location and history are
 * stubbed; articles load on this thread (no Worker in Node, so the loader falls back to it).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import './zod-csp';
import { createAppStore, type AppStore } from '../store/app-store';
import { makeBundle } from '../store/test-fixtures/bundle';
import { bootstrap, switchArticle } from './bootstrap';
import { loadArticles } from './load-data';
import { articleWorkerCount, createWorkerLoader } from './worker-loader';
import { ALL_ARTICLES } from '../domain/corpus';
import type { ArticleBundle, DataIndex } from '../domain/types';
import { getReaderBundle, getVisibleClaimIds, getVisibleMask } from '../store/selectors';

const BASE = 'http://localhost:5180/';

function article(slug: string): ArticleBundle {
  const b = makeBundle();
  return {
    ...b,
    article: { ...b.article, slug, title: `About ${slug}` },
    claims: b.claims.map((c) => ({ ...c, geometry: { ...c.geometry, features: c.geometry.features.map((f) => ({ ...f })) } })),
  };
}

function indexOf(slugs: string[]): DataIndex {
  return { format: 1, articles: slugs.map((slug) => ({ slug, title: `About ${slug}`, published: '2021-07-28', claimCount: 4 })) };
}

/** Serves `files` (path under BASE → body or HTTP status) and records what was asked for. */
function serve(files: Record<string, string | number>): string[] {
  const asked: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      const path = url.slice(BASE.length);
      asked.push(path);
      const body = files[path];
      if (body === undefined || typeof body === 'number') return new Response('nope', { status: typeof body === 'number' ? body : 404 });
      return new Response(body, { status: 200 });
    }),
  );
  return asked;
}

let store: AppStore;
let stop: () => void = () => undefined;
beforeEach(() => {
  store = createAppStore();
  vi.stubGlobal('location', { search: '', pathname: '/', hash: '' });
  vi.stubGlobal('history', { state: null, replaceState: vi.fn() });
});
afterEach(() => {
  stop();
  vi.unstubAllGlobals();
});

const three = {
  'data/index.json': JSON.stringify(indexOf(['alpha', 'beta', 'gamma'])),
  'data/articles/alpha.json': JSON.stringify(article('alpha')),
  'data/articles/beta.json': JSON.stringify(article('beta')),
  'data/articles/gamma.json': JSON.stringify(article('gamma')),
};

describe('which view a link opens', () => {
  it('opens every article merged when the index has several and the link names none', async () => {
    serve(three);
    stop = await bootstrap(store, '', BASE);
    const st = store.getState();
    expect(st.loadStatus).toBe('ready');
    expect(st.bundle?.article.slug).toBe(ALL_ARTICLES);
    expect(getVisibleClaimIds(st)).toHaveLength(12);
    expect(getVisibleClaimIds(st)[0]).toBe('alpha/fighters-move');
    expect([...st.articles.keys()]).toEqual(['alpha', 'beta', 'gamma']);
  });

  it('opens one article, fetching only it, for a=<slug>', async () => {
    const asked = serve(three);
    stop = await bootstrap(store, '?a=beta', BASE);
    expect(store.getState().bundle?.article.slug).toBe('beta');
    expect(asked).toEqual(['data/index.json', 'data/articles/beta.json']);
    expect(getVisibleClaimIds(store.getState())).toContain('fighters-move');
  });

  it('opens the one article of a single-article index, with or without a=*', async () => {
    serve({ 'data/index.json': JSON.stringify(indexOf(['alpha'])), 'data/articles/alpha.json': JSON.stringify(article('alpha')) });
    stop = await bootstrap(store, '', BASE);
    expect(store.getState().bundle?.article.slug).toBe('alpha');
    stop();
    store = createAppStore();
    stop = await bootstrap(store, '?a=*', BASE);
    expect(store.getState().bundle?.article.slug).toBe('alpha');
  });

  it('selects a claim of the merged view from its permalink and turns the reader to its article', async () => {
    serve(three);
    stop = await bootstrap(store, '?a=*&claim=beta/kabul-denies', BASE);
    const st = store.getState();
    expect(st.selectedId).toBe('beta/kabul-denies');
    expect(st.readerArticle).toBe('beta');
    const reader = getReaderBundle(st)!;
    expect(reader.article.slug).toBe('beta');
    const claim = reader.claims.find((c) => c.id === 'beta/kabul-denies')!;
    expect(reader.article.text.slice(claim.quote.start, claim.quote.end)).toBe(claim.quote.text);
  });

  it('names an unknown article and falls back to all of them', async () => {
    serve(three);
    stop = await bootstrap(store, '?a=delta', BASE);
    expect(store.getState().bundle?.article.slug).toBe(ALL_ARTICLES);
    expect(store.getState().notices.map((n) => n.text)).toEqual([expect.stringMatching(/no article "delta"; showing all articles/)]);
  });
});

describe('loading every article when some fail', () => {
  it('shows the others and names each failed file with its problem', async () => {
    serve({ ...three, 'data/articles/beta.json': 404, 'data/articles/gamma.json': '{"format": 1, "arti' });
    stop = await bootstrap(store, '', BASE);
    const st = store.getState();
    expect(st.loadStatus).toBe('ready');
    expect(getVisibleClaimIds(st)).toHaveLength(4);
    expect(getVisibleClaimIds(st).every((id) => id.startsWith('alpha/'))).toBe(true);
    const texts = st.notices.map((n) => n.text);
    expect(texts).toContainEqual(expect.stringMatching(/^Could not load data\/articles\/beta\.json: HTTP 404/));
    expect(texts).toContainEqual(expect.stringMatching(/^Could not load data\/articles\/gamma\.json: not valid JSON/));
    expect(st.loadProgress).toBeNull();
  });

  it('names a schema error by file and field', async () => {
    const bad = article('beta') as unknown as { claims: Record<string, unknown>[] };
    delete bad.claims[1]!['when'];
    serve({ ...three, 'data/articles/beta.json': JSON.stringify(bad) });
    stop = await bootstrap(store, '', BASE);
    expect(store.getState().notices.map((n) => n.text)).toContainEqual(expect.stringMatching(/data\/articles\/beta\.json: invalid data: .*when/s));
  });

  it('shows the error screen, naming the first file, when every article fails', async () => {
    serve({ 'data/index.json': three['data/index.json'] });
    stop = await bootstrap(store, '', BASE);
    const st = store.getState();
    expect(st.loadStatus).toBe('error');
    expect(st.loadError).toEqual({ file: 'data/articles/alpha.json', message: 'HTTP 404 (not found) (and 2 other article files failed too)' });
  });
});

describe('switching views', () => {
  it('goes to one article and back without fetching again, carrying the open claim', async () => {
    const asked = serve(three);
    stop = await bootstrap(store, '', BASE);
    store.getState().select('gamma/exercise-next-week', 'list');
    const before = asked.length;
    await switchArticle(store, 'gamma');
    expect(store.getState().bundle?.article.slug).toBe('gamma');
    expect(store.getState().selectedId).toBe('exercise-next-week');
    await switchArticle(store, ALL_ARTICLES);
    expect(store.getState().bundle?.article.slug).toBe(ALL_ARTICLES);
    expect(store.getState().selectedId).toBe('gamma/exercise-next-week');
    expect(asked.length).toBe(before);
  });

  it('clears the filters in the same change as it shows the other view: what the map counts changes once', async () => {
    serve(three);
    stop = await bootstrap(store, '?kinds=movement&from=2021-07-01&to=2021-08-01', BASE);
    const seen: number[] = [];
    store.subscribe(getVisibleMask, (mask) => seen.push(mask.reduce((n, v) => n + v, 0)));
    await switchArticle(store, 'gamma');
    expect(seen).toEqual([4]);
    const st = store.getState();
    expect([st.kinds, st.by, st.timeWindow, st.listText]).toEqual([null, null, null, '']);
    await switchArticle(store, ALL_ARTICLES);
    expect(seen).toEqual([4, 12]);
  });

  it('loads every article when switching to the all view from a per-article link', async () => {
    serve(three);
    stop = await bootstrap(store, '?a=alpha', BASE);
    await switchArticle(store, ALL_ARTICLES);
    expect(getVisibleClaimIds(store.getState())).toHaveLength(12);
  });
});

describe('loadArticles', () => {
  it('keeps at most `concurrency` requests in flight and returns bundles in the order asked', async () => {
    let inFlight = 0;
    let most = 0;
    const done: number[] = [];
    const slugs = Array.from({ length: 20 }, (_, i) => `a-${i}`);
    const result = await loadArticles('data/index.json', slugs, BASE, {
      concurrency: 4,
      onProgress: (n) => done.push(n),
      load: async (_p, slug) => {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((r) => setTimeout(r, (slug.length * 7) % 5));
        inFlight--;
        if (slug === 'a-3') throw new Error('boom');
        return article(slug);
      },
    });
    expect(most).toBe(4);
    expect(result.bundles.map((b) => b.article.slug)).toEqual(slugs.filter((s) => s !== 'a-3'));
    expect(result.failures).toEqual([{ file: 'data/articles/a-3.json', message: 'boom' }]);
    expect(done).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });
});

describe('link values the all view cannot honour', () => {
  it('says that none of the articles has the linked claim', async () => {
    serve(three);
    stop = await bootstrap(store, '?a=*&claim=beta/no-such-claim', BASE);
    expect(store.getState().selectedId).toBeNull();
    expect(store.getState().notices.map((n) => n.text)).toEqual(['None of these articles has claim "beta/no-such-claim"; none is selected.']);
  });
});

describe('the article loader without a worker (no spare core, Node, or a browser refusing it)', () => {
  it('loads on the main thread, at most 24 files at a time however many are asked for at once', async () => {
    let inFlight = 0;
    let most = 0;
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((r) => setTimeout(r, 2));
        inFlight--;
        const slug = /articles\/(.+)\.json$/.exec(url)![1]!;
        return new Response(JSON.stringify(article(slug)), { status: 200 });
      }),
    );
    const loader = createWorkerLoader();
    const slugs = Array.from({ length: 40 }, (_, i) => `a-${i}`);
    const bundles = await Promise.all(slugs.map((s) => loader.load('data/index.json', s, BASE)));
    expect(bundles.map((b) => b.article.slug)).toEqual(slugs);
    expect(most).toBe(24);
  });

  it('uses one worker per core beyond the page and MapLibre, none on a machine with two', () => {
    expect([1, 2, 3, 4, 5, 8, 16].map(articleWorkerCount)).toEqual([0, 0, 1, 2, 3, 3, 3]);
  });
});
