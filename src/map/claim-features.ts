/**
 * The render-ready feature collection for one bundle, built once when the article loads. Each compiled
 * feature gets a numeric id (feature-state needs one) and the few numbers the layers read; every flow also
 * gets an arrowhead point at its destination. `claimFeatures[i]` lists the ids drawn for claim i, so a
 * claim with several arcs is shown, hidden and highlighted as one.
 */
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import type { ArticleBundle, Claim } from '../domain/types';

export interface RenderProps {
  claimId: string;
  claimIdx: number;
  mark: 'flow' | 'point' | 'line' | 'area' | 'arrow';
  kind: string;
  stance: string;
  width: number; // line width in px (flows by magnitude; borders fixed)
  bearing: number; // arrowheads only: degrees clockwise from north on screen
}

export interface RenderData {
  collection: FeatureCollection<Geometry, RenderProps>;
  /** Feature ids per claim position. */
  claimFeatures: number[][];
  /** [west, south, east, north] over every claim, or null when nothing is drawable. */
  bbox: [number, number, number, number] | null;
}

const FLOW_MIN = 2;
const FLOW_MAX = 10;

/**
 * Flow width by magnitude on a log scale (10 → 3 px … 100 000 → 10 px); unknown magnitude draws the
 * minimum. Only counts of people or units scale: "90 percent of the borders" is not a flow size.
 */
export function flowWidth(claim: Claim): number {
  const m = claim.magnitude;
  if (!m || !(m.value > 0) || /percent|%/i.test(m.unit)) return FLOW_MIN + 0.5;
  const w = FLOW_MIN + Math.log10(Math.max(1, m.value)) * 1.6;
  return Math.round(Math.min(FLOW_MAX, Math.max(FLOW_MIN, w)) * 10) / 10;
}

const LINE_WIDTH = 4;

function mercatorY(lat: number): number {
  const r = (Math.max(-85, Math.min(85, lat)) * Math.PI) / 180;
  return Math.log(Math.tan(Math.PI / 4 + r / 2));
}

/** Screen bearing (north-up Web Mercator) of the segment a→b, degrees clockwise from north. */
export function screenBearing(a: Position, b: Position): number {
  let dLon = b[0]! - a[0]!;
  if (dLon > 180) dLon -= 360;
  if (dLon < -180) dLon += 360;
  const dx = (dLon * Math.PI) / 180;
  const dy = mercatorY(b[1]!) - mercatorY(a[1]!);
  const deg = (Math.atan2(dx, dy) * 180) / Math.PI;
  return Math.round(((deg + 360) % 360) * 10) / 10;
}

function extend(bbox: [number, number, number, number] | null, raw: readonly number[]): [number, number, number, number] {
  // A bbox crossing the antimeridian has west > east; unwrap it so min/max stay meaningful.
  const b = raw[0]! > raw[2]! ? [raw[0]!, raw[1]!, raw[2]! + 360, raw[3]!] : raw;
  if (!bbox) return [b[0]!, b[1]!, b[2]!, b[3]!];
  return [Math.min(bbox[0], b[0]!), Math.min(bbox[1], b[1]!), Math.max(bbox[2], b[2]!), Math.max(bbox[3], b[3]!)];
}

export function buildRenderData(bundle: ArticleBundle): RenderData {
  const features: Feature<Geometry, RenderProps>[] = [];
  const claimFeatures: number[][] = [];
  let bbox: [number, number, number, number] | null = null;
  let nextId = 0;
  bundle.claims.forEach((claim, claimIdx) => {
    const ids: number[] = [];
    const width = flowWidth(claim);
    for (const f of claim.geometry.features) {
      const mark = f.properties.mark;
      const props: RenderProps = {
        claimId: claim.id,
        claimIdx,
        mark,
        kind: claim.kind,
        stance: claim.stance,
        width: mark === 'flow' ? width : mark === 'line' ? LINE_WIDTH : 0,
        bearing: 0,
      };
      const id = nextId++;
      ids.push(id);
      features.push({ type: 'Feature', id, properties: props, geometry: f.geometry });
      if (mark === 'flow' && f.geometry.type === 'LineString' && f.geometry.coordinates.length >= 2) {
        const coords = f.geometry.coordinates;
        const end = coords[coords.length - 1]!;
        const before = coords[coords.length - 2]!;
        const arrowId = nextId++;
        ids.push(arrowId);
        features.push({
          type: 'Feature',
          id: arrowId,
          properties: { ...props, mark: 'arrow', bearing: screenBearing(before, end) },
          geometry: { type: 'Point', coordinates: end },
        });
      }
    }
    claimFeatures.push(ids);
    if (claim.geometry.features.length > 0) bbox = extend(bbox, claim.bbox);
  });
  return { collection: { type: 'FeatureCollection', features }, claimFeatures, bbox };
}
