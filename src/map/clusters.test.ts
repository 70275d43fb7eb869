import { describe, expect, it } from 'vitest';
import { GroupCounts, buildRenderData } from './claim-features';
import {
  CLUSTER_MAX_ZOOM,
  CLUSTER_MIN_POINTS,
  CLUSTER_RADIUS,
  ClusterCounts,
  buildClusters,
  clusterClaims,
  clusterCollection,
  bandRanges,
  clusterLabelsInView,
  clustersOfClaim,
  countLabel,
  expansionZoom,
  labelSize,
  shouldCluster,
} from './clusters';
import { bundleOf, claimWith, point, type MarkSpec } from './test-fixtures/claims';
import type { Claim } from '../domain/types';
import Supercluster from 'supercluster';

/** `count` distinct places on a small grid around (lon, lat), `step` degrees apart. */
function placesAround(prefix: string, lon: number, lat: number, count: number, step: number): MarkSpec[] {
  const side = Math.ceil(Math.sqrt(count));
  return Array.from({ length: count }, (_, i) => point(`${prefix}-${i}`, lon + (i % side) * step, lat + Math.floor(i / side) * step));
}

/** 60 places around Paris, 60 around Tokyo, one in Honolulu; two claims per place; a claim with two
 *  Paris cities; and two kinds at one Lima spot. */
function corpus(): Claim[] {
  const paris = placesAround('paris', 2, 48, 60, 0.4);
  const tokyo = placesAround('tokyo', 139, 35, 60, 0.4);
  const claims: Claim[] = [];
  for (const p of [...paris, ...tokyo, point('honolulu', -157.8, 21.3)]) {
    claims.push(claimWith(`${p.placeIds[0]}-a`, [p]), claimWith(`${p.placeIds[0]}-b`, [p]));
  }
  claims.push(claimWith('two-paris-cities', [paris[0]!, paris[59]!]));
  const lima = point('lima', -77, -12);
  claims.push(claimWith('lima-statement', [lima]), claimWith('lima-threat', [lima], { kind: 'threat' }));
  return claims;
}

function setup(claims = corpus()) {
  const data = buildRenderData(bundleOf(claims));
  const index = buildClusters(data.groups);
  const counts = new GroupCounts(data.groups);
  const clusterCounts = new ClusterCounts(index, data.groups, counts.visible);
  const idOf = (i: number) => claims[i]!.id;
  const groupOfPlace = (placeId: string) => {
    const i = claims.findIndex((c) => c.geometry.features[0]!.properties.placeIds[0] === placeId);
    return data.groups.claimGroups[data.groups.claimStart[i]!]!;
  };
  return { claims, data, index, counts, clusterCounts, idOf, groupOfPlace };
}

describe('the density rule', () => {
  it('clusters only from CLUSTER_MIN_POINTS distinct point marks on', () => {
    const few = placesAround('p', 0, 0, CLUSTER_MIN_POINTS - 1, 1).map((p, i) => claimWith(`c${i}`, [p]));
    // Many claims at few places are few marks: still no clusters.
    const repeated = Array.from({ length: 500 }, (_, i) => claimWith(`r${i}`, [point(`p${i % 10}`, i % 10, 0)]));
    expect(shouldCluster(buildRenderData(bundleOf(few)).groups)).toBe(false);
    expect(shouldCluster(buildRenderData(bundleOf(repeated)).groups)).toBe(false);
    const enough = [...few, claimWith('one-more', [point('far', 100, 10)])];
    expect(shouldCluster(buildRenderData(bundleOf(enough)).groups)).toBe(true);
  });
});

