/**
 * Point clusters at low zoom: a static hierarchy computed once per bundle with supercluster (greedy radius
 * clustering per zoom, weighted centroids), turned into flat tables the map updates by feature-state:
 *   - one cluster feature per (zoom band, cluster), drawn only at its band (tile zoom);
 *   - `clusterOf[band][group]` for every point mark, and `z0[group]`, the band from which a point stands
 *     on its own (a point alone at zoom z is alone at every higher zoom, so one number says it);
 *   - `ClusterCounts`: visible claims per cluster, updated from the claims whose visibility flipped.
 * A cluster counts CLAIMS, not marks: a claim with two cities in one cluster counts once.
 *
 * Density rule: only a bundle that draws at least CLUSTER_MIN_POINTS distinct point marks clusters. Below
 * that (one article, even a long one: the seed draws 11) every marker stays individually clickable and the
 * camera fits the article's places anyway; above it a world view would be a smear of overlapping dots.
 */
import Supercluster from 'supercluster';
import type { Feature, FeatureCollection, Point } from 'geojson';
import { IntList, MARK_CODES, forEachSummaryOfClaim, type GroupCounts, type MarkGroups } from './claim-features';

export const CLUSTER_MIN_POINTS = 100;
/** Clusters exist for tile zooms 0..CLUSTER_MAX_ZOOM; from the next zoom on every point is drawn. */
export const CLUSTER_MAX_ZOOM = 7;
/** Cluster radius in px of a 512-px tile (supercluster's default extent). */
export const CLUSTER_RADIUS = 44;

const POINT = MARK_CODES.indexOf('point');

export interface ClusterProps {
  /** The tile zoom at which this cluster is drawn. */
  z: number;
  /** Visible claims when the source was last written: the disc's size until feature-state `n` says otherwise. */
  count: number;
}

export interface ClusterIndex {
  maxZoom: number;
  /** Number of cluster features (all bands). */
  count: number;
  band: Uint8Array;
  /** [lon, lat] per cluster. */
  position: Float64Array;
  /** Point-mark groups per cluster: `members[memberStart[c] .. memberStart[c + 1])`. */
  memberStart: Int32Array;
  members: Int32Array;
  /** `clusterOf[z * G + g]`: the cluster holding point group g at tile zoom z, or -1 when g is drawn alone
   *  (and for groups that are not points). */
  clusterOf: Int32Array;
  /** Per group: the lowest tile zoom at which the point is drawn alone (0 for non-points). */
  z0: Uint8Array;
}

/** Whether a bundle's point marks are dense enough to cluster (see the density rule above). */
export function shouldCluster(groups: MarkGroups): boolean {
  let points = 0;
  for (let g = 0; g < groups.count; g++) if (groups.mark[g] === POINT && ++points >= CLUSTER_MIN_POINTS) return true;
  return false;
}

/** "1.2k" past a thousand: a label must fit a circle. */
export function countLabel(n: number): string {
  if (n < 1000) return String(n);
  if (n < 10000) return `${(Math.floor(n / 100) / 10).toFixed(1).replace(/\.0$/, '')}k`;
  return `${Math.floor(n / 1000)}k`;
}

export function buildClusters(groups: MarkGroups): ClusterIndex {
  const G = groups.count;
  const maxZoom = CLUSTER_MAX_ZOOM;
  const points: Feature<Point, { g: number }>[] = [];
  for (let g = 0; g < G; g++) {
    if (groups.mark[g] !== POINT) continue;
    const lon = groups.position[g * 2]!;
    const lat = groups.position[g * 2 + 1]!;
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) continue;
    points.push({ type: 'Feature', properties: { g }, geometry: { type: 'Point', coordinates: [lon, lat] } });
  }
  const index = new Supercluster<{ g: number }>({ minZoom: 0, maxZoom, radius: CLUSTER_RADIUS, extent: 512 });
  index.load(points);

  const clusterOf = new Int32Array((maxZoom + 1) * G).fill(-1);
  const z0 = new Uint8Array(G);
  const band: number[] = [];
  const position: number[] = [];
  const memberStart: number[] = [0];
  const leavesOf = clusterLeaves(index, (props) => props.g);
  const members = new IntList();
  // Higher zooms first: a point alone there is alone at every zoom above, so z0 only ever moves down.
  for (const p of points) z0[p.properties.g] = maxZoom + 1;
  for (let z = maxZoom; z >= 0; z--) {
    for (const f of index.getClusters([-180, -90, 180, 90], z)) {
      const props = f.properties as { cluster?: boolean; cluster_id?: number; g?: number };
      if (!props.cluster) {
        const g = props.g!;
        if (z0[g] === z + 1) z0[g] = z;
        continue;
      }
      const c = band.length;
      band.push(z);
      position.push(f.geometry.coordinates[0]!, f.geometry.coordinates[1]!);
      for (const g of leavesOf(props.cluster_id!)) {
        members.push(g);
        clusterOf[z * G + g] = c;
      }
      memberStart.push(members.length);
    }
  }
  return {
    maxZoom,
    count: band.length,
    band: Uint8Array.from(band),
    position: Float64Array.from(position),
    memberStart: Int32Array.from(memberStart),
    members: members.toArray(),
    clusterOf,
    z0,
  };
}

