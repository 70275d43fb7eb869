/**
 * The article worker's bookkeeping, free of Worker globals so it can be tested: a queue of article files
 * with a bounded number of fetches in flight, each file fetched and validated at most once, and its result
 * handed to whoever asked for it — before or after it arrived.
 *
 * Why a worker fetches before being asked (`prefetch`): at start-up the page's thread is busy for hundreds
 * of milliseconds evaluating MapLibre, rendering React and creating the map; if the page had to read the
 * index and then ask for each article, the pipeline would wait for all of that. So the page hands the
 * worker the index's address first thing, the worker reads the index itself and starts on the articles
 * (in index order), and the page's requests, when they come, find them in flight or done. The page still
 * loads and validates the index on its own: the worker's copy only decides what to fetch early.
 */
import { parseIndex } from '../data/bundle-schema';
import type { LoadError } from '../store/app-store';
import { articlePath } from './load-data';

export type ArticleResult = { text: string; arcs: Uint8Array } | { error: LoadError };

export interface QueueDeps {
  /** A file's text (the index's, or an article's), or a rejection saying why not. */
  fetchText: (url: string, file: string) => Promise<string>;
  /** Parse and validate an article's text as the article `slug`; throws what is wrong. Returns which of its
   *  flow lines are exact arcs (compact-arcs.ts `markArcs`). */
  check: (text: string, file: string, slug: string) => Uint8Array;
  /** Answer a request. */
  reply: (id: number, result: ArticleResult) => void;
  /** How a failure is worded (DataLoadError's detail, or the error's message). */
  describe: (err: unknown, file: string) => LoadError;
  /** Requests handed to the browser at once. More than its six connections per origin: then a connection
   *  that finishes a response starts the next queued one by itself, without waiting for this thread to be
   *  free to ask (it may be busy validating). Bodies are checked as they arrive, whatever the order. */
  maxFetches: number;
}

interface Entry {
  url: string;
  file: string;
  slug: string;
  /** Requests waiting for this file. */
  ids: number[];
  result: ArticleResult | null;
}

/** Which of `n` workers fetches `url`: the page and every worker compute the same owner, so a prefetched
 *  file and the page's request for it always meet in one worker. */
export function ownerOf(url: string, n: number): number {
  let h = 0;
  for (let i = 0; i < url.length; i++) h = (Math.imul(h, 31) + url.charCodeAt(i)) | 0;
  return (h >>> 0) % n;
}

export class ArticleQueue {
  private readonly entries = new Map<string, Entry>();
  private readonly queue: Entry[] = [];
  private active = 0;

  constructor(private readonly deps: QueueDeps) {}

  /** A request from the page: answered once the file is fetched and validated (at once if it already is). */
  request(id: number, url: string, file: string, slug: string): void {
    const known = this.entries.get(url);
    if (known) {
      if (known.result) this.answer(known, [id]);
      else known.ids.push(id);
      return;
    }
    this.enqueue({ url, file, slug, ids: [id], result: null });
  }

  /**
   * Reads the index at `indexPath` (as the page names it, resolved against `baseUrl`) and queues every
   * article of it this worker owns (`worker` of `workers`), in index order, unless the index holds only
   * one article (a single-article index opens on that article; the page fetches it itself).
   */
  async prefetch(indexPath: string, baseUrl: string, worker = 0, workers = 1): Promise<number> {
    let slugs: string[];
    try {
      const index = parseIndex(JSON.parse(await this.deps.fetchText(new URL(indexPath, baseUrl).href, indexPath)) as unknown);
      slugs = index.articles.map((a) => a.slug);
    } catch {
      return 0; // the page reads the index too, and reports what is wrong with it
    }
    if (slugs.length < 2) return 0;
    let queued = 0;
    for (const slug of slugs) {
      const file = articlePath(indexPath, slug);
      const url = new URL(file, baseUrl).href;
      if (ownerOf(url, workers) !== worker || this.entries.has(url)) continue;
      this.enqueue({ url, file, slug, ids: [], result: null });
      queued++;
    }
    return queued;
  }

  private enqueue(entry: Entry): void {
    this.entries.set(entry.url, entry);
    this.queue.push(entry);
    this.pump();
  }

  private pump(): void {
    while (this.active < this.deps.maxFetches && this.queue.length > 0) {
      const entry = this.queue.shift()!;
      this.active++;
      this.deps.fetchText(entry.url, entry.file).then(
        (text) => {
          // The request's slot is free as soon as the body is here: the next fetch starts before checking.
          this.active--;
          this.pump();
          try {
            this.settle(entry, { text, arcs: this.deps.check(text, entry.file, entry.slug) });
          } catch (err) {
            this.settle(entry, { error: this.deps.describe(err, entry.file) });
          }
        },
        (err: unknown) => {
          this.active--;
          this.pump();
          this.settle(entry, { error: this.deps.describe(err, entry.file) });
        },
      );
    }
  }

  private settle(entry: Entry, result: ArticleResult): void {
    entry.result = result;
    if (entry.ids.length > 0) this.answer(entry, entry.ids);
  }

  /** Hands the result over and forgets it: the page keeps what it was given, the worker need not. */
  private answer(entry: Entry, ids: number[]): void {
    for (const id of ids) this.deps.reply(id, entry.result!);
    entry.ids = [];
    this.entries.delete(entry.url);
  }
}
