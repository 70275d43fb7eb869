/**
 * The render-ready data for one bundle, built once when it loads, in one pass over the claims.
 *
 * Claims that draw the identical mark — same mark type, same place ids, same kind, same stance — share ONE
 * feature (a "mark group"): six statements in one city are one dot, three reports of fighters moving from
 * Syria to Afghanistan one arc. At corpus scale this divides the features the map must tile and draw;
 * below the detail zoom a dense bundle's arcs aggregate further, between clusters (flow-aggregates.ts).
 * A group's feature id is its index; a flow group's arrowhead is `arrowBase + index`. Which members are visible, and so the mark's
 * count and summed magnitude, is feature-state kept by `GroupCounts` — never new data.
 *
 * Everything per claim or per group is a typed array (compressed rows: `memberStart[g]..memberStart[g+1]`
 * index `members`), so 100k claims cost a few flat buffers rather than 100k small objects.
 */
import type { Feature, FeatureCollection, Geometry, LineString, Position } from 'geojson';
import type { ArticleBundle, Claim, MarkType } from '../domain/types';
import { arcSpecOfLazy, arcSpecVertices, lazyArcVertices } from '../domain/compact-arcs';
import { drawableAcrossAntimeridian } from '../domain/bounds';

export type DrawnMark = MarkType | 'arrow';

/** The properties of a feature in the claims source (what the layers read). */
export interface RenderProps {
  /** The group's first member; the map's queryRenderedFeatures replaces it per visible member. */
  claimId: string;
  mark: DrawnMark;
  kind: string;
  stance: string;
  /** Line width in px with every member visible (flows by summed magnitude, borders fixed). */
  width: number;
  /** Arrowheads only: degrees clockwise from north on screen. */
  bearing: number;
  /** Members (claims) the mark stands for when all are visible; feature-state `n` overrides it. */
  total: number;
  /** Points only: the lowest tile zoom at which the point is drawn on its own rather than in a cluster. */
  z0: number;
  /** Flows and their arrowheads: bit z set when the arc is drawn on its own at tile zoom z (0..7) rather
   *  than inside an aggregate (flow-aggregates.ts); every zoom above 7 draws it. All bits when the bundle
   *  does not aggregate. */
  own: number;
}

export const MARK_CODES: readonly MarkType[] = ['flow', 'point', 'line', 'area'];

export interface MarkGroups {
  /** Number of groups (G). */
  count: number;
  /** Index into MARK_CODES per group. */
  mark: Uint8Array;
  /** Members per group, in claim order: claims `members[memberStart[g] .. memberStart[g + 1])`. */
  memberStart: Int32Array;
  members: Int32Array;
  /** Groups per claim (deduplicated): `claimGroups[claimStart[i] .. claimStart[i + 1])`. */
  claimStart: Int32Array;
  claimGroups: Int32Array;
  /** Per claim: the magnitude that scales a flow (a count of people or units), 0 when none. */
  magnitude: Float64Array;
  /** Per group: [lon, lat] of a point mark (NaN for other marks), for clustering. */
  position: Float64Array;
  /** Per group: [origin lon, origin lat, destination lon, destination lat] of a flow (NaN for other
   *  marks), for aggregation. The destination longitude is as drawn (unwrapped, may pass ±180). */
  flowEnds: Float64Array;
  /** Per group: its place (the place ids it is drawn for, numbered in order of appearance), or -1 when it
   *  has none. Groups of one place draw the same geometry (place-marks.ts merges areas and borders at low zoom). */
  place: Int32Array;
}

export interface RenderData {
  collection: FeatureCollection<Geometry, RenderProps>;
  groups: MarkGroups;
  /** Feature id of group g's arrowhead is `arrowBase + g` (flows only). */
  arrowBase: number;
  /** [west, south, east, north] over every claim, or null when nothing is drawable. */
  bbox: [number, number, number, number] | null;
}

/** `own` with every band set: the arc is drawn at every zoom. */
export const ALL_BANDS = 0xff;
const FLOW_MIN = 2;
const FLOW_MAX = 10;
const LINE_WIDTH = 4;
/** Flow arcs come with 65 vertices; 24 draw the same curve to within a third of a pixel even when a long
 *  arc fills the screen, and cost the tiler and the renderer a third. */
export const MAX_ARC_VERTICES = 24;

/** The part of a claim's magnitude that sizes a flow: counts of people or units, not "90 percent". */
export function countableMagnitude(claim: Claim): number {
  const m = claim.magnitude;
  if (!m || !(m.value > 0) || /percent|%/i.test(m.unit)) return 0;
  return m.value;
}

