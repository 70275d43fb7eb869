import { describe, expect, it } from 'vitest';
import type { Geometry, Polygon } from 'geojson';
import { generateCorpus } from '../../scripts/make-corpus';
import { lazyArcs, markArcs } from '../domain/compact-arcs';
import type { ArticleBundle, Claim } from '../domain/types';
import { makeBundle } from '../store/test-fixtures/bundle';
import { GroupCounts, MAX_ARC_VERTICES, buildRenderData, flowWidth, groupFeatureIds, screenBearing, thinLine, widthForMagnitude } from './claim-features';
import { bundleOf, claimWith, flow, point } from './test-fixtures/claims';

function withFlows(): ReturnType<typeof makeBundle> {
  const bundle = makeBundle();
  const flow = bundle.claims[0]!;
  const arcs: Claim['geometry'] = {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { claimId: flow.id, mark: 'flow', kind: 'movement', stance: 'asserted', placeIds: ['SYR', 'AFG'] },
        geometry: { type: 'LineString', coordinates: [[38, 35], [50, 40], [66, 34]] },
      },
      {
        type: 'Feature',
        properties: { claimId: flow.id, mark: 'flow', kind: 'movement', stance: 'asserted', placeIds: ['LBY', 'AFG'] },
        geometry: { type: 'LineString', coordinates: [[17, 27], [40, 38], [66, 34]] },
      },
    ],
  };
  bundle.claims[0] = { ...flow, geometry: arcs, bbox: [17, 27, 66, 40] };
  return bundle;
}

describe('buildRenderData', () => {
  it('gives every feature a unique numeric id; a claim’s arcs each get an arrowhead with the arc’s id + arrowBase', () => {
    const data = buildRenderData(withFlows());
    const ids = data.collection.features.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => typeof id === 'number')).toBe(true);
    // Two arcs for the flow claim; the fixture's other claims are one point each at AFG, of three kinds.
    const { claimStart, claimGroups } = data.groups;
    const groupsOf = (i: number) => [...claimGroups.subarray(claimStart[i]!, claimStart[i + 1]!)];
    expect([0, 1, 2, 3].map((i) => groupsOf(i).length)).toEqual([2, 1, 1, 1]);
    const flowFeatures = groupsOf(0).flatMap((g) => groupFeatureIds(data, g)).map((id) => data.collection.features.find((f) => f.id === id)!);
    expect(flowFeatures.map((f) => f.properties.mark)).toEqual(['flow', 'arrow', 'flow', 'arrow']);
    expect(flowFeatures.every((f) => f.properties.claimId === 'fighters-move')).toBe(true);
  });

  it('puts each arrowhead on its arc’s destination, pointing along the last segment', () => {
    const data = buildRenderData(withFlows());
    const arrows = data.collection.features.filter((f) => f.properties.mark === 'arrow');
    expect(arrows.map((f) => (f.geometry as GeoJSON.Point).coordinates)).toEqual([
      [66, 34],
      [66, 34],
    ]);
    // Last segment heads east-south-east: between 90° (east) and 180° (south).
    expect(arrows[0]!.properties.bearing).toBeGreaterThan(90);
    expect(arrows[0]!.properties.bearing).toBeLessThan(180);
  });

  it('does not change the bundle it reads', () => {
    const bundle = withFlows();
    const before = JSON.stringify(bundle);
    buildRenderData(bundle);
    expect(JSON.stringify(bundle)).toBe(before);
  });

  it('draws an area whose outline jumps across ±180 (Russia, Fiji) with continuous rings, its other areas as given', () => {
    const fiji: Geometry = { type: 'Polygon', coordinates: [[[178, -18], [-179, -18], [-179, -16], [178, -16], [178, -18]]] };
    const kabul: Geometry = { type: 'Polygon', coordinates: [[[69, 34], [70, 34], [70, 35], [69, 34]]] };
    const area = (placeId: string, geometry: Geometry) => ({ mark: 'area' as const, placeIds: [placeId], geometry });
    const render = buildRenderData(bundleOf([claimWith('c1', [area('FJI', fiji)]), claimWith('c2', [area('kabul', kabul)])]));
    const [drawnFiji, drawnKabul] = render.collection.features.map((f) => f.geometry as Polygon);
    expect(drawnFiji!.coordinates[0]!.map((p) => p[0])).toEqual([178, 181, 181, 178, 178]);
    expect(drawnKabul).toBe(kabul);
  });

  it('fits all claims, unwrapping a bbox that crosses the antimeridian', () => {
    const bundle = withFlows();
    bundle.claims[1] = { ...bundle.claims[1]!, bbox: [170, -20, -170, -10] };
    expect(buildRenderData(bundle).bbox).toEqual([17, -20, 190, 40]);
  });
});

