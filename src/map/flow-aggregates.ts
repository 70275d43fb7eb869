/**
 * Flow aggregation at low zoom, the flowmap.blue way: the ends of every flow are clustered per zoom band
 * (a static supercluster hierarchy of the distinct flow end places, built once per bundle), and below the
 * detail zoom every flow whose ends fall in two different clusters is drawn as ONE arc per (band, origin
 * cluster, destination cluster) — "Syria region → Afghanistan region, 340 claims" — instead of hundreds of
 * arcs piled on each other. A place not in any cluster at that band is its own end.
 *
 *   - `aggOf[z * G + g]`: the aggregate holding flow group g at tile zoom z, or -1;
 *   - `own[g]`: bit z set when group g is drawn as its own arc at tile zoom z: both ends stand alone;
 *   - a flow with both ends in the SAME cluster is a short arc inside one cluster's radius. Drawn as
 *     itself it came back by the thousand (100k corpus, world view: 16k of 28k arcs); dropped (as
 *     flowmap.blue does) it left half the flow claims of a world view undrawn and unclickable. So each
 *     cluster's internal flows are one LOOP aggregate, drawn as a ring at the cluster's centre sized by
 *     its visible claims — counted, clickable and splitting like any aggregate;
 *   - `AggregateCounts`: visible claims and their summed magnitude per aggregate, updated only from the
 *     claims whose visibility flipped (like GroupCounts and ClusterCounts). A claim with two arcs in one
 *     aggregate (Syria and Libya → Afghanistan, both ends clustered) counts once, its magnitude once.
 * An aggregate whose members are all hidden is drawn at width 0 (see map-style.ts: opacity 0 still
 * rasterises). Aggregates split as the map zooms in (each band has finer clusters) and their counts and
 * widths follow the time window and filters.
 *
 * Small routes fold into a ring (flowmap.blue shows its top flows only): a band draws at most
 * `routeBudget(z)` route arcs, the routes with the most claims. A route with fewer claims than the band's
 * `minClaims[z]` (counted with everything visible, so the arcs drawn do not change while the reader scrubs)
 * is folded into its ORIGIN's ring, which then stands for "flows from here not drawn as an arc at this zoom":
 * those inside the cluster and those on small routes out of it. Every flow claim is still drawn, counted and
 * clickable at every zoom, and a world view of 100k claims draws ~300 arcs instead of ~1,400 crossing the
 * whole screen (in SwiftShader a long thin arc costs by the rows it spans: at 100k the 1,400 arcs were a
 * third of a world-view frame). The budget grows 4× per band, as the world's area on screen does, so a
 * view shows about as many arcs at every zoom; from band 4 on nothing folds in the corpora we measure.
 *
 * Density rule: only a bundle with at least AGGREGATE_MIN_FLOWS distinct flow marks aggregates; a single
 * article (the seed draws 7 arcs) draws every arc as it is.
 */
import Supercluster from 'supercluster';
import type { Feature, FeatureCollection, LineString, Point } from 'geojson';
import { arcBetween, arcSegmentsWithin, arcVertices, type LonLat } from '../domain/arcs';
import { MARK_CODES, MAX_ARC_VERTICES, forEachSummaryOfClaim, screenBearing, type RenderData } from './claim-features';
import { CLUSTER_MAX_ZOOM, CLUSTER_RADIUS, clusterLeaves } from './clusters';
import type { FlowFolding } from '../store/app-store';

export const AGGREGATE_MIN_FLOWS = 100;
/** Aggregates exist for tile zooms 0..AGGREGATE_MAX_ZOOM; from the next zoom on every arc is its own. */
export const AGGREGATE_MAX_ZOOM = CLUSTER_MAX_ZOOM;
/** An aggregate whose members are not all of one kind: drawn in a neutral colour. */
export const MIXED_KINDS = 'mixed';
/** Route arcs a band draws at world view (bands 0 and 1); each band after may draw 4× more. */
export const ROUTES_PER_VIEW = 300;

