import { booleanPointInPolygon, length } from '@turf/turf';
import type { LineString, MultiPolygon, Polygon, Position } from 'geojson';
import type { Topology } from 'topojson-specification';
import topologyJson from 'world-atlas/countries-50m.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { createGazetteer, interiorAnchor, lookupOrThrow } from './build';
import type { GazetteerPlace } from './types';

const topology = topologyJson as unknown as Topology;
const gaz = createGazetteer({
  topology,
  regions: [
    { id: 'region:central-asia', name: 'Central Asia', aliases: [], members: ['KAZ', 'KGZ', 'TJK', 'TKM', 'UZB'], anchor: null },
    { id: 'region:pinned', name: 'Pinned', aliases: [], members: ['FRA'], anchor: [2.35, 48.85] },
  ],
  sites: [{ id: 'site:test-base', name: 'Test base', lon: 68.78, lat: 38.54, country: 'TJK', source: 'test' }],
  findCity: (id) => (id === 1221874 ? { cityId: id, name: 'Dushanbe', country: 'TJ', lon: 68.77905, lat: 38.53575, population: 679400 } : undefined),
});

const place = (id: string): GazetteerPlace => lookupOrThrow(gaz, id);
const problem = (id: string): string => {
  const r = gaz.lookup(id);
  return 'problem' in r ? r.problem : 'found';
};

function vertices(g: Polygon | MultiPolygon): Set<string> {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return new Set(polys.flat(2).map((p) => `${p[0]},${p[1]}`));
}

function inside(p: Position, g: Polygon | MultiPolygon): boolean {
  return booleanPointInPolygon(p, g);
}

/**
 * Point-in-country that does not trust a ring crossing ±180 read as planar (such a ring "contains" half
 * the globe): those are tested with every longitude shifted into 0..360.
 */
function insideOnSphere(p: Position, g: Polygon | MultiPolygon): boolean {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return polys.some((rings) => {
    const crosses = rings.some((r) => r.some((q, i) => i > 0 && Math.abs(q[0]! - r[i - 1]![0]!) > 180));
    if (!crosses) return booleanPointInPolygon(p, { type: 'Polygon', coordinates: rings });
    const east = (q: Position): Position => [q[0]! < 0 ? q[0]! + 360 : q[0]!, q[1]!];
    return booleanPointInPolygon(east(p), { type: 'Polygon', coordinates: rings.map((r) => r.map(east)) });
  });
}

describe('countries', () => {
  it('draws a country as its Natural Earth polygon with an anchor inside it', () => {
    const afg = place('AFG');
    expect(afg).toMatchObject({ id: 'AFG', kind: 'country', name: 'Afghanistan' });
    expect(['Polygon', 'MultiPolygon']).toContain(afg.geometry.type);
    expect(inside(afg.anchor, afg.geometry as Polygon)).toBe(true);
    expect(afg.anchor[0]).toBeGreaterThan(60);
    expect(afg.anchor[0]).toBeLessThan(72);
  });

  it('keeps an interior anchor for a crescent-shaped country', () => {
    for (const id of ['HRV', 'CHL', 'VNM', 'NOR', 'IDN', 'USA', 'FRA']) {
      const p = place(id);
      expect(inside(p.anchor, p.geometry as MultiPolygon), id).toBe(true);
    }
  });

  it('anchors countries that straddle the antimeridian inside them, not in the Atlantic', () => {
    const fji = place('FJI');
    // Viti Levu, where Suva is: the largest island.
    expect(fji.anchor[0]).toBeGreaterThan(177);
    expect(fji.anchor[0]).toBeLessThan(179);
    expect(fji.anchor[1]).toBeGreaterThan(-19);
    expect(fji.anchor[1]).toBeLessThan(-17);
    for (const id of ['FJI', 'KIR', 'NZL', 'USA']) {
      const p = place(id);
      expect(insideOnSphere(p.anchor, p.geometry as MultiPolygon), id).toBe(true);
    }
    // Russia's display anchor is pinned to Moscow, so test the polygon point itself: Chukotka crosses ±180.
    const rus = place('RUS').geometry as MultiPolygon;
    const a = interiorAnchor(rus);
    expect(insideOnSphere(a, rus)).toBe(true);
    expect(a[0]).toBeGreaterThan(60);
    expect(a[0]).toBeLessThan(140);
  });

  it('anchors Russia at Moscow (news override)', () => {
    expect(place('RUS').anchor).toEqual([37.6173, 55.7558]);
  });

  it('handles Natural Earth features without ISO numeric ids', () => {
    expect(place('UNK').name).toBe('Kosovo');
    // Northern Cyprus is part of Cyprus under ISO 3166: Kyrenia lies inside CYP.
    expect(inside([33.32, 35.33], place('CYP').geometry as MultiPolygon)).toBe(true);
    // Somaliland is part of Somalia: Hargeisa lies inside SOM.
    expect(inside([44.06, 9.56], place('SOM').geometry as MultiPolygon)).toBe(true);
  });

  it('draws countries too small for 1:50m as a point', () => {
    expect(place('GIB').geometry.type).toBe('Point');
  });

  it('refuses unknown and lower-case codes with a hint', () => {
    expect(problem('XXX')).toBe('unknown place id "XXX"');
    expect(problem('afg')).toMatch(/upper case: AFG/);
    expect(problem('Afghanistan')).toMatch(/unknown place id "Afghanistan"/);
  });
});

