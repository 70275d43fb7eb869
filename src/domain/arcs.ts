/**
 * Display arcs for flows (origin → destination): a smooth curve that bulges to one side, so that
 * opposite flows between the same places stay apart and parallel flows read as arrows rather than
 * borders. The curve is a quadratic Bézier drawn in Web Mercator, the projection the map shows, so it
 * looks symmetric on screen.
 */
import type { LineString } from 'geojson';

export type LonLat = [number, number];

export interface ArcOptions {
  /** Number of segments; the LineString has segments + 1 coordinates. */
  segments?: number;
  /** Bulge of the curve's apex from the chord, as a fraction of the chord length. */
  bulge?: number;
}

const DEFAULT_SEGMENTS = 64;
const DEFAULT_BULGE = 0.2;
/** Web Mercator is undefined at the poles; the map itself stops near here. */
const MAX_LAT = 85.051129;
const DEG = Math.PI / 180;

/**
 * The destination longitude shifted by whole turns to within ±180° of the origin, so that a flow
 * from Tokyo to Los Angeles crosses the Pacific instead of the whole world. The result may lie
 * outside [-180, 180]; MapLibre draws such coordinates on the neighbouring world copy.
 */
export function unwrapLongitude(originLon: number, destLon: number): number {
  let lon = destLon;
  while (lon - originLon > 180) lon -= 360;
  while (lon - originLon < -180) lon += 360;
  return lon;
}

function project([lon, lat]: LonLat): LonLat {
  const clamped = Math.max(-MAX_LAT, Math.min(MAX_LAT, lat));
  return [lon * DEG, Math.log(Math.tan(Math.PI / 4 + (clamped * DEG) / 2))];
}

/** What a curve between two places is computed from: the projected ends and the Bézier control point. */
interface ArcPlan {
  a: LonLat;
  b: LonLat;
  c: LonLat;
  segments: number;
}

function planArc(origin: LonLat, dest: LonLat, segments: number, bulge: number): ArcPlan | null {
  const a = project(origin);
  const b = project(dest);
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  if (Math.hypot(dx, dy) === 0) return null;
  // Control point: the chord's midpoint pushed along the left-hand normal. A quadratic Bézier's apex
  // sits halfway between the chord and its control point, hence the factor 2.
  const c: LonLat = [(a[0] + b[0]) / 2 - dy * bulge * 2, (a[1] + b[1]) / 2 + dx * bulge * 2];
  return { a, b, c, segments };
}

/** Vertex i (0 < i < segments) of a planned curve, as [lon, lat]. */
function vertexAt(plan: ArcPlan, i: number): LonLat {
  const out: LonLat = [0, 0];
  writeVertex(plan, i, out, 0);
  return out;
}

/** Vertex i of a planned curve written to `out[at]` (lon) and `out[at + 1]` (lat): `vertexAt`'s arithmetic. */
function writeVertex({ a, b, c, segments }: ArcPlan, i: number, out: LonLat | Float64Array, at: number): void {
  const t = i / segments;
  const u = 1 - t;
  const x = u * u * a[0] + 2 * u * t * c[0] + t * t * b[0];
  const y = u * u * a[1] + 2 * u * t * c[1] + t * t * b[1];
  // unproject([x, y]), without the pairs.
  out[at] = x / DEG;
  out[at + 1] = (2 * Math.atan(Math.exp(y)) - Math.PI / 2) / DEG;
}

/**
 * A curved LineString from origin to destination ([lon, lat] each). The first coordinate is exactly the
 * origin and the last exactly the (longitude-unwrapped) destination. The curve bends to the left of the
 * direction of travel, so A→B and B→A do not overlap. Identical endpoints give a two-point line.
 */