/** How many route arcs band z draws at most (see "Small routes fold" above). */
export function routeBudget(z: number, perView = ROUTES_PER_VIEW): number {
  return perView * 4 ** Math.max(0, z - 1);
}

const FLOW = MARK_CODES.indexOf('flow');

export interface AggregateProps {
  /** The group's first member; the map's queryRenderedFeatures replaces it per visible member. */
  claimId: string;
  /** An arc, its arrowhead, or the ring of a cluster's internal flows. */
  mark: 'flow' | 'arrow' | 'loop';
  /** The tile zoom at which this aggregate is drawn. */
  z: number;
  kind: string;
  /** Width with every member visible; feature-state `w` overrides it. */
  width: number;
  bearing: number;
  /** Claims it stands for with every member visible; feature-state `n` overrides it. */
  total: number;
}

export interface FlowAggregates {
  maxZoom: number;
  /** Number of aggregates (all bands). */
  count: number;
  band: Uint8Array;
  /** [origin lon, lat, destination lon, lat] per aggregate: cluster centres, or the place itself. */
  ends: Float64Array;
  /** Flow groups per aggregate: `members[memberStart[a] .. memberStart[a + 1])`. */
  memberStart: Int32Array;
  members: Int32Array;
  /** `aggOf[z * G + g]`: the aggregate holding flow group g at tile zoom z, or -1. */
  aggOf: Int32Array;
  /** Per group: bit z set when drawn on its own at tile zoom z (see above). */
  own: Uint8Array;
  /** Per group: the indices of its origin and destination places (`[2g]`, `[2g + 1]`); -1 for non-flows. */
  endPlace: Int32Array;
  /** Number of distinct end places, and `nodeOf[z * places + p]`: the cluster holding place p at tile zoom
   *  z (numbered over all bands), or -1 when the place stands alone there. */
  places: number;
  nodeOf: Int32Array;
  /** Per aggregate: 1 for a loop (both ends in one cluster: drawn as a ring, see above). */
  loop: Uint8Array;
  /** Per aggregate: the one kind of all its members, or MIXED_KINDS. */
  kind: string[];
  /** Per aggregate: the first member claim (a default `claimId`). */
  firstClaim: Int32Array;
  /** Per aggregate with every claim visible: claims, and their summed magnitude. */
  total: Int32Array;
  totalMagnitude: Float64Array;
  /** Per band: the largest `total` and `totalMagnitude` of its aggregates (what the widths are relative to). */
  bandMaxTotal: Int32Array;
  bandMaxMagnitude: Float64Array;
  /** Per band: routes with fewer claims than this are folded into their origin's ring (1: none folded). */
  minClaims: Int32Array;
  /** Per band: how many routes were folded, and how many route arcs are drawn. */
  foldedRoutes: Int32Array;
  drawnRoutes: Int32Array;
  /** Per aggregate: the routes folded into it (a ring), 0 for everything else. */
  folded: Int32Array;
}

export interface FlowAggregateOptions {
  /** Route arcs a band draws at world view (routeBudget); the rest fold into rings. */
  routesPerView?: number;
}

/** Whether a bundle's flows are many enough to aggregate (see the density rule above). */
export function shouldAggregate(render: RenderData): boolean {
  const { count, mark } = render.groups;
  let flows = 0;
  for (let g = 0; g < count; g++) if (mark[g] === FLOW && ++flows >= AGGREGATE_MIN_FLOWS) return true;
  return false;
}

function wrapLon(lon: number): number {
  return ((((lon + 180) % 360) + 360) % 360) - 180;
}

