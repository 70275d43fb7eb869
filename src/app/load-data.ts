/**
 * Fetching and validating the compiled data. Every failure becomes a LoadError naming the file as the
 * app requested it and what went wrong (HTTP status, JSON syntax, or the schema's path-and-problem).
 */
import { parseBundle, parseIndex } from '../data/bundle-schema';
import type { ArticleBundle, DataIndex } from '../domain/types';
import type { LoadError } from '../store/app-store';

export class DataLoadError extends Error {
  constructor(readonly detail: LoadError) {
    super(`${detail.file}: ${detail.message}`);
  }
}

const STATUS_TEXT: Record<number, string> = { 404: 'not found', 403: 'forbidden', 500: 'server error' };

async function fetchJson(url: string, file: string): Promise<unknown> {
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
  const text = await res.text();
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

export async function loadArticle(indexPath: string, slug: string, baseUrl: string): Promise<ArticleBundle> {
  const file = articlePath(indexPath, slug);
  const json = await fetchJson(new URL(file, baseUrl).href, file);
  performance.mark('claim-atlas:article-fetched');
  const bundle = validate(parseBundle, json, file);
  performance.mark('claim-atlas:article-validated');
  if (bundle.article.slug !== slug) {
    throw new DataLoadError({ file, message: `holds article "${bundle.article.slug}", expected "${slug}"` });
  }
  return bundle;
}
