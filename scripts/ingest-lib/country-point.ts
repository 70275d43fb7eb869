/**
 * The one point a geoparser reports for a country: its geographic centre, in the usual sense of the
 * centre of gravity of its surface, taken over its main body.
 *  - Main body: the largest part plus every part reachable from it across straits no wider than twice
 *    the 12-nautical-mile territorial sea (the Canadian Arctic islands, New Zealand's two islands,
 *    Sicily), but not territory beyond open sea or another country (Alaska, Hawaii, French Guiana,
 *    Svalbard): those stretch a centre into places nobody means by the country's name.
 *  - Centre of gravity computed on an equal-area map (Lambert azimuthal, centred on the body), not in
 *    degrees of longitude and latitude, which shrink towards the poles and pull the centre of a country
 *    spanning many latitudes (Canada, Argentina) poleward.
 *  - No meaningful centre when the largest part is less than half the country (an archipelago such as
 *    Indonesia or the Philippines) or when the centre falls outside the main body (a crescent such as
 *    Vietnam): the caller's reference point stands in (`null` here).
 * Pure: no fs.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { unwrapAntimeridian } from '../../src/domain/bounds';

/** Twice the 12-nautical-mile territorial sea: a strait this narrow lies wholly in one state's waters. */
export const STRAIT_KM = 2 * 12 * 1.852;

const RAD = Math.PI / 180;
const EARTH_KM = 6371.0088;

interface Projection {
  forward(lon: number, lat: number): [number, number];
  inverse(x: number, y: number): [number, number];
}

/** Lambert azimuthal equal-area on the unit sphere, centred at (lon0, lat0). */
function laea(lon0: number, lat0: number): Projection {
  const l0 = lon0 * RAD;
  const p0 = lat0 * RAD;
  const sp0 = Math.sin(p0);
  const cp0 = Math.cos(p0);
  return {
    forward(lon, lat) {
      const l = lon * RAD - l0;
      const p = lat * RAD;
      const k = Math.sqrt(2 / (1 + sp0 * Math.sin(p) + cp0 * Math.cos(p) * Math.cos(l)));
      return [k * Math.cos(p) * Math.sin(l), k * (cp0 * Math.sin(p) - sp0 * Math.cos(p) * Math.cos(l))];
    },
    inverse(x, y) {
      const rho = Math.hypot(x, y);
      if (rho === 0) return [lon0, lat0];
      const c = 2 * Math.asin(Math.min(1, rho / 2));
      const lat = Math.asin(Math.cos(c) * sp0 + (y * Math.sin(c) * cp0) / rho);
      const lon = l0 + Math.atan2(x * Math.sin(c), rho * cp0 * Math.cos(c) - y * sp0 * Math.sin(c));
      return [lon / RAD, lat / RAD];
    },
  };
}

/** Area and first moments of a ring (shoelace), orientation-free: the area is returned positive. */
function ringMoments(ring: [number, number][]): { a: number; mx: number; my: number } {
  let a = 0;
  let mx = 0;
  let my = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x0, y0] = ring[j]!;
    const [x1, y1] = ring[i]!;
    const cross = x0 * y1 - x1 * y0;
    a += cross;
    mx += (x0 + x1) * cross;
    my += (y0 + y1) * cross;
  }
  a /= 2;
  if (a === 0) return { a: 0, mx: 0, my: 0 };
  // Centroid = (mx, my) / (6a) whatever the orientation; scale back to a positive area.
  return { a: Math.abs(a), mx: (mx / (6 * a)) * Math.abs(a), my: (my / (6 * a)) * Math.abs(a) };
}

function pointInRings(x: number, y: number, rings: [number, number][][]): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

