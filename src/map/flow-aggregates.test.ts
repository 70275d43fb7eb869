import { describe, expect, it } from 'vitest';
import { createPropertyExpression, featureFilter, latest, type StylePropertySpecification } from '@maplibre/maplibre-gl-style-spec';
import type { FilterSpecification } from 'maplibre-gl';
import type { Claim } from '../domain/types';
import { arcBetween } from '../domain/arcs';
import { GroupCounts, MAX_ARC_VERTICES, buildRenderData, screenBearing } from './claim-features';
import {
  AGGREGATE_MAX_ZOOM,
  AGGREGATE_MIN_FLOWS,
  AggregateCounts,
  MIXED_KINDS,
  aggregateArc,
  aggregateClaims,
  aggregateCollection,
  aggregateSplit,
  aggregatesOfClaim,
  bandDrawnAt,
  bandsForZoom,
  buildFlowAggregates,
  flowFoldingOf,
  routeBudget,
  shouldAggregate,
} from './flow-aggregates';
import { flowAggregateLayers, flowOnItsOwn } from './map-style';
import { bundleOf, claimWith, flow, type MarkSpec } from './test-fixtures/claims';

/** `count` places on a small grid around (lon, lat), `step` degrees apart. */
function grid(lon: number, lat: number, count: number, step: number): [number, number][] {
  const side = Math.ceil(Math.sqrt(count));
  return Array.from({ length: count }, (_, i) => [lon + (i % side) * step, lat + Math.floor(i / side) * step]);
}

const PARIS = grid(2, 48, 40, 0.4);
const TOKYO = grid(139, 35, 40, 0.4);

function arc(from: string, a: [number, number], to: string, b: [number, number]): MarkSpec {
  return flow(from, to, [a, [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2 + 5], b]);
}

const people = (value: number): Claim['magnitude'] => ({ value, unit: 'troops', approximate: false });

/**
 * 80 routes Paris-area → Tokyo-area and 20 back (100 distinct arcs), each reported by one or two claims;
 * 10 flows inside the Paris area; a lone Honolulu → Lima route; a claim with two arcs in the Paris → Tokyo
 * aggregate; and two kinds along one Cairo → Delhi route.
 */
function corpus(): Claim[] {
  const claims: Claim[] = [];
  for (let i = 0; i < 80; i++) {
    const t = (i * 7 + Math.floor(i / 40)) % 40;
    const r = arc(`paris-${i % 40}`, PARIS[i % 40]!, `tokyo-${t}`, TOKYO[t]!);
    claims.push(claimWith(`pt-${i}`, [r], { kind: 'movement', magnitude: people(100 + i) }));
    if (i % 3 === 0) claims.push(claimWith(`pt-${i}-again`, [r], { kind: 'movement', magnitude: people(7) }));
  }
  for (let i = 0; i < 20; i++) {
    const r = arc(`tokyo-${i}`, TOKYO[i]!, `paris-${i}`, PARIS[i]!);
    claims.push(claimWith(`tp-${i}`, [r], { kind: i % 2 ? 'withdrawal' : 'movement', magnitude: people(300) }));
  }
  for (let i = 0; i < 10; i++) claims.push(claimWith(`pp-${i}`, [arc(`paris-${i}`, PARIS[i]!, `paris-${i + 20}`, PARIS[i + 20]!)]));
  claims.push(claimWith('hon-lima', [arc('honolulu', [-157.8, 21.3], 'lima', [-77, -12])], { magnitude: people(50) }));
  claims.push(
    claimWith('two-arcs', [arc('paris-1', PARIS[1]!, 'tokyo-2', TOKYO[2]!), arc('paris-3', PARIS[3]!, 'tokyo-4', TOKYO[4]!)], {
      kind: 'movement',
      magnitude: people(5000),
    }),
  );
  const cairo: [number, number] = [31.2, 30];
  const delhi: [number, number] = [77.2, 28.6];
  claims.push(claimWith('cairo-delhi-move', [arc('cairo', cairo, 'delhi', delhi)], { kind: 'movement' }));
  claims.push(claimWith('cairo-delhi-aid', [arc('cairo', cairo, 'delhi', delhi)], { kind: 'assistance' }));
  claims.push(claimWith('giza-agra', [arc('giza', [31.1, 30.0], 'agra', [78, 27.2])], { kind: 'movement' }));
  return claims;
}

