/**
 * The benchmark's static server: the production build, the corpora and the baseline page on ONE origin,
 * because the app only loads same-origin `?data=` paths (see the UI contract).
 *
 *   /                      → dist/ (the app as `vite build` emitted it, incl. dist/data and dist/basemap)
 *   /corpus/<n>/…          → bench/corpus/<n>/…
 *   /baseline/             → bench/baseline/ (bare MapLibre page)
 *   /baseline/vendor/…     → node_modules/maplibre-gl/dist/ (MapLibre's own ESM build and worker)
 *   /baseline/basemap.json → the list of basemap GeoJSON files the baseline page loads
 */
import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.geojson': 'application/geo+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.pbf': 'application/x-protobuf',
  '.txt': 'text/plain; charset=utf-8',
};

export interface ServerRoots {
  dist: string;
  corpus: string;
  baseline: string;
  maplibre: string;
  /** Basemap GeoJSON paths relative to the site root, or null to use `fallbackBasemap`. */
  basemapFiles: string[];
}

/** GeoJSON files in dist/basemap (copied there from public/basemap by vite), as site-root paths. */
export function findBasemapFiles(dist: string): string[] {
  const dir = join(dist, 'basemap');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.(geo)?json$/.test(f) && !/manifest|index/.test(f))
    .sort()
    .map((f) => `basemap/${f}`);
}

function within(root: string, rel: string): string | null {
  const path = normalize(join(root, rel));
  return path === root || path.startsWith(root + sep) ? path : null;
}

export function startServer(roots: ServerRoots, port: number): Promise<Server> {
  const mounts: [string, string][] = [
    ['/baseline/vendor/', resolve(roots.maplibre)],
    ['/baseline/', resolve(roots.baseline)],
    ['/corpus/', resolve(roots.corpus)],
    ['/', resolve(roots.dist)],
  ];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400).end('bad path');
      return;
    }
    if (pathname === '/baseline/basemap.json') {
      res.writeHead(200, { 'content-type': TYPES['.json'] ?? '', 'cache-control': 'no-store' });
      res.end(JSON.stringify(roots.basemapFiles));
      return;
    }
    for (const [prefix, root] of mounts) {
      if (!pathname.startsWith(prefix)) continue;
      let file = within(root, pathname.slice(prefix.length));
      if (file && existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
      if (!file || !existsSync(file)) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end(`not found: ${pathname}`);
        return;
      }
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'content-length': statSync(file).size,
        // Cold loads use a fresh browser context each time; no-cache keeps a warm one honest too.
        'cache-control': 'no-cache',
      });
      createReadStream(file).pipe(res);
      return;
    }
    res.writeHead(404).end();
  });
  return new Promise((ok, fail) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      fail(err.code === 'EADDRINUSE' ? new Error(`port ${port} is in use (another bench running? use --port)`) : err),
    );
    server.listen(port, '127.0.0.1', () => ok(server));
  });
}
