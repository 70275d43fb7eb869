/**
 * Main-thread handle on the ingest worker: `draftInWorker(text, opts)` resolves with the same DraftResult
 * as draftFromText, without ever blocking the page (parsing, gazetteer indexing and compiling all run in
 * the worker; the gazetteer is fetched there, lazily, on the first call). One worker is shared.
 */
import type { DraftResult } from './index';
import { GAZETTEER_FILE } from './gazetteer-asset';
import type { DraftRequest, DraftResponse } from './worker';

export interface DraftInWorkerOptions {
  published: string;
  slug?: string;
  onProgress?: (fraction: number, stage: string) => void;
  signal?: AbortSignal;
  /** Default: `gazetteer/gazetteer.json` next to the page. */
  gazetteerUrl?: string;
}

/** An error about the user's input (empty text, bad date, bad slug…), as opposed to a failure to load. */
export class DraftInputError extends Error {
  override name = 'DraftInputError';
}

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, { resolve: (r: DraftResult) => void; reject: (e: Error) => void; onProgress?: DraftInWorkerOptions['onProgress'] }>();

function getWorker(): Worker {
  if (worker) return worker;
  // Vite turns this into a separate module-worker chunk: nothing of ingest loads until it is needed.
  worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'ingest' });
  worker.onmessage = (e: MessageEvent<DraftResponse>) => {
    const msg = e.data;
    const p = pending.get(msg.id);
    if (!p) return;
    if (msg.type === 'progress') p.onProgress?.(msg.fraction, msg.stage);
    else {
      pending.delete(msg.id);
      if (msg.type === 'result') p.resolve(msg.result);
      else p.reject(msg.input ? new DraftInputError(msg.message) : new Error(msg.message));
    }
  };
  worker.onerror = (e: ErrorEvent) => {
    for (const p of pending.values()) p.reject(new Error(`ingest worker failed: ${e.message}`));
    pending.clear();
    worker?.terminate();
    worker = null;
  };
  return worker;
}

export function draftInWorker(text: string, opts: DraftInWorkerOptions): Promise<DraftResult> {
  return new Promise<DraftResult>((resolve, reject) => {
    if (opts.signal?.aborted) {
      reject(new DOMException('aborted', 'AbortError'));
      return;
    }
    const id = nextId++;
    pending.set(id, { resolve, reject, ...(opts.onProgress ? { onProgress: opts.onProgress } : {}) });
    opts.signal?.addEventListener('abort', () => {
      if (pending.delete(id)) reject(new DOMException('aborted', 'AbortError'));
    });
    const req: DraftRequest = {
      type: 'draft',
      id,
      text,
      published: opts.published,
      ...(opts.slug !== undefined ? { slug: opts.slug } : {}),
      gazetteerUrl: opts.gazetteerUrl ?? new URL(`gazetteer/${GAZETTEER_FILE}`, document.baseURI).href,
    };
    getWorker().postMessage(req);
  });
}

/** Stops the worker (it is restarted on the next call); frees the gazetteer's memory. */
export function disposeIngestWorker(): void {
  worker?.terminate();
  worker = null;
  for (const p of pending.values()) p.reject(new DOMException('aborted', 'AbortError'));
  pending.clear();
}