export function arcBetween(origin: LonLat, destination: LonLat, opts: ArcOptions = {}): LineString {
  const segments = Math.max(2, Math.floor(opts.segments ?? DEFAULT_SEGMENTS));
  const dest: LonLat = [unwrapLongitude(origin[0], destination[0]), destination[1]];
  const plan = planArc(origin, dest, segments, opts.bulge ?? DEFAULT_BULGE);
  if (!plan) return { type: 'LineString', coordinates: [[...origin], [...dest]] };
  const coordinates: LonLat[] = [[origin[0], origin[1]]];
  for (let i = 1; i < segments; i++) coordinates.push(vertexAt(plan, i));
  coordinates.push([dest[0], dest[1]]);
  return { type: 'LineString', coordinates };
}

/** Where the vertices of a curve from origin to destination come from: its unwrapped end and its plan. */
function curveOf(origin: LonLat, destination: LonLat, segments: number): { dest: LonLat; plan: ArcPlan | null } {
  const dest: LonLat = [unwrapLongitude(origin[0], destination[0]), destination[1]];
  return { dest, plan: planArc(origin, dest, segments, DEFAULT_BULGE) };
}

/** Vertex i of `arcBetween(origin, …)` written to `out[at]` (lon) and `out[at + 1]` (lat): the ends exactly. */
function writeArcVertex(origin: LonLat, { dest, plan }: { dest: LonLat; plan: ArcPlan | null }, segments: number, i: number, out: LonLat | Float64Array, at: number): void {
  const end = i <= 0 ? origin : i >= segments || !plan ? dest : null;
  if (end) {
    out[at] = end[0];
    out[at + 1] = end[1];
  } else writeVertex(plan!, i, out, at);
}

/**
 * The fewest segments, from 2 to `max`, for which `arcBetween(origin, destination, { segments })` strays at
 * most `tolerance` from its curve on a Web Mercator map where one radian of longitude is `scale` wide (in
 * the unit of `tolerance`; pixels at zoom z: 512 · 2^z / 2π). Between two vertices a parameter step h = 1/n
 * apart, a quadratic Bézier bows from its chord by at most |a − 2c + b| · h² / 4, and |a − 2c + b| is four
 * times the apex's offset (bulge × chord), so n segments stray at most bulge × chord / n².
 */
export function arcSegmentsWithin(origin: LonLat, destination: LonLat, scale: number, tolerance: number, max: number): number {
  const a = project(origin);
  const b = project([unwrapLongitude(origin[0], destination[0]), destination[1]]);
  const apex = DEFAULT_BULGE * Math.hypot(b[0] - a[0], b[1] - a[1]) * scale;
  const upper = Math.max(2, Math.floor(max));
  if (!(tolerance > 0) || !Number.isFinite(apex)) return upper;
  return Math.min(upper, Math.max(2, Math.ceil(Math.sqrt(apex / tolerance))));
}

/**
 * Chosen vertices of `arcBetween(origin, destination, { segments })` with every coordinate passed through
 * `round`: `arcVertices(o, d, n, round, idx)[k]` equals `round` applied to
 * `arcBetween(o, d, { segments: n }).coordinates[idx[k]]`, bit for bit (the same arithmetic), without
 * computing the others. `round` must leave a rounded number unchanged.
 */
export function arcVertices(origin: LonLat, destination: LonLat, segments: number, round: (v: number) => number, indices: readonly number[]): LonLat[] {
  const curve = curveOf(origin, destination, segments);
  return indices.map((i) => {
    const p: LonLat = [0, 0];
    writeArcVertex(origin, curve, segments, i, p, 0);
    return [round(p[0]), round(p[1])];
  });
}

/**
 * Every vertex of `arcBetween(origin, destination, { segments })`, unrounded, as one flat array
 * `[lon0, lat0, lon1, lat1, …]`: the same numbers as `arcVertices` with no rounding, bit for bit, without an
 * array per vertex (checking every flow of a corpus against its curve reads ~200k vertices at 10k claims).
 */
export function arcVerticesFlat(origin: LonLat, destination: LonLat, segments: number): Float64Array {
  const curve = curveOf(origin, destination, segments);
  const out = new Float64Array(2 * (segments + 1));
  for (let i = 0; i <= segments; i++) writeArcVertex(origin, curve, segments, i, out, 2 * i);
  return out;
}
