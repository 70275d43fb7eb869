/** Claims and bundles built from marks alone, for the grouping and clustering tests. */
import type { Geometry } from 'geojson';
import type { ArticleBundle, Claim, ClaimKind, MarkType, Stance } from '../../domain/types';
import { makeBundle } from '../../store/test-fixtures/bundle';

export interface MarkSpec {
  mark: MarkType;
  placeIds: string[];
  geometry: Geometry;
}

export function point(placeId: string, lon: number, lat: number): MarkSpec {
  return { mark: 'point', placeIds: [placeId], geometry: { type: 'Point', coordinates: [lon, lat] } };
}

export function flow(from: string, to: string, coordinates: number[][]): MarkSpec {
  return { mark: 'flow', placeIds: [from, to], geometry: { type: 'LineString', coordinates } };
}

export function claimWith(
  id: string,
  marks: MarkSpec[],
  opts: { kind?: ClaimKind; stance?: Stance; magnitude?: Claim['magnitude'] } = {},
): Claim {
  const base = makeBundle().claims[0]!;
  const kind = opts.kind ?? 'statement';
  const stance = opts.stance ?? 'asserted';
  return {
    ...base,
    id,
    kind,
    stance,
    counterClaim: null,
    magnitude: opts.magnitude ?? null,
    geometry: {
      type: 'FeatureCollection',
      features: marks.map((m) => ({
        type: 'Feature',
        properties: { claimId: id, mark: m.mark, kind, stance, placeIds: m.placeIds },
        geometry: m.geometry,
      })),
    },
    bbox: [0, 0, 0, 0],
  };
}

export function bundleOf(claims: Claim[]): ArticleBundle {
  return { ...makeBundle(), claims };
}
