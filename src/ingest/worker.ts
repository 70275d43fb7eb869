/**
 * Web Worker running the ingest pipeline off the main thread. Protocol (see README.md):
 *   in:  { type: 'draft', id, text, published, slug?, gazetteerUrl }
 *   out: { type: 'progress', id, fraction, stage } … then { type: 'result', id, result } or
 *        { type: 'error', id, message, input } (input: true for a problem with what the user gave)
 */
import { IngestInputError, draftFromText } from './index';
import type { DraftResult } from './index';

export interface DraftRequest {
  type: 'draft';
  id: number;
  text: string;
  published: string;
  slug?: string;
  gazetteerUrl: string;
}
export type DraftResponse =
  | { type: 'progress'; id: number; fraction: number; stage: string }
  | { type: 'result'; id: number; result: DraftResult }
  | { type: 'error'; id: number; message: string; input: boolean };

const scope = self as unknown as { onmessage: ((e: MessageEvent<DraftRequest>) => void) | null; postMessage: (m: DraftResponse) => void };

scope.onmessage = (e: MessageEvent<DraftRequest>): void => {
  const req = e.data;
  if (req?.type !== 'draft') return;
  draftFromText(req.text, {
    published: req.published,
    ...(req.slug !== undefined ? { slug: req.slug } : {}),
    gazetteerUrl: req.gazetteerUrl,
    onProgress: (fraction, stage) => scope.postMessage({ type: 'progress', id: req.id, fraction, stage }),
  }).then(
    (result) => scope.postMessage({ type: 'result', id: req.id, result }),
    (err: unknown) =>
      scope.postMessage({ type: 'error', id: req.id, message: err instanceof Error ? err.message : String(err), input: err instanceof IngestInputError }),
  );
};