function setup(claims = corpus(), routesPerView?: number) {
  const render = buildRenderData(bundleOf(claims));
  const aggs = buildFlowAggregates(render, routesPerView === undefined ? {} : { routesPerView });
  const counts = new GroupCounts(render.groups);
  const aggCounts = new AggregateCounts(aggs, render, counts.visible);
  const G = render.groups.count;
  const index = (id: string) => claims.findIndex((c) => c.id === id);
  const groupOf = (id: string) => render.groups.claimGroups[render.groups.claimStart[index(id)]!]!;
  return { claims, render, aggs, counts, aggCounts, G, index, groupOf };
}

/** Brute force, from the claims: visible claims and their summed magnitude per aggregate. */
function recount(s: ReturnType<typeof setup>, visible: Uint8Array) {
  const n = new Int32Array(s.aggs.count);
  const sum = new Float64Array(s.aggs.count);
  s.claims.forEach((_, i) => {
    if (!visible[i]) return;
    for (const a of new Set(aggregatesOfClaim(s.aggs, s.render, i))) {
      n[a]!++;
      sum[a]! += s.render.groups.magnitude[i]!;
    }
  });
  return { n, sum };
}

/** A deterministic pseudo-random mask (mulberry32). */
function maskOf(length: number, seed: number, share: number): Uint8Array {
  let t = seed >>> 0;
  const next = () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r ^= r + Math.imul(r ^ (r >>> 7), 61 | r);
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
  return Uint8Array.from({ length }, () => (next() < share ? 1 : 0));
}

describe('the density rule', () => {
  it('aggregates only from AGGREGATE_MIN_FLOWS distinct arcs on (one article draws every arc as it is)', () => {
    const routes = (count: number) =>
      Array.from({ length: count }, (_, i) => claimWith(`f${i}`, [arc(`a${i}`, [i, 0], `b${i}`, [i, 30])]));
    expect(shouldAggregate(buildRenderData(bundleOf(routes(AGGREGATE_MIN_FLOWS - 1))))).toBe(false);
    // Many claims along few routes are few arcs.
    const repeated = Array.from({ length: 500 }, (_, i) => claimWith(`r${i}`, [arc(`a${i % 5}`, [i % 5, 0], 'b', [50, 50])]));
    expect(shouldAggregate(buildRenderData(bundleOf(repeated)))).toBe(false);
    expect(shouldAggregate(buildRenderData(bundleOf(routes(AGGREGATE_MIN_FLOWS))))).toBe(true);
  });
});

