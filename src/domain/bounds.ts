/**
 * Bounding boxes and representative points of display geometry.
 * Convention: bbox = [west, south, east, north] with west ≤ east always; when the geometry crosses the
 * antimeridian, east exceeds 180 (e.g. Russia ≈ [19.6, 41.2, 190.3, 81.9]) rather than west > east, so
 * that `map.fitBounds` frames the compact side of the world and arcs (whose longitudes are unwrapped,
 * see arcs.ts) keep their own coordinates.
 */
import type { Geometry, Position } from 'geojson';

export type BBox = [number, number, number, number];

function eachPosition(g: Geometry, fn: (p: Position) => void): void {
  switch (g.type) {
    case 'Point':
      fn(g.coordinates);
      break;
    case 'MultiPoint':
    case 'LineString':
      g.coordinates.forEach(fn);
      break;
    case 'MultiLineString':
    case 'Polygon':
      g.coordinates.forEach((ring) => ring.forEach(fn));
      break;
    case 'MultiPolygon':
      g.coordinates.forEach((poly) => poly.forEach((ring) => ring.forEach(fn)));
      break;
    case 'GeometryCollection':
      g.geometries.forEach((child) => eachPosition(child, fn));
      break;
  }
}

/**
 * The longitude interval [west, east] (west ≤ east, width ≤ 360) that covers all longitudes with the
 * least width, allowing it to wrap across the antimeridian. Longitudes may be given outside ±180.
 */
export function smallestLongitudeSpan(lons: readonly number[]): [number, number] {
  if (lons.length === 0) throw new Error('smallestLongitudeSpan: no longitudes');
  const rawMin = Math.min(...lons);
  const rawMax = Math.max(...lons);
  if (rawMax - rawMin <= 180) return [rawMin, rawMax];
  const norm = lons.map((l) => ((((l + 180) % 360) + 360) % 360) - 180).sort((x, y) => x - y);
  // The widest empty gap between consecutive longitudes (including the wrap from last to first) is
  // what the box leaves out.
  let gapStart = norm[norm.length - 1]!;
  let gapEnd = norm[0]! + 360;
  for (let i = 1; i < norm.length; i++) {
    if (norm[i]! - norm[i - 1]! > gapEnd - gapStart) {
      gapStart = norm[i - 1]!;
      gapEnd = norm[i]!;
    }
  }
  const west = gapEnd > 180 ? gapEnd - 360 : gapEnd;
  const east = west + (360 - (gapEnd - gapStart));
  // Keep the raw box when the wrapped one saves nothing (global geometry).
  return east - west < rawMax - rawMin ? [west, east] : [rawMin, rawMax];
}

/** [west, south, east, north] of one or more geometries (see the module comment for the antimeridian). */
export function bboxOf(geometries: readonly Geometry[]): BBox {
  const lons: number[] = [];
  let south = Infinity;
  let north = -Infinity;
  for (const g of geometries) {
    eachPosition(g, (p) => {
      lons.push(p[0]!);
      if (p[1]! < south) south = p[1]!;
      if (p[1]! > north) north = p[1]!;
    });
  }
  if (lons.length === 0) throw new Error('bboxOf: geometry has no coordinates');
  const [west, east] = smallestLongitudeSpan(lons);
  return [west, south, east, north];
}

/** The coordinate halfway along a line, measured in coordinate space (good enough for a label or fly-to). */
export function lineMidpoint(coords: readonly Position[]): [number, number] {
  if (coords.length === 0) throw new Error('lineMidpoint: empty line');
  const lengths: number[] = [];
  let total = 0;
  for (let i = 1; i < coords.length; i++) {
    const [x0, y0] = coords[i - 1]!;
    const [x1, y1] = coords[i]!;
    const l = Math.hypot(x1! - x0!, y1! - y0!);
    lengths.push(l);
    total += l;
  }
  if (total === 0) return [coords[0]![0]!, coords[0]![1]!];
  let remaining = total / 2;
  for (let i = 0; i < lengths.length; i++) {
    const l = lengths[i]!;
    if (remaining <= l) {
      const t = l === 0 ? 0 : remaining / l;
      const [x0, y0] = coords[i]!;
      const [x1, y1] = coords[i + 1]!;
      return [x0! + (x1! - x0!) * t, y0! + (y1! - y0!) * t];
    }
    remaining -= l;
  }
  const last = coords[coords.length - 1]!;
  return [last[0]!, last[1]!];
}

/** Round to a fixed number of decimals, normalising -0 to 0 so output bytes are stable. */
export function roundCoord(value: number, decimals = 5): number {
  const r = roundByFactor(value, 10 ** decimals);
  return Object.is(r, -0) ? 0 : r;
}

/** roundCoord's arithmetic with its factor (10 ** decimals) given, for loops that round many values alike;
 *  it may return -0, which equals 0 under ===. */