describe('screenBearing', () => {
  it('measures clockwise from north in Web Mercator', () => {
    expect(screenBearing([0, 0], [0, 10])).toBe(0);
    expect(screenBearing([0, 0], [10, 0])).toBe(90);
    expect(screenBearing([0, 10], [0, 0])).toBe(180);
    expect(screenBearing([0, 0], [-10, 0])).toBe(270);
  });

  it('takes the short way across the antimeridian', () => {
    expect(screenBearing([179, 0], [-179, 0])).toBe(90);
  });
});

describe('flowWidth', () => {
  const claim = (magnitude: Claim['magnitude']) => ({ ...makeBundle().claims[0]!, magnitude });
  it('grows with the log of the magnitude and stays within 2–10 px', () => {
    const w = [10, 1000, 230000, 1e9].map((value) => flowWidth(claim({ value, unit: 'troops', approximate: false })));
    expect(w[0]!).toBeLessThan(w[1]!);
    expect(w[1]!).toBeLessThan(w[2]!);
    expect(w[3]).toBe(10);
    expect(Math.min(...w)).toBeGreaterThanOrEqual(2);
  });

  it('ignores magnitudes that are not counts, and unknown ones', () => {
    expect(flowWidth(claim({ value: 90, unit: 'percent of the borders', approximate: false }))).toBe(flowWidth(claim(null)));
  });
});

describe('shared marks', () => {
  const delhi = point('geonames:1261481', 77.2, 28.6);
  const kabul = point('geonames:1138958', 69.2, 34.5);
  const arc = flow('SYR', 'AFG', [[38, 35], [50, 40], [66, 34]]);

  function corpus() {
    return bundleOf([
      claimWith('a', [delhi]),
      claimWith('b', [delhi]),
      claimWith('c', [delhi], { kind: 'threat' }),
      claimWith('d', [delhi], { stance: 'denied' }),
      claimWith('e', [kabul, delhi]),
      claimWith('f', [arc], { kind: 'movement', magnitude: { value: 1000, unit: 'fighters', approximate: true } }),
      claimWith('g', [arc], { kind: 'movement', magnitude: { value: 9000, unit: 'fighters', approximate: false } }),
      claimWith('h', [arc, arc], { kind: 'movement' }),
    ]);
  }
  const membersOf = (data: ReturnType<typeof buildRenderData>, g: number) =>
    [...data.groups.members.subarray(data.groups.memberStart[g]!, data.groups.memberStart[g + 1]!)];

  it('draws claims with the same mark, places, kind and stance as one feature listing them in claim order', () => {
    const data = buildRenderData(corpus());
    const marks = data.collection.features.filter((f) => f.properties.mark !== 'arrow');
    // Delhi statements (a, b, e), Delhi threat, Delhi denied statement, Kabul, the Syria→Afghanistan arc.
    expect(marks).toHaveLength(5);
    const byFirst = new Map(marks.map((f) => [f.properties.claimId, f]));
    expect(membersOf(data, byFirst.get('a')!.id as number)).toEqual([0, 1, 4]);
    expect(byFirst.get('a')!.properties.total).toBe(3);
    expect(membersOf(data, byFirst.get('c')!.id as number)).toEqual([2]);
    expect(membersOf(data, byFirst.get('d')!.id as number)).toEqual([3]);
    // A claim drawing the same arc twice counts once.
    expect(membersOf(data, byFirst.get('f')!.id as number)).toEqual([5, 6, 7]);
    expect(data.collection.features.filter((f) => f.properties.mark === 'arrow')).toHaveLength(1);
  });

  it('sizes a shared flow by the summed magnitude of its members', () => {
    const data = buildRenderData(corpus());
    const arcFeature = data.collection.features.find((f) => f.properties.mark === 'flow')!;
    expect(arcFeature.properties.width).toBe(widthForMagnitude(10000));
    expect(arcFeature.properties.width).toBeGreaterThan(widthForMagnitude(9000));
  });

  it('recounts only the marks holding a claim whose visibility flipped', () => {
    const data = buildRenderData(corpus());
    const counts = new GroupCounts(data.groups);
    const gDelhi = data.collection.features.find((f) => f.properties.claimId === 'a')!.id as number;
    const gArc = data.collection.features.find((f) => f.properties.mark === 'flow')!.id as number;
    const gKabul = data.collection.features.find((f) => f.properties.claimId === 'e' && f.properties.mark === 'point')!.id as number;
    // Hide b and g: the Delhi statements lose one, the arc loses g's 9000 fighters.
    const mask = Uint8Array.from([1, 0, 1, 1, 1, 1, 0, 1]);
    const step1 = counts.apply(mask);
    expect(step1.flipped).toEqual([1, 6]);
    expect(step1.changed.sort()).toEqual([gDelhi, gArc].sort());
    expect(counts.n[gDelhi]).toBe(2);
    expect(counts.n[gArc]).toBe(2);
    expect(counts.sum[gArc]).toBe(1000);
    expect(counts.visibleMembers(gDelhi)).toEqual([0, 4]);
    // Same mask again: nothing to touch.
    expect(counts.apply(mask)).toEqual({ flipped: [], changed: [] });
    // Hide e: both its marks change (Kabul to 0).
    const step2 = counts.apply(Uint8Array.from([1, 0, 1, 1, 0, 1, 0, 1]));
    expect(step2.changed.sort()).toEqual([gDelhi, gKabul].sort());
    expect(counts.n[gKabul]).toBe(0);
    expect(counts.visibleMembers(gKabul)).toEqual([]);
    // Everything back: the counts are the totals again.
    counts.apply(new Uint8Array(8).fill(1));
    expect(counts.n[gDelhi]).toBe(3);
    expect(counts.sum[gArc]).toBe(10000);
  });

  it('forgets a flow’s magnitude when its last member is hidden', () => {
    const data = buildRenderData(bundleOf([claimWith('x', [arc], { magnitude: { value: 0.1, unit: 'troops', approximate: false } })]));
    const counts = new GroupCounts(data.groups);
    counts.apply(Uint8Array.from([0]));
    expect(counts.sum[0]).toBe(0);
    counts.apply(Uint8Array.from([1]));
    expect(counts.sum[0]).toBeCloseTo(0.1, 12);
  });
});

