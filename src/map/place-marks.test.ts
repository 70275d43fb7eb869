import { describe, expect, it } from 'vitest';
import { featureFilter } from '@maplibre/maplibre-gl-style-spec';
import type { Claim, ClaimKind, Stance } from '../domain/types';
import { GroupCounts, buildRenderData } from './claim-features';
import {
  CLAIMS_SOURCE,
  DENSE_AREA_OUTLINE_LAYERS,
  DENSE_AREA_OUTLINE_ZOOM,
  DENSE_DETAIL_LAYERS,
  DENSE_DETAIL_ZOOM,
  claimLayersAboveLabels,
  claimLayersBelowLabels,
  placeMarkFilters,
} from './map-style';
import { PlaceMarkCounts, buildPlaceMarks, marksBelowOutlineZoom, placeMarkClaims, placeMarkFeatures } from './place-marks';
import { bundleOf, claimWith, point, type MarkSpec } from './test-fixtures/claims';

function square(placeId: string, lon: number, lat: number): MarkSpec {
  const ring = [[lon, lat], [lon + 1, lat], [lon + 1, lat + 1], [lon, lat + 1], [lon, lat]];
  return { mark: 'area', placeIds: [placeId], geometry: { type: 'Polygon', coordinates: [ring] } };
}

function border(placeId: string, lon: number, lat: number): MarkSpec {
  return { mark: 'line', placeIds: [placeId], geometry: { type: 'LineString', coordinates: [[lon, lat], [lon + 1, lat + 2], [lon + 2, lat + 3]] } };
}

/** Syria reported with three kinds and both stances; Libya only with denied exercises; a point in Kabul;
 *  one claim with areas in both Syria and Libya; the Tajik–Afghan border with two kinds, both stances; the
 *  Syria–Turkey border only disputed; one claim drawn as Syria's area and as that border. */
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
  for (let i = 0; i < 8; i++) {
    claims.push(claimWith(`tajik-${i}`, [border('tj-af', 67, 37)], { kind: i % 2 ? 'exercise' : 'movement', stance: i % 4 === 0 ? 'denied' : 'asserted' }));
  }
  for (let i = 0; i < 3; i++) claims.push(claimWith(`turkey-${i}`, [border('sy-tr', 36, 36.5)], { kind: 'offensive', stance: 'disputed' }));
  claims.push(claimWith('area-and-border', [square('syria', 38, 35), border('sy-tr', 36, 36.5)], { kind: 'offensive', stance: 'disputed' }));
  return claims;
}

function setup() {
  const claims = corpus();
  const render = buildRenderData(bundleOf(claims));
  const marks = buildPlaceMarks(render);
  const counts = new GroupCounts(render.groups);
  return { claims, render, marks, counts };
}

/** Brute force from the claims: the visible claims with a mark of this kind at each place. */
function claimsAt(claims: Claim[], visible: Uint8Array, mark: string, placeId: string): number[] {
  return claims.flatMap((c, i) => (visible[i] && c.geometry.features.some((f) => f.properties.mark === mark && f.properties.placeIds.includes(placeId)) ? [i] : []));
}

/** The place marks in order of first appearance: [mark, place id]. */
const PLACES: [string, string][] = [['area', 'syria'], ['area', 'libya'], ['line', 'tj-af'], ['line', 'sy-tr']];

