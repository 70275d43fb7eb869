import { describe, expect, it } from 'vitest';
import type { Claim } from '../domain/types';
import { makeBundle } from '../store/test-fixtures/bundle';
import { buildRenderData, flowWidth, screenBearing } from './claim-features';

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
  it('gives every feature a unique numeric id and lists a claim’s features (arcs and arrowheads) together', () => {
    const data = buildRenderData(withFlows());
    const ids = data.collection.features.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => typeof id === 'number')).toBe(true);
    // Two arcs + two arrowheads for the flow claim, one point each for the others.
    expect(data.claimFeatures.map((f) => f.length)).toEqual([4, 1, 1, 1]);
    const flowFeatures = data.claimFeatures[0]!.map((id) => data.collection.features.find((f) => f.id === id)!);
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