describe('thinLine', () => {
  it('keeps at most MAX_ARC_VERTICES evenly spaced vertices and both ends exactly', () => {
    const coords = Array.from({ length: 65 }, (_, i) => [i, i * 0.5]);
    const thin = thinLine(coords);
    expect(thin).toHaveLength(MAX_ARC_VERTICES);
    expect(thin[0]).toEqual([0, 0]);
    expect(thin[thin.length - 1]).toEqual([64, 32]);
    const gaps = thin.slice(1).map((c, i) => c[0]! - thin[i]![0]!);
    expect(Math.max(...gaps) - Math.min(...gaps)).toBeLessThanOrEqual(1);
    expect(thinLine(coords.slice(0, 10))).toHaveLength(10);
  });

  it('is applied to drawn arcs', () => {
    const coords = Array.from({ length: 65 }, (_, i) => [30 + i / 2, 35 + Math.sin(i / 20)]);
    const data = buildRenderData(bundleOf([claimWith('x', [flow('A', 'B', coords)])]));
    const line = data.collection.features.find((f) => f.properties.mark === 'flow')!.geometry as GeoJSON.LineString;
    expect(line.coordinates).toHaveLength(MAX_ARC_VERTICES);
    expect(line.coordinates[MAX_ARC_VERTICES - 1]).toEqual(coords[64]);
  });
});

describe('flows held as lazy arcs (compact-arcs.ts)', () => {
  it('draw exactly what the stored arcs draw, without computing every vertex', () => {
    const text = JSON.stringify(generateCorpus({ claims: 400, articles: 1, seed: 9 }).bundles[0]!);
    const stored = JSON.parse(text) as ArticleBundle;
    const lazy = JSON.parse(text) as ArticleBundle;
    lazyArcs(lazy, markArcs(JSON.parse(text) as ArticleBundle));
    const a = buildRenderData(stored);
    const b = buildRenderData(lazy);
    const drawn = b.collection.features.filter((f) => f.properties.mark === 'flow');
    expect(drawn.length).toBeGreaterThan(20);
    // Nor are the drawn (thinned) lines computed before something reads them: most are never sent.
    const computed = (g: GeoJSON.Geometry) => typeof Object.getOwnPropertyDescriptor(g, 'coordinates')?.get !== 'function';
    expect(drawn.filter((f) => computed(f.geometry))).toEqual([]);
    expect(JSON.stringify(b.collection)).toBe(JSON.stringify(a.collection));
    expect(drawn.every((f) => computed(f.geometry))).toBe(true);
    expect([...b.groups.flowEnds]).toEqual([...a.groups.flowEnds]);
    // The map read only the vertices it draws: no lazy line was expanded.
    const expanded = lazy.claims.flatMap((c) => c.geometry.features).filter((f) => f.properties.mark === 'flow' && typeof Object.getOwnPropertyDescriptor(f.geometry, 'coordinates')?.get !== 'function');
    expect(expanded).toEqual([]);
  });
});
