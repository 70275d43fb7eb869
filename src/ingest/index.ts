/**
 * Browser entry of ingest: plain text → draft meta.yaml / claims.yaml and a compiled ArticleBundle the
 * app can show with its usual reader, map, timeline and panel. Loads its data lazily from the page's own
 * origin: the gazetteer asset (`gazetteer/gazetteer.json`, built by `npm run assets`) with fetch, the
 * country shapes (world-atlas 1:50m) as a split chunk. Run it in a Web Worker (./client.ts) so the page is
 * never blocked; it also works on the main thread (tests, Node with a custom loader).
 * See README.md in this folder for the API.
 */
import type { Topology } from 'topojson-specification';
import countries50m from 'world-atlas/countries-50m.json';
import { createGazetteer } from '../data/gazetteer/build';
import type { CityRecord, Gazetteer as CompilerGazetteer } from '../data/gazetteer/types';
import type { ArticleBundle } from '../domain/types';
import type { FeatureCollection, Geometry } from 'geojson';
import type { ClaimFeatureProperties } from '../domain/types';
import { compileDraft } from './compile-draft';
import { draftArticle } from './draft';
import type { DraftClaim, DraftMeta } from './draft';
import { buildGazetteer } from './gazetteer';
import type { Gazetteer } from './gazetteer';
import { GAZETTEER_FILE, isGazetteerAsset } from './gazetteer-asset';
import type { GazetteerAsset } from './gazetteer-asset';
import { IngestInputError, checkPublished, checkSlug, slugify, validateArticleText } from './text';
import type { Toponym } from './geoparse';
import type { TimeMention } from './times';

export { IngestInputError, MAX_INPUT_BYTES } from './text';

export interface DraftFromTextOptions {
  published: string; // YYYY-MM-DD
  slug?: string; // default: from the title (first line)
  /** Where the gazetteer asset is; default `gazetteer/gazetteer.json` relative to the document. In a
   *  worker pass an absolute URL (./client.ts does). */
  gazetteerUrl?: string;
  onProgress?: (fraction: number, stage: string) => void;
}

export interface DraftResult {
  slug: string;
  metaYaml: string;
  claimsYaml: string;
  /** The compiled draft (null only when no claim could be drafted). */
  bundle: ArticleBundle | null;
  /** Every claim's display features in one collection (each feature carries claimId), for download. */
  geojson: FeatureCollection<Geometry, ClaimFeatureProperties>;
  meta: DraftMeta;
  claims: DraftClaim[];
  /** Claims the compiler refused, with why (they are not in claimsYaml). */
  dropped: { id: string; problems: string[] }[];
  toponyms: Toponym[];
  times: TimeMention[];
}

interface Loaded {
  asset: GazetteerAsset;
  gazetteer: Gazetteer;
  compiler: CompilerGazetteer;
}
const loading = new Map<string, Promise<Loaded>>();

function defaultUrl(): string {
  const base = typeof document !== 'undefined' ? document.baseURI : typeof self !== 'undefined' && 'location' in self ? String(self.location.href) : '';
  return new URL(`gazetteer/${GAZETTEER_FILE}`, base).href;
}

async function loadTopology(): Promise<Topology> {
  // Bundled into the worker chunk (which itself loads only when someone drafts an article); a static
  // import keeps the worker a single file, as Vite's default iife worker format requires.
  return countries50m as unknown as Topology;
}

function cityFinder(asset: GazetteerAsset): (id: number) => CityRecord | undefined {
  let index: Map<number, CityRecord> | null = null;
  // Cities rows carry the GeoNames admin key ("US.TX"), whose prefix is the ISO alpha-2 code.
  return (id) => {
    if (!index) {
      index = new Map();
      for (const line of asset.cities.split('\n')) {
        const f = line.split('\t');
        if (f.length < 8) continue;
        const cityId = Number(f[0]);
        index.set(cityId, { cityId, name: f[1]!, country: f[3]!.split('.')[0]!, lon: Number(f[5]), lat: Number(f[6]), population: Number(f[4]) });
      }
    }
    return index.get(id);
  };
}

/** Fetches and indexes the gazetteer once per URL; later calls share the promise. */
export function loadIngestData(url = defaultUrl()): Promise<Loaded> {
  let p = loading.get(url);
  if (!p) {
    p = (async () => {
      const res = await fetch(url);
      if (!res.ok) throw new Error(`${url}: HTTP ${res.status} (run \`npm run assets\` to build the gazetteer)`);
      const json = (await res.json()) as unknown;
      if (!isGazetteerAsset(json)) throw new Error(`${url}: not a gazetteer asset of this version (run \`npm run assets\`)`);
      const topology = await loadTopology();
      const compiler = createGazetteer({ topology, regions: json.compilerRegions, sites: json.compilerSites, findCity: cityFinder(json) });
      return { asset: json, gazetteer: buildGazetteer(json), compiler };
    })();
    p.catch(() => loading.delete(url));
    loading.set(url, p);
  }
  return p;
}

/** The whole pipeline on already-loaded data (synchronous; used by the worker and by tests). */
export function draftWithData(text: string, opts: DraftFromTextOptions, data: Pick<Loaded, 'gazetteer' | 'compiler'>): DraftResult {
  validateArticleText(text, 'article');
  const published = checkPublished(opts.published, 'published');
  const firstLine = text.split('\n').find((l) => l.trim() !== '') ?? '';
  const slug = opts.slug !== undefined ? checkSlug(opts.slug, 'slug') : slugify(firstLine);
  const draft = draftArticle(text, { published, slug, gazetteer: data.gazetteer, onProgress: opts.onProgress });
  const compiled = compileDraft(slug, text, draft, data.compiler);
  if (compiled.errors.length > 0) throw new IngestInputError(compiled.errors.map((e) => `${e.field}: ${e.problem}`).join('; '));
  const features = compiled.bundle ? compiled.bundle.claims.flatMap((c) => c.geometry.features) : [];
  return {
    slug,
    metaYaml: draft.metaYaml,
    claimsYaml: compiled.claimsYaml,
    bundle: compiled.bundle,
    geojson: { type: 'FeatureCollection', features },
    meta: draft.meta,
    claims: compiled.claims,
    dropped: compiled.dropped.map((d) => ({ id: d.claim.id, problems: d.errors.map((e) => `${e.field}: ${e.problem}`) })),
    toponyms: draft.toponyms,
    times: draft.times,
  };
}

/** Drafts an article in the current thread, loading the gazetteer on first use. Prefer draftInWorker. */
export async function draftFromText(text: string, opts: DraftFromTextOptions): Promise<DraftResult> {
  // Check the cheap things before fetching megabytes.
  validateArticleText(text, 'article');
  checkPublished(opts.published, 'published');
  if (opts.slug !== undefined) checkSlug(opts.slug, 'slug');
  opts.onProgress?.(0, 'loading gazetteer');
  const data = await loadIngestData(opts.gazetteerUrl);
  return draftWithData(text, opts, data);
}
