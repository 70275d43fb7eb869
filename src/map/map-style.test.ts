import { describe, expect, it } from 'vitest';
import { createPropertyExpression, latest, type LayerSpecification, type LineLayerSpecification, type StylePropertySpecification } from '@maplibre/maplibre-gl-style-spec';
import {
  CLAIMS_SOURCE,
  CLAIM_LAYER_IDS,
  CLUSTERS_SOURCE,
  FLOW_AGGREGATES_SOURCE,
  FLOWS_SOURCE,
  SELECTED_FLOWS_SOURCE,
  flowAggregateLayers,
  flowRingLayers,
  selectedFlowLayers,
  clusterLayers,
  flowPaint,
  areaFillAntialias,
  DENSE_AREA_OUTLINE_ZOOM,
  BASEMAP_TOLERANCE,
  MARK_TILE_BUFFER,
  BASEMAP_TILE_BUFFER,
  PICK_TIERS,
  basemapLabelLayers,
  basemapStyle,
  claimLayersAboveLabels,
  claimLayersBelowLabels,
} from './map-style';

describe('map style', () => {
  const style = basemapStyle('http://localhost:5180/app/');

  it('has no glyphs or sprite server: labels use local fonts, icons are drawn in the page', () => {
    expect('glyphs' in style).toBe(false);
    expect('sprite' in style).toBe(false);
  });

  it('loads every basemap file from the app’s own origin and base path', () => {
    const urls = Object.values(style.sources).map((s) => (s as { data: string }).data);
    expect(urls.length).toBeGreaterThan(2);
    for (const url of urls) expect(url).toMatch(/^http:\/\/localhost:5180\/app\/basemap\/[a-z-]+\.json$/);
    expect(JSON.stringify([style, basemapLabelLayers, claimLayersAboveLabels])).not.toMatch(/https?:\/\/(?!localhost:5180)/);
  });

  it('names every claim layer claims-* and only those (the test contract)', () => {
    const all = [...style.layers, ...basemapLabelLayers, ...claimLayersBelowLabels, ...claimLayersAboveLabels];
    const all2 = [...all, ...flowAggregateLayers, ...selectedFlowLayers, ...clusterLayers, ...flowRingLayers];
    const sources = [CLAIMS_SOURCE, FLOWS_SOURCE, FLOW_AGGREGATES_SOURCE, SELECTED_FLOWS_SOURCE, CLUSTERS_SOURCE];
    const claimLayers = all2.filter((l) => 'source' in l && sources.includes(l.source));
    expect(claimLayers.map((l) => l.id)).toEqual([...CLAIM_LAYER_IDS]);
    expect(all2.filter((l) => l.id.startsWith('claims-')).length).toBe(claimLayers.length);
    expect(new Set(CLAIM_LAYER_IDS).size).toBe(CLAIM_LAYER_IDS.length);
  });

  it('picks only from layers that exist', () => {
    for (const id of PICK_TIERS.flat()) expect(CLAIM_LAYER_IDS).toContain(id);
  });
});

describe('flow paint per density', () => {
  it('restores exactly the layers’ own paint for a sparse bundle, and changes it for a dense one', () => {
    const layers = new Map(claimLayersAboveLabels.map((l) => [l.id, l]));
    for (const [id, prop, value] of flowPaint(false)) {
      const layer = layers.get(id) as { paint?: Record<string, unknown> } | undefined;
      expect(layer?.paint?.[prop], `${id} ${prop}`).toEqual(value);
    }
    const dense = flowPaint(true);
    expect(dense.map(([id, prop]) => `${id} ${prop}`)).toEqual(flowPaint(false).map(([id, prop]) => `${id} ${prop}`));
    for (const [, , value] of dense) expect(JSON.stringify(value)).toContain('"zoom"');
  });
});