describe('regions', () => {
  it('is the union of its members, one outline without inner borders', () => {
    const ca = place('region:central-asia');
    expect(ca).toMatchObject({ kind: 'region', name: 'Central Asia' });
    const g = ca.geometry as MultiPolygon;
    for (const p of [[69.24, 41.3], [68.78, 38.54], [74.6, 42.87], [58.38, 37.95], [71.43, 51.13]] as Position[]) {
      expect(inside(p, g), String(p)).toBe(true);
    }
    expect(inside([69.17, 34.53], g)).toBe(false); // Kabul
    // Dissolved: the TJK–UZB border vertices are not on the outline any more.
    const tjk = vertices(place('TJK').geometry as MultiPolygon);
    const uzb = vertices(place('UZB').geometry as MultiPolygon);
    const shared = [...tjk].filter((v) => uzb.has(v));
    const outline = vertices(g);
    const interior = shared.filter((v) => !outline.has(v));
    expect(interior.length).toBeGreaterThan(shared.length * 0.8);
    expect(inside(ca.anchor, g)).toBe(true);
  });

  it('uses the anchor given in the region file', () => {
    expect(place('region:pinned').anchor).toEqual([2.35, 48.85]);
  });

  it('refuses unknown regions', () => {
    expect(problem('region:atlantis')).toMatch(/unknown region "region:atlantis" \(known: region:central-asia, region:pinned\)/);
  });
});

describe('borders', () => {
  const border = place('border:TJK-AFG');
  const line = border.geometry as LineString;

  it('is one real line along the shared arcs, not a straight segment', () => {
    expect(border).toMatchObject({ id: 'border:AFG-TJK', kind: 'border', name: 'Afghanistan–Tajikistan border' });
    expect(line.type).toBe('LineString');
    expect(line.coordinates.length).toBeGreaterThan(100);
  });

  it('has a length close to the real border (≈1,350 km; 1:50m smooths the Panj river)', () => {
    const km = length({ type: 'Feature', properties: {}, geometry: line });
    expect(km).toBeGreaterThan(950);
    expect(km).toBeLessThan(1600);
  });

  it('ends at the tripoints with Uzbekistan and China, on both countries', () => {
    const afg = vertices(place('AFG').geometry as Polygon);
    const tjk = vertices(place('TJK').geometry as MultiPolygon);
    const ends = [line.coordinates[0]!, line.coordinates[line.coordinates.length - 1]!].sort((a, b) => a[0]! - b[0]!);
    for (const e of ends) {
      expect(afg.has(`${e[0]},${e[1]}`)).toBe(true);
      expect(tjk.has(`${e[0]},${e[1]}`)).toBe(true);
    }
    const [west, east] = ends as [Position, Position];
    expect(west[0]).toBeCloseTo(67.8, 0); // AFG–TJK–UZB tripoint on the Amu Darya
    expect(west[1]).toBeCloseTo(37.2, 0);
    expect(east[0]).toBeCloseTo(74.9, 0); // AFG–TJK–CHN tripoint in the Pamirs
    expect(east[1]).toBeCloseTo(37.2, 0);
  });

  it('is the same line whichever order the codes are written in', () => {
    expect(place('border:AFG-TJK')).toEqual(border);
  });

  it('anchors on the line', () => {
    const [lon, lat] = border.anchor;
    expect(lon).toBeGreaterThan(67.7);
    expect(lon).toBeLessThan(75);
    expect(lat).toBeGreaterThan(36.5);
    expect(lat).toBeLessThan(38.5);
  });

  it('refuses countries that share no border, and malformed ids', () => {
    expect(problem('border:TJK-KAZ')).toBe('Kazakhstan and Tajikistan share no land border in Natural Earth 1:50m');
    expect(problem('border:TJK-TJK')).toMatch(/same country twice/);
    expect(problem('border:TJK-XXX')).toMatch(/unknown country "XXX"/);
    expect(problem('border:TJK')).toMatch(/malformed border id/);
  });
});

describe('cities and sites', () => {
  it('finds cities by GeoNames id', () => {
    expect(place('geonames:1221874')).toEqual({
      id: 'geonames:1221874',
      kind: 'city',
      name: 'Dushanbe',
      anchor: [68.77905, 38.53575],
      geometry: { type: 'Point', coordinates: [68.77905, 38.53575] },
    });
    expect(problem('geonames:1')).toMatch(/no city with GeoNames id 1/);
    expect(problem('geonames:abc')).toMatch(/malformed city id/);
  });

  it('finds sites', () => {
    expect(place('site:test-base')).toMatchObject({ kind: 'site', anchor: [68.78, 38.54] });
    expect(problem('site:nowhere')).toMatch(/unknown site "site:nowhere" \(known: site:test-base\)/);
  });

  it('says when cities are not available (browser, no city table)', () => {
    const bare = createGazetteer({ topology, regions: [], sites: [] });
    const r = bare.lookup('geonames:1221874');
    expect('problem' in r && r.problem).toMatch(/city table is not loaded/);
  });
});
