/**
 * npm run ingest -- FILE --published YYYY-MM-DD [--slug s] [--force] [--data-dir dir]
 * Drafts data/articles/<slug>/{article.txt,meta.yaml,claims.yaml} from a plain-text article: article.txt
 * byte for byte, meta.yaml and claims.yaml with review: draft (see src/ingest/README.md).
 *   --slug s       folder name (default: from the title, the first line)
 *   --force        replace an existing folder of that slug
 *   --data-dir d   data root to write into (default: data); the gazetteer comes from d/gazetteer when it
 *                  exists, else from the repository's data/gazetteer
 * The draft is compiled in memory with the same compiler as `npm run data` before anything is written;
 * claims the compiler refuses are dropped with a warning. Writing is atomic: a temporary folder next to the
 * target, renamed into place. Any input problem: a message naming the file or flag, exit 2, nothing written.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatError } from '../src/data/compile';
import type { CompileError } from '../src/data/compile';
import { compileDraft } from '../src/ingest/compile-draft';
import type { Gazetteer as CompilerGazetteer } from '../src/data/gazetteer/types';
import { draftArticle } from '../src/ingest/draft';
import type { Draft, DraftClaim } from '../src/ingest/draft';
import { IngestInputError, checkPublished, checkSlug, slugify } from '../src/ingest/text';
import { loadGazetteer } from './lib/load-gazetteer';
import { fail, parseArgs, readArticleFile, stringFlag } from './ingest-lib/cli';
import { loadNodeGazetteer } from './ingest-lib/node-gazetteer';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface IngestResult {
  slug: string;
  dir: string;
  draft: Draft;
  dropped: { claim: DraftClaim; errors: CompileError[] }[];
}

export interface IngestOptions {
  file: string;
  published: string;
  slug?: string;
  force?: boolean;
  dataDir?: string;
  log?: (msg: string) => void;
}

function compilerGazetteer(dataDir: string): CompilerGazetteer {
  const own = join(dataDir, 'gazetteer');
  const loaded = loadGazetteer(existsSync(own) ? dataDir : join(repoRoot, 'data'));
  if ('errors' in loaded) throw new Error(`gazetteer: ${loaded.errors.map(formatError).join('; ')}`);
  return loaded.gazetteer;
}

export async function ingest(opts: IngestOptions): Promise<IngestResult> {
  const log = opts.log ?? ((): void => {});
  const published = checkPublished(opts.published);
  if (opts.slug !== undefined) checkSlug(opts.slug);
  const text = readArticleFile(opts.file);
  const dataDir = resolve(opts.dataDir ?? join(repoRoot, 'data'));
  const firstLine = text.split('\n').find((l) => l.trim() !== '') ?? '';
  const slug = opts.slug ?? checkSlug(slugify(firstLine), 'slug (from the title; pass --slug)');
  const articlesDir = join(dataDir, 'articles');
  const target = join(articlesDir, slug);
  if (existsSync(target) && !opts.force) {
    throw new IngestInputError(`${relative(process.cwd(), target) || target} already exists; pass --force to replace it, or choose another --slug`);
  }

  const big = text.length > 50_000;
  const gaz = await loadNodeGazetteer(log);
  let lastShown = -1;
  const draft = draftArticle(text, {
    published,
    slug,
    gazetteer: gaz,
    onProgress: (f, stage) => {
      const pct = Math.floor(f * 10) * 10;
      if (big && pct !== lastShown) {
        lastShown = pct;
        log(`${stage} ${pct}%`);
      }
    },
  });

  const { claims, claimsYaml, dropped, errors } = compileDraft(slug, text, draft, compilerGazetteer(dataDir));
  if (errors.length > 0) throw new Error(`the draft does not compile:\n${errors.map(formatError).join('\n')}`);
  const short = (s: string): string => (s.length > 240 ? `${s.slice(0, 237)}…` : s);
  for (const d of dropped) log(`dropped claim ${d.claim.id}: ${short(d.errors.map((e) => `${e.field}: ${e.problem}`).join('; '))}`);
  if (claims.length === 0) throw new IngestInputError(`${opts.file}: no claim could be drafted from this text (no sentence names a place with a claim pattern)`);
  const final: Draft = { ...draft, claims, claimsYaml };

  // Atomic: write a sibling temp folder, then rename it into place.
  mkdirSync(articlesDir, { recursive: true });
  const tmp = join(articlesDir, `.ingest-${slug}-${process.pid}-${Date.now()}`);
  mkdirSync(tmp);
  try {
    writeFileSync(join(tmp, 'article.txt'), readFileSync(opts.file));
    writeFileSync(join(tmp, 'meta.yaml'), final.metaYaml);
    writeFileSync(join(tmp, 'claims.yaml'), final.claimsYaml);
    if (existsSync(target)) {
      const old = `${tmp}-old`;
      renameSync(target, old);
      renameSync(tmp, target);
      rmSync(old, { recursive: true, force: true });
    } else renameSync(tmp, target);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  return { slug, dir: target, draft: final, dropped };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), ['published', 'slug', 'data-dir'], ['force']);
  if (args.files.length !== 1) {
    throw new IngestInputError(
      `expected exactly one FILE, got ${args.files.length} (usage: npm run ingest -- FILE --published YYYY-MM-DD [--slug s] [--force] [--data-dir dir])`,
    );
  }
  const published = checkPublished(stringFlag(args, 'published'));
  const r = await ingest({
    file: args.files[0]!,
    published,
    slug: stringFlag(args, 'slug'),
    force: args.flags.has('force'),
    dataDir: stringFlag(args, 'data-dir'),
    log: (m) => process.stderr.write(`ingest: ${m}\n`),
  });
  const places = new Set(r.draft.claims.flatMap((c) => c.places.map((p) => p.id)));
  process.stderr.write(
    `ingest: wrote ${relative(process.cwd(), r.dir) || r.dir}/ — ${r.draft.claims.length} draft claims, ${places.size} places, ${r.draft.times.length} time expressions (review: draft)\n`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((e: unknown) => fail(e, 'ingest'));
}
