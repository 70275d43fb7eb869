import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeBundle } from '../store/test-fixtures/bundle';
import { generateCorpus } from '../../scripts/make-corpus';
import { arcSpecOfLazy } from '../domain/compact-arcs';
import type { ArticleBundle } from '../domain/types';
import { DataLoadError, articlePath, checkArticleText, expandArticle, loadArticle, loadIndex } from './load-data';

const BASE = 'http://localhost:5180/';

function respond(status: number, body: string) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(body, { status, statusText: '' })),
  );
}

async function failure(p: Promise<unknown>): Promise<{ file: string; message: string }> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(DataLoadError);
    return (err as DataLoadError).detail;
  }
  throw new Error('expected a DataLoadError');
}

afterEach(() => vi.unstubAllGlobals());

describe('articlePath', () => {
  it('puts articles next to the index', () => {
    expect(articlePath('data/index.json', 'seed')).toBe('data/articles/seed.json');
    expect(articlePath('bench/corpus/10k/index.json', 'a-1')).toBe('bench/corpus/10k/articles/a-1.json');
    expect(articlePath('index.json', 'x')).toBe('articles/x.json');
  });
});

describe('loading data', () => {
  it('names the file and the HTTP status when it is missing', async () => {
    respond(404, 'Not found');
    expect(await failure(loadIndex('data/index.json', BASE))).toEqual({ file: 'data/index.json', message: 'HTTP 404 (not found)' });
  });

  it('names the file when it is not JSON', async () => {
    respond(200, '{"format": 1, "articles": [');
    const e = await failure(loadIndex('data/index.json', BASE));
    expect(e.file).toBe('data/index.json');
    expect(e.message).toMatch(/^not valid JSON: /);
  });

  it('names the file and the field when the schema refuses it', async () => {
    const bundle = makeBundle() as unknown as { claims: Record<string, unknown>[] };
    delete bundle.claims[0]!['quote'];
    respond(200, JSON.stringify(bundle));
    const e = await failure(loadArticle('data/index.json', 'fixture-article', BASE));
    expect(e.file).toBe('data/articles/fixture-article.json');
    expect(e.message).toMatch(/quote/);
  });

  it('refuses an index without articles', async () => {
    respond(200, JSON.stringify({ format: 1, articles: [] }));
    expect((await failure(loadIndex('data/index.json', BASE))).message).toBe('lists no articles');
  });

  it('refuses a bundle holding another article than the one asked for', async () => {
    respond(200, JSON.stringify(makeBundle()));
    expect((await failure(loadArticle('data/index.json', 'other-slug', BASE))).message).toMatch(/holds article "fixture-article"/);
  });

  it('fetches from the page’s origin and returns the validated bundle', async () => {
    respond(200, JSON.stringify(makeBundle()));
    const bundle = await loadArticle('data/index.json', 'fixture-article', BASE);
    expect(bundle.claims).toHaveLength(4);
    expect(vi.mocked(fetch).mock.calls[0]![0]).toBe('http://localhost:5180/data/articles/fixture-article.json');
  });
});

describe('the worker and page halves of loading an article', () => {
  it('give the page exactly the validated file, with its flow arcs held lazily', () => {
    const text = JSON.stringify(generateCorpus({ claims: 120, articles: 1, seed: 6 }).bundles[0]!);
    const slug = (JSON.parse(text) as ArticleBundle).article.slug;
    const arcs = checkArticleText(text, `articles/${slug}.json`, slug);
    expect(arcs.length).toBeGreaterThan(10);
    const bundle = expandArticle(text, arcs);
    const flows = bundle.claims.flatMap((c) => c.geometry.features).filter((f) => f.properties.mark === 'flow');
    expect(flows.length).toBe(arcs.length);
    expect(flows.every((f) => arcSpecOfLazy(f.geometry) !== null)).toBe(true);
    expect(JSON.stringify(bundle)).toBe(text);
  });

  it('on the page’s thread alone, give the same: the validated file, its flow arcs held lazily', async () => {
    const text = JSON.stringify(generateCorpus({ claims: 120, articles: 1, seed: 6 }).bundles[0]!);
    const slug = (JSON.parse(text) as ArticleBundle).article.slug;
    respond(200, text);
    const bundle = await loadArticle('data/index.json', slug, BASE);
    const flows = bundle.claims.flatMap((c) => c.geometry.features).filter((f) => f.properties.mark === 'flow');
    expect(flows.length).toBeGreaterThan(10);
    expect(flows.every((f) => arcSpecOfLazy(f.geometry) !== null)).toBe(true);
    expect(JSON.stringify(bundle)).toBe(text);
  });

  it('reject a file that is not the article asked for, naming it', () => {
    const text = JSON.stringify(makeBundle());
    expect(() => checkArticleText(text, 'articles/other.json', 'other')).toThrow(/articles\/other\.json: holds article "fixture-article", expected "other"/);
  });
});