export function roundByFactor(value: number, factor: number): number {
  return Math.round(value * factor) / factor;
}

/**
 * Natural Earth cuts shapes at the antimeridian and topojson's merge re-joins the pieces, so one ring can
 * run 179.9 → -180 → -179.8 (Fiji, Russia's Chukotka, the Aleutians). Read planar, such a ring wraps
 * the whole globe and its centre of mass lands mid-Atlantic. An outer ring that jumps across ±180 an
 * even number of times crosses the antimeridian and back: its western-hemisphere vertices move east by
 * 360°. An odd number means the ring goes round a pole (Antarctica) and is already right as it is.
 */
export function unwrapAntimeridian(rings: Position[][]): Position[][] {
  const outer = rings[0] ?? [];
  let jumps = 0;
  for (let i = 1; i < outer.length; i++) if (Math.abs(outer[i]![0]! - outer[i - 1]![0]!) > 180) jumps++;
  if (jumps === 0 || jumps % 2 === 1) return rings;
  return rings.map((ring) => ring.map((p) => (p[0]! < 0 ? [p[0]! + 360, p[1]!] : p)));
}

/**
 * A ring written so that MapLibre, which tiles longitude on a plane, draws it as on the globe:
 *  - a ring whose edges jump across ±180 (Natural Earth rings re-joined by topojson: Eurasia and Russia
 *    through Chukotka, Wrangel Island, Fiji) is made continuous, its longitudes running past 180 (MapLibre
 *    wraps them onto the other side), and moved by 360° if its middle would lie outside ±180. Read
 *    planar as given, such a ring encloses half the world: Eurasia's drew the North Atlantic as land;
 *  - a ring that is continuous but not closed once unwrapped goes round a pole (Antarctica): it is closed
 *    through the pole, not by an edge back across the world.
 * A ring that crosses nothing is returned as it is (the same array).
 */
export function continuousRing(ring: Position[]): Position[] {
  // Nearly every ring crosses nothing (the map calls this for every area it draws): look before copying.
  if (!ring.some((p, i) => i > 0 && Math.abs(p[0]! - ring[i - 1]![0]!) > 180)) return ring;
  let offset = 0;
  let west = Infinity;
  let east = -Infinity;
  const out = ring.map((p, i): Position => {
    const step = i > 0 ? p[0]! - ring[i - 1]![0]! : 0;
    if (Math.abs(step) > 180) offset -= Math.sign(step) * 360;
    const lon = p[0]! + offset;
    west = Math.min(west, lon);
    east = Math.max(east, lon);
    return [lon, p[1]!];
  });
  if (offset !== 0) {
    const pole = out.reduce((sum, p) => sum + p[1]!, 0) < 0 ? -90 : 90;
    const first = out[0]!;
    const last = out[out.length - 1]!;
    return [...out, [last[0]!, pole], [first[0]!, pole], first];
  }
  const middle = (west + east) / 2;
  const shift = middle > 180 ? -360 : middle < -180 ? 360 : 0;
  return shift === 0 ? out : out.map((p) => [p[0]! + shift, p[1]!]);
}

/**
 * A (multi)polygon with every ring made drawable across the antimeridian (continuousRing), each hole moved
 * by 360° where that puts it nearer its outer ring's middle (a hole that crosses nothing would otherwise
 * stay on the other side of an outer ring written past ±180). Any other geometry, or one that crosses
 * nothing, is returned as it is.
 */
export function drawableAcrossAntimeridian(g: Geometry): Geometry {
  if (g.type === 'Polygon') {
    const rings = drawablePolygon(g.coordinates);
    return rings === g.coordinates ? g : { type: 'Polygon', coordinates: rings };
  }
  if (g.type === 'MultiPolygon') {
    const polys = g.coordinates.map(drawablePolygon);
    return polys.every((poly, i) => poly === g.coordinates[i]) ? g : { type: 'MultiPolygon', coordinates: polys };
  }
  return g;
}

function drawablePolygon(rings: Position[][]): Position[][] {
  const out = rings.map(continuousRing);
  const middle = (ring: Position[]) => {
    let west = Infinity;
    let east = -Infinity;
    for (const p of ring) {
      west = Math.min(west, p[0]!);
      east = Math.max(east, p[0]!);
    }
    return (west + east) / 2;
  };
  if (out.length > 1 && out[0] !== rings[0]) {
    const centre = middle(out[0]!);
    for (let i = 1; i < out.length; i++) {
      const shift = Math.round((centre - middle(out[i]!)) / 360) * 360;
      if (shift !== 0) out[i] = out[i]!.map((p) => [p[0]! + shift, p[1]!]);
    }
  }
  return out.every((r, i) => r === rings[i]) ? rings : out;
}
