/**
 * Loads article bundles off the main thread: fetch, JSON.parse and schema validation run here, and the page
 * receives each validated file's JSON text and which of its flow lines are exact arcs (see checkArticleText). Protocol:
 *   in:  { type: 'article', id, url, file, slug }   (as many as wanted: queued, MAX_FETCHES at a time)
 *        { type: 'prefetch', indexPath, baseUrl, worker, workers }   (start on the index's articles now)
 *   out: { id, text, arcs } or { id, error: { file, message } }, as they finish
 * The queue and the prefetch are in ./article-queue.ts.
 */
import './zod-csp';
import { ArticleQueue } from './article-queue';
import { DataLoadError, checkArticleText, fetchText } from './load-data';
import type { LoadError } from '../store/app-store';

export type ArticleRequest =
  | { type: 'article'; id: number; url: string; file: string; slug: string }
  | { type: 'prefetch'; indexPath: string; baseUrl: string; worker: number; workers: number };
export type ArticleResponse = { id: number; text: string; arcs: Uint8Array } | { id: number; error: LoadError };

const scope = self as unknown as { onmessage: ((e: MessageEvent<ArticleRequest>) => void) | null; postMessage: (m: ArticleResponse) => void };

/** Requests handed to the browser at once (it opens six connections per origin and queues the rest). */
const MAX_FETCHES = 24;

const queue = new ArticleQueue({
  maxFetches: MAX_FETCHES,
  fetchText,
  check: checkArticleText,
  reply: (id, result) => scope.postMessage({ id, ...result }),
  describe: (err, file) => (err instanceof DataLoadError ? err.detail : { file, message: err instanceof Error ? err.message : String(err) }),
});

scope.onmessage = (e: MessageEvent<ArticleRequest>): void => {
  const msg = e.data;
  if (msg.type === 'prefetch') void queue.prefetch(msg.indexPath, msg.baseUrl, msg.worker, msg.workers);
  else queue.request(msg.id, msg.url, msg.file, msg.slug);
};