/**
 * A cluster's leaves (`leafOf` of each input point), in supercluster's getLeaves order, for any cluster id
 * of `index`. Each cluster is walked once, through its children, whose own leaves are memoised: asking
 * getLeaves for every cluster at every zoom walked the whole tree below each one again (at 100k claims
 * ~250 ms for the point clusters and ~90 ms for the flow ends' clusters, in node; now ~35 and ~20 ms).
 */
export function clusterLeaves<P extends Record<string, unknown>>(index: Supercluster<P>, leafOf: (props: P) => number): (clusterId: number) => Int32Array {
  const leaves = new IntList();
  const ranges = new Map<number, { start: number; end: number }>();
  const walk = (clusterId: number): { start: number; end: number } => {
    const known = ranges.get(clusterId);
    if (known) return known;
    const children = index.getChildren(clusterId).map((child) => child.properties as P & { cluster?: boolean; cluster_id?: number });
    // Child clusters first, so that this cluster's range is written in one piece.
    for (const child of children) if (child.cluster) walk(child.cluster_id!);
    const start = leaves.length;
    for (const child of children) {
      if (!child.cluster) leaves.push(leafOf(child));
      else {
        const range = ranges.get(child.cluster_id!)!;
        for (let k = range.start; k < range.end; k++) leaves.push(leaves.data[k]!);
      }
    }
    const range = { start, end: leaves.length };
    ranges.set(clusterId, range);
    return range;
  };
  return (clusterId) => {
    const { start, end } = walk(clusterId);
    // A view of the list as it is now: a later push may move the list to a new buffer, never this one.
    return leaves.data.subarray(start, end);
  };
}

/**
 * The cluster features, with the counts given (visible claims per cluster). Geometry objects are rebuilt
 * each time: cheap next to the tiling the caller asks for.
 */
export function clusterCollection(index: ClusterIndex, n: Int32Array, maxBand = Infinity): FeatureCollection<Point, ClusterProps> {
  const features: Feature<Point, ClusterProps>[] = [];
  for (let c = 0; c < index.count; c++) {
    if (index.band[c]! > maxBand) continue;
    features.push({
      type: 'Feature',
      id: c,
      properties: { z: index.band[c]!, count: n[c]! },
      geometry: { type: 'Point', coordinates: [index.position[c * 2]!, index.position[c * 2 + 1]!] },
    });
  }
  return { type: 'FeatureCollection', features };
}

/** The clusters of each band: `from[z] .. to[z]` (buildClusters writes them band by band). */
export interface BandRanges {
  from: Int32Array;
  to: Int32Array;
}

export function bandRanges(index: ClusterIndex): BandRanges {
  const from = new Int32Array(index.maxZoom + 1).fill(0);
  const to = new Int32Array(index.maxZoom + 1).fill(0);
  for (let c = 0; c < index.count; c++) {
    const z = index.band[c]!;
    if (to[z] === 0) from[z] = c;
    // Contiguous per band, as built; a cluster out of place would be a bug there, not something to hide.
    else if (to[z] !== c) throw new Error(`cluster ${c} of band ${z} is not next to the others of its band`);
    to[z] = c + 1;
  }
  return { from, to };
}

/** A number to write over a cluster's disc: the cluster, its centre on the canvas (CSS px), its count. */
export interface ClusterLabel {
  c: number;
  x: number;
  y: number;
  n: number;
}

/** The part of the map in view, in degrees, and how to place a point of it on the canvas. */
export interface LabelView {
  west: number;
  south: number;
  east: number;
  north: number;
  project: (lon: number, lat: number) => { x: number; y: number };
}

/**
 * The numbers to write at `band`: one per cluster of that band holding a visible claim (`n > 0`; one with
 * none is drawn transparent) whose centre is in view. Each shows its live count, so a label is never
 * behind its disc, and nothing is re-tiled when the time window moves.
 */