describe('buildClusters', () => {
  it('puts every point mark in exactly one cluster per zoom below the zoom it stands alone from', () => {
    const { data, index } = setup();
    const G = data.groups.count;
    for (let z = 0; z <= CLUSTER_MAX_ZOOM; z++) {
      for (let g = 0; g < G; g++) {
        const c = index.clusterOf[z * G + g]!;
        if (z >= index.z0[g]!) expect(c).toBe(-1);
        else {
          expect(c).toBeGreaterThanOrEqual(0);
          expect(index.band[c]).toBe(z);
          expect([...index.members.subarray(index.memberStart[c]!, index.memberStart[c + 1]!)]).toContain(g);
        }
      }
    }
  });

  it("lists each cluster's members as supercluster's leaves, in its order, at every zoom", () => {
    // Hubs of different spreads, so clusters form at several zooms and nest several levels deep.
    const places = [
      ...placesAround('a', 2, 48, 150, 0.05),
      ...placesAround('b', 10, 50, 120, 0.6),
      ...placesAround('c', 139, 35, 90, 2.5),
      ...placesAround('d', -70, -20, 60, 0.01),
    ];
    const claims = places.map((p, i) => claimWith(`c${i}`, [p]));
    const { data, index } = setup(claims);
    const G = data.groups.count;
    // The reference: supercluster, same options, asked for every cluster's leaves at every zoom.
    const sc = new Supercluster<{ g: number }>({ minZoom: 0, maxZoom: CLUSTER_MAX_ZOOM, radius: CLUSTER_RADIUS, extent: 512 });
    const points = [];
    for (let g = 0; g < G; g++) {
      points.push({ type: 'Feature' as const, properties: { g }, geometry: { type: 'Point' as const, coordinates: [data.groups.position[g * 2]!, data.groups.position[g * 2 + 1]!] } });
    }
    sc.load(points);
    const expected: number[][] = [];
    for (let z = CLUSTER_MAX_ZOOM; z >= 0; z--) {
      for (const f of sc.getClusters([-180, -90, 180, 90], z)) {
        const props = f.properties as { cluster?: boolean; cluster_id?: number };
        if (props.cluster) expected.push(sc.getLeaves(props.cluster_id!, Infinity).map((leaf) => leaf.properties.g));
      }
    }
    const actual = Array.from({ length: index.count }, (_, c) => [...index.members.subarray(index.memberStart[c]!, index.memberStart[c + 1]!)]);
    expect(new Set(index.band).size).toBeGreaterThan(3);
    expect(actual).toEqual(expected);
  });

  it('at world zoom holds Paris and Tokyo in one cluster each and leaves Honolulu alone', () => {
    const { index, counts, clusterCounts, groupOfPlace, data } = setup();
    const G = data.groups.count;
    const paris = index.clusterOf[groupOfPlace('paris-0')]!;
    const tokyo = index.clusterOf[groupOfPlace('tokyo-0')]!;
    expect(paris).toBeGreaterThanOrEqual(0);
    expect(tokyo).not.toBe(paris);
    for (let i = 1; i < 60; i++) expect(index.clusterOf[groupOfPlace(`paris-${i}`)]).toBe(paris);
    expect(index.z0[groupOfPlace('honolulu')]).toBe(0);
    // 120 Paris claims + the claim with two Paris cities, counted once.
    expect(clusterCounts.n[paris]).toBe(121);
    expect(clusterClaims(index, counts, paris)).toHaveLength(121);
    // Zooming in splits Paris: more marks (clusters and lone points) at each step, 60 points at the end.
    const parisMarksAt = (z: number) => {
      const at = Array.from({ length: 60 }, (_, i) => index.clusterOf[z * G + groupOfPlace(`paris-${i}`)]!);
      return new Set(at.filter((c) => c >= 0)).size + at.filter((c) => c < 0).length;
    };
    const marks = Array.from({ length: CLUSTER_MAX_ZOOM + 2 }, (_, z) => (z > CLUSTER_MAX_ZOOM ? 60 : parisMarksAt(z)));
    expect(marks[0]).toBe(1);
    for (let z = 1; z < marks.length; z++) expect(marks[z]).toBeGreaterThanOrEqual(marks[z - 1]!);
    expect(marks[marks.length - 1]).toBe(60);
  });

  it('writes counts as short labels', () => {
    expect([7, 999, 1000, 1234, 9999, 12345].map(countLabel)).toEqual(['7', '999', '1k', '1.2k', '9.9k', '12k']);
  });
});