describe('area fills per density', () => {
  const antialiasAt = (value: unknown, zoom: number): boolean => {
    const parsed = createPropertyExpression(value, 'fill-antialias', latest.paint_fill["fill-antialias"] as unknown as StylePropertySpecification);
    if (parsed.result !== 'success') throw new Error(`fill-antialias does not parse: ${JSON.stringify(parsed.value)}`);
    return (parsed.value as { evaluate: (g: { zoom: number }) => boolean }).evaluate({ zoom });
  };

  it('keeps the antialiased edge of every area in a sparse bundle (the seed), at every zoom', () => {
    for (const [, value] of areaFillAntialias(false)) for (const z of [0, 2, 5, 12]) expect(antialiasAt(value, z)).toBe(true);
  });

  it('drops it in a dense bundle only below the zoom where outlines start, on both area fill layers', () => {
    const dense = areaFillAntialias(true);
    expect(dense.map(([id]) => id).sort()).toEqual(['claims-area-fill', 'claims-area-hatch']);
    for (const [id, value] of dense) {
      expect(CLAIM_LAYER_IDS).toContain(id);
      expect(antialiasAt(value, 1.6)).toBe(false);
      expect(antialiasAt(value, DENSE_AREA_OUTLINE_ZOOM - 0.01)).toBe(false);
      expect(antialiasAt(value, DENSE_AREA_OUTLINE_ZOOM)).toBe(true);
      expect(antialiasAt(value, 9)).toBe(true);
    }
  });

  it('simplifies the basemap lines by at most one tile pixel (two on screen)', () => {
    const style = basemapStyle('http://localhost/');
    for (const id of ['land', 'boundaries']) expect((style.sources[id] as { tolerance?: number }).tolerance).toBe(BASEMAP_TOLERANCE);
    expect(BASEMAP_TOLERANCE).toBeLessThanOrEqual(1);
  });
});

describe('claim tile buffer', () => {
  /** The largest value a numeric paint property takes, over members, zoom and every feature-state. */
  const largest = (layers: LayerSpecification[], property: string, type: 'circle' | 'line'): number => {
    const spec = (latest as unknown as Record<string, Record<string, StylePropertySpecification>>)[`paint_${type}`]![property]!;
    let max = 0;
    for (const layer of layers) {
      const value = (layer as { paint?: Record<string, unknown> }).paint?.[property];
      if (value === undefined) continue;
      const parsed = createPropertyExpression(value, property, spec);
      if (parsed.result !== 'success') throw new Error(`${layer.id} ${property} does not parse`);
      const expr = parsed.value as { evaluate: (g: { zoom: number }, f: unknown, s: Record<string, unknown>) => number };
      for (const zoom of [0, 4, 8, 12])
        for (const big of [1, 1e6])
          for (const state of [{}, { selected: true }, { hover: true }, { n: big, w: 10 }])
            max = Math.max(max, expr.evaluate({ zoom }, { type: 1, properties: { count: big, total: big, width: 10, stance: 'denied', kind: 'movement' } }, state));
    }
    return max;
  };
  const claimLayers = [...claimLayersBelowLabels, ...claimLayersAboveLabels, ...flowAggregateLayers, ...selectedFlowLayers, ...clusterLayers, ...flowRingLayers];

  it('holds every line of a claim layer across a tile edge (no cap of a cut line reaches into the tile)', () => {
    const lines = claimLayers.filter((l): l is LineLayerSpecification => l.type === 'line');
    const widest = largest(lines, 'line-width', 'line');
    expect(widest).toBeGreaterThan(10);
    expect(MARK_TILE_BUFFER).toBeGreaterThanOrEqual(widest);
    expect(MARK_TILE_BUFFER).toBeLessThan(32);
  });

  it('holds the basemap lines across a tile edge with a buffer far under MapLibre\'s default', () => {
    const style = basemapStyle('http://localhost/');
    const basemapLines = style.layers.filter((l): l is LineLayerSpecification => l.type === 'line');
    expect(basemapLines.map((l) => l.id).sort()).toEqual(['coastline', 'country-boundaries']);
    const widest = largest(basemapLines, 'line-width', 'line');
    for (const id of ['land', 'boundaries']) {
      const buffer = (style.sources[id] as { buffer?: number }).buffer;
      expect(buffer).toBe(BASEMAP_TILE_BUFFER);
      expect(buffer).toBeGreaterThanOrEqual(widest);
      expect(buffer).toBeLessThan(128);
    }
  });
});

