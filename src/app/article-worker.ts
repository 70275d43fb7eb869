/**
 * Loads article bundles off the main thread: fetch, JSON.parse and schema validation (tens of ms per
 * hundred claims) run here, and the page receives validated bundles by structured clone. Protocol:
 *   in:  { id, url, file, slug }   (as many as wanted: the worker queues them, six fetches at a time)
 *   out: { id, text } (the validated file's JSON text) or { id, error: { file, message } }, as they finish
 */
import './zod-csp';
import { DataLoadError, fetchValidatedArticleText } from './load-data';
import type { LoadError } from '../store/app-store';

export interface ArticleRequest {
  id: number;
  url: string;
  file: string;
  slug: string;
}
/** `text`: the file's JSON text, validated here as an article bundle (see fetchValidatedArticleText). */
export type ArticleResponse = { id: number; text: string } | { id: number; error: LoadError };

const scope = self as unknown as { onmessage: ((e: MessageEvent<ArticleRequest>) => void) | null; postMessage: (m: ArticleResponse) => void };

/** Fetches in flight at once: the worker keeps its own queue, so a busy main thread never stalls loading. */
const MAX_FETCHES = 6;
const queue: ArticleRequest[] = [];
let active = 0;

function pump(): void {
  while (active < MAX_FETCHES && queue.length > 0) {
    const { id, url, file, slug } = queue.shift()!;
    active++;
    fetchValidatedArticleText(url, file, slug)
      .then(
        (text) => scope.postMessage({ id, text }),
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