export function buildFlowAggregates(render: RenderData, options: FlowAggregateOptions = {}): FlowAggregates {
  const { groups } = render;
  const G = groups.count;
  const maxZoom = AGGREGATE_MAX_ZOOM;
  const bands = maxZoom + 1;

  // Distinct end places, by coordinate (a place id is drawn at one spot).
  const placeKey = new Map<string, number>();
  const placeLon: number[] = [];
  const placeLat: number[] = [];
  const endPlace = new Int32Array(G * 2).fill(-1);
  const placeOf = (lon: number, lat: number): number => {
    const key = `${lon},${lat}`;
    let p = placeKey.get(key);
    if (p === undefined) {
      p = placeLon.length;
      placeKey.set(key, p);
      placeLon.push(lon);
      placeLat.push(lat);
    }
    return p;
  };
  const flows: number[] = [];
  for (let g = 0; g < G; g++) {
    if (groups.mark[g] !== FLOW) continue;
    const e = groups.flowEnds;
    const [ox, oy, dx, dy] = [e[g * 4]!, e[g * 4 + 1]!, e[g * 4 + 2]!, e[g * 4 + 3]!];
    if (![ox, oy, dx, dy].every(Number.isFinite)) continue;
    endPlace[g * 2] = placeOf(wrapLon(ox), oy);
    endPlace[g * 2 + 1] = placeOf(wrapLon(dx), dy);
    flows.push(g);
  }

  const P = placeLon.length;
  const index = new Supercluster<{ p: number }>({ minZoom: 0, maxZoom, radius: CLUSTER_RADIUS, extent: 512 });
  index.load(placeLon.map((lon, p) => ({ type: 'Feature', properties: { p }, geometry: { type: 'Point', coordinates: [lon, placeLat[p]!] } })));

  // Per band: the cluster (a node number of this band) holding each place, or -1 when the place is alone.
  const nodeOf = new Int32Array(bands * P).fill(-1);
  const leavesOf = clusterLeaves(index, (props) => props.p);
  const nodeLon: number[] = [];
  const nodeLat: number[] = [];
  for (let z = 0; z <= maxZoom; z++) {
    for (const f of index.getClusters([-180, -90, 180, 90], z)) {
      const props = f.properties as { cluster?: boolean; cluster_id?: number };
      if (!props.cluster) continue;
      const node = nodeLon.length;
      nodeLon.push(f.geometry.coordinates[0]!);
      nodeLat.push(f.geometry.coordinates[1]!);
      for (const p of leavesOf(props.cluster_id!)) nodeOf[z * P + p] = node;
    }
  }

  const own = new Uint8Array(G);
  const aggOf = new Int32Array(bands * G).fill(-1);
  // Key of (band, origin end, destination end) as one number: ends run from -P (places alone) to the
  // number of nodes; a string key per flow and band cost ~150 ms at 100k claims.
  const span = P + nodeLon.length + 1;
  const keyToAgg = new Map<number, number>();
  const band: number[] = [];
  const ends: number[] = [];
  const aggMembers: number[][] = [];
  // An end is a cluster (node ≥ 0) or a place alone (encoded -1 - place).
  const endAt = (z: number, p: number): number => {
    const node = nodeOf[z * P + p]!;
    return node >= 0 ? node : -1 - p;
  };
  const lonOf = (end: number) => (end >= 0 ? nodeLon[end]! : placeLon[-1 - end]!);
  const latOf = (end: number) => (end >= 0 ? nodeLat[end]! : placeLat[-1 - end]!);
  for (let g = 0; g < G; g++) if (groups.mark[g] !== FLOW || endPlace[g * 2]! < 0) own[g] = 0xff;
  for (const g of flows) {
    const op = endPlace[g * 2]!;
    const dp = endPlace[g * 2 + 1]!;
    for (let z = 0; z <= maxZoom; z++) {
      const o = endAt(z, op);
      const d = endAt(z, dp);
      if (o < 0 && d < 0) {
        own[g]! |= 1 << z;
        continue;
      }
      const key = (z * span + o + P) * span + d + P;
      let a = keyToAgg.get(key);
      if (a === undefined) {
        a = band.length;
        keyToAgg.set(key, a);
        band.push(z);
        ends.push(lonOf(o), latOf(o), lonOf(d), latOf(d));
        aggMembers.push([]);
      }
      aggMembers[a]!.push(g);
      aggOf[z * G + g] = a;
    }
  }

  // Small routes fold into their origin's ring (see above): decide per band on the routes' claim counts,
  // then renumber, so that aggregate numbers stay dense (they are feature ids).
  // Each claim of a list of groups once, though several of them may hold it (seenIn: the last list, by its
  // stamp, that visited claim i). Used for the routes here and for the final aggregates below.
  const seenIn = new Int32Array(groups.magnitude.length).fill(-1);
  const eachClaimOnce = (list: readonly number[], stamp: number, visit: (i: number) => void): void => {
    for (const g of list) {
      for (let q = groups.memberStart[g]!; q < groups.memberStart[g + 1]!; q++) {
        const i = groups.members[q]!;
        if (seenIn[i] === stamp) continue;
        seenIn[i] = stamp;
        visit(i);
      }
    }
  };
  const routes = band.length;
  const routeTotal = new Int32Array(routes);
  for (let r = 0; r < routes; r++) eachClaimOnce(aggMembers[r]!, r, () => routeTotal[r]!++);
  const isLoop = (r: number) => ends[r * 4] === ends[r * 4 + 2] && ends[r * 4 + 1] === ends[r * 4 + 3];
  const minClaims = new Int32Array(bands).fill(1);
  const byBand: number[][] = Array.from({ length: bands }, () => []);
  for (let r = 0; r < routes; r++) if (!isLoop(r)) byBand[band[r]!]!.push(routeTotal[r]!);
  for (let z = 0; z < bands; z++) {
    const totals = byBand[z]!.sort((x, y) => y - x);
    const budget = routeBudget(z, options.routesPerView);
    // The (budget + 1)-th biggest route and every route as small fold: at most `budget` arcs, ties alike.
    if (totals.length > budget) minClaims[z] = totals[budget]! + 1;
  }
  const foldInto = new Int32Array(routes).fill(-1);
  const foldedRoutes = new Int32Array(bands);
  const loopAt = new Map<string, number>();
  for (let r = 0; r < routes; r++) if (isLoop(r)) loopAt.set(`${band[r]},${ends[r * 4]},${ends[r * 4 + 1]}`, r);
  for (let r = 0; r < routes; r++) {
    const z = band[r]!;
    if (isLoop(r) || routeTotal[r]! >= minClaims[z]!) continue;
    const key = `${z},${ends[r * 4]},${ends[r * 4 + 1]}`;
    let ring = loopAt.get(key);
    if (ring === undefined) {
      ring = band.length;
      loopAt.set(key, ring);
      band.push(z);
      ends.push(ends[r * 4]!, ends[r * 4 + 1]!, ends[r * 4]!, ends[r * 4 + 1]!);
      aggMembers.push([]);
    }
    foldInto[r] = ring;
    foldedRoutes[z]!++;
  }
  const finalOf = new Int32Array(band.length).fill(-1);
  let A = 0;
  for (let r = 0; r < band.length; r++) if (r >= routes || foldInto[r]! < 0) finalOf[r] = A++;
  for (let r = 0; r < routes; r++) if (foldInto[r]! >= 0) finalOf[r] = finalOf[foldInto[r]!]!;
  const finalMembers: number[][] = Array.from({ length: A }, () => []);
  const finalBand = new Uint8Array(A);
  const finalEnds = new Float64Array(A * 4);
  const folded = new Int32Array(A);
  for (let r = 0; r < band.length; r++) {
    const a = finalOf[r]!;
    for (const g of aggMembers[r]!) finalMembers[a]!.push(g);
    if (r < routes && foldInto[r]! >= 0) {
      folded[a]!++;
      continue;
    }
    finalBand[a] = band[r]!;
    for (let k = 0; k < 4; k++) finalEnds[a * 4 + k] = ends[r * 4 + k]!;
  }
  for (let k = 0; k < aggOf.length; k++) if (aggOf[k]! >= 0) aggOf[k] = finalOf[aggOf[k]!]!;
  const loop = Uint8Array.from(finalBand, (_, a) => (finalEnds[a * 4] === finalEnds[a * 4 + 2] && finalEnds[a * 4 + 1] === finalEnds[a * 4 + 3] ? 1 : 0));
  const drawnRoutes = new Int32Array(bands);
  for (let a = 0; a < A; a++) if (!loop[a]) drawnRoutes[finalBand[a]!]!++;

  const memberStart = new Int32Array(A + 1);
  for (let a = 0; a < A; a++) memberStart[a + 1] = memberStart[a]! + finalMembers[a]!.length;
  const members = new Int32Array(memberStart[A]!);
  const kind: string[] = new Array(A);
  const firstClaim = new Int32Array(A);
  const total = new Int32Array(A);
  const totalMagnitude = new Float64Array(A);
  const features = render.collection.features;
  seenIn.fill(-1);
  for (let a = 0; a < A; a++) {
    const list = finalMembers[a]!;
    members.set(list, memberStart[a]!);
    // Feature g is group g (claim-features.ts), so its properties carry the group's kind.
    const k0 = features[list[0]!]!.properties.kind;
    kind[a] = list.every((g) => features[g]!.properties.kind === k0) ? k0 : MIXED_KINDS;
    let first = Infinity;
    let sum = 0;
    let count = 0;
    eachClaimOnce(list, a, (i) => {
      count++;
      if (i < first) first = i;
      sum += groups.magnitude[i]!;
    });
    firstClaim[a] = first;
    total[a] = count;
    totalMagnitude[a] = sum;
  }
  const bandMaxTotal = new Int32Array(bands);
  const bandMaxMagnitude = new Float64Array(bands);
  // Widths are relative to the band's biggest ROUTE: a ring (sized by its own count) must not thin them.
  for (let a = 0; a < A; a++) {
    const z = finalBand[a]!;
    if (loop[a]) continue;
    bandMaxTotal[z] = Math.max(bandMaxTotal[z]!, total[a]!);
    bandMaxMagnitude[z] = Math.max(bandMaxMagnitude[z]!, totalMagnitude[a]!);
  }
  return {
    maxZoom,
    count: A,
    band: finalBand,
    ends: finalEnds,
    loop,
    memberStart,
    members,
    aggOf,
    own,
    endPlace,
    places: P,
    nodeOf,
    kind,
    firstClaim,
    total,
    totalMagnitude,
    bandMaxTotal,
    bandMaxMagnitude,
    minClaims,
    foldedRoutes,
    drawnRoutes,
    folded,
  };
}

