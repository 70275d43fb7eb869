/**
 * npm run data — compiles data/articles/<slug>/{article.txt,meta.yaml,claims.yaml} into
 * public/data/index.json and public/data/articles/<slug>.json (format: data/README.md).
 * On any error: prints every one as `file:line:col — field: problem`, exits 1, and leaves the output
 * directory exactly as it was.
 *   --data-dir <dir>   source root (default: data)
 *   --out-dir <dir>    output root (default: public/data)
 */
import { formatError } from '../src/data/compile';
import { compileDataDir, writeCompiled } from './lib/compile-dir';
import { displayPath } from './lib/load-gazetteer';

function parseArgs(argv: string[]): { dataDir: string; outDir: string } {
  let dataDir = 'data';
  let outDir = 'public/data';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (flag === '--help' || flag === '-h') {
      console.log('usage: tsx scripts/compile-data.ts [--data-dir data] [--out-dir public/data]');
      process.exit(0);
    }
    if (flag !== '--data-dir' && flag !== '--out-dir') {
      console.error(`compile-data: unknown argument ${JSON.stringify(arg)} (use --data-dir, --out-dir)`);
      process.exit(2);
    }
    const value = inline ?? argv[++i];
    if (!value) {
      console.error(`compile-data: ${flag} needs a directory`);
      process.exit(2);
    }
    if (flag === '--data-dir') dataDir = value;
    else outDir = value;
  }
  return { dataDir, outDir };
}

const started = performance.now();
const { dataDir, outDir } = parseArgs(process.argv.slice(2));
const result = compileDataDir(dataDir);
if ('errors' in result) {
  for (const e of result.errors) console.error(formatError(e));
  console.error(`data: ${result.errors.length} error${result.errors.length === 1 ? '' : 's'}; ${displayPath(outDir)} left unchanged`);
  process.exit(1);
}
writeCompiled(outDir, result.data.files);
const bytes = [...result.data.files.values()].reduce((n, s) => n + Buffer.byteLength(s), 0);
const claims = result.data.index.articles.reduce((n, a) => n + a.claimCount, 0);
const articles = result.data.index.articles.length;
console.log(
  `data: ${articles} article${articles === 1 ? '' : 's'}, ${claims} claims → ${displayPath(outDir)} ` +
    `(${(bytes / 1024).toFixed(0)} KiB) in ${((performance.now() - started) / 1000).toFixed(2)} s`,
);
