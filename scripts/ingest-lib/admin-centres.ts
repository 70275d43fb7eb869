/**
 * The geographic centre of each first-level subdivision of a country, without its boundary: no package
 * here carries subdivision shapes, but GeoNames tells which subdivision each town lies in and Natural
 * Earth gives the country's shape. Every point of the country is given to the subdivision of its nearest
 * town (a Voronoi partition of the territory by towns, a standard stand-in for missing boundaries), and
 * each subdivision's centre is the centre of gravity of the area it receives: the same notion of centre
 * as for countries (country-point.ts). The land is sampled on an equal-area grid of about 11 km; a
 * subdivision too small to receive a sample gets no centre here. Pure: no fs.
 */
import type { Position } from 'geojson';
import { unwrapAntimeridian } from '../../src/domain/bounds';

export interface Town {
  lon: number;
  lat: number;
  /** Subdivision key ("US.GA"). */
  key: string;
}

export interface SubdivisionCentre {
  lon: number;
  lat: number;
  /** Area received, km². */
  km2: number;
}

const RAD = Math.PI / 180;
/** Sample spacing in degrees of latitude (about 11 km); longitude spacing widens towards the poles. */
const STEP = 0.1;
const CELL = 0.5; // town index cell, degrees
const KM_PER_DEG = 111.195;

export interface Partition {
  /** Subdivision key → centre of the area the partition gives it. */
  centres: Map<string, SubdivisionCentre>;
  /** The subdivision whose area holds a point: that of the nearest town (null without towns). */
  keyAt(lon: number, lat: number): string | null;
}

/**
 * Partition one country among its subdivisions. `parts` are the country's polygons (GeoJSON rings);
 * `towns` the country's towns with their subdivision keys.
 */
export function partitionCountry(parts: Position[][][], towns: readonly Town[]): Partition {
  const out = new Map<string, SubdivisionCentre>();
  if (towns.length === 0) return { centres: out, keyAt: () => null };
  const cellOf = (v: number): number => Math.floor(v / CELL);
  const cellKey = (cy: number, cx: number): number => (cy + 1000) * 4000 + (cx + 2000);
  const index = new Map<number, number[]>();
  towns.forEach((t, i) => {
    const k = cellKey(cellOf(t.lat), cellOf(t.lon));
    const list = index.get(k);
    if (list) list.push(i);
    else index.set(k, [i]);
  });
  let minCy = Infinity;
  let maxCy = -Infinity;
  let minCx = Infinity;
  let maxCx = -Infinity;
  for (const t of towns) {
    minCy = Math.min(minCy, cellOf(t.lat));
    maxCy = Math.max(maxCy, cellOf(t.lat));
    minCx = Math.min(minCx, cellOf(t.lon));
    maxCx = Math.max(maxCx, cellOf(t.lon));
  }

  // Nearest town by rings of index cells around the sample; a ring r cells out is at least
  // (r - 1) cells away, so once the best town is nearer than that, no further ring can beat it.
  const nearest = (lon: number, lat: number): number => {
    const cy = cellOf(lat);
    const cx = cellOf(lon);
    const c = Math.cos(lat * RAD);
    let best = -1;
    let bestD = Infinity;
    for (let r = 0; r <= 6; r++) {
      for (let dy = -r; dy <= r; dy++) {
        const y = cy + dy;
        if (y < minCy || y > maxCy) continue;
        const edge = dy === -r || dy === r;
        for (let dx = -r; dx <= r; dx += edge ? 1 : 2 * r) {
          const x = cx + dx;
          if (x < minCx || x > maxCx) {
            if (r === 0) break;
            continue;
          }
          const list = index.get(cellKey(y, x));
          if (list) {
            for (const i of list) {
              const t = towns[i]!;
              const d = (t.lat - lat) ** 2 + ((t.lon - lon) * c) ** 2;
              if (d < bestD) {
                bestD = d;
                best = i;
              }
            }
          }
          if (r === 0) break;
        }
      }
      if (best >= 0 && Math.sqrt(bestD) < r * CELL * Math.max(c, 0.05)) return best;
      // Far from every town (the Arctic, deserts): comparing them all is quicker than more rings.
      if (r === 6) break;
    }
    for (let i = 0; i < towns.length; i++) {
      const t = towns[i]!;
      const d = (t.lat - lat) ** 2 + ((t.lon - lon) * c) ** 2;
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
    return best;
  };

  const sums = new Map<string, { x: number; y: number; z: number; n: number }>();
  for (const raw of parts) {
    const rings = unwrapAntimeridian(raw);
    let minLat = Infinity;
    let maxLat = -Infinity;
    let minLon = Infinity;
    let maxLon = -Infinity;
    for (const p of rings[0] ?? []) {
      minLat = Math.min(minLat, p[1]!);
      maxLat = Math.max(maxLat, p[1]!);
      minLon = Math.min(minLon, p[0]!);
      maxLon = Math.max(maxLon, p[0]!);
    }
    // A part with no town of the country near it (French Guiana, whose towns GeoNames files under their
    // own code) would be handed to whichever subdivision is nearest across the ocean.
    const near = (t: Town): boolean => {
      const lon = t.lon < minLon - 1 && maxLon > 180 ? t.lon + 360 : t.lon;
      return t.lat >= minLat - 1 && t.lat <= maxLat + 1 && lon >= minLon - 1 && lon <= maxLon + 1;
    };
    if (!towns.some(near)) continue;
    // Scanlines on the sample rows: the crossings of all rings, filled between pairs (even-odd, so
    // lakes and enclaves cut as holes are left out).
    for (let row = Math.floor(minLat / STEP); (row + 0.5) * STEP < maxLat; row++) {
      const lat = (row + 0.5) * STEP;
      const xs: number[] = [];
      for (const ring of rings) {
        for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
          const a = ring[j]!;
          const b = ring[i]!;
          if (a[1]! > lat !== b[1]! > lat) xs.push(a[0]! + ((lat - a[1]!) * (b[0]! - a[0]!)) / (b[1]! - a[1]!));
        }
      }
      xs.sort((p, q) => p - q);
      const lonStep = STEP / Math.max(Math.cos(lat * RAD), 0.01); // equal-area samples
      for (let k = 0; k + 1 < xs.length; k += 2) {
        for (let lon = Math.ceil(xs[k]! / lonStep) * lonStep; lon < xs[k + 1]!; lon += lonStep) {
          const sampleLon = lon > 180 ? lon - 360 : lon;
          const i = nearest(sampleLon, lat);
          if (i < 0) continue;
          const key = towns[i]!.key;
          let s = sums.get(key);
          if (!s) {
            s = { x: 0, y: 0, z: 0, n: 0 };
            sums.set(key, s);
          }
          s.x += Math.cos(lat * RAD) * Math.cos(sampleLon * RAD);
          s.y += Math.cos(lat * RAD) * Math.sin(sampleLon * RAD);
          s.z += Math.sin(lat * RAD);
          s.n++;
        }
      }
    }
  }
  for (const [key, s] of sums) {
    out.set(key, {
      lon: Math.atan2(s.y, s.x) / RAD,
      lat: Math.atan2(s.z, Math.hypot(s.x, s.y)) / RAD,
      km2: s.n * (STEP * KM_PER_DEG) ** 2,
    });
  }
  return {
    centres: out,
    keyAt: (lon, lat) => {
      const i = nearest(lon, lat);
      return i < 0 ? null : towns[i]!.key;
    },
  };
}