describe('ClusterCounts', () => {
  it('follows the claims whose visibility flipped, touching only the clusters that hold them', () => {
    const { claims, index, counts, clusterCounts, data } = setup();
    const before = Int32Array.from(clusterCounts.n);
    // Hide both Paris-0 claims and the claim with two Paris cities.
    const hide = new Set(['paris-0-a', 'paris-0-b', 'two-paris-cities']);
    const mask = Uint8Array.from(claims.map((c) => (hide.has(c.id) ? 0 : 1)));
    const { flipped } = counts.apply(mask);
    const changed = clusterCounts.apply(flipped, counts.visible);
    const expected = new Set(flipped.flatMap((i) => clustersOfClaim(index, data.groups, i)));
    expect(new Set(changed)).toEqual(expected);
    for (let c = 0; c < index.count; c++) {
      const drop = flipped.filter((i) => clustersOfClaim(index, data.groups, i).includes(c)).length;
      expect(clusterCounts.n[c]).toBe(before[c]! - drop);
      expect(clusterCounts.n[c]).toBe(clusterClaims(index, counts, c).length);
    }
    // And back.
    const { flipped: back } = counts.apply(new Uint8Array(claims.length).fill(1));
    clusterCounts.apply(back, counts.visible);
    expect([...clusterCounts.n]).toEqual([...before]);
  });

  it('holds only the low bands for the world view, each with its count of now', () => {
    const { claims, index, counts, clusterCounts } = setup();
    const maxBand = 2;
    const low = [...Array(index.count).keys()].filter((c) => index.band[c]! <= maxBand);
    expect(low.length).toBeGreaterThan(0);
    expect(low.length).toBeLessThan(index.count);
    const world = clusterCollection(index, clusterCounts.n, maxBand);
    expect(world.features.map((f) => f.id)).toEqual(low);
    expect(clusterCollection(index, clusterCounts.n).features).toHaveLength(index.count);
    const hide = new Set(['paris-0-a', 'paris-0-b', 'two-paris-cities', 'lima-threat']);
    const { flipped } = counts.apply(Uint8Array.from(claims.map((c) => (hide.has(c.id) ? 0 : 1))));
    clusterCounts.apply(flipped, counts.visible);
    for (const f of clusterCollection(index, clusterCounts.n).features) expect(f.properties.count).toBe(clusterCounts.n[f.id as number]);
  });
});

