/**
 * Builds the static assets the app serves from its own origin (no request ever leaves it):
 * every module in scripts/assets/ exports `build(): Promise<string>` returning a one-line summary.
 * Outputs go to public/ (git-ignored); same input → same bytes.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = join(dirname(fileURLToPath(import.meta.url)), 'assets');
const modules = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  .sort();

let failed = false;
for (const file of modules) {
  const mod = (await import(pathToFileURL(join(here, file)).href)) as { build?: () => Promise<string> };
  if (typeof mod.build !== 'function') continue;
  try {
    console.log(`assets: ${file}: ${await mod.build()}`);
  } catch (err) {
    failed = true;
    console.error(`assets: ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
}
process.exit(failed ? 1 : 0);