/** What the reader is told about folded routes (the map note), or null when no band folds any. */
export function flowFoldingOf(aggs: FlowAggregates | null): FlowFolding | null {
  if (!aggs || aggs.foldedRoutes.every((n) => n === 0)) return null;
  return { minClaims: [...aggs.minClaims], folded: [...aggs.foldedRoutes], drawn: [...aggs.drawnRoutes] };
}

/** Writes each flow's (and arrowhead's) `own` bands into the render features, for the layers' filter. */
export function markOwnBands(render: RenderData, aggs: FlowAggregates): void {
  for (const f of render.collection.features) {
    const id = f.id as number;
    const g = id >= render.arrowBase ? id - render.arrowBase : id;
    f.properties.own = aggs.own[g]!;
  }
}

const AGGREGATE_MIN_WIDTH = 1;
const AGGREGATE_MAX_WIDTH = 9;

/**
 * An aggregate's width in px for `n` visible claims of summed magnitude `sum`: on a square-root scale
 * relative to the biggest aggregate of its band with everything visible (flowmap.blue scales to the
 * flows in view the same way). A log scale of the absolute sum, as single arcs use, put every
 * aggregate of a world view at the cap. Without any magnitude in the band, the claim count decides.
 */
export function aggregateWidth(aggs: FlowAggregates, a: number, n: number, sum: number): number {
  const z = aggs.band[a]!;
  const maxM = aggs.bandMaxMagnitude[z]!;
  const share = maxM > 0 ? sum / maxM : n / Math.max(1, aggs.bandMaxTotal[z]!);
  const w = AGGREGATE_MIN_WIDTH + (AGGREGATE_MAX_WIDTH - AGGREGATE_MIN_WIDTH) * Math.sqrt(Math.max(0, Math.min(1, share)));
  return Math.round(w * 10) / 10;
}