describe('cluster labels', () => {
  /** The whole world in view, on a plain lon/lat "canvas" (x = lon, y = -lat). */
  const world = { west: -180, south: -90, east: 180, north: 90, project: (lon: number, lat: number) => ({ x: lon, y: -lat }) };

  it('finds the clusters of each band between its bounds, and nothing else', () => {
    const { index } = setup();
    const ranges = bandRanges(index);
    let total = 0;
    for (let z = 0; z <= index.maxZoom; z++) {
      for (let c = ranges.from[z]!; c < ranges.to[z]!; c++) expect(index.band[c]).toBe(z);
      total += ranges.to[z]! - ranges.from[z]!;
    }
    expect(total).toBe(index.count);
  });

  it('writes one number per cluster of the band that holds a visible claim, with its count of now, where the disc is', () => {
    const { claims, index, counts, clusterCounts } = setup();
    const ranges = bandRanges(index);
    const band = 1;
    const inBand = [...Array(index.count).keys()].filter((c) => index.band[c] === band);
    expect(inBand.length).toBeGreaterThan(1);
    const before = clusterLabelsInView(index, ranges, clusterCounts.n, band, world);
    expect(before.map((l) => l.c)).toEqual(inBand);
    for (const l of before) {
      expect(l.n).toBe(clusterCounts.n[l.c]);
      expect([l.x, -l.y]).toEqual([index.position[l.c * 2], index.position[l.c * 2 + 1]]);
    }
    // Hide every Tokyo claim: its cluster's number goes (its disc is drawn transparent), the others count on.
    const { flipped } = counts.apply(Uint8Array.from(claims.map((c) => (c.id.startsWith('tokyo') ? 0 : 1))));
    const changed = new Set(clusterCounts.apply(flipped, counts.visible));
    const after = clusterLabelsInView(index, ranges, clusterCounts.n, band, world);
    const gone = inBand.filter((c) => clusterCounts.n[c] === 0);
    expect(gone.length).toBeGreaterThan(0);
    for (const c of gone) expect(changed.has(c)).toBe(true);
    expect(after.map((l) => l.c)).toEqual(inBand.filter((c) => clusterCounts.n[c]! > 0));
    for (const l of after) expect(l.n).toBe(clusterCounts.n[l.c]);
  });

  it('writes none for a cluster out of view, and none past the last band', () => {
    const { index, clusterCounts } = setup();
    const ranges = bandRanges(index);
    // Only Europe in view: the Paris clusters, not Tokyo's or Honolulu's.
    const europe = { ...world, west: -10, south: 35, east: 30, north: 60 };
    const labels = clusterLabelsInView(index, ranges, clusterCounts.n, 1, europe);
    expect(labels.length).toBeGreaterThan(0);
    for (const l of labels) expect(index.position[l.c * 2]).toBeGreaterThan(-10);
    expect(labels.length).toBeLessThan(clusterLabelsInView(index, ranges, clusterCounts.n, 1, world).length);
    expect(clusterLabelsInView(index, ranges, clusterCounts.n, index.maxZoom + 1, world)).toEqual([]);
  });

  it('sizes the text from 10.5 px for one claim to 12 px from a thousand', () => {
    expect(labelSize(1)).toBe(10.5);
    expect(labelSize(1000)).toBe(12);
    expect(labelSize(50000)).toBe(12);
    expect(labelSize(500)).toBeGreaterThan(11);
    expect(labelSize(500)).toBeLessThan(12);
  });
});

describe('expansionZoom', () => {
  it('is the first zoom at which the visible marks of a cluster are not all in one cluster', () => {
    const { index, counts, data, groupOfPlace } = setup();
    const G = data.groups.count;
    const paris = index.clusterOf[groupOfPlace('paris-0')]!;
    const z = expansionZoom(index, data.groups, counts.n, paris)!;
    expect(z).toBeGreaterThan(0);
    const live = [...index.members.subarray(index.memberStart[paris]!, index.memberStart[paris + 1]!)];
    const at = (zz: number) => new Set(live.map((g) => index.clusterOf[zz * G + g]));
    expect(at(z - 1).size).toBe(1);
    expect(z > CLUSTER_MAX_ZOOM || at(z).size > 1 || at(z).has(-1)).toBe(true);
  });

  it('is null for marks at one spot (two kinds in one city): only a list can split them', () => {
    const lima = point('lima', -77, -12);
    const claims = [
      ...placesAround('p', 0, 0, CLUSTER_MIN_POINTS, 3).map((p, i) => claimWith(`c${i}`, [p])),
      claimWith('lima-statement', [lima]),
      claimWith('lima-threat', [lima], { kind: 'threat' }),
    ];
    const { index, counts, data, groupOfPlace } = setup(claims);
    const c = index.clusterOf[groupOfPlace('lima')]!;
    expect(c).toBeGreaterThanOrEqual(0);
    expect(clusterClaims(index, counts, c).map((i) => claims[i]!.id)).toEqual(['lima-statement', 'lima-threat']);
    expect(expansionZoom(index, data.groups, counts.n, c)).toBeNull();
  });
});