describe('buildFlowAggregates', () => {
  it('at world zoom draws the 80 Paris → Tokyo routes as one arc and the 20 back as another, from cluster to cluster', () => {
    const s = setup();
    const there = s.aggs.aggOf[s.groupOf('pt-0')]!;
    const back = s.aggs.aggOf[s.groupOf('tp-0')]!;
    expect(there).toBeGreaterThanOrEqual(0);
    expect(back).toBeGreaterThanOrEqual(0);
    expect(back).not.toBe(there);
    for (let i = 0; i < 80; i++) expect(s.aggs.aggOf[s.groupOf(`pt-${i}`)]).toBe(there);
    for (let i = 0; i < 20; i++) expect(s.aggs.aggOf[s.groupOf(`tp-${i}`)]).toBe(back);
    // Its ends are near Paris and Tokyo, not at either's first place.
    const [ox, oy, dx, dy] = s.aggs.ends.subarray(there * 4, there * 4 + 4);
    expect(Math.abs(ox! - 3.2)).toBeLessThan(1.5);
    expect(Math.abs(oy! - 49.2)).toBeLessThan(1.5);
    expect(Math.abs(dx! - 140.2)).toBeLessThan(1.5);
    expect(Math.abs(dy! - 36.2)).toBeLessThan(1.5);
    expect(s.aggs.kind[there]).toBe('movement');
    expect(s.aggs.kind[back]).toBe(MIXED_KINDS);
  });

  it('puts every arc at every band in exactly one place: its own arc, or one aggregate (a loop when both ends are in one cluster)', () => {
    const s = setup();
    const flows = [...Array(s.G).keys()].filter((g) => s.render.groups.mark[g] === 0);
    expect(flows.length).toBeGreaterThanOrEqual(AGGREGATE_MIN_FLOWS);
    const { nodeOf, places, endPlace } = s.aggs;
    for (let z = 0; z <= AGGREGATE_MAX_ZOOM; z++) {
      for (const g of flows) {
        const own = ((s.aggs.own[g]! >> z) & 1) === 1;
        const a = s.aggs.aggOf[z * s.G + g]!;
        const o = nodeOf[z * places + endPlace[g * 2]!]!;
        const d = nodeOf[z * places + endPlace[g * 2 + 1]!]!;
        if (o < 0 && d < 0) expect([own, a], `arc ${g} at ${z}: both ends alone`).toEqual([true, -1]);
        else {
          expect(own).toBe(false);
          expect([...s.aggs.members.subarray(s.aggs.memberStart[a]!, s.aggs.memberStart[a + 1]!)]).toContain(g);
          expect(s.aggs.band[a]).toBe(z);
          expect(s.aggs.loop[a], `arc ${g} at ${z}: a loop exactly when both ends are in one cluster`).toBe(o === d ? 1 : 0);
        }
      }
    }
    // The lone Honolulu → Lima route is its own arc at every zoom; the ten flows inside Paris are one loop at world zoom.
    expect(s.aggs.own[s.groupOf('hon-lima')]).toBe(0xff);
    expect(s.aggs.own[s.groupOf('pp-0')]! & 1).toBe(0);
    const loop = s.aggs.aggOf[s.groupOf('pp-0')]!;
    expect(s.aggs.loop[loop]).toBe(1);
    expect(s.aggCounts.n[loop]).toBe(10);
    const fc = aggregateCollection(s.aggs, (i) => s.claims[i]!.id, 0, 0);
    expect(fc.features.find((f) => f.id === loop)?.geometry.type).toBe('Point');
    expect(fc.features.some((f) => f.id === s.aggs.count + loop)).toBe(false);
  });

  it('splits as the zoom grows: arcs together at one band are together at every band below', () => {
    const s = setup();
    const flows = [...Array(s.G).keys()].filter((g) => s.render.groups.mark[g] === 0);
    const marksAt = (z: number) => {
      const aggs = new Set(flows.map((g) => s.aggs.aggOf[z * s.G + g]!).filter((a) => a >= 0));
      return aggs.size + flows.filter((g) => (s.aggs.own[g]! >> z) & 1).length;
    };
    const perBand = Array.from({ length: AGGREGATE_MAX_ZOOM + 1 }, (_, z) => marksAt(z));
    expect(perBand[0]).toBeLessThan(10);
    for (let z = 1; z < perBand.length; z++) expect(perBand[z]).toBeGreaterThanOrEqual(perBand[z - 1]!);
    expect(perBand[AGGREGATE_MAX_ZOOM]).toBeGreaterThan(perBand[0]! * 5);
    for (let z = 1; z <= AGGREGATE_MAX_ZOOM; z++) {
      for (const g of flows) {
        for (const h of flows) {
          const a = s.aggs.aggOf[z * s.G + g]!;
          if (a >= 0 && a === s.aggs.aggOf[z * s.G + h]) expect(s.aggs.aggOf[(z - 1) * s.G + g]).toBe(s.aggs.aggOf[(z - 1) * s.G + h]);
        }
      }
    }
  });
});

