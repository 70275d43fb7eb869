/**
 * The file-system side of `npm run data`: reads every <dataDir>/articles/<slug>/, compiles it with the
 * pure compiler, and only when everything compiled replaces <outDir>/index.json and <outDir>/articles/
 * (built in a temp dir beside it, then swapped in by rename). On any error nothing under outDir changes.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { compileArticle, formatError, SLUG_PATTERN } from '../../src/data/compile';
import type { CompileError } from '../../src/data/compile';
import { sortErrors } from '../../src/data/yaml-source';
import type { ArticleBundle, DataIndex } from '../../src/domain/types';
import { displayPath, loadGazetteer } from './load-gazetteer';

export interface CompiledData {
  index: DataIndex;
  /** Output files relative to outDir → exact bytes. */
  files: Map<string, string>;
  bundles: ArticleBundle[];
}

export type CompileDirResult = { data: CompiledData } | { errors: CompileError[] };

const SOURCE_FILES = ['article.txt', 'meta.yaml', 'claims.yaml'] as const;

function readText(path: string, display: string, errors: CompileError[]): string | null {
  if (!existsSync(path)) {
    errors.push({ file: display, line: 1, col: 1, field: '', problem: 'file is missing' });
    return null;
  }
  try {
    // Fatal decoding: a byte that is not UTF-8 is an error, never a silent U+FFFD that shifts offsets.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(readFileSync(path));
  } catch {
    errors.push({ file: display, line: 1, col: 1, field: '', problem: 'not valid UTF-8' });
    return null;
  }
}

/** Same bundle → same bytes: compact JSON, key order fixed by the compiler, one trailing newline. */
export function serialise(value: unknown): string {
  return `${JSON.stringify(value)}\n`;
}

export function compileDataDir(dataDir: string, cwd = process.cwd()): CompileDirResult {
  const errors: CompileError[] = [];
  const gaz = loadGazetteer(dataDir, cwd);
  if ('errors' in gaz) return { errors: sortErrors(gaz.errors) };

  const articlesDir = join(dataDir, 'articles');
  const shownArticles = displayPath(articlesDir, cwd);
  if (!existsSync(articlesDir)) {
    return { errors: [{ file: shownArticles, line: 1, col: 1, field: '', problem: 'directory is missing' }] };
  }
  const slugs = readdirSync(articlesDir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();

  const bundles: ArticleBundle[] = [];
  for (const slug of slugs) {
    const dir = join(articlesDir, slug);
    const shown = displayPath(dir, cwd);
    if (!SLUG_PATTERN.test(slug)) {
      errors.push({ file: shown, line: 1, col: 1, field: 'slug', problem: `folder name must match ${String(SLUG_PATTERN)}` });
      continue;
    }
    const [text, meta, claims] = SOURCE_FILES.map((f) => readText(join(dir, f), `${shown}/${f}`, errors));
    if (text === null || text === undefined || meta === null || meta === undefined || claims === null || claims === undefined) continue;
    const result = compileArticle({
      slug,
      text,
      metaYamlText: meta,
      claimsYamlText: claims,
      gazetteer: gaz.gazetteer,
      files: { text: `${shown}/article.txt`, meta: `${shown}/meta.yaml`, claims: `${shown}/claims.yaml` },
    });
    if ('errors' in result) errors.push(...result.errors);
    else bundles.push(result.bundle);
  }
  if (errors.length > 0) return { errors: sortErrors(errors) };
  if (bundles.length === 0) {
    return { errors: [{ file: shownArticles, line: 1, col: 1, field: '', problem: 'no article folders found' }] };
  }

  const index: DataIndex = {
    format: 1,
    articles: bundles.map((b) => ({ slug: b.article.slug, title: b.article.title, published: b.article.published, claimCount: b.claims.length })),
  };
  const files = new Map<string, string>([['index.json', serialise(index)]]);
  for (const b of bundles) files.set(`articles/${b.article.slug}.json`, serialise(b));
  return { data: { index, files, bundles } };
}

/**
 * Writes the compiled files under outDir without ever leaving a half-written state visible: everything is
 * written to a temp dir beside outDir, then articles/ is swapped in by rename and index.json replaced by
 * rename. Other files in outDir (if any) are left alone.
 */
export function writeCompiled(outDir: string, files: Map<string, string>): void {
  const parent = dirname(outDir);
  mkdirSync(parent, { recursive: true });
  const tmp = join(parent, `.${basename(outDir)}.tmp-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(join(tmp, 'articles'), { recursive: true });
  try {
    for (const [rel, bytes] of files) writeFileSync(join(tmp, rel), bytes);
    if (!existsSync(outDir)) {
      renameSync(tmp, outDir);
      return;
    }
    const oldArticles = join(parent, `.${basename(outDir)}.old-${process.pid}`);
    rmSync(oldArticles, { recursive: true, force: true });
    if (existsSync(join(outDir, 'articles'))) renameSync(join(outDir, 'articles'), oldArticles);
    renameSync(join(tmp, 'articles'), join(outDir, 'articles'));
    renameSync(join(tmp, 'index.json'), join(outDir, 'index.json'));
    rmSync(oldArticles, { recursive: true, force: true });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

export interface Console {
  log(message: string): void;
  error(message: string): void;
}

const USAGE = 'usage: tsx scripts/compile-data.ts [--data-dir data] [--out-dir public/data]';

/** The whole `npm run data` command; returns the exit code (0 ok, 1 data errors, 2 usage). */
export function runCompileData(argv: readonly string[], io: Console, cwd = process.cwd()): number {
  const started = performance.now();
  let dataDir = 'data';
  let outDir = 'public/data';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    if (flag === '--help' || flag === '-h') {
      io.log(USAGE);
      return 0;
    }
    if (flag !== '--data-dir' && flag !== '--out-dir') {
      io.error(`compile-data: unknown argument ${JSON.stringify(arg)}\n${USAGE}`);
      return 2;
    }
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (!value) {
      io.error(`compile-data: ${flag} needs a directory\n${USAGE}`);
      return 2;
    }
    if (flag === '--data-dir') dataDir = value;
    else outDir = value;
  }
  const result = compileDataDir(dataDir, cwd);
  if ('errors' in result) {
    for (const e of result.errors) io.error(formatError(e));
    io.error(`data: ${result.errors.length} error${result.errors.length === 1 ? '' : 's'}; ${displayPath(outDir, cwd)} left unchanged`);
    return 1;
  }
  writeCompiled(outDir, result.data.files);
  const bytes = [...result.data.files.values()].reduce((n, s) => n + Buffer.byteLength(s), 0);
  const claims = result.data.index.articles.reduce((n, a) => n + a.claimCount, 0);
  const articles = result.data.index.articles.length;
  io.log(
    `data: ${articles} article${articles === 1 ? '' : 's'}, ${claims} claims → ${displayPath(outDir, cwd)} ` +
      `(${(bytes / 1024).toFixed(0)} KiB) in ${((performance.now() - started) / 1000).toFixed(2)} s`,
  );
  return 0;
}
