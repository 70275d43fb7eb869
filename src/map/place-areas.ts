/**
 * Areas by place at low zoom. A place reported with several kinds or stances draws one area mark per
 * (kind, stance) — the same polygon filled over itself, each fill blending into the one below. In a dense
 * bundle, below DENSE_AREA_OUTLINE_ZOOM (map-style.ts; where its area outlines start), the map draws ONE area per place instead, standing for every claim about
 * it: coloured by its kind when all its claims share one, else a neutral ink (as flow aggregates are),
 * hatched when every one of them is denied or disputed. From that zoom on each (kind, stance) mark is
 * drawn again, outlined, as in a sparse bundle.
 *
 * Why: at 100k claims the area marks of a world view filled 577 million km² for 142 million km² of distinct
 * polygons (each country drawn ~4×), and with a software GPU a fill costs by the pixels it covers: the
 * areas were the biggest part of a world-view frame once the small flow routes were folded.
 *
 * A place area's feature id is `base + p` in the claims source; `n` (visible claims) and `hidden` are
 * feature-state, summed from its groups' counts: a claim has one kind and one stance, so it is in exactly one
 * of a place's groups and is never counted twice.
 */
import type { Feature, Geometry } from 'geojson';
import { MARK_CODES, type GroupCounts, type RenderData, type RenderProps } from './claim-features';
import { MIXED_KINDS } from './flow-aggregates';

const AREA = MARK_CODES.indexOf('area');

export interface PlaceAreas {
  /** Number of place areas. */
  count: number;
  /** Feature id of place area p: `base + p` (after the groups' marks and arrowheads). */
  base: number;
  /** Area groups per place area: `members[memberStart[p] .. memberStart[p + 1])`. */
  memberStart: Int32Array;
  members: Int32Array;
  /** Per group: its place area, or -1 (not an area). */
  areaOf: Int32Array;
}

export interface PlaceAreaProps extends RenderProps {
  /** Marks the feature as a place area (the layers' filter tells them from the groups' areas by it). */
  place: 1;
}

export function buildPlaceAreas(render: RenderData): PlaceAreas {
  const { groups } = render;
  const G = groups.count;
  const areaOf = new Int32Array(G).fill(-1);
  const byPlace = new Map<number, number>();
  const lists: number[][] = [];
  for (let g = 0; g < G; g++) {
    if (groups.mark[g] !== AREA || groups.place[g]! < 0) continue;
    let p = byPlace.get(groups.place[g]!);
    if (p === undefined) {
      p = lists.length;
      byPlace.set(groups.place[g]!, p);
      lists.push([]);
    }
    lists[p]!.push(g);
    areaOf[g] = p;
  }
  const memberStart = new Int32Array(lists.length + 1);
  for (let p = 0; p < lists.length; p++) memberStart[p + 1] = memberStart[p]! + lists[p]!.length;
  const members = new Int32Array(memberStart[lists.length]!);
  lists.forEach((list, p) => members.set(list, memberStart[p]!));
  return { count: lists.length, base: render.arrowBase + G, memberStart, members, areaOf };
}

/** One feature per place area, drawn with its first group's polygon. */
export function placeAreaFeatures(areas: PlaceAreas, render: RenderData): Feature<Geometry, PlaceAreaProps>[] {
  const features = render.collection.features;
  const out: Feature<Geometry, PlaceAreaProps>[] = [];
  for (let p = 0; p < areas.count; p++) {
    const first = features[areas.members[areas.memberStart[p]!]!]!;
    let kind = first.properties.kind;
    let contested = true;
    let total = 0;
    for (let k = areas.memberStart[p]!; k < areas.memberStart[p + 1]!; k++) {
      const props = features[areas.members[k]!]!.properties;
      if (props.kind !== kind) kind = MIXED_KINDS;
      if (props.stance === 'asserted') contested = false;
      total += props.total;
    }
    out.push({
      type: 'Feature',
      id: areas.base + p,
      geometry: first.geometry,
      properties: { ...first.properties, kind, stance: contested ? first.properties.stance : 'asserted', total, place: 1 },
    });
  }
  return out;
}

/** Visible claims per place area, kept in step with `GroupCounts.n`. */
export class PlaceAreaCounts {
  readonly n: Int32Array;

  constructor(
    private readonly areas: PlaceAreas,
    private readonly counts: GroupCounts,
  ) {
    this.n = new Int32Array(areas.count);
    for (let p = 0; p < areas.count; p++) this.n[p] = this.sum(p);
  }

  private sum(p: number): number {
    let n = 0;
    for (let k = this.areas.memberStart[p]!; k < this.areas.memberStart[p + 1]!; k++) n += this.counts.n[this.areas.members[k]!]!;
    return n;
  }

  /** Recounts the place areas of groups whose count changed; returns those whose count changed, each once. */
  apply(changedGroups: readonly number[]): number[] {
    const out: number[] = [];
    for (const g of changedGroups) {
      const p = this.areas.areaOf[g]!;
      if (p < 0) continue;
      const n = this.sum(p);
      if (n === this.n[p]) continue;
      this.n[p] = n;
      out.push(p);
    }
    return out;
  }
}

/** Visible claims of place area p, in claim order. */
export function placeAreaClaims(areas: PlaceAreas, counts: GroupCounts, p: number): number[] {
  const out: number[] = [];
  for (let k = areas.memberStart[p]!; k < areas.memberStart[p + 1]!; k++) out.push(...counts.visibleMembers(areas.members[k]!));
  return out.sort((a, b) => a - b);
}