describe('flow rings', () => {
  const radiusAt = (layer: LayerSpecification, claims: number, state: Record<string, unknown> = {}): number => {
    const spec = (latest as unknown as Record<string, Record<string, StylePropertySpecification>>)['paint_circle']!['circle-radius']!;
    const parsed = createPropertyExpression((layer as { paint: Record<string, unknown> }).paint['circle-radius'], 'circle-radius', spec);
    if (parsed.result !== 'success') throw new Error(`${layer.id} circle-radius does not parse`);
    const expr = parsed.value as { evaluate: (g: { zoom: number }, f: unknown, s: Record<string, unknown>) => number };
    return expr.evaluate({ zoom: 2 }, { type: 1, properties: { count: claims, total: claims } }, state);
  };

  it('circle a point cluster of as many claims instead of hiding under it: drawn above it and wider', () => {
    const ring = flowRingLayers.find((l) => l.id === 'claims-flow-aggregate-loop')!;
    const cluster = clusterLayers.find((l) => l.id === 'claims-cluster')!;
    expect(CLAIM_LAYER_IDS.indexOf(ring.id)).toBeGreaterThan(CLAIM_LAYER_IDS.indexOf(cluster.id));
    for (const n of [1, 5, 10, 50, 100, 500, 1000, 10_000]) expect(radiusAt(ring, n), `${n} claims`).toBeGreaterThan(radiusAt(cluster, n) + 1.5);
    expect(radiusAt(ring, 100, { hidden: true })).toBe(0);
  });

  /**
   * MapLibre's program key for a layer (ProgramConfiguration.cacheKey): per data-driven paint property of
   * the layer's type (icon or text only, for a symbol layer), whether it is written as a constant or a
   * zoom curve (u_), per feature (a_) or per feature and zoom (z_).
   */
  function programKey(layer: LayerSpecification, overrides: Record<string, unknown> = {}): string {
    const part = layer.type === 'symbol' ? ((layer.layout as Record<string, unknown>)['text-field'] ? 'text-' : 'icon-') : '';
    const specs = (latest as unknown as Record<string, Record<string, StylePropertySpecification>>)[`paint_${layer.type}`]!;
    const paint = { ...(layer as { paint?: Record<string, unknown> }).paint, ...overrides };
    const keys: string[] = [];
    for (const [property, spec] of Object.entries(specs)) {
      const dataDriven = (spec as { 'property-type'?: string })['property-type'];
      if (dataDriven !== 'data-driven' && dataDriven !== 'cross-faded-data-driven') continue;
      if (part && !property.startsWith(part)) continue;
      // An area's outline takes its fill colour unless given one (MapLibre's FillStyleLayer does the same).
      const value = paint[property] ?? (property === 'fill-outline-color' ? paint['fill-color'] : undefined) ?? (spec as { default?: unknown }).default;
      // A plain value (a dash array is an array of numbers) is a constant; an expression starts with its operator.
      if (value === undefined || (Array.isArray(value) && typeof value[0] !== 'string')) {
        keys.push(`u_${property}`);
        continue;
      }
      const parsed = createPropertyExpression(value, property, spec);
      if (parsed.result !== 'success') throw new Error(`${layer.id} ${property} does not parse`);
      const kind = parsed.value.kind;
      keys.push(`${kind === 'source' ? 'a' : kind === 'composite' ? 'z' : 'u'}_${property}`);
    }
    const dashed = paint['line-dasharray'] !== undefined ? 'dashed ' : '';
    return `${layer.type} ${dashed}${part}${keys.sort().join(' ')}`;
  }

  it('draws the layers of one type with one shader program each (a software GPU pays ~60 ms per program on the first frame)', () => {
    const layers = new Map(
      [...basemapStyle('http://localhost/').layers, ...basemapLabelLayers, ...claimLayersBelowLabels, ...claimLayersAboveLabels, ...flowAggregateLayers, ...selectedFlowLayers, ...clusterLayers, ...flowRingLayers].map((l) => [l.id, l]),
    );
    const key = (id: string, overrides?: Record<string, unknown>) => programKey(layers.get(id)!, overrides);
    const flowOverrides = (dense: boolean, layer: string) => Object.fromEntries(flowPaint(dense).filter(([l]) => l === layer).map(([, property, value]) => [property, value]));
    const groups: [string, string[]][] = [
      ['fill', ['land', 'claims-area-fill']],
      [
        'line',
        [
          'coastline',
          'country-boundaries',
          'claims-area-outline',
          'claims-halo',
          'claims-flow-halo',
          'claims-line-casing',
          'claims-flow-casing',
          'claims-flow',
          'claims-flow-aggregate',
          'claims-flow-selected',
          'claims-flow-selected-halo',
        ],
      ],
      ['dashed line', ['claims-line', 'claims-line-contested', 'claims-area-outline-contested', 'claims-flow-contested']],
      ['circle', ['capital-dots', 'claims-point', 'claims-cluster', 'claims-flow-aggregate-loop']],
      ['text', ['country-labels', 'capital-labels']],
      ['arrowheads', ['claims-flow-arrow', 'claims-flow-aggregate-arrow', 'claims-flow-selected-arrow']],
    ];
    for (const [name, ids] of groups) {
      const first = key(ids[0]!, flowOverrides(true, ids[0]!));
      for (const id of ids) for (const dense of [true, false]) expect(key(id, flowOverrides(dense, id)), `${name}: ${id}${dense ? ', dense' : ''}`).toBe(first);
    }
  });
});