/** Flow width for a (summed) magnitude on a log scale (10 → 3.6 px … 100 000 → 8.4 px, capped at 10);
 *  0 — unknown — draws a thin line. */
export function widthForMagnitude(total: number): number {
  if (!(total > 0)) return FLOW_MIN + 0.5;
  const w = FLOW_MIN + Math.log10(Math.max(1, total)) * 1.6;
  return Math.round(Math.min(FLOW_MAX, Math.max(FLOW_MIN, w)) * 10) / 10;
}

/** Flow width of one claim by its own magnitude. */
export function flowWidth(claim: Claim): number {
  return widthForMagnitude(countableMagnitude(claim));
}

function mercatorY(lat: number): number {
  const r = (Math.max(-85, Math.min(85, lat)) * Math.PI) / 180;
  return Math.log(Math.tan(Math.PI / 4 + r / 2));
}

/** Screen bearing (north-up Web Mercator) of the segment a→b, degrees clockwise from north. */
export function screenBearing(a: Position, b: Position): number {
  let dLon = b[0]! - a[0]!;
  if (dLon > 180) dLon -= 360;
  if (dLon < -180) dLon += 360;
  const dx = (dLon * Math.PI) / 180;
  const dy = mercatorY(b[1]!) - mercatorY(a[1]!);
  const deg = (Math.atan2(dx, dy) * 180) / Math.PI;
  return Math.round(((deg + 360) % 360) * 10) / 10;
}

/** Which of a line's n vertices are kept, at most `max` evenly spaced, first and last always. */
function thinIndices(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const step = (n - 1) / (max - 1);
  return Array.from({ length: max }, (_, i) => Math.round(i * step));
}

/** Evenly spaced vertices of a line, first and last kept exactly. */
export function thinLine(coords: Position[], max = MAX_ARC_VERTICES): Position[] {
  return coords.length <= max ? coords : thinIndices(coords.length, max).map((i) => coords[i]!);
}

/**
 * `thinLine` of a flow's line, with its first, last-but-one and last vertex (for its ends and arrowhead).
 * For a lazily expanded arc (compact-arcs.ts) only those three are computed now; the thinned line is
 * computed when first read, which at corpus scale is for the few arcs the map sends for the current zoom
 * (most flows are drawn inside aggregates): ~0.2 s less on the load's critical path at 100k claims.
 */
function thinFlow(line: LineString, max = MAX_ARC_VERTICES): { line: LineString; ends: [Position, Position, Position] } | null {
  const spec = arcSpecOfLazy(line);
  if (spec) {
    const kept = thinIndices(spec.segments + 1, max);
    if (kept.length < 2) return null;
    const [start, before, end] = arcSpecVertices(spec, [kept[0]!, kept[kept.length - 2]!, kept[kept.length - 1]!]);
    return { line: lazyArcVertices(spec, kept), ends: [start!, before!, end!] };
  }
  const coords = thinLine(line.coordinates, max);
  if (coords.length < 2) return null;
  return { line: { type: 'LineString', coordinates: coords }, ends: [coords[0]!, coords[coords.length - 2]!, coords[coords.length - 1]!] };
}

function extend(bbox: [number, number, number, number] | null, raw: readonly number[]): [number, number, number, number] {
  // A bbox crossing the antimeridian has west > east; unwrap it so min/max stay meaningful.
  const b = raw[0]! > raw[2]! ? [raw[0]!, raw[1]!, raw[2]! + 360, raw[3]!] : raw;
  if (!bbox) return [b[0]!, b[1]!, b[2]!, b[3]!];
  return [Math.min(bbox[0], b[0]!), Math.min(bbox[1], b[1]!), Math.max(bbox[2], b[2]!), Math.max(bbox[3], b[3]!)];
}