/** Calls fn once for each aggregate (any band) holding one of claim i's arcs. */
function forEachAggregateOfClaim(aggs: FlowAggregates, render: RenderData, i: number, fn: (a: number) => void): void {
  forEachSummaryOfClaim(aggs.aggOf, aggs.maxZoom, render.groups, i, fn);
}

/** The aggregates (all bands) that hold claim i, e.g. to highlight the selected claim's arc. */
export function aggregatesOfClaim(aggs: FlowAggregates, render: RenderData, i: number): number[] {
  const out: number[] = [];
  forEachAggregateOfClaim(aggs, render, i, (a) => out.push(a));
  return out;
}

/** Visible claims and their summed flow magnitude per aggregate, kept in step with `GroupCounts.visible`. */
export class AggregateCounts {
  readonly n: Int32Array;
  readonly sum: Float64Array;
  private readonly stamp: Uint32Array;
  private epoch = 0;

  constructor(
    private readonly aggs: FlowAggregates,
    private readonly render: RenderData,
    visible: Uint8Array,
  ) {
    this.n = new Int32Array(aggs.count);
    this.sum = new Float64Array(aggs.count);
    this.stamp = new Uint32Array(aggs.count);
    const magnitude = render.groups.magnitude;
    for (let i = 0; i < visible.length; i++) {
      if (!visible[i]) continue;
      const m = magnitude[i]!;
      forEachAggregateOfClaim(aggs, render, i, (a) => {
        this.n[a]!++;
        this.sum[a]! += m;
      });
    }
  }