describe('small routes fold into the ring where they start', () => {
  const members = (aggs: ReturnType<typeof setup>['aggs'], a: number) => [...aggs.members.subarray(aggs.memberStart[a]!, aggs.memberStart[a + 1]!)].sort((x, y) => x - y);

  it('draws at most the budget of routes per band, the biggest, and folds every smaller one into a ring at its origin', () => {
    const whole = setup(corpus(), Infinity);
    const s = setup(corpus(), 1);
    const flows = [...Array(s.G).keys()].filter((g) => s.render.groups.mark[g] === 0);
    let foldedSomewhere = 0;
    for (let z = 0; z <= AGGREGATE_MAX_ZOOM; z++) {
      const routes = [...whole.aggs.band.keys()].filter((a) => whole.aggs.band[a] === z && !whole.aggs.loop[a]);
      const t = s.aggs.minClaims[z]!;
      const kept = routes.filter((a) => whole.aggs.total[a]! >= t);
      expect(kept.length, `band ${z}: within the budget`).toBeLessThanOrEqual(routeBudget(z, 1));
      expect(s.aggs.drawnRoutes[z]).toBe(kept.length);
      expect(s.aggs.foldedRoutes[z]).toBe(routes.length - kept.length);
      // The threshold is the lowest that keeps within the budget: one claim fewer would draw too many.
      if (t > 1) expect(routes.filter((a) => whole.aggs.total[a]! >= t - 1).length).toBeGreaterThan(routeBudget(z, 1));
      foldedSomewhere += s.aggs.foldedRoutes[z]!;
      for (const g of flows) {
        const was = whole.aggs.aggOf[z * s.G + g]!;
        const now = s.aggs.aggOf[z * s.G + g]!;
        if (was < 0) {
          expect(now, `arc ${g} at ${z}: still its own`).toBe(-1);
          continue;
        }
        expect(now).toBeGreaterThanOrEqual(0);
        const route = (aggs: typeof s.aggs, a: number) => [...aggs.ends.subarray(a * 4, a * 4 + 4)];
        if (whole.aggs.loop[was] || whole.aggs.total[was]! >= t) {
          // A route drawn (or a ring) holds at least what it held unfolded, at the same ends.
          expect(route(s.aggs, now)).toEqual(route(whole.aggs, was));
          expect(members(s.aggs, now)).toEqual(expect.arrayContaining(members(whole.aggs, was)));
        } else {
          // A folded route is in the ring at its origin.
          const [ox, oy] = route(whole.aggs, was);
          expect(s.aggs.loop[now], `arc ${g} at ${z}: in a ring`).toBe(1);
          expect(route(s.aggs, now)).toEqual([ox, oy, ox, oy]);
          expect(s.aggs.folded[now]).toBeGreaterThan(0);
        }
      }
    }
    expect(foldedSomewhere, 'the corpus folds something at a budget of 1').toBeGreaterThan(0);
    expect(flowFoldingOf(s.aggs)?.folded).toEqual([...s.aggs.foldedRoutes]);
    // The default budget folds nothing in this small corpus, and then the map says nothing.
    expect(flowFoldingOf(setup().aggs)).toBeNull();
  });

  it('still counts every visible claim once per aggregate, rings included, and sizes arcs against the biggest route only', () => {
    // 120 more flows inside the Paris area: its ring outgrows every route.
    const inParis = Array.from({ length: 120 }, (_, i) => claimWith(`pp-more-${i}`, [arc(`paris-${i % 20}`, PARIS[i % 20]!, `paris-${20 + (i % 20)}`, PARIS[20 + (i % 20)]!)]));
    const s = setup([...corpus(), ...inParis], 1);
    const ring = s.aggs.aggOf[s.groupOf('pp-more-0')]!;
    expect(s.aggs.loop[ring]).toBe(1);
    expect(s.aggs.total[ring]).toBeGreaterThan(s.aggs.total[s.aggs.aggOf[s.groupOf('pt-0')]!]!);
    const mask = maskOf(s.claims.length, 7, 0.6);
    const { flipped } = s.counts.apply(mask);
    s.aggCounts.apply(flipped, s.counts.visible);
    const brute = recount(s, s.counts.visible);
    expect([...s.aggCounts.n]).toEqual([...brute.n]);
    for (let z = 0; z <= AGGREGATE_MAX_ZOOM; z++) {
      const arcs = [...s.aggs.band.keys()].filter((a) => s.aggs.band[a] === z && !s.aggs.loop[a]);
      expect(s.aggs.bandMaxTotal[z]).toBe(Math.max(0, ...arcs.map((a) => s.aggs.total[a]!)));
    }
  });

  it('zooms a click on a ring towards the ring, however far its folded routes go', () => {
    const s = setup(corpus(), 1);
    const rings = [...s.aggs.band.keys()].filter((a) => s.aggs.folded[a]! > 0);
    expect(rings.length).toBeGreaterThan(0);
    for (const a of rings) {
      const split = aggregateSplit(s.aggs, s.render, s.counts.n, a);
      if (!split) continue;
      const [x, y] = [s.aggs.ends[a * 4]!, s.aggs.ends[a * 4 + 1]!];
      const [w, south, e, n] = split.side;
      // The origin side: the ring's own places, a cluster's radius around it at most.
      expect(Math.max(Math.abs((w + e) / 2 - x), Math.abs((south + n) / 2 - y)), `ring ${a}`).toBeLessThan(30);
    }
  });
});

