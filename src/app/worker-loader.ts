/**
 * An ArticleLoader that validates in Web Workers (./article-worker.ts) where the machine has cores to spare
 * for them, else on the page's thread. If a worker cannot start or dies, the requests it held, and all
 * later ones, are loaded on the page's thread instead: never wrong, never silently skipped.
 *
 * Why not always a worker: the page needs the parsed bundle, and structured-cloning one costs more than
 * parsing it again, so with a worker every file is parsed twice and its text copied between threads. With a
 * core to spare that extra work runs beside the page's. Without one it competes with the page, MapLibre's
 * worker and V8's compilers for the same cores: on 2 cores a cold load of 10k claims took 13.4 s of CPU
 * with the worker and 12.8 s without (wall 7.3 vs 7.1 s, 4 interleaved loads), 100k claims 42.5 and 43.0 s
 * against 37.3 and 39.4 s (wall 22.9, 23.3 vs 20.5, 21.7 s). Each file is still checked in its own small
 * task on the page (a few ms per 100 claims), so the page stays responsive.
 */
import { DataLoadError, articlePath, expandArticle, loadArticle, type ArticleLoader } from './load-data';
import type { ArticleRequest, ArticleResponse } from './article-worker';
import { ownerOf } from './article-queue';
import type { ArticleBundle } from '../domain/types';

interface Pending {
  resolve: (b: ArticleBundle) => void;
  reject: (e: Error) => void;
  retry: () => void;
}

export interface WorkerLoader {
  load: ArticleLoader;
  dispose: () => void;
  /** The loader bounds its own fetches (the worker's queue; on the main thread a queue here): callers may
   *  hand it every article at once, so the pipeline never waits for a busy main thread to ask for more. */
  selfLimiting: true;
  /** Lets the workers read the index and start on its articles before anyone asks (see article-queue.ts). */
  prefetch: (indexPath: string, baseUrl: string) => void;
}

/** Requests handed to the browser at once on the page's thread, as the worker's queue does (article-queue.ts
 *  `maxFetches`): more than its six connections, so that a finished response starts the next queued one
 *  without waiting for the page's thread to ask. */
const MAIN_THREAD_FETCHES = 24;

/**
 * One worker per spare core (the page and MapLibre's worker keep two), at most 3; none without a spare core.
 * Exported for its unit test.
 */
export function articleWorkerCount(cores: number): number {
  return Math.max(0, Math.min(3, cores - 2));
}

function hardwareCores(): number {
  return typeof navigator !== 'undefined' && navigator.hardwareConcurrency ? navigator.hardwareConcurrency : 2;
}

export function createWorkerLoader(): WorkerLoader {
  const workers: Worker[] = [];
  const size = articleWorkerCount(hardwareCores());
  // `broken`: articles load on the page's thread (no spare core, no Worker, or a worker failed).
  let broken = typeof Worker !== 'function' || size === 0;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  // Main-thread fallback: the same bound as the worker's.
  let mainActive = 0;
  const mainQueue: (() => void)[] = [];
  const onMainThread = (indexPath: string, slug: string, baseUrl: string): Promise<ArticleBundle> =>
    new Promise<ArticleBundle>((resolve, reject) => {
      const run = () => {
        mainActive++;
        loadArticle(indexPath, slug, baseUrl)
          .then(resolve, reject)
          .finally(() => {
            mainActive--;
            mainQueue.shift()?.();
          });
      };
      if (mainActive < MAIN_THREAD_FETCHES) run();
      else mainQueue.push(run);
    });

  const fail = () => {
    broken = true;
    for (const w of workers.splice(0)) w.terminate();
    const held = [...pending.values()];
    pending.clear();
    for (const p of held) p.retry();
  };

  const getWorker = (k: number): Worker | null => {
    if (broken) return null;
    if (workers[k]) return workers[k];
    let worker: Worker;
    try {
      worker = new Worker(new URL('./article-worker.ts', import.meta.url), { type: 'module', name: 'articles' });
    } catch {
      broken = true;
      return null;
    }
    worker.onmessage = (e: MessageEvent<ArticleResponse>) => {
      const msg = e.data;
      const p = pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      // The worker validated exactly this text as an article bundle, and marked its exact arcs.
      if ('text' in msg) p.resolve(expandArticle(msg.text, msg.arcs));
      else p.reject(new DataLoadError(msg.error));
    };
    worker.onerror = (e) => {
      e.preventDefault();
      fail();
    };
    workers[k] = worker;
    return worker;
  };

  const load: ArticleLoader = (indexPath, slug, baseUrl) =>
    new Promise<ArticleBundle>((resolve, reject) => {
      const onMain = () => onMainThread(indexPath, slug, baseUrl).then(resolve, reject);
      const file = articlePath(indexPath, slug);
      const url = new URL(file, baseUrl).href;
      // Always the same worker for one file: the one that may have fetched it already.
      const w = getWorker(ownerOf(url, size));
      if (!w) return void onMain();
      const id = nextId++;
      pending.set(id, { resolve, reject, retry: onMain });
      const req: ArticleRequest = { type: 'article', id, url, file, slug };
      w.postMessage(req);
    });

  const prefetch = (indexPath: string, baseUrl: string) => {
    for (let k = 0; k < size; k++) {
      const req: ArticleRequest = { type: 'prefetch', indexPath, baseUrl, worker: k, workers: size };
      getWorker(k)?.postMessage(req);
    }
  };

  return {
    selfLimiting: true,
    load,
    prefetch,
    dispose: () => {
      for (const w of workers.splice(0)) w.terminate();
      const held = [...pending.values()];
      pending.clear();
      for (const p of held) p.reject(new Error('article loading stopped'));
    },
  };
}