describe('place marks', () => {
  it('draws one area or border per place, standing for every claim about it, after the groups’ own features', () => {
    const s = setup();
    expect(s.marks.count).toBe(4);
    const features = placeMarkFeatures(s.marks, s.render);
    const [syria, libya, tajik, turkey] = features;
    // Syria: 3 kinds × 2 stances + the denied exercise + the disputed offensive = 7 groups, one area; 32 claims.
    expect(syria!.properties).toMatchObject({ mark: 'area', kind: 'mixed', stance: 'asserted', total: 32, place: 1 });
    // Libya: every claim denied or disputed (and all exercises): hatched, in the kind's colour.
    expect(libya!.properties).toMatchObject({ kind: 'exercise', total: 7, place: 1 });
    expect(libya!.properties.stance).not.toBe('asserted');
    // The Tajik–Afghan border: two kinds, some asserted: one plain line in the neutral ink.
    expect(tajik!.properties).toMatchObject({ mark: 'line', kind: 'mixed', stance: 'asserted', total: 8, place: 1 });
    // The Syria–Turkey border: only disputed offensives: the contested dash, in the kind's colour.
    expect(turkey!.properties).toMatchObject({ mark: 'line', kind: 'offensive', stance: 'disputed', total: 4, place: 1 });
    expect(features.map((f) => f.id)).toEqual([0, 1, 2, 3].map((p) => s.marks.base + p));
    const ids = new Set(s.render.collection.features.map((f) => f.id));
    for (const f of features) expect(ids.has(f.id!)).toBe(false);
    expect(syria!.geometry).toEqual(square('syria', 38, 35).geometry);
    expect(tajik!.geometry).toEqual(border('tj-af', 67, 37).geometry);
    // Every area and border group is in its place's mark, of its own mark type; the point is in none.
    for (let g = 0; g < s.render.groups.count; g++) {
      const { mark } = s.render.collection.features[g]!.properties;
      const p = s.marks.markOf[g]!;
      expect(p >= 0).toBe(mark === 'area' || mark === 'line');
      if (p >= 0) expect(features[p]!.properties.mark).toBe(mark);
    }
  });

  it('counts the visible claims of each place, each once, as the window moves', () => {
    const s = setup();
    const pc = new PlaceMarkCounts(s.marks, s.counts);
    expect([...pc.n]).toEqual([32, 7, 8, 4]);
    for (const seed of [1, 2, 3]) {
      const mask = Uint8Array.from(s.claims, (_, i) => ((i * 7 + seed * 13) % 5 < 2 + (seed % 2) ? 1 : 0));
      const { changed } = s.counts.apply(mask);
      const flipped = pc.apply(changed);
      expect(new Set(flipped).size).toBe(flipped.length);
      for (const [p, [mark, place]] of PLACES.entries()) {
        const expected = claimsAt(s.claims, mask, mark, place);
        expect(pc.n[p], `${place}, mask ${seed}`).toBe(expected.length);
        expect(placeMarkClaims(s.marks, s.counts, p)).toEqual(expected);
      }
    }
  });

  it('is drawn below the outline zoom in a dense bundle, where the kind-and-stance marks are not, and never in a sparse one', () => {
    const filterOf = (dense: boolean, layer: string) => placeMarkFilters(dense).find(([id]) => id === layer)![1];
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

    const line = (stance: string, placeMark: boolean) => ({ mark: 'line', stance, ...(placeMark ? { place: 1 } : {}) });
    const lineDense = filterOf(true, 'claims-line');
    const contestedDense = filterOf(true, 'claims-line-contested');
    expect([0, 3, 4, 9].map((z) => at(lineDense, z, line('asserted', true)))).toEqual([true, true, false, false]);
    expect([0, 3, 4, 9].map((z) => at(lineDense, z, line('asserted', false)))).toEqual([false, false, true, true]);
    expect([0, 3, 4, 9].map((z) => at(contestedDense, z, line('denied', true)))).toEqual([true, true, false, false]);
    expect(at(contestedDense, 2, line('asserted', true))).toBe(false);
    expect(at(filterOf(false, 'claims-line'), 2, line('asserted', false))).toBe(true);
    expect(at(filterOf(false, 'claims-line-contested'), 2, line('disputed', false))).toBe(true);
    // The style as loaded (before any bundle) is the sparse one; the casing and halo never draw a place mark.
    const styled = new Map([...claimLayersBelowLabels, ...claimLayersAboveLabels].map((l) => [l.id, 'filter' in l ? l.filter : undefined]));
    for (const [id, filter] of placeMarkFilters(false)) expect(styled.get(id), id).toEqual(filter);
    for (const id of ['claims-line-casing', 'claims-halo']) {
      expect(at(styled.get(id), 9, line('asserted', true)), id).toBe(false);
      expect(at(styled.get(id), 9, line('asserted', false)), id).toBe(true);
    }
  });

  it('leaves out of a dense world view exactly the marks no claims layer draws below the outline zoom', () => {
    // The fixture plus a point that stands alone from zoom 8 only (in a cluster below); Kabul stands alone from 2.
    const claims = [...corpus(), claimWith('herat', [point('herat', 62.2, 34.3)])];
    const render = buildRenderData(bundleOf(claims));
    for (const f of render.collection.features) if (f.properties.mark === 'point') f.properties.z0 = f.properties.claimId === 'kabul' ? 2 : 8;
    const marks = [...render.collection.features.filter((f) => f.properties.mark !== 'flow' && f.properties.mark !== 'arrow'), ...placeMarkFeatures(buildPlaceMarks(render), render)];
    const world = new Set(marksBelowOutlineZoom(marks));
    // The claims layers as a dense bundle sets them (ClaimMap.applyBundle): place-mark filters and zoom ranges.
    const denseFilters = new Map(placeMarkFilters(true));
    const layers = [...claimLayersBelowLabels, ...claimLayersAboveLabels]
      .filter((l) => 'source' in l && l.source === CLAIMS_SOURCE)
      .map((l) => ({
        id: l.id,
        filter: featureFilter((denseFilters.get(l.id) ?? ('filter' in l ? l.filter : undefined)) as never, 'filter'),
        minzoom: DENSE_AREA_OUTLINE_LAYERS.includes(l.id) ? DENSE_AREA_OUTLINE_ZOOM : DENSE_DETAIL_LAYERS.includes(l.id) ? DENSE_DETAIL_ZOOM : (l.minzoom ?? 0),
      }));
    const types: Record<string, number> = { Point: 1, LineString: 2, Polygon: 3 };
    const drawnAt = (f: (typeof marks)[number], zoom: number) =>
      layers.some((l) => zoom >= l.minzoom && l.filter.filter({ zoom } as never, { type: types[f.geometry.type], properties: f.properties, id: f.id } as never));
    for (const f of marks) {
      const below = [0, 1, 2, 3].some((z) => drawnAt(f, z));
      expect(world.has(f), `${f.properties.mark} ${f.properties.claimId} ${'place' in f.properties ? 'place mark' : 'group'}`).toBe(below);
    }
    expect(world.size).toBe(4 + 1);
    expect(marks.filter((f) => drawnAt(f, DENSE_AREA_OUTLINE_ZOOM) && !world.has(f)).length).toBeGreaterThan(10);
  });
});
