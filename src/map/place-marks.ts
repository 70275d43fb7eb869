/**
 * Areas and borders by place at low zoom. A place reported with several kinds or stances draws one mark
 * per (kind, stance): the same polygon filled over itself, the same border stroked over itself. In a dense
 * bundle, below DENSE_AREA_OUTLINE_ZOOM (map-style.ts; where area outlines and border casings start), the
 * map draws ONE mark per place instead (a "place mark"), standing for every claim about it: coloured by
 * its kind when all its claims share one, else a neutral ink (as flow aggregates are), hatched (an area)
 * or in the contested dash (a border) when every one of them is denied or disputed. From that zoom on each
 * (kind, stance) mark is drawn again, as in a sparse bundle.
 *
 * Why: with a software GPU a fill costs by the pixels it covers and a line by the screen rows its
 * segments span, however many of them are hidden or overlap. At 100k claims the area marks of a world
 * view filled 577 million km² for 142 million km² of distinct polygons (each country ~4×), and 9,830
 * border claims drew 1,168 (kind, stance) lines over 268 borders (each ~4.4×).
 *
 * A place mark's feature id is `base + p` in the claims source; `n` (visible claims) and `hidden` are
 * feature-state, summed from its groups' counts: a claim has one kind and one stance, so it is in exactly one
 * of a place's groups and is never counted twice.
 */
import type { Feature, Geometry } from 'geojson';
import { MARK_CODES, type GroupCounts, type RenderData, type RenderProps } from './claim-features';
import { MIXED_KINDS } from './flow-aggregates';
import { DENSE_AREA_OUTLINE_ZOOM } from './map-style';

/** Marks merged by place: marks and borders (lines). */
const MERGED = new Set([MARK_CODES.indexOf('area'), MARK_CODES.indexOf('line')]);

export interface PlaceMarks {
  /** Number of place marks. */
  count: number;
  /** Feature id of place mark p: `base + p` (after the groups' marks and arrowheads). */
  base: number;
  /** Groups per place mark: `members[memberStart[p] .. memberStart[p + 1])`. */
  memberStart: Int32Array;
  members: Int32Array;
  /** Per group: its place mark, or -1 (not an area or a border). */
  markOf: Int32Array;
}

export interface PlaceMarkProps extends RenderProps {
  /** Marks the feature as a place mark (the layers' filter tells them from the groups' marks by it). */
  place: 1;
}

export function buildPlaceMarks(render: RenderData): PlaceMarks {
  const { groups } = render;
  const G = groups.count;
  const markOf = new Int32Array(G).fill(-1);
  // Keyed by place and mark: a place drawn both as an area and as a line keeps both.
  const byPlace = new Map<number, number>();
  const lists: number[][] = [];
  for (let g = 0; g < G; g++) {
    const mark = groups.mark[g]!;
    const place = groups.place[g]!;
    if (!MERGED.has(mark) || place < 0) continue;
    const key = place * MARK_CODES.length + mark;
    let p = byPlace.get(key);
    if (p === undefined) {
      p = lists.length;
      byPlace.set(key, p);
      lists.push([]);
    }
    lists[p]!.push(g);
    markOf[g] = p;
  }
  const memberStart = new Int32Array(lists.length + 1);
  for (let p = 0; p < lists.length; p++) memberStart[p + 1] = memberStart[p]! + lists[p]!.length;
  const members = new Int32Array(memberStart[lists.length]!);
  lists.forEach((list, p) => members.set(list, memberStart[p]!));
  return { count: lists.length, base: render.arrowBase + G, memberStart, members, markOf };
}

/** One feature per place mark, drawn with its first group's geometry. */
export function placeMarkFeatures(marks: PlaceMarks, render: RenderData): Feature<Geometry, PlaceMarkProps>[] {
  const features = render.collection.features;
  const out: Feature<Geometry, PlaceMarkProps>[] = [];
  for (let p = 0; p < marks.count; p++) {
    const first = features[marks.members[marks.memberStart[p]!]!]!;
    let kind = first.properties.kind;
    let contested = true;
    let total = 0;
    for (let k = marks.memberStart[p]!; k < marks.memberStart[p + 1]!; k++) {
      const props = features[marks.members[k]!]!.properties;
      if (props.kind !== kind) kind = MIXED_KINDS;
      if (props.stance === 'asserted') contested = false;
      total += props.total;
    }
    out.push({
      type: 'Feature',
      id: marks.base + p,
      geometry: first.geometry,
      properties: { ...first.properties, kind, stance: contested ? first.properties.stance : 'asserted', total, place: 1 },
    });
  }
  return out;
}

/**
 * What a dense bundle's claims source must hold while the map is below DENSE_AREA_OUTLINE_ZOOM: the place
 * marks and the points that stand on their own there (`z0` below it). Every (kind, stance) area and border,
 * and every point still inside a cluster, is drawn only from that zoom on: at 100k claims they are 85 % of
 * the source's features and 60 % of its positions, and tiling them held up the first frame of the world
 * view. The map sends them when the zoom first comes near (ClaimMap.loadClaimMarks).
 */
export function marksBelowOutlineZoom<P extends WorldMarkProps>(features: readonly Feature<Geometry, P>[]): Feature<Geometry, P>[] {
  return features.filter((f) => drawnBelowOutlineZoom(f.properties));
}

type WorldMarkProps = { mark: string; z0: number; place?: 1 };

/** Whether a dense bundle draws this claims-source mark below DENSE_AREA_OUTLINE_ZOOM (marksBelowOutlineZoom). */
export function drawnBelowOutlineZoom(p: WorldMarkProps): boolean {
  return p.place === 1 || (p.mark === 'point' && p.z0 < DENSE_AREA_OUTLINE_ZOOM);
}

/** Visible claims per place mark, kept in step with `GroupCounts.n`. */
export class PlaceMarkCounts {
  readonly n: Int32Array;

  constructor(
    private readonly marks: PlaceMarks,
    private readonly counts: GroupCounts,
  ) {
    this.n = new Int32Array(marks.count);
    for (let p = 0; p < marks.count; p++) this.n[p] = this.sum(p);
  }

  private sum(p: number): number {
    let n = 0;
    for (let k = this.marks.memberStart[p]!; k < this.marks.memberStart[p + 1]!; k++) n += this.counts.n[this.marks.members[k]!]!;
    return n;
  }

  /** Recounts the place marks of groups whose count changed; returns those whose count changed, each once. */
  apply(changedGroups: readonly number[]): number[] {
    const out: number[] = [];
    for (const g of changedGroups) {
      const p = this.marks.markOf[g]!;
      if (p < 0) continue;
      const n = this.sum(p);
      if (n === this.n[p]) continue;
      this.n[p] = n;
      out.push(p);
    }
    return out;
  }
}

/** Visible claims of place mark p, in claim order. */
export function placeMarkClaims(marks: PlaceMarks, counts: GroupCounts, p: number): number[] {
  const out: number[] = [];
  for (let k = marks.memberStart[p]!; k < marks.memberStart[p + 1]!; k++) out.push(...counts.visibleMembers(marks.members[k]!));
  return out.sort((a, b) => a - b);
}
