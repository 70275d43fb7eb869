/**
 * Loads article bundles off the main thread: fetch, JSON.parse and schema validation (tens of ms per
 * hundred claims) run here, and the page receives validated bundles by structured clone. Protocol:
 *   in:  { id, url, file, slug }
 *   out: { id, bundle } or { id, error: { file, message } }
 */
import './zod-csp';
import { DataLoadError, fetchArticle } from './load-data';
import type { ArticleBundle } from '../domain/types';
import type { LoadError } from '../store/app-store';

export interface ArticleRequest {
  id: number;
  url: string;
  file: string;
  slug: string;
}
export type ArticleResponse = { id: number; bundle: ArticleBundle } | { id: number; error: LoadError };

const scope = self as unknown as { onmessage: ((e: MessageEvent<ArticleRequest>) => void) | null; postMessage: (m: ArticleResponse) => void };

scope.onmessage = (e: MessageEvent<ArticleRequest>): void => {
  const { id, url, file, slug } = e.data;
  fetchArticle(url, file, slug).then(
    (bundle) => scope.postMessage({ id, bundle }),
    (err: unknown) =>
      scope.postMessage({
        id,
        error: err instanceof DataLoadError ? err.detail : { file, message: err instanceof Error ? err.message : String(err) },
      }),
  );
};
