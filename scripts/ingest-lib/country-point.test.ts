import { describe, expect, it } from 'vitest';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { loadGazetteer } from '../lib/load-gazetteer';
import { countryCentre } from './country-point';
import { haversineKm } from './geovirus';

const box = (w: number, s: number, e: number, n: number): Position[][] => [
  [
    [w, s],
    [e, s],
    [e, n],
    [w, n],
    [w, s],
  ],
];
const multi = (...parts: Position[][][]): MultiPolygon => ({ type: 'MultiPolygon', coordinates: parts });

describe('countryCentre', () => {
  it('weighs area, not degrees: a box from the equator to 60° N has its centre well south of 30° N', () => {
    // Degrees of longitude shrink towards the pole, so a planar lon/lat centre of mass would say 30° N.
    const c = countryCentre({ type: 'Polygon', coordinates: box(0, 0, 10, 60) })!;
    expect(c.lat).toBeGreaterThan(20);
    expect(c.lat).toBeLessThan(27);
    expect(c.lon).toBeCloseTo(5, 1);
  });

  it('counts an island across a narrow strait as part of the country, and not one beyond open sea', () => {
    const main = box(0, 0, 4, 4);
    const nearIsland = box(4.3, 0, 6.3, 2); // 33 km of sea: within twice the territorial sea
    const farIsland = box(14, 0, 16, 2); // 1,100 km away, like Alaska or Hawaii
    const c = countryCentre(multi(main, nearIsland, farIsland))!;
    expect(c.bodyParts).toBe(2);
    // The centre of the main body with its island, untouched by the far island.
    expect(c.lon).toBeGreaterThan(2.2);
    expect(c.lon).toBeLessThan(3.2);
    const alone = countryCentre(multi(main, farIsland))!;
    expect(alone.bodyParts).toBe(1);
    expect(alone.lon).toBeCloseTo(2, 1);
  });

  it('has no centre for an archipelago whose largest island is under half the country', () => {
    expect(countryCentre(multi(box(0, 0, 2, 2), box(5, 0, 7, 2), box(10, 0, 12, 2)))).toBeNull();
  });

  it('has no centre for a crescent whose centre of gravity falls outside it', () => {
    // A "C" of three bars: its centre of gravity lies in the open side.
    const c: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [6, 0],
          [6, 1],
          [1, 1],
          [1, 5],
          [6, 5],
          [6, 6],
          [0, 6],
          [0, 0],
        ],
      ],
    };
    expect(countryCentre(c)).toBeNull();
  });

  it('puts real countries at their documented geographic centres (Natural Earth shapes)', () => {
    const gaz = loadGazetteer('data');
    if ('errors' in gaz) throw new Error('gazetteer did not load');
    const centre = (id: string) => {
      const r = gaz.gazetteer.lookup(id);
      if (!('place' in r)) throw new Error(id);
      const g = r.place.geometry;
      if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') throw new Error(id);
      return countryCentre(g);
    };
    const near = (id: string, lat: number, lon: number, km: number): void => {
      const c = centre(id)!;
      expect(haversineKm(c.lat, c.lon, lat, lon), id).toBeLessThan(km);
    };
    // Contiguous United States (USGS, near Lebanon, Kansas): Alaska and Hawaii are not the main body.
    near('USA', 39.83, -98.58, 50);
    // Australia's Lambert Gravitational Centre.
    near('AUS', -25.61, 134.35, 50);
    // Canada's centre lies north of the mainland's once the Arctic islands count (Baker Lake area).
    near('CAN', 62.4, -96.5, 250);
    // Russia's geographic centre by its islands-included definition (Lake Vivi).
    near('RUS', 66.42, 94.25, 200);
    expect(centre('IDN')).toBeNull();
    expect(centre('PHL')).toBeNull();
  });
});
