/**
 * Production bundle sizes: gzip of the app's own JS against maplibre-gl's. When the build puts MapLibre
 * in the same chunk as the app, the split cannot be read off dist/, so an analysis build (same config,
 * MapLibre in its own chunk group) is made in a cache directory; dist/ itself is never touched.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface ChunkSize {
  file: string;
  bytes: number;
  gzipBytes: number;
  maplibre: boolean;
}

export interface BundleReport {
  appGzipKB: number;
  maplibreGzipKB: number;
  chunks: ChunkSize[];
  /** How the split was obtained: read from dist/, or from an analysis build because dist/ merges them. */
  source: 'dist' | 'analysis-build';
  note: string | null;
}

const MAPLIBRE_BANNER = 'MapLibre GL JS';
const kb = (bytes: number): number => Math.round((bytes / 1024) * 10) / 10;

export function chunkSizes(outDir: string): ChunkSize[] {
  const assets = join(outDir, 'assets');
  if (!existsSync(assets)) throw new Error(`${assets} does not exist: build the app first (npx vite build)`);
  return readdirSync(assets)
    .filter((f) => /\.m?js$/.test(f))
    .sort()
    .map((file) => {
      const body = readFileSync(join(assets, file));
      const text = body.toString('utf8');
      // MapLibre's chunk keeps its license banner; its worker is a file of its own.
      const maplibre = /maplibre/i.test(file) || (text.includes(MAPLIBRE_BANNER) && text.includes('maplibre'));
      return { file, bytes: body.length, gzipBytes: gzipSync(body, { level: 9 }).length, maplibre };
    });
}

/** True when the entry chunk (the app's own code) also holds MapLibre. */
function isMerged(outDir: string, chunks: ChunkSize[]): boolean {
  const html = existsSync(join(outDir, 'index.html')) ? readFileSync(join(outDir, 'index.html'), 'utf8') : '';
  const entry = /<script[^>]*type="module"[^>]*src="[^"]*assets\/([^"]+)"/.exec(html)?.[1];
  return chunks.some((c) => c.maplibre && c.file === entry);
}

function summarise(chunks: ChunkSize[], source: BundleReport['source'], note: string | null): BundleReport {
  const sum = (list: ChunkSize[]): number => list.reduce((n, c) => n + c.gzipBytes, 0);
  return {
    appGzipKB: kb(sum(chunks.filter((c) => !c.maplibre))),
    maplibreGzipKB: kb(sum(chunks.filter((c) => c.maplibre))),
    chunks,
    source,
    note,
  };
}

export async function measureBundle(root: string, outDir: string): Promise<BundleReport> {
  const chunks = chunkSizes(outDir);
  if (!chunks.some((c) => c.maplibre)) {
    return summarise(chunks, 'dist', 'no maplibre-gl code found in dist/assets (does the app import it yet?)');
  }
  if (!isMerged(outDir, chunks)) return summarise(chunks, 'dist', null);

  const analysisDir = resolve(root, 'node_modules/.cache/claim-atlas-bench/dist');
  const { build } = await import('vite');
  await build({
    root,
    configFile: resolve(root, 'vite.config.ts'),
    logLevel: 'warn',
    build: {
      outDir: analysisDir,
      emptyOutDir: true,
      rolldownOptions: { output: { codeSplitting: { groups: [{ name: 'maplibre-gl', test: /node_modules[\\/]maplibre-gl/ }] } } },
    },
  });
  const split = chunkSizes(analysisDir);
  rmSync(analysisDir, { recursive: true, force: true });
  return summarise(
    split,
    'analysis-build',
    'dist/ bundles maplibre-gl into the app entry chunk; sizes come from an analysis build with ' +
      "build.rolldownOptions.output.codeSplitting.groups = [{ name: 'maplibre-gl', test: /node_modules[\\\\/]maplibre-gl/ }]",
  );
}
