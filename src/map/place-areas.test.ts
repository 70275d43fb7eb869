import { describe, expect, it } from 'vitest';
import { featureFilter } from '@maplibre/maplibre-gl-style-spec';
import type { Claim, ClaimKind, Stance } from '../domain/types';
import { GroupCounts, buildRenderData } from './claim-features';
import { areaFilters } from './map-style';
import { PlaceAreaCounts, buildPlaceAreas, placeAreaClaims, placeAreaFeatures } from './place-areas';
import { bundleOf, claimWith, point, type MarkSpec } from './test-fixtures/claims';

function square(placeId: string, lon: number, lat: number): MarkSpec {
  const ring = [[lon, lat], [lon + 1, lat], [lon + 1, lat + 1], [lon, lat + 1], [lon, lat]];
  return { mark: 'area', placeIds: [placeId], geometry: { type: 'Polygon', coordinates: [ring] } };
}

/** Syria reported with three kinds and both stances; Libya only with denied exercises; a point in Kabul;
 *  one claim with areas in both Syria and Libya. */
function corpus(): Claim[] {
  const claims: Claim[] = [];
  const kinds: ClaimKind[] = ['movement', 'offensive', 'statement'];
  for (let i = 0; i < 30; i++) {
    const stance: Stance = i % 5 === 0 ? 'disputed' : 'asserted';
    claims.push(claimWith(`syria-${i}`, [square('syria', 38, 35)], { kind: kinds[i % 3]!, stance }));
  }
  for (let i = 0; i < 6; i++) claims.push(claimWith(`libya-${i}`, [square('libya', 17, 27)], { kind: 'exercise', stance: i % 2 ? 'denied' : 'disputed' }));
  claims.push(claimWith('kabul', [point('kabul', 69.2, 34.5)]));
  claims.push(claimWith('both', [square('syria', 38, 35), square('libya', 17, 27)], { kind: 'exercise', stance: 'denied' }));
  return claims;
}

function setup() {
  const claims = corpus();
  const render = buildRenderData(bundleOf(claims));
  const areas = buildPlaceAreas(render);
  const counts = new GroupCounts(render.groups);
  const byId = (id: string) => claims.findIndex((c) => c.id === id);
  return { claims, render, areas, counts, byId };
}

/** Brute force from the claims: the visible claims with an area at each place. */
function claimsAt(claims: Claim[], visible: Uint8Array, placeId: string): number[] {
  return claims.flatMap((c, i) => (visible[i] && c.geometry.features.some((f) => f.properties.mark === 'area' && f.properties.placeIds.includes(placeId)) ? [i] : []));
}

describe('place areas', () => {
  it('draws one area per place, standing for every claim about it, after the groups’ own features', () => {
    const s = setup();
    expect(s.areas.count).toBe(2);
    const features = placeAreaFeatures(s.areas, s.render);
    const [syria, libya] = features;
    // Syria: 3 kinds × 2 stances + the denied exercise = 7 groups, one area; 31 claims.
    expect(syria!.properties).toMatchObject({ mark: 'area', kind: 'mixed', stance: 'asserted', total: 31, place: 1 });
    // Libya: every claim denied or disputed (and all exercises): hatched, in the kind's colour.
    expect(libya!.properties).toMatchObject({ kind: 'exercise', total: 7, place: 1 });
    expect(libya!.properties.stance).not.toBe('asserted');
    expect(features.map((f) => f.id)).toEqual([s.areas.base, s.areas.base + 1]);
    const ids = new Set(s.render.collection.features.map((f) => f.id));
    for (const f of features) expect(ids.has(f.id!)).toBe(false);
    expect(syria!.geometry).toEqual(square('syria', 38, 35).geometry);
    // Every area group is in its place's area; the point is in none.
    for (let g = 0; g < s.render.groups.count; g++) {
      const isArea = s.render.collection.features[g]!.properties.mark === 'area';
      expect(s.areas.areaOf[g]! >= 0).toBe(isArea);
    }
  });

  it('counts the visible claims of each place, each once, as the window moves', () => {
    const s = setup();
    const pc = new PlaceAreaCounts(s.areas, s.counts);
    expect([...pc.n]).toEqual([31, 7]);
    for (const seed of [1, 2, 3]) {
      const mask = Uint8Array.from(s.claims, (_, i) => ((i * 7 + seed * 13) % 5 < 2 + (seed % 2) ? 1 : 0));
      const { changed } = s.counts.apply(mask);
      const flipped = pc.apply(changed);
      expect(new Set(flipped).size).toBe(flipped.length);
      for (const [p, place] of ['syria', 'libya'].entries()) {
        const expected = claimsAt(s.claims, mask, place);
        expect(pc.n[p], `${place}, mask ${seed}`).toBe(expected.length);
        expect(placeAreaClaims(s.areas, s.counts, p)).toEqual(expected);
      }
    }
  });

  it('is drawn below the outline zoom in a dense bundle, where the kind-and-stance areas are not, and never in a sparse one', () => {
    const filterOf = (dense: boolean, layer: string) => areaFilters(dense).find(([id]) => id === layer)![1];
    const fillDense = filterOf(true, 'claims-area-fill');
    const hatchDense = filterOf(true, 'claims-area-hatch');
    const fillSparse = filterOf(false, 'claims-area-fill');
    const at = (filter: unknown, zoom: number, properties: Record<string, unknown>) =>
      featureFilter(filter as never, 'layers[0].filter').filter({ zoom } as never, { type: 3, properties } as never);
    const place = { mark: 'area', stance: 'asserted', place: 1 };
    const group = { mark: 'area', stance: 'asserted' };
    expect([0, 3, 4, 9].map((z) => at(fillDense, z, place))).toEqual([true, true, false, false]);
    expect([0, 3, 4, 9].map((z) => at(fillDense, z, group))).toEqual([false, false, true, true]);
    expect([0, 3, 4, 9].map((z) => at(fillSparse, z, group))).toEqual([true, true, true, true]);
    expect(at(fillSparse, 0, place)).toBe(false);
    expect(at(hatchDense, 2, { ...place, stance: 'denied' })).toBe(true);
    expect(at(hatchDense, 2, place)).toBe(false);
  });
});