  /** Applies flips (claims whose visibility changed; `visible` is the new state). Returns the aggregates
   *  whose count changed, each once. */
  apply(flipped: readonly number[], visible: Uint8Array): number[] {
    const changed: number[] = [];
    const epoch = ++this.epoch;
    const magnitude = this.render.groups.magnitude;
    for (const i of flipped) {
      const d = visible[i] ? 1 : -1;
      const m = magnitude[i]!;
      forEachAggregateOfClaim(this.aggs, this.render, i, (a) => {
        const count = (this.n[a]! += d);
        // Reset rather than subtract to zero: repeated float additions must not leave a ghost width.
        this.sum[a] = count === 0 ? 0 : this.sum[a]! + d * m;
        if (this.stamp[a] !== epoch) {
          this.stamp[a] = epoch;
          changed.push(a);
        }
      });
    }
    return changed;
  }

  /** The feature-state an aggregate's arc and arrowhead carry. */
  state(a: number): { n: number; hidden: boolean; w: number } {
    const n = this.n[a]!;
    return { n, hidden: n === 0, w: aggregateWidth(this.aggs, a, n, this.sum[a]!) };
  }
}

/** Visible claims in aggregate a, in claim order, each once. */
export function aggregateClaims(aggs: FlowAggregates, render: RenderData, visible: Uint8Array, a: number): number[] {
  const { memberStart, members } = render.groups;
  const seen = new Set<number>();
  for (let k = aggs.memberStart[a]!; k < aggs.memberStart[a + 1]!; k++) {
    const g = aggs.members[k]!;
    for (let q = memberStart[g]!; q < memberStart[g + 1]!; q++) if (visible[members[q]!]) seen.add(members[q]!);
  }
  return [...seen].sort((x, y) => x - y);
}