function kmBetween(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const h = Math.sin(((lat2 - lat1) * RAD) / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(((lon2 - lon1) * RAD) / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Indices of the parts joined to part `start` by chains of gaps narrower than `maxKm` (vertex to vertex). */
function connectedParts(parts: Position[][][], start: number, maxKm: number): Set<number> {
  // Vertices bucketed in cells about maxKm wide, so only neighbouring cells are compared.
  const cellDeg = maxKm / 111;
  const cells = new Map<string, { part: number; lon: number; lat: number }[]>();
  const keyOf = (lon: number, lat: number, dx = 0, dy = 0): string => {
    const cy = Math.floor(lat / cellDeg) + dy;
    const w = cellDeg / Math.max(0.05, Math.cos((cy + 0.5) * cellDeg * RAD));
    return `${cy}:${Math.floor(lon / w) + dx}`;
  };
  parts.forEach((rings, part) => {
    for (const [lon, lat] of rings[0] ?? []) {
      const k = keyOf(lon!, lat!);
      const list = cells.get(k) ?? [];
      list.push({ part, lon: lon!, lat: lat! });
      cells.set(k, list);
    }
  });
  const body = new Set([start]);
  const queue = [start];
  while (queue.length > 0) {
    const p = queue.pop()!;
    for (const [lon, lat] of parts[p]![0] ?? []) {
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          for (const v of cells.get(keyOf(lon!, lat!, dx, dy)) ?? []) {
            if (body.has(v.part)) continue;
            if (kmBetween(lon!, lat!, v.lon, v.lat) <= maxKm) {
              body.add(v.part);
              queue.push(v.part);
            }
          }
        }
      }
    }
  }
  return body;
}

export interface CountryCentre {
  lon: number;
  lat: number;
  /** Parts counted in the main body, of all parts. */
  bodyParts: number;
  parts: number;
}

/** The geographic centre of a country's main body, or null when the shape has none (see above). */
export function countryCentre(g: Polygon | MultiPolygon): CountryCentre | null {
  const parts = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).filter((p) => (p[0]?.length ?? 0) >= 4).map(unwrapAntimeridian);
  if (parts.length === 0) return null;
  // One equal-area projection for the whole country, centred on its largest part (found with a rough
  // degree-based area), so the parts' areas compare and the body near the centre is barely sheared.
  const rough = parts.map((rings) => {
    const ring = rings[0]!;
    let a = 0;
    let minLon = Infinity;
    let maxLon = -Infinity;
    let minLat = Infinity;
    let maxLat = -Infinity;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      a += ring[j]![0]! * ring[i]![1]! - ring[i]![0]! * ring[j]![1]!;
      minLon = Math.min(minLon, ring[i]![0]!);
      maxLon = Math.max(maxLon, ring[i]![0]!);
      minLat = Math.min(minLat, ring[i]![1]!);
      maxLat = Math.max(maxLat, ring[i]![1]!);
    }
    const midLat = (minLat + maxLat) / 2;
    return { a: Math.abs(a) * Math.cos(midLat * RAD), lon: (minLon + maxLon) / 2, lat: midLat };
  });
  let centre = rough[0]!;
  for (const r of rough) if (r.a > centre.a) centre = r;
  const proj = laea(centre.lon, centre.lat);
  const projected = parts.map((rings) => rings.map((ring) => ring.map((p) => proj.forward(p[0]!, p[1]!))));
  const moments = projected.map((rings) => {
    let a = 0;
    let mx = 0;
    let my = 0;
    rings.forEach((ring, k) => {
      const m = ringMoments(ring);
      const sign = k === 0 ? 1 : -1; // holes (lakes, enclaves) subtract
      a += sign * m.a;
      mx += sign * m.mx;
      my += sign * m.my;
    });
    return { a, mx, my };
  });
  const total = moments.reduce((s, m) => s + m.a, 0);
  let largest = 0;
  moments.forEach((m, k) => {
    if (m.a > moments[largest]!.a) largest = k;
  });
  if (!(moments[largest]!.a >= 0.5 * total)) return null;
  const body = connectedParts(parts, largest, STRAIT_KM);
  let a = 0;
  let mx = 0;
  let my = 0;
  for (const k of body) {
    a += moments[k]!.a;
    mx += moments[k]!.mx;
    my += moments[k]!.my;
  }
  const cx = mx / a;
  const cy = my / a;
  if (![...body].some((k) => pointInRings(cx, cy, projected[k]!))) return null;
  const [lon, lat] = proj.inverse(cx, cy);
  return { lon: lon > 180 ? lon - 360 : lon, lat, bodyParts: body.size, parts: parts.length };
}
