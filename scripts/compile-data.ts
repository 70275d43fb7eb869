/**
 * npm run data — compiles data/articles/<slug>/{article.txt,meta.yaml,claims.yaml} into
 * public/data/index.json and public/data/articles/<slug>.json (format: data/README.md).
 * On any error: prints every one as `file:line:col — field: problem`, exits 1, and leaves the output
 * directory exactly as it was.
 *   --data-dir <dir>   source root (default: data)
 *   --out-dir <dir>    output root (default: public/data)
 */
import { runCompileData } from './lib/compile-dir';

process.exit(runCompileData(process.argv.slice(2), console));
