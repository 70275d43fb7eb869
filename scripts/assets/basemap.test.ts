import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import type { Topology } from 'topojson-specification';
import type { Polygon, Position } from 'geojson';
import { landFeatures } from './basemap';

const require = createRequire(import.meta.url);

describe('basemap land', () => {
  const land = landFeatures(require('world-atlas/land-50m.json') as Topology);
  const polygons = land.flatMap((f) => (f.geometry.type === 'MultiPolygon' ? f.geometry.coordinates : [(f.geometry as Polygon).coordinates]));
  /** Even-odd on the plane MapLibre tiles: the point, or its copy a world to the east or west. */
  const inside = (lon: number, lat: number): boolean =>
    [lon, lon - 360, lon + 360].some((x) => {
      let odd = false;
      for (const rings of polygons)
        for (const ring of rings)
          for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
            const [xi, yi] = ring[i] as [number, number];
            const [xj, yj] = ring[j] as [number, number];
            if (yi > lat !== yj > lat && x < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) odd = !odd;
          }
      return odd;
    });

  it('has no ring along a pole (stroked along the edge of the map)', () => {
    for (const rings of polygons) for (const ring of rings) expect(ring.some((p) => Math.abs(p[1]!) < 90)).toBe(true);
  });

  it('has no ring edge across the world on the map (a line drawn around the globe)', () => {
    let longest = 0;
    const onMap = (p: Position) => Math.abs(p[1]!) < 85.06; // Web Mercator's latitudes
    for (const rings of polygons)
      for (const ring of rings)
        for (let i = 1; i < ring.length; i++)
          if (onMap(ring[i]!) || onMap(ring[i - 1]!)) longest = Math.max(longest, Math.abs(ring[i]![0]! - ring[i - 1]![0]!));
    expect(longest).toBeLessThan(180);
  });

  it('is land on the continents and islands across the antimeridian, and water in the oceans and the Caspian', () => {
    for (const [lon, lat, name] of [[2.35, 48.85, 'Paris'], [-0.12, 51.5, 'London'], [178, 69, 'Chukotka, west'], [-175, 66, 'Chukotka, east'], [-179.5, 71.2, 'Wrangel Island'], [135, -25, 'Australia'], [-60, -80, 'Antarctica'], [0, -84.8, 'Antarctica, south of 84°S']] as const)
      expect(inside(lon, lat), name).toBe(true);
    for (const [lon, lat, name] of [[-30, 45, 'North Atlantic'], [-10, 55, 'west of Ireland'], [0, 66, 'Norwegian Sea'], [51, 42, 'Caspian Sea'], [-150, 0, 'Pacific'], [-170, 60, 'Bering Sea']] as const)
      expect(inside(lon, lat), name).toBe(false);
  });
});