describe('AggregateCounts', () => {
  it('counts each claim once per aggregate (a claim with two arcs in one), its magnitude once', () => {
    const s = setup();
    const i = s.index('two-arcs');
    const there = s.aggs.aggOf[s.groupOf('pt-0')]!;
    expect(aggregatesOfClaim(s.aggs, s.render, i).filter((a) => s.aggs.band[a] === 0)).toEqual([there]);
    const all = recount(s, s.counts.visible);
    expect([...s.aggCounts.n]).toEqual([...all.n]);
    expect([...s.aggCounts.n]).toEqual([...s.aggs.total]);
    // 80 + 27 claims along the routes, plus the two-arc claim.
    expect(s.aggCounts.n[there]).toBe(108);
    const magnitude = Array.from({ length: 80 }, (_, k) => 100 + k).reduce((x, y) => x + y, 0) + 27 * 7 + 5000;
    expect(s.aggCounts.sum[there]).toBe(magnitude);
  });

  it('after window changes equals a brute-force recount, touching only the aggregates of the claims that flipped', () => {
    const s = setup();
    let previous = Int32Array.from(s.aggCounts.n);
    for (const [seed, share] of [
      [1, 0.5],
      [2, 0.1],
      [3, 0.9],
      [4, 0],
      [5, 1],
    ] as const) {
      const mask = maskOf(s.claims.length, seed, share);
      const { flipped } = s.counts.apply(mask);
      const changed = s.aggCounts.apply(flipped, s.counts.visible);
      const expected = recount(s, mask);
      expect([...s.aggCounts.n]).toEqual([...expected.n]);
      for (let a = 0; a < s.aggs.count; a++) expect(s.aggCounts.sum[a]).toBeCloseTo(expected.sum[a]!, 6);
      // Every aggregate whose count moved is reported; nothing outside the flipped claims' aggregates is.
      const moved = [...Array(s.aggs.count).keys()].filter((a) => expected.n[a] !== previous[a]);
      for (const a of moved) expect(changed).toContain(a);
      const touched = new Set(flipped.flatMap((i) => aggregatesOfClaim(s.aggs, s.render, i)));
      expect(new Set(changed)).toEqual(touched);
      expect(changed.length).toBe(new Set(changed).size);
      for (let a = 0; a < s.aggs.count; a++) expect(aggregateClaims(s.aggs, s.render, s.counts.visible, a)).toHaveLength(expected.n[a]!);
      previous = Int32Array.from(expected.n);
    }
  });

  it('an aggregate whose claims are all hidden is not drawn: hidden, width 0 (not opacity 0)', () => {
    const s = setup();
    const back = s.aggs.aggOf[s.groupOf('tp-0')]!;
    const mask = Uint8Array.from(s.claims, (c) => (c.id.startsWith('tp-') ? 0 : 1));
    s.aggCounts.apply(s.counts.apply(mask).flipped, s.counts.visible);
    const state = s.aggCounts.state(back);
    expect(state).toMatchObject({ n: 0, hidden: true });
    expect(s.aggCounts.sum[back]).toBe(0);
    const layer = flowAggregateLayers.find((l) => l.id === 'claims-flow-aggregate') as { paint: Record<string, unknown> };
    const width = createPropertyExpression(layer.paint['line-width'], 'layers[0].paint.line-width', latest.paint_line['line-width'] as StylePropertySpecification);
    if (width.result !== 'success') throw new Error('line-width does not parse');
    const at = (st: object) => (width.value as { evaluate: (...a: unknown[]) => number }).evaluate({ zoom: 0 }, { properties: { width: 4 } }, st);
    expect(at(state)).toBe(0);
    expect(at(s.aggCounts.state(s.aggs.aggOf[s.groupOf('pt-0')]!))).toBeGreaterThan(0);
  });

  it('scales widths to the biggest aggregate of the band: it gets the most, a thinner route less', () => {
    const s = setup();
    const there = s.aggs.aggOf[s.groupOf('pt-0')]!;
    const back = s.aggs.aggOf[s.groupOf('tp-0')]!;
    const w = (a: number) => s.aggCounts.state(a).w;
    expect(w(there)).toBeGreaterThan(w(back));
    expect(w(there)).toBe(9);
    const mask = Uint8Array.from(s.claims, (c) => (c.id.startsWith('pt-') && !c.id.endsWith('-0') ? 0 : 1));
    s.aggCounts.apply(s.counts.apply(mask).flipped, s.counts.visible);
    expect(w(there)).toBeLessThan(9);
  });
});

