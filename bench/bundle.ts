/**
 * Production bundle sizes: gzip of the app's own JS against maplibre-gl's.
 *
 * A minified chunk no longer says which library its code came from, so the split is measured on an
 * analysis build: the app's own vite config plus one chunk group that puts node_modules/maplibre-gl in
 * a chunk of its own (its worker already is a file of its own). It is written to a cache directory;
 * dist/ is never touched. "App JS" is what the page loads up front (the entry script and the chunks it
 * preloads); lazily imported chunks (ingest, say) are listed apart.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface ChunkSize {
  file: string;
  bytes: number;
  gzipBytes: number;
  role: 'maplibre' | 'app-initial' | 'app-lazy';
}

export interface BundleReport {
  appGzipKB: number;
  appLazyGzipKB: number;
  maplibreGzipKB: number;
  chunks: ChunkSize[];
  /** dist/'s own layout: does the shipped build keep maplibre-gl apart from the app? */
  distSplitsMaplibre: boolean;
  note: string | null;
}

const kb = (bytes: number): number => Math.round((bytes / 1024) * 10) / 10;
const MAPLIBRE_CHUNK = /^maplibre-gl/;

function initialScripts(outDir: string): Set<string> {
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const files = new Set<string>();
  for (const m of html.matchAll(/<(?:script|link)\b[^>]*(?:src|href)="[^"]*assets\/([^"]+\.m?js)"/g)) if (m[1]) files.add(m[1]);
  return files;
}

export function chunkSizes(outDir: string): ChunkSize[] {
  const assets = join(outDir, 'assets');
  if (!existsSync(assets)) throw new Error(`${assets} does not exist: build the app first (npx vite build)`);
  const initial = initialScripts(outDir);
  return readdirSync(assets)
    .filter((f) => /\.m?js$/.test(f))
    .sort()
    .map((file): ChunkSize => {
      const body = readFileSync(join(assets, file));
      const role = MAPLIBRE_CHUNK.test(file) ? 'maplibre' : initial.has(file) ? 'app-initial' : 'app-lazy';
      return { file, bytes: body.length, gzipBytes: gzipSync(body, { level: 9 }).length, role };
    });
}

export async function measureBundle(root: string, distDir: string): Promise<BundleReport> {
  const distChunks = chunkSizes(distDir);
  const distSplitsMaplibre = distChunks.some((c) => c.role === 'maplibre' && !c.file.includes('worker'));

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
  const chunks = chunkSizes(analysisDir);
  rmSync(analysisDir, { recursive: true, force: true });
  const sum = (role: ChunkSize['role']): number => chunks.filter((c) => c.role === role).reduce((n, c) => n + c.gzipBytes, 0);
  const maplibre = sum('maplibre');
  return {
    appGzipKB: kb(sum('app-initial')),
    appLazyGzipKB: kb(sum('app-lazy')),
    maplibreGzipKB: kb(maplibre),
    chunks,
    distSplitsMaplibre,
    note:
      maplibre === 0
        ? 'no maplibre-gl chunk in the analysis build (does the app import maplibre-gl?)'
        : distSplitsMaplibre
          ? null
          : "dist/ ships maplibre-gl inside the app's entry chunk: set build.rolldownOptions.output.codeSplitting.groups = " +
            "[{ name: 'maplibre-gl', test: /node_modules[\\\\/]maplibre-gl/ }] so it caches apart from app releases",
  };
}