export function clusterLabelsInView(index: ClusterIndex, ranges: BandRanges, n: Int32Array, band: number, view: LabelView): ClusterLabel[] {
  const out: ClusterLabel[] = [];
  if (band < 0 || band > index.maxZoom) return out;
  for (let c = ranges.from[band]!; c < ranges.to[band]!; c++) {
    const count = n[c]!;
    if (count <= 0) continue;
    const lon = index.position[c * 2]!;
    const lat = index.position[c * 2 + 1]!;
    if (lon < view.west || lon > view.east || lat < view.south || lat > view.north) continue;
    const p = view.project(lon, lat);
    out.push({ c, x: p.x, y: p.y, n: count });
  }
  return out;
}

/** The label's font size in CSS px: 10.5 for one claim up to 12 from a thousand (as the old map text). */
export function labelSize(n: number): number {
  return 10.5 + (1.5 * (Math.min(Math.max(n, 1), 1000) - 1)) / 999;
}

/** Calls fn once for each cluster (any band) holding one of claim i's point marks. */
function forEachClusterOfClaim(index: ClusterIndex, groups: MarkGroups, i: number, fn: (c: number) => void): void {
  forEachSummaryOfClaim(index.clusterOf, index.maxZoom, groups, i, fn);
}

/** The clusters (all bands) that hold claim i, e.g. to highlight the selected claim's cluster. */
export function clustersOfClaim(index: ClusterIndex, groups: MarkGroups, i: number): number[] {
  const out: number[] = [];
  forEachClusterOfClaim(index, groups, i, (c) => out.push(c));
  return out;
}

/** Visible claims per cluster, kept in step with `GroupCounts.visible` from the claims that flipped. */
export class ClusterCounts {
  readonly n: Int32Array;
  private readonly stamp: Uint32Array;
  private epoch = 0;

  constructor(
    private readonly index: ClusterIndex,
    private readonly groups: MarkGroups,
    visible: Uint8Array,
  ) {
    this.n = new Int32Array(index.count);
    this.stamp = new Uint32Array(index.count);
    for (let i = 0; i < visible.length; i++) {
      if (visible[i]) forEachClusterOfClaim(index, groups, i, (c) => this.n[c]!++);
    }
  }

  /** Applies flips (claim indices whose visibility changed; `visible` is the new state). Returns the
   *  clusters whose count changed, each once. */
  apply(flipped: readonly number[], visible: Uint8Array): number[] {
    const changed: number[] = [];
    const epoch = ++this.epoch;
    for (const i of flipped) {
      const d = visible[i] ? 1 : -1;
      forEachClusterOfClaim(this.index, this.groups, i, (c) => {
        this.n[c]! += d;
        if (this.stamp[c] !== epoch) {
          this.stamp[c] = epoch;
          changed.push(c);
        }
      });
    }
    return changed;
  }
}

/** Visible claims in cluster c, in claim order, each once. */
export function clusterClaims(index: ClusterIndex, counts: GroupCounts, c: number): number[] {
  const seen = new Set<number>();
  for (let k = index.memberStart[c]!; k < index.memberStart[c + 1]!; k++) {
    for (const i of counts.visibleMembers(index.members[k]!)) seen.add(i);
  }
  return [...seen].sort((a, b) => a - b);
}

/**
 * The tile zoom at which cluster c's VISIBLE marks stop being one cluster (where a click should zoom to),
 * or null when they cannot split: all at one spot (several kinds at one city), where a list must choose.
 */
export function expansionZoom(index: ClusterIndex, groups: MarkGroups, groupN: Int32Array, c: number): number | null {
  const G = groups.count;
  const live: number[] = [];
  for (let k = index.memberStart[c]!; k < index.memberStart[c + 1]!; k++) {
    const g = index.members[k]!;
    if (groupN[g]! > 0) live.push(g);
  }
  if (live.length === 0) return null;
  const x0 = groups.position[live[0]! * 2];
  const y0 = groups.position[live[0]! * 2 + 1];
  if (live.every((g) => groups.position[g * 2] === x0 && groups.position[g * 2 + 1] === y0)) return null;
  for (let z = index.band[c]! + 1; z <= index.maxZoom; z++) {
    const first = index.clusterOf[z * G + live[0]!]!;
    if (first < 0 || live.some((g) => index.clusterOf[z * G + g] !== first)) return z;
  }
  return index.maxZoom + 1;
}