describe('the map side of aggregates', () => {
  it('draws an arc on its own only at the zooms its `own` bits say, and every arc past the bands', () => {
    const own = featureFilter(flowOnItsOwn as FilterSpecification, 'layers[0].filter');
    const drawn = (bits: number, zoom: number) => own.filter({ zoom } as never, { type: 2, properties: { own: bits } } as never);
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((z) => drawn(0b1010_0110, z))).toEqual([false, true, true, false, false, true, false, true]);
    expect(drawn(0, 8)).toBe(true);
    expect(drawn(0xff, 0)).toBe(true);
  });

  it('holds only the bands around the zoom, each aggregate with its arrowhead at count + id', () => {
    const s = setup();
    expect(bandsForZoom(s.aggs, 1.6)).toEqual([0, 2]);
    expect(bandsForZoom(s.aggs, 0.3)).toEqual([0, 1]);
    expect(bandsForZoom(s.aggs, 8.5)).toEqual([7, 7]);
    expect(bandsForZoom(s.aggs, 9.2)).toBeNull();
    const fc = aggregateCollection(s.aggs, (i) => s.claims[i]!.id, 0, 2);
    const arcs = fc.features.filter((f) => f.properties.mark === 'flow');
    const loops = fc.features.filter((f) => f.properties.mark === 'loop');
    expect(arcs.length + loops.length).toBe([...s.aggs.band].filter((z) => z <= 2).length);
    // Drawn in data order: the widest routes last, on top.
    const widths = fc.features.filter((f) => f.properties.mark !== 'arrow').map((f) => f.properties.width);
    expect(widths).toEqual([...widths].sort((x, y) => x - y));
    for (const f of arcs) {
      expect(f.properties.z).toBeLessThanOrEqual(2);
      const arrow = fc.features.find((x) => x.id === s.aggs.count + (f.id as number))!;
      expect(arrow.properties.mark).toBe('arrow');
      const line = f.geometry as GeoJSON.LineString;
      expect(arrow.geometry).toEqual({ type: 'Point', coordinates: line.coordinates[line.coordinates.length - 1] });
    }
  });

  it('draws each arc with only the vertices its band needs, from its origin to its destination, the arrowhead as a flow’s own', () => {
    const s = setup();
    const fc = aggregateCollection(s.aggs, (i) => s.claims[i]!.id, 0, s.aggs.maxZoom);
    let fewer = 0;
    let arcs = 0;
    for (const f of fc.features) {
      if (f.properties.mark !== 'flow') continue;
      arcs++;
      const a = f.id as number;
      const e = s.aggs.ends;
      const o: [number, number] = [e[a * 4]!, e[a * 4 + 1]!];
      const d: [number, number] = [e[a * 4 + 2]!, e[a * 4 + 3]!];
      const line = (f.geometry as GeoJSON.LineString).coordinates;
      const full = arcBetween(o, d, { segments: MAX_ARC_VERTICES - 1 }).coordinates;
      expect(line[0]).toEqual(full[0]);
      expect(line[line.length - 1]).toEqual(full[full.length - 1]);
      expect(line.length).toBeLessThanOrEqual(MAX_ARC_VERTICES);
      if (line.length < full.length) fewer++;
      const arrow = fc.features.find((x) => x.id === s.aggs.count + a)!;
      expect(arrow.properties.bearing).toBe(screenBearing(full[full.length - 2]!, full[full.length - 1]!));
    }
    expect(arcs).toBeGreaterThan(0);
    expect(fewer, 'arcs drawn with fewer vertices than a flow’s own').toBeGreaterThan(0);
    // One band deeper the same route is twice as long on screen: never fewer segments.
    const counts = [0, 1, 2, 3, 4].map((z) => aggregateArc([36.29, 33.51], [69.17, 34.53], z).coordinates.length);
    expect(counts).toEqual([...counts].sort((x, y) => x - y));
    expect(counts[0]).toBeLessThan(counts[4]!);
  });

  it('names the one band a zoom draws (its tile zoom’s), none past the last band', () => {
    const s = setup();
    expect(bandDrawnAt(s.aggs, 1.6)).toEqual([1, 1]);
    expect(bandDrawnAt(s.aggs, 0.3)).toEqual([0, 0]);
    expect(bandDrawnAt(s.aggs, s.aggs.maxZoom + 0.5)).toEqual([s.aggs.maxZoom, s.aggs.maxZoom]);
    expect(bandDrawnAt(s.aggs, s.aggs.maxZoom + 1.2)).toBeNull();
  });

  it('zooms a click to where an aggregate splits; along one route only a list can split it', () => {
    const s = setup();
    const there = s.aggs.aggOf[s.groupOf('pt-0')]!;
    const split = aggregateSplit(s.aggs, s.render, s.counts.n, there)!;
    expect(split.zoom).toBeGreaterThan(0);
    const members = [...s.aggs.members.subarray(s.aggs.memberStart[there]!, s.aggs.memberStart[there + 1]!)];
    const at = (z: number) => new Set(members.map((g) => s.aggs.aggOf[z * s.G + g]));
    expect(at(split.zoom - 1).size).toBe(1);
    expect(split.zoom > AGGREGATE_MAX_ZOOM || at(split.zoom).size > 1 || at(split.zoom).has(-1)).toBe(true);
    // The frame holds every real end: Paris and Tokyo areas.
    expect(split.ends[0]).toBeLessThanOrEqual(2);
    expect(split.ends[2]).toBeGreaterThanOrEqual(139);

    // At world zoom Cairo and Giza are one end, Delhi and Agra the other: one aggregate of three arcs, which
    // splits; with only the two kinds along Cairo → Delhi visible, it cannot.
    const route = s.aggs.aggOf[s.groupOf('cairo-delhi-move')]!;
    expect(route).toBeGreaterThanOrEqual(0);
    expect(s.aggs.aggOf[s.groupOf('cairo-delhi-aid')]).toBe(route);
    expect(s.aggs.aggOf[s.groupOf('giza-agra')]).toBe(route);
    expect(aggregateSplit(s.aggs, s.render, s.counts.n, route)).not.toBeNull();
    const twoKinds = new Int32Array(s.counts.n.length);
    twoKinds[s.groupOf('cairo-delhi-move')] = 1;
    twoKinds[s.groupOf('cairo-delhi-aid')] = 1;
    expect(aggregateSplit(s.aggs, s.render, twoKinds, route)).toBeNull();
    const lone = s.aggs.aggOf[s.groupOf('pt-5')]!;
    const onlyOne = new Int32Array(s.counts.n.length);
    onlyOne[s.groupOf('pt-5')] = 1;
    expect(aggregateSplit(s.aggs, s.render, onlyOne, lone)).toBeNull();
  });
});
