/**
 * Fetching and validating the compiled data. Every failure becomes a LoadError naming the file as the
 * app requested it and what went wrong (HTTP status, JSON syntax, or the schema's path-and-problem).
 */
import { parseBundle, parseIndex } from '../data/bundle-schema';
import type { ArticleBundle, DataIndex } from '../domain/types';
import { lazyArcs, markArcs } from '../domain/compact-arcs';
import type { LoadError } from '../store/app-store';

export class DataLoadError extends Error {
  constructor(readonly detail: LoadError) {
    super(`${detail.file}: ${detail.message}`);
  }
}

const STATUS_TEXT: Record<number, string> = { 404: 'not found', 403: 'forbidden', 500: 'server error' };

async function fetchJson(url: string, file: string): Promise<unknown> {
  return parseJson(await fetchText(url, file), file);
}

/** The file's text; a DataLoadError naming the file when it cannot be fetched or the server refuses it. */
export async function fetchText(url: string, file: string): Promise<string> {
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'same-origin' });
  } catch (err) {
    throw new DataLoadError({ file, message: `could not be fetched (${err instanceof Error ? err.message : String(err)})` });
  }
  if (!res.ok) {
    const why = res.statusText || STATUS_TEXT[res.status] || 'request failed';
    throw new DataLoadError({ file, message: `HTTP ${res.status} (${why})` });
  }
  return res.text();
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new DataLoadError({ file, message: `not valid JSON: ${err instanceof Error ? err.message : String(err)}` });
  }
}

function validate<T>(parse: (json: unknown) => T, json: unknown, file: string): T {
  try {
    return parse(json);
  } catch (err) {
    throw new DataLoadError({ file, message: `invalid data: ${err instanceof Error ? err.message : String(err)}` });
  }
}

/** `indexPath` is relative to the page ("data/index.json"); articles sit next to it in `articles/`. */
export async function loadIndex(indexPath: string, baseUrl: string): Promise<DataIndex> {
  const index = validate(parseIndex, await fetchJson(new URL(indexPath, baseUrl).href, indexPath), indexPath);
  if (index.articles.length === 0) throw new DataLoadError({ file: indexPath, message: 'lists no articles' });
  return index;
}

export function articlePath(indexPath: string, slug: string): string {
  const dir = indexPath.includes('/') ? indexPath.slice(0, indexPath.lastIndexOf('/') + 1) : '';
  return `${dir}articles/${slug}.json`;
}

function checkArticle(json: unknown, file: string, slug: string): ArticleBundle {
  const bundle = validate(parseBundle, json, file);
  if (bundle.article.slug !== slug) {
    throw new DataLoadError({ file, message: `holds article "${bundle.article.slug}", expected "${slug}"` });
  }
  return bundle;
}

/** Fetch, parse and validate one article bundle on this thread; its exact flow arcs are held lazily. */
export async function fetchArticle(url: string, file: string, slug: string): Promise<ArticleBundle> {
  const bundle = checkArticle(await fetchJson(url, file), file, slug);
  lazyArcs(bundle, markArcs(bundle));
  return bundle;
}

/**
 * The loader worker's half: parse and validate a fetched file's text. The page parses the same text again
 * rather than receiving the object graph by structured clone: for large bundles V8's JSON.parse is several
 * times cheaper on the page's thread. With it goes which flow lines are exact arcs (compact-arcs.ts), for
 * `expandArticle`. Throws a DataLoadError naming the file.
 */
export function checkArticleText(text: string, file: string, slug: string): Uint8Array {
  return markArcs(checkArticle(parseJson(text, file), file, slug));
}

/** The page's half: the bundle in the text the worker validated, its marked arcs held lazily. */
export function expandArticle(text: string, arcs: Uint8Array): ArticleBundle {
  const bundle = JSON.parse(text) as ArticleBundle;
  lazyArcs(bundle, arcs);
  return bundle;
}

export async function loadArticle(indexPath: string, slug: string, baseUrl: string): Promise<ArticleBundle> {
  const file = articlePath(indexPath, slug);
  const bundle = await fetchArticle(new URL(file, baseUrl).href, file, slug);
  performance.mark('claim-atlas:article-validated');
  return bundle;
}

export type ArticleLoader = (indexPath: string, slug: string, baseUrl: string) => Promise<ArticleBundle>;

export interface LoadArticlesOptions {
  /** Requests in flight at once (HTTP/1.1 allows six per origin). */
  concurrency?: number;
  /** Called after each article, loaded or failed. */
  onProgress?: (done: number, total: number) => void;
  /** How one article is loaded (default: on this thread). */
  load?: ArticleLoader;
  /** Called with each article that loaded, as it arrives (any order). */
  onLoaded?: (bundle: ArticleBundle) => void;
}

export interface LoadedArticles {
  /** The articles that loaded, in the order asked for. */
  bundles: ArticleBundle[];
  /** One per article that did not, in the order asked for: the file and what went wrong. */
  failures: LoadError[];
}

/**
 * Loads many articles with a bounded number of requests in flight. One article failing (missing, bad
 * JSON, invalid) never stops the others: it is reported in `failures` and the rest are returned.
 */
export async function loadArticles(indexPath: string, slugs: readonly string[], baseUrl: string, options: LoadArticlesOptions = {}): Promise<LoadedArticles> {
  const { concurrency = 6, onProgress, onLoaded, load = loadArticle } = options;
  const results: (ArticleBundle | LoadError | undefined)[] = new Array(slugs.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < slugs.length) {
      const i = next++;
      const slug = slugs[i]!;
      try {
        const bundle = await load(indexPath, slug, baseUrl);
        results[i] = bundle;
        onLoaded?.(bundle);
      } catch (err) {
        results[i] =
          err instanceof DataLoadError
            ? err.detail
            : { file: articlePath(indexPath, slug), message: err instanceof Error ? err.message : String(err) };
      }
      onProgress?.(++done, slugs.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, slugs.length)) }, worker));
  const bundles: ArticleBundle[] = [];
  const failures: LoadError[] = [];
  for (const r of results) {
    if (r && 'claims' in r) bundles.push(r);
    else if (r) failures.push(r);
  }
  return { bundles, failures };
}
