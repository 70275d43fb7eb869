/**
 * A seeded multi-article corpus for browser tests, generated in memory by the benchmark's own generator
 * (`scripts/make-corpus.ts`) and served to the page by request routing under the app's own origin
 * (`/e2e-corpus/<claims>-<articles>-<seed>/…`), so nothing test-only is built into `dist/`.
 */
import type { Page } from '@playwright/test';
import { generateCorpus, serializeCorpus, type Corpus, type CorpusOptions } from '../scripts/make-corpus';

export interface ServedCorpus {
  corpus: Corpus;
  /** The value for the app's `?data=` parameter. */
  dataParam: string;
}

const cache = new Map<string, { corpus: Corpus; files: Map<string, string> }>();

function build(opts: CorpusOptions) {
  const key = `${opts.claims}-${opts.articles}-${opts.seed}`;
  let hit = cache.get(key);
  if (!hit) {
    const corpus = generateCorpus(opts);
    hit = { corpus, files: serializeCorpus(corpus) };
    cache.set(key, hit);
  }
  return { key, ...hit };
}

/** Routes the corpus's files for this page; `?data=${dataParam}` then opens it. */
export async function serveCorpus(page: Page, opts: CorpusOptions): Promise<ServedCorpus> {
  const { key, corpus, files } = build(opts);
  const prefix = `/e2e-corpus/${key}/`;
  await page.route(`**${prefix}**`, async (route) => {
    const path = new URL(route.request().url()).pathname;
    const body = files.get(path.slice(path.indexOf(prefix) + prefix.length));
    if (body === undefined) return route.fulfill({ status: 404, body: 'not found' });
    return route.fulfill({ status: 200, contentType: 'application/json', body });
  });
  return { corpus, dataParam: `${prefix.slice(1)}index.json` };
}
