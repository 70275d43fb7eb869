/**
 * The page holds flow arcs as their two ends, not their 65 vertices.
 *
 * A compiled flow's geometry is `arcBetween(origin, destination)` rounded to a few decimals. At 100k claims
 * those arcs are ~2M `[lon, lat]` pairs, ~100 MB of the page's heap (whose major GCs are what push a
 * timeline step past 200 ms), where the map draws 24 vertices per route and nothing else reads them unless
 * a reader exports.
 *
 * The loader worker, which parses and validates each file anyway, marks the flow lines that recomputing the
 * curve from their ends gives back exactly, vertex for vertex (`markArcs`); the page, right after it parses
 * the same text, swaps those for lines whose `coordinates` are computed on first read (`lazyArcs`), while
 * the parsed arrays are still young and cost the garbage collector nothing. Anything else (hand-drawn lines,
 * other roundings) stays as it is. `arcSpecOfLazy` lets the map compute only the vertices it draws. So the
 * page holds exactly what was validated, lazily.
 */
import type { LineString, Position } from 'geojson';
import type { ArticleBundle } from './types';
import { arcVertices, arcVerticesFlat, type LonLat } from './arcs';
import { roundByFactor, roundCoord } from './bounds';

/** An arc's ends and how it was drawn, enough to recompute any of its vertices. */
export interface ArcSpec {
  origin: LonLat;
  destination: LonLat;
  segments: number;
  decimals: number;
}

const SPEC = Symbol('arc spec');
type LazyArc = LineString & { [SPEC]: ArcSpec };

/** The roundings a compiler or generator uses (the compiler 5 decimals, the corpus generator 4). */
const DECIMALS = [5, 4, 6, 3] as const;

const rounder =
  (decimals: number): ((v: number) => number) =>
  (v) =>
    roundCoord(v, decimals);

const everyIndex = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

/** The spec that reproduces this line exactly, or null when none does. */
export function arcSpecOf(line: LineString): ArcSpec | null {
  const c = line.coordinates;
  if (c.length < 3) return null;
  const o = c[0]!;
  const d = c[c.length - 1]!;
  if (o.length !== 2 || d.length !== 2) return null;
  const origin: LonLat = [o[0]!, o[1]!];
  const destination: LonLat = [d[0]!, d[1]!];
  const segments = c.length - 1;
  // The curve once, unrounded, then each rounding in turn (the middle vertex first: it rules most out).
  const raw = arcVerticesFlat(origin, destination, segments);
  const mid = segments >> 1;
  const matches = (f: number, i: number): boolean => {
    const p = c[i]!;
    return p.length === 2 && roundByFactor(raw[2 * i]!, f) === p[0] && roundByFactor(raw[2 * i + 1]!, f) === p[1];
  };
  for (const decimals of DECIMALS) {
    const f = 10 ** decimals;
    if (!matches(f, mid)) continue;
    let all = true;
    for (let i = 0; all && i < c.length; i++) all = matches(f, i);
    if (all) return { origin, destination, segments, decimals };
  }
  return null;
}

/** Vertices `indices` of the arc, as the file stores them. */
export function arcSpecVertices(spec: ArcSpec, indices: readonly number[]): LonLat[] {
  return arcVertices(spec.origin, spec.destination, spec.segments, rounder(spec.decimals), indices);
}

/** Whether a feature is a flow's line: the features `markArcs` and `lazyArcs` count, in claim order. */
function flowLine(f: { properties: { mark: string }; geometry: { type: string } }): f is { properties: { mark: 'flow' }; geometry: LineString } {
  return f.properties.mark === 'flow' && f.geometry.type === 'LineString';
}

/**
 * Worker side: for each flow line of the bundle, in claim order, the decimals it is rounded to when it is
 * exactly an arc between its ends (see `arcSpecOf`), else 0.
 */
export function markArcs(bundle: ArticleBundle): Uint8Array {
  const marks: number[] = [];
  for (const claim of bundle.claims) {
    for (const f of claim.geometry.features) if (flowLine(f)) marks.push(arcSpecOf(f.geometry)?.decimals ?? 0);
  }
  return Uint8Array.from(marks);
}

/**
 * Page side: replaces each flow line that `marks` (from `markArcs` on the same bundle) says is an exact arc
 * by a lazy one, so that its vertices are not held until something reads them. Lines it does not mark, and
 * everything past the end of `marks`, are left as they are.
 */
export function lazyArcs(bundle: ArticleBundle, marks: Uint8Array): void {
  let k = 0;
  for (const claim of bundle.claims) {
    for (const f of claim.geometry.features) {
      if (!flowLine(f)) continue;
      const decimals = marks[k++] ?? 0;
      const c = f.geometry.coordinates;
      if (decimals === 0 || c.length < 3) continue;
      const o = c[0]!;
      const d = c[c.length - 1]!;
      f.geometry = lazyArc({ origin: [o[0]!, o[1]!], destination: [d[0]!, d[1]!], segments: c.length - 1, decimals });
    }
  }
}

/** A LineString whose coordinates are computed when first read (then kept), equal to the file's. */
export function lazyArc(spec: ArcSpec): LineString {
  const line = lazyLine(() => arcSpecVertices(spec, everyIndex(spec.segments + 1))) as LazyArc;
  Object.defineProperty(line, SPEC, { value: spec });
  return line;
}

/** A LineString of the arc's vertices `indices` (a thinned arc), computed when first read (then kept). */
export function lazyArcVertices(spec: ArcSpec, indices: readonly number[]): LineString {
  return lazyLine(() => arcSpecVertices(spec, indices));
}

function lazyLine(compute: () => Position[]): LineString {
  const line = { type: 'LineString' } as LineString;
  Object.defineProperty(line, 'coordinates', {
    enumerable: true,
    configurable: true,
    get(): Position[] {
      const coordinates = compute();
      Object.defineProperty(line, 'coordinates', { value: coordinates, enumerable: true, writable: true, configurable: true });
      return coordinates;
    },
  });
  return line;
}

/** The arc a lazily expanded line stands for, or null for any other geometry. */
export function arcSpecOfLazy(geometry: object): ArcSpec | null {
  return (geometry as Partial<LazyArc>)[SPEC] ?? null;
}