type Box = [west: number, south: number, east: number, north: number];

function boxOf(points: (readonly [number, number])[]): Box {
  const box: Box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of points) {
    box[0] = Math.min(box[0], x);
    box[1] = Math.min(box[1], y);
    box[2] = Math.max(box[2], x);
    box[3] = Math.max(box[3], y);
  }
  return box;
}

/**
 * Where a click on aggregate a should take the map, or null when its VISIBLE arcs cannot split — every one
 * runs between the same two places (several kinds along one route), where a list must choose:
 *   zoom  — the tile zoom at which they stop being one aggregate;
 *   ends  — the box of their real ends (what the user wants to see come apart);
 *   side  — the box of the ends on the side that splits at that zoom (where to look if `ends` is too big).
 */
export function aggregateSplit(
  aggs: FlowAggregates,
  render: RenderData,
  groupN: Int32Array,
  a: number,
): { zoom: number; ends: Box; side: Box } | null {
  const G = render.groups.count;
  const live: number[] = [];
  for (let k = aggs.memberStart[a]!; k < aggs.memberStart[a + 1]!; k++) if (groupN[aggs.members[k]!]! > 0) live.push(aggs.members[k]!);
  if (live.length === 0) return null;
  const place = (g: number, end: 0 | 1) => aggs.endPlace[g * 2 + end]!;
  if (live.every((g) => place(g, 0) === place(live[0]!, 0) && place(g, 1) === place(live[0]!, 1))) return null;
  let zoom = aggs.maxZoom + 1;
  for (let z = aggs.band[a]! + 1; z <= aggs.maxZoom; z++) {
    const first = aggs.aggOf[z * G + live[0]!]!;
    if (first < 0 || live.some((g) => aggs.aggOf[z * G + g] !== first)) {
      zoom = z;
      break;
    }
  }
  const e = render.groups.flowEnds;
  const at = (g: number, end: 0 | 1) => [wrapLon(e[g * 4 + end * 2]!), e[g * 4 + end * 2 + 1]!] as const;
  // The origin side splits when its places are no longer in one cluster (or not all one place) there.
  const nodeAt = (z: number, p: number) => (z > aggs.maxZoom ? -1 - p : aggs.nodeOf[z * aggs.places + p]! >= 0 ? aggs.nodeOf[z * aggs.places + p]! : -1 - p);
  // A ring sits at its origin, and its folded routes' far ends are anywhere: look where the ring is.
  const originSplits = aggs.loop[a] === 1 || live.some((g) => nodeAt(zoom, place(g, 0)) !== nodeAt(zoom, place(live[0]!, 0)));
  const side: 0 | 1 = originSplits ? 0 : 1;
  return {
    zoom,
    ends: boxOf(live.flatMap((g) => [at(g, 0), at(g, 1)])),
    side: boxOf(live.map((g) => at(g, side))),
  };
}

/** How far (px) an aggregate's arc may stray from its curve at the deepest zoom its band is drawn at. */
export const AGGREGATE_ARC_TOLERANCE_PX = 0.5;

const keep = (v: number): number => v;

/**
 * An aggregate's arc as band `band` draws it: the flows' own curve (arcs.ts) with only as many segments as
 * keep it within AGGREGATE_ARC_TOLERANCE_PX of that curve below zoom band + 1, at most those of a flow's own
 * arc (MAX_ARC_VERTICES vertices). A route 100 px long at that zoom needs 7 segments; from ~1,300 px on, all
 * 23. That is a quarter of what MapLibre's own simplification of the source already allows
 * (BASEMAP_TOLERANCE: 1 px at the tile's zoom, 2 px at the next). In the 10k bench corpus, whose routes span
 * continents, the three bands held at the world view went from 2.09 to 1.66 MB of GeoJSON (36k to 25k
 * vertices), which MapLibre copies on the page's thread and tiles in its worker.
 */
