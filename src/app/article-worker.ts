/**
 * Loads article bundles off the main thread: fetch, JSON.parse and schema validation (tens of ms per
 * hundred claims) run here, and the page receives validated bundles by structured clone. Protocol:
 *   in:  { id, url, file, slug }   (as many as wanted: the worker queues them, six fetches at a time)
 *   out: { id, bundle } or { id, error: { file, message } }, in the order they finish
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

/** Fetches in flight at once: the worker keeps its own queue, so a busy main thread never stalls loading. */
const MAX_FETCHES = 6;
const queue: ArticleRequest[] = [];
let active = 0;

function pump(): void {
  while (active < MAX_FETCHES && queue.length > 0) {
    const { id, url, file, slug } = queue.shift()!;
    active++;
    fetchArticle(url, file, slug)
      .then(
        (bundle) => scope.postMessage({ id, bundle }),
        (err: unknown) =>
          scope.postMessage({
            id,
            error: err instanceof DataLoadError ? err.detail : { file, message: err instanceof Error ? err.message : String(err) },
          }),
      )
      .finally(() => {
        active--;
        pump();
      });
  }
}

scope.onmessage = (e: MessageEvent<ArticleRequest>): void => {
  queue.push(e.data);
  pump();
};