/** Grows an Int32Array-backed list without a JS array per element. */
export class IntList {
  data = new Int32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  toArray(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

/**
 * Groups every claim feature by its mark key and emits one feature per group (plus an arrowhead per flow
 * group). O(total features): one hash lookup per feature, counting sorts for the two index tables.
 */
export function buildRenderData(bundle: ArticleBundle): RenderData {
  const claims = bundle.claims;
  const n = claims.length;
  // Group by (place ids, mark, kind, stance): a map per place-id key, keyed within by a small number for
  // the rest (mark, kind and stance are a few enum values each): no string composed per feature.
  const keyToGroup = new Map<string, Map<number, number>>();
  const placeIndex = new Map<string, number>();
  const codes = new Map<string, number>();
  const codeOf = (s: string): number => {
    let c = codes.get(s);
    if (c === undefined) codes.set(s, (c = codes.size));
    return c;
  };
  const groupGeometry: Geometry[] = [];
  const groupFirst: number[] = [];
  const groupMark: number[] = [];
  const groupPlace: number[] = [];
  // (claim, group) pairs in claim order, deduplicated per claim.
  const pairClaim = new IntList();
  const pairGroup = new IntList();
  const claimStart = new Int32Array(n + 1);
  const magnitude = new Float64Array(n);
  let bbox: [number, number, number, number] | null = null;

  for (let i = 0; i < n; i++) {
    const claim = claims[i]!;
    claimStart[i] = pairClaim.length;
    magnitude[i] = countableMagnitude(claim);
    const features = claim.geometry.features;
    for (let j = 0; j < features.length; j++) {
      const f = features[j]!;
      const p = f.properties;
      // Place ids name the geometry (the compiler draws a place id one way); without them nothing is shared.
      const placeKey = p.placeIds.length > 0 ? (p.placeIds.length === 1 ? p.placeIds[0]! : p.placeIds.join(',')) : null;
      const sub = placeKey === null ? -1 : (codeOf(p.mark) * 1024 + codeOf(claim.kind)) * 1024 + codeOf(claim.stance);
      let byRest = placeKey === null ? undefined : keyToGroup.get(placeKey);
      if (placeKey !== null && !byRest) {
        keyToGroup.set(placeKey, (byRest = new Map()));
        placeIndex.set(placeKey, placeIndex.size);
      }
      let g = byRest?.get(sub);
      if (g === undefined) {
        g = groupGeometry.length;
        byRest?.set(sub, g);
        groupGeometry.push(f.geometry);
        groupFirst.push(i);
        groupMark.push(Math.max(0, MARK_CODES.indexOf(p.mark)));
        groupPlace.push(placeKey === null ? -1 : placeIndex.get(placeKey)!);
      }
      let seen = false;
      for (let k = claimStart[i]!; k < pairClaim.length; k++) if (pairGroup.data[k] === g) seen = true;
      if (!seen) {
        pairClaim.push(i);
        pairGroup.push(g);
      }
    }
    if (features.length > 0) bbox = extend(bbox, claim.bbox);
  }
  claimStart[n] = pairClaim.length;
  const claimGroups = pairGroup.toArray();
  const G = groupGeometry.length;

  // Members per group by a counting sort over the pairs (already in claim order, so members stay ordered).
  const memberStart = new Int32Array(G + 1);
  for (let k = 0; k < claimGroups.length; k++) memberStart[claimGroups[k]! + 1]!++;
  for (let g = 0; g < G; g++) memberStart[g + 1]! += memberStart[g]!;
  const fill = memberStart.slice(0, G);
  const members = new Int32Array(claimGroups.length);
  const pairClaims = pairClaim.data;
  for (let k = 0; k < claimGroups.length; k++) members[fill[claimGroups[k]!]!++] = pairClaims[k]!;

  const mark = Uint8Array.from(groupMark);
  const position = new Float64Array(G * 2).fill(NaN);
  const flowEnds = new Float64Array(G * 4).fill(NaN);
  const features: Feature<Geometry, RenderProps>[] = [];
  const arrows: Feature<Geometry, RenderProps>[] = [];
  for (let g = 0; g < G; g++) {
    const first = claims[groupFirst[g]!]!;
    const markType = MARK_CODES[mark[g]!]!;
    const total = memberStart[g + 1]! - memberStart[g]!;
    let sum = 0;
    if (markType === 'flow') for (let k = memberStart[g]!; k < memberStart[g + 1]!; k++) sum += magnitude[members[k]!]!;
    let geometry = groupGeometry[g]!;
    const props: RenderProps = {
      claimId: first.id,
      mark: markType,
      kind: first.kind,
      stance: first.stance,
      width: markType === 'flow' ? widthForMagnitude(sum) : markType === 'line' ? LINE_WIDTH : 0,
      bearing: 0,
      total,
      z0: 0,
      own: ALL_BANDS,
    };
    // Country and region outlines from Natural Earth jump across ±180 (Russia, Fiji, the USA's Aleutians):
    // MapLibre tiles on a plane and would fill half the world between the jumps.
    if (markType === 'area') geometry = drawableAcrossAntimeridian(geometry);
    if (markType === 'point' && geometry.type === 'Point') {
      position[g * 2] = geometry.coordinates[0]!;
      position[g * 2 + 1] = geometry.coordinates[1]!;
    }
    const thinned = markType === 'flow' && geometry.type === 'LineString' ? thinFlow(geometry) : null;
    if (thinned) {
      const [start, before, end] = thinned.ends;
      flowEnds.set([start[0]!, start[1]!, end[0]!, end[1]!], g * 4);
      geometry = thinned.line;
      arrows.push({
        type: 'Feature',
        id: G + g,
        properties: { ...props, mark: 'arrow', bearing: screenBearing(before, end) },
        geometry: { type: 'Point', coordinates: end },
      });
    }
    features.push({ type: 'Feature', id: g, properties: props, geometry });
  }
  for (const a of arrows) features.push(a);

  return {
    collection: { type: 'FeatureCollection', features },
    groups: { count: G, mark, memberStart, members, claimStart, claimGroups, magnitude, position, flowEnds, place: Int32Array.from(groupPlace) },
    arrowBase: G,
    bbox,
  };
}

/** Feature ids drawn for group g: the mark, and a flow's arrowhead. */
export function groupFeatureIds(data: RenderData, g: number): number[] {
  return MARK_CODES[data.groups.mark[g]!] === 'flow' ? [g, data.arrowBase + g] : [g];
}

/**
 * Calls fn once per summary mark (any band) holding one of claim i's groups, for a banded table
 * `table[z * G + g]` = the summary (cluster, aggregate) holding group g at tile zoom z, or -1. A claim
 * with several groups in one summary counts once (claims have a handful of marks at most).
 */
export function forEachSummaryOfClaim(table: Int32Array, maxZoom: number, groups: MarkGroups, i: number, fn: (s: number) => void): void {
  const G = groups.count;
  const start = groups.claimStart[i]!;
  const end = groups.claimStart[i + 1]!;
  for (let z = 0; z <= maxZoom; z++) {
    const row = z * G;
    for (let k = start; k < end; k++) {
      const c = table[row + groups.claimGroups[k]!]!;
      if (c < 0) continue;
      let dup = false;
      for (let q = start; q < k && !dup; q++) dup = table[row + groups.claimGroups[q]!] === c;
      if (!dup) fn(c);
    }
  }
}

/**
 * Which members of each group are visible, as counts: `n[g]` visible members, `sum[g]` their summed
 * flow magnitude. `apply(mask)` touches only the claims whose visibility flipped since the last call and
 * reports the groups whose count changed, so a time-window step costs what it changes, not the corpus.
 */
export class GroupCounts {
  /** Per claim: 1 if visible as of the last apply (all visible to begin with). */
  readonly visible: Uint8Array;
  readonly n: Int32Array;
  readonly sum: Float64Array;
  private readonly stamp: Uint32Array;
  private epoch = 0;

  constructor(private readonly groups: MarkGroups) {
    const G = groups.count;
    this.visible = new Uint8Array(groups.claimStart.length - 1).fill(1);
    this.n = new Int32Array(G);
    this.sum = new Float64Array(G);
    this.stamp = new Uint32Array(G);
    for (let g = 0; g < G; g++) {
      this.n[g] = groups.memberStart[g + 1]! - groups.memberStart[g]!;
      let s = 0;
      for (let k = groups.memberStart[g]!; k < groups.memberStart[g + 1]!; k++) s += groups.magnitude[groups.members[k]!]!;
      this.sum[g] = s;
    }
  }

  /** Applies a visibility mask (1 = visible, per claim). Returns the claims that flipped and the groups
   *  whose visible count changed (each once). */
  apply(mask: Uint8Array): { flipped: number[]; changed: number[] } {
    const { claimStart, claimGroups, magnitude } = this.groups;
    const flipped: number[] = [];
    const changed: number[] = [];
    const epoch = ++this.epoch;
    const len = Math.min(mask.length, this.visible.length);
    for (let i = 0; i < len; i++) {
      const v = mask[i] ? 1 : 0;
      if (this.visible[i] === v) continue;
      this.visible[i] = v;
      flipped.push(i);
      const d = v ? 1 : -1;
      const m = magnitude[i]!;
      for (let k = claimStart[i]!; k < claimStart[i + 1]!; k++) {
        const g = claimGroups[k]!;
        const count = (this.n[g]! += d);
        // Reset rather than subtract to zero: repeated float additions must not leave a ghost width.
        this.sum[g] = count === 0 ? 0 : this.sum[g]! + d * m;
        if (this.stamp[g] !== epoch) {
          this.stamp[g] = epoch;
          changed.push(g);
        }
      }
    }
    return { flipped, changed };
  }

  /** Visible members of group g, in claim order. */
  visibleMembers(g: number): number[] {
    const { memberStart, members } = this.groups;
    const out: number[] = [];
    for (let k = memberStart[g]!; k < memberStart[g + 1]!; k++) if (this.visible[members[k]!]) out.push(members[k]!);
    return out;
  }
}