export function aggregateArc(origin: LonLat, destination: LonLat, band: number): LineString {
  const pxPerRadian = (512 * 2 ** (band + 1)) / (2 * Math.PI);
  const segments = arcSegmentsWithin(origin, destination, pxPerRadian, AGGREGATE_ARC_TOLERANCE_PX, MAX_ARC_VERTICES - 1);
  return arcBetween(origin, destination, { segments });
}

/**
 * The aggregate arcs of bands `lo..hi` and their arrowheads (`count + a`), drawn between the two ends'
 * positions, and the loops as points at their cluster's centre. The map holds only the bands around its zoom: all bands of a 100k corpus are 90k arcs,
 * more than the claims themselves, and the source would tile every one of them on load.
 */
export function aggregateCollection(
  aggs: FlowAggregates,
  claimIdOf: (i: number) => string,
  lo = 0,
  hi = aggs.maxZoom,
): FeatureCollection<LineString | Point, AggregateProps> {
  const features: Feature<LineString | Point, AggregateProps>[] = [];
  const arrows: Feature<LineString | Point, AggregateProps>[] = [];
  for (let a = 0; a < aggs.count; a++) {
    if (aggs.band[a]! < lo || aggs.band[a]! > hi) continue;
    const e = aggs.ends;
    const props: AggregateProps = {
      claimId: claimIdOf(aggs.firstClaim[a]!),
      mark: aggs.loop[a] ? 'loop' : 'flow',
      z: aggs.band[a]!,
      kind: aggs.kind[a]!,
      width: aggregateWidth(aggs, a, aggs.total[a]!, aggs.totalMagnitude[a]!),
      bearing: 0,
      total: aggs.total[a]!,
    };
    if (aggs.loop[a]) {
      features.push({ type: 'Feature', id: a, properties: props, geometry: { type: 'Point', coordinates: [e[a * 4]!, e[a * 4 + 1]!] } });
      continue;
    }
    const origin: LonLat = [e[a * 4]!, e[a * 4 + 1]!];
    const destination: LonLat = [e[a * 4 + 2]!, e[a * 4 + 3]!];
    const line = aggregateArc(origin, destination, aggs.band[a]!);
    features.push({ type: 'Feature', id: a, properties: props, geometry: line });
    // The arrowhead points along the last segment of the full arc (an arc of the flow's own), whatever
    // the number of segments this band draws.
    const [before] = arcVertices(origin, destination, MAX_ARC_VERTICES - 1, keep, [MAX_ARC_VERTICES - 2]);
    const end = line.coordinates[line.coordinates.length - 1]!;
    arrows.push({
      type: 'Feature',
      id: aggs.count + a,
      properties: { ...props, mark: 'arrow', bearing: screenBearing(before!, end) },
      geometry: { type: 'Point', coordinates: end },
    });
  }
  // Big routes drawn over small ones: a tile draws its features in data order. (line-sort-key would do it
  // too, at the price of one draw call per feature.)
  features.sort((x, y) => x.properties.width - y.properties.width);
  for (const f of arrows) features.push(f);
  return { type: 'FeatureCollection', features };
}

/** The band the map draws at a zoom (its tile zoom), or null past the last band. */
export function bandDrawnAt(aggs: FlowAggregates, zoom: number): [number, number] | null {
  const z = Math.max(0, Math.floor(zoom));
  return z <= aggs.maxZoom ? [z, z] : null;
}

/** The bands the map should hold at a zoom: its tile zoom and one either side (a zoom gesture crosses into
 *  the next band before new data could arrive); null past the last band. */
export function bandsForZoom(aggs: FlowAggregates, zoom: number): [number, number] | null {
  const z = Math.floor(zoom);
  if (z > aggs.maxZoom + 1) return null;
  return [Math.max(0, z - 1), Math.min(aggs.maxZoom, z + 1)];
}
