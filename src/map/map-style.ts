/**
 * Every source and layer the map draws, as typed MapLibre specifications (react-map-gl habit: layers are
 * data). The basemap is local GeoJSON built by `npm run assets`; there is no `glyphs` key, so MapLibre
 * (≥ 5.11) draws labels with local fonts, and no sprite: the two icons are drawn in icons.ts.
 * Claim layers all start with `claims-` (the test contract) and read per-feature state:
 *   hidden   — no member claim is inside the time window and the filters (opacity 0; clicks ignore it)
 *   n        — visible member claims of a shared mark or a cluster (default: property `total` / `count`)
 *   w        — a flow's width from the summed magnitude of its visible members (default: property `width`)
 *   selected — holds the open claim (halo, thicker)
 *   hover    — holds the claim under the pointer
 */
import type {
  CircleLayerSpecification,
  DataDrivenPropertyValueSpecification,
  ExpressionSpecification,
  FillLayerSpecification,
  FilterSpecification,
  LayerSpecification,
  LineLayerSpecification,
  StyleSpecification,
  SymbolLayerSpecification,
} from 'maplibre-gl';
import { CLAIM_KINDS } from '../domain/types';
import { KIND_COLORS } from '../domain/kind-style';

export const CLAIMS_SOURCE = 'claims';
/** Flow arcs and their arrowheads, apart from the other marks so that a dense bundle's source holds only
 *  the arcs drawn on their own around the current zoom (claim-map.ts): at world zoom nearly every arc is
 *  inside an aggregate, and tiling 28k arcs (most of a 100k bundle's vertices) only to filter them out
 *  held up the first frame. Feature ids are those of the claims source (group g, arrowhead arrowBase + g). */
export const FLOWS_SOURCE = 'claim-flows';
/** Point clusters (src/map/clusters.ts): one feature per zoom band and cluster. */
export const CLUSTERS_SOURCE = 'claim-clusters';
/** Flow aggregates (src/map/flow-aggregates.ts): one arc and arrowhead per zoom band and cluster pair. */
export const FLOW_AGGREGATES_SOURCE = 'claim-flow-aggregates';
export const ARROW_ICON = 'claim-arrow';
export const HATCH_ICON = 'claim-hatch';

export const FONT = ['Noto Sans', 'DejaVu Sans', 'Helvetica Neue', 'Arial', 'sans-serif'];

export const BASE_COLORS = {
  water: '#dde7ee',
  land: '#f6f4ef',
  coast: '#b8c4cc',
  border: '#b5aa9c',
  label: '#5b5650',
  capital: '#3e3a35',
  halo: '#f6f4ef',
};

/**
 * Simplification of the basemap's coast and boundary lines when tiled, in pixels of a 512-px tile (MapLibre's
 * default is 0.375). A tile is shown at 1–2× its size, so 1 px here is at most 2 px on screen, which a reader
 * does not see at the zoom the tile is for; it draws about a third fewer vertices, and with a software GPU
 * (SwiftShader) line and fill vertices are most of a world-view frame: at 10k claims the basemap went from
 * ~53 to ~35 ms a frame (bench/README.md).
 */
export const BASEMAP_TOLERANCE = 1;

/**
 * How far (px of a 512-px tile) beyond its edges a claim tile holds features. MapLibre's default, 128,
 * makes a tile hold a quarter tile more on each side: 2.25× its area, so at the world view each tile
 * repeats much of its neighbours' geometry for the tiler to cut, the worker to lay out and the GPU to draw,
 * clipped away. What a buffer is for:
 *  - a line cut at the buffer's edge ends in a cap there, which must not reach into the tile: the buffer
 *    is the widest line, a selection halo (16 px; map-style.test.ts checks);
 *  - circles and icons need none: MapLibre lays a point out only in the tile that holds it and draws it
 *    unclipped across the edge;
 *  - fills are clipped to the tile and need none, as long as their rings do not jump across ±180
 *    (claim-features.ts makes them continuous).
 * 128 → 64 took a 100k world-view repaint from 242 to 198 ms; 64 → 16, with the basemap's
 * buffer below, ~120 → ~90 ms a frame (bench/README.md).
 */
export const MARK_TILE_BUFFER = 16;

/**
 * The basemap's land and boundaries: lines at most 1.2 px wide and a fill with no antialiasing edge. At
 * the world view the default buffer made ~40 % of the land, coast and boundary vertices drawn per frame,
 * ~20 of a ~100 ms SwiftShader frame at 100k claims (bench/README.md). It needs land rings continuous
 * across the antimeridian (scripts/assets/basemap.ts): with world-atlas's rings, whose edges jump from
 * 180° to -180°, a small buffer cut Eurasia's ring so that West Africa and Western Europe were drawn as sea.
 */
export const BASEMAP_TILE_BUFFER = 4;

/**
 * Shared shader programs. MapLibre compiles a program per layer type and per way each paint property is
 * written: a constant (`u_`), read from the feature (`a_`), or from the feature and the zoom (`z_`). With a
 * software GPU (SwiftShader) the first draw with each program costs ~55–80 ms of the first frame, however
 * little it draws, and a dense bundle's world view drew with 16 programs where the bare page needs 8. So
 * the layers of one type are written alike, with the same values as before:
 *  - fills (land, claim areas): colour and opacity per feature;
 *  - lines, dashed or not (coast, country boundaries, borders, outlines, casings, halos, flows, flow
 *    aggregates): colour per feature, width and opacity per feature and zoom;
 *  - circles (points, clusters, rings, capitals) and text (country names, capitals, cluster counts): every
 *    data-driven property per feature;
 *  - flow arrowheads: opacity per feature and zoom.
 * map-style.test.ts checks that each group keeps one program key.
 */
function perFeature(value: string | number): ExpressionSpecification {
  // A data expression that always yields `value` (['has', …] reads the feature; MapLibre cannot fold it).
  return ['case', ['has', 'mark'], value, value] as ExpressionSpecification;
}

/** A constant line width or opacity, per feature and zoom (see perFeature). */
function perFeatureAndZoom(value: number): ExpressionSpecification {
  return flat(perFeature(value));
}

/** The offline basemap. `baseUrl` is the page's base so the style works under any deploy path. */
export function basemapStyle(baseUrl: string): StyleSpecification {
  const url = (file: string) => new URL(`basemap/${file}`, baseUrl).href;
  return {
    version: 8,
    name: 'Claim Atlas offline basemap',
    sources: {
      land: { type: 'geojson', data: url('land.json'), tolerance: BASEMAP_TOLERANCE, buffer: BASEMAP_TILE_BUFFER, attribution: 'Natural Earth' },
      boundaries: { type: 'geojson', data: url('boundaries.json'), tolerance: BASEMAP_TOLERANCE, buffer: BASEMAP_TILE_BUFFER },
      'country-labels': { type: 'geojson', data: url('country-labels.json') },
      capitals: { type: 'geojson', data: url('capitals.json'), attribution: 'GeoNames' },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': BASE_COLORS.water } },
      {
        id: 'land',
        type: 'fill',
        source: 'land',
        // No antialiasing edge: the coastline layer strokes the same rings (a second stroke was ~8 % of a
        // world-view frame with a software GPU).
        paint: { 'fill-color': perFeature(BASE_COLORS.land), 'fill-opacity': perFeature(1), 'fill-antialias': false },
      },
      {
        id: 'coastline',
        type: 'line',
        source: 'land',
        paint: {
          'line-color': perFeature(BASE_COLORS.coast),
          'line-width': ['interpolate', ['linear'], ['zoom'], 1, perFeature(0.4), 6, perFeature(1)],
          'line-opacity': perFeatureAndZoom(1),
        },
      },
      {
        id: 'country-boundaries',
        type: 'line',
        source: 'boundaries',
        layout: { 'line-join': 'round' },
        paint: {
          'line-color': perFeature(BASE_COLORS.border),
          'line-width': ['interpolate', ['linear'], ['zoom'], 1, perFeature(0.5), 6, perFeature(1.2)],
          'line-opacity': perFeatureAndZoom(1),
        },
      },
    ],
  };
}

/** Labels go above the claim areas but below flows, lines and points, so names stay readable. */
export const basemapLabelLayers: LayerSpecification[] = [
  {
    id: 'country-labels',
    type: 'symbol',
    source: 'country-labels',
    filter: ['<=', ['get', 'rank'], ['step', ['zoom'], 1, 2, 2, 3.2, 3, 4.5, 4]],
    layout: {
      'text-field': ['get', 'name'],
      'text-font': FONT,
      'text-size': ['interpolate', ['linear'], ['zoom'], 2, 10, 6, 14],
      'text-transform': 'uppercase',
      'text-letter-spacing': 0.08,
      'text-max-width': 7,
      'symbol-sort-key': ['get', 'rank'],
      'text-padding': 4,
    },
    paint: {
      'text-color': BASE_COLORS.label,
      'text-halo-color': BASE_COLORS.halo,
      'text-halo-width': 1.4,
      'text-opacity': perFeature(1),
    },
  } satisfies SymbolLayerSpecification,
  {
    id: 'capital-dots',
    type: 'circle',
    source: 'capitals',
    minzoom: 3,
    filter: ['<=', ['get', 'rank'], ['step', ['zoom'], 2, 4, 3, 5, 4]],
    paint: {
      'circle-radius': perFeature(2.5),
      'circle-color': perFeature('#ffffff'),
      'circle-opacity': perFeature(1),
      'circle-stroke-color': perFeature(BASE_COLORS.capital),
      'circle-stroke-width': perFeature(1.2),
      'circle-stroke-opacity': perFeature(1),
    },
  } satisfies CircleLayerSpecification,
  {
    id: 'capital-labels',
    type: 'symbol',
    source: 'capitals',
    minzoom: 3,
    filter: ['<=', ['get', 'rank'], ['step', ['zoom'], 2, 4, 3, 5, 4]],
    layout: {
      'text-field': ['get', 'name'],
      'text-font': FONT,
      'text-size': 11,
      'text-anchor': 'left',
      'text-offset': [0.5, 0],
      'text-optional': true,
    },
    paint: { 'text-color': BASE_COLORS.capital, 'text-halo-color': BASE_COLORS.halo, 'text-halo-width': 1.2, 'text-opacity': perFeature(1) },
  } satisfies SymbolLayerSpecification,
];

/** ['match', kind, 'movement', '#D55E00', …]: one palette, from kind-style.ts. */
export const kindColor: ExpressionSpecification = [
  'match',
  ['get', 'kind'],
  ...CLAIM_KINDS.flatMap((k) => [k, KIND_COLORS[k]]),
  '#777777',
] as unknown as ExpressionSpecification;

const hidden: ExpressionSpecification = ['boolean', ['feature-state', 'hidden'], false];
const selected: ExpressionSpecification = ['boolean', ['feature-state', 'selected'], false];
const hover: ExpressionSpecification = ['boolean', ['feature-state', 'hover'], false];
const contested: ExpressionSpecification = ['!=', ['get', 'stance'], 'asserted'];
const visibleMembers: ExpressionSpecification = ['coalesce', ['feature-state', 'n'], ['get', 'total']];
const lineWidth: ExpressionSpecification = ['coalesce', ['feature-state', 'w'], ['get', 'width']];
/**
 * Line widths drop to 0 where the line is not seen (hidden, or a halo not asked for): opacity 0 still
 * rasterises every pixel, width 0 none. With SwiftShader (and on weak GPUs) the fill is most of a frame at
 * corpus scale: at 100k claims, flows drawn at opacity 0 cost seconds per scrub step.
 */
function seenWidth(width: ExpressionSpecification | number): ExpressionSpecification {
  return ['case', hidden, 0, width] as ExpressionSpecification;
}

function visibleOpacity(normal: number, emphasised = 1): DataDrivenPropertyValueSpecification<number> {
  return ['case', hidden, 0, ['any', selected, hover], emphasised, normal];
}

const isMark = (mark: string): ExpressionSpecification => ['==', ['get', 'mark'], mark];
const isArrow: ExpressionSpecification = ['==', ['get', 'mark'], 'arrow'];
/** Points inside a cluster at this zoom are drawn by the cluster. Zoom in a filter is the tile's zoom. */
const pointOnItsOwn: ExpressionSpecification = ['>=', ['zoom'], ['get', 'z0']];
/** A flow (or its arrowhead) drawn as itself at this tile zoom, not inside an aggregate: bit `zoom` of
 *  `own`, every zoom past the aggregate bands. Filtered out in the tiler, so an aggregated arc costs the
 *  renderer nothing. */
export const flowOnItsOwn: ExpressionSpecification = [
  'any',
  ['>', ['zoom'], 7],
  ['==', ['%', ['floor', ['/', ['get', 'own'], ['^', 2, ['zoom']]]], 2], 1],
];

type FlowPaint = [
  layer: string,
  property: 'line-width' | 'line-opacity' | 'icon-opacity',
  value: DataDrivenPropertyValueSpecification<number>,
];

/** `interpolate` over zoom from `low` (at zoom 3 and below) to `high` (zoom 7 and above). */
function byZoom(low: ExpressionSpecification | number, high: ExpressionSpecification | number): ExpressionSpecification {
  return ['interpolate', ['linear'], ['zoom'], 3, low, 7, high] as ExpressionSpecification;
}

/** The same value at every zoom, written as a zoom curve: MapLibre 6 throws ("interpolationFactor is not
 *  a function") when setPaintProperty swaps a zoom curve for a plain data expression or back, so the
 *  sparse and dense paints are both curves. */
function flat(value: DataDrivenPropertyValueSpecification<number>): ExpressionSpecification {
  return byZoom(value as ExpressionSpecification, value as ExpressionSpecification);
}

const FLOW_PAINT = {
  width: flat(seenWidth(lineWidth)),
  casingWidth: flat(seenWidth(['+', lineWidth, 2.5])),
  opacity: flat(visibleOpacity(0.9)),
  casingOpacity: flat(visibleOpacity(0.8)),
  arrowOpacity: flat(visibleOpacity(1)),
};

/**
 * Flow paint for the bundle on screen, set once per bundle with setPaintProperty. A dense bundle (one that
 * clusters its points: thousands of claims) draws its flows thin, translucent and without the white casing
 * at world and continent zoom, so that a thousand arcs read as a texture of directions under the clusters
 * instead of a solid knot; from zoom 7 they are drawn as in a single article. A selected or hovered flow is always full.
 */
export function flowPaint(dense: boolean): FlowPaint[] {
  if (!dense) {
    return [
      ['claims-flow', 'line-width', FLOW_PAINT.width],
      ['claims-flow-contested', 'line-width', FLOW_PAINT.width],
      ['claims-flow-casing', 'line-width', FLOW_PAINT.casingWidth],
      ['claims-flow', 'line-opacity', FLOW_PAINT.opacity],
      ['claims-flow-contested', 'line-opacity', FLOW_PAINT.opacity],
      ['claims-flow-casing', 'line-opacity', FLOW_PAINT.casingOpacity],
      ['claims-flow-arrow', 'icon-opacity', FLOW_PAINT.arrowOpacity],
    ];
  }
  const faint = (low: number, high: number) =>
    byZoom(['case', hidden, 0, ['any', selected, hover], 1, low], ['case', hidden, 0, ['any', selected, hover], 1, high]);
  const emphasised: ExpressionSpecification = ['any', selected, hover];
  const width = byZoom(seenWidth(['case', emphasised, lineWidth, ['*', 0.35, lineWidth]]), seenWidth(lineWidth));
  // No white casing while the flows are a faint texture: it would only cost fill.
  const casing = byZoom(seenWidth(['case', emphasised, ['+', lineWidth, 2.5], 0]), seenWidth(['+', lineWidth, 2.5]));
  return [
    ['claims-flow', 'line-width', width],
    ['claims-flow-contested', 'line-width', width],
    ['claims-flow-casing', 'line-width', casing],
    ['claims-flow', 'line-opacity', faint(0.28, 0.9)],
    ['claims-flow-contested', 'line-opacity', faint(0.28, 0.9)],
    ['claims-flow-casing', 'line-opacity', faint(0, 0.8)],
    ['claims-flow-arrow', 'icon-opacity', faint(0.45, 1)],
  ];
}

/**
 * Layers a dense bundle draws only from zoom DENSE_DETAIL_ZOOM on (setLayerZoomRange, once per bundle): the
 * halo and the white casing. Below it a selected or hovered flow is shown at full width and opacity
 * instead. A layer out of its zoom range is not even tiled, and these two draw every arc's vertices again.
 */
export const DENSE_DETAIL_ZOOM = 7;
export const DENSE_DETAIL_LAYERS: readonly string[] = ['claims-halo', 'claims-flow-halo', 'claims-flow-casing'];

/**
 * Area outlines and border casings of a dense bundle start at this zoom. Below it a city-sized area is a
 * few pixels across: the fill still draws it (and answers clicks), but the outlines of ten thousand small
 * polygons were half of a world-view frame at 100k claims (SwiftShader), for rings a reader cannot tell
 * apart; the white casing under borders cost another ~40 ms of a ~370 ms frame there.
 */
export const DENSE_AREA_OUTLINE_ZOOM = 4;
export const DENSE_AREA_OUTLINE_LAYERS: readonly string[] = ['claims-area-outline', 'claims-area-outline-contested', 'claims-line-casing'];

/**
 * Area fills of a dense bundle skip their antialiasing edge (a second pass that strokes every polygon's
 * ring) below DENSE_AREA_OUTLINE_ZOOM, where the rings are a few pixels long: ~50 ms of a 100k world-view
 * frame. Set per bundle with setPaintProperty, as `[layer, value]`.
 */
export function areaFillAntialias(dense: boolean): [string, boolean | ExpressionSpecification][] {
  const value: boolean | ExpressionSpecification = dense ? ['step', ['zoom'], false, DENSE_AREA_OUTLINE_ZOOM, true] : true;
  return [['claims-area-fill', value], ['claims-area-hatch', value]];
}

/** A dense bundle's one-mark-per-place area or border (place-marks.ts), drawn below DENSE_AREA_OUTLINE_ZOOM
 *  instead of the (kind, stance) marks of the place. */
const isPlaceMark: ExpressionSpecification = ['==', ['get', 'place'], 1];
const notPlaceMark: ExpressionSpecification = ['!=', ['get', 'place'], 1];

/** The filters of the layers that draw place marks: a sparse bundle has none; a dense one draws them below
 *  DENSE_AREA_OUTLINE_ZOOM (zoom in a filter is the tile's zoom) and its (kind, stance) marks from there on. */
export function placeMarkFilters(dense: boolean): [string, FilterSpecification][] {
  const which: ExpressionSpecification = dense
    ? ['any', ['all', ['<', ['zoom'], DENSE_AREA_OUTLINE_ZOOM], isPlaceMark], ['all', ['>=', ['zoom'], DENSE_AREA_OUTLINE_ZOOM], notPlaceMark]]
    : notPlaceMark;
  return [
    ['claims-area-fill', ['all', isMark('area'), which]],
    ['claims-area-hatch', ['all', isMark('area'), contested, which]],
    ['claims-line', ['all', isMark('line'), ['!', contested], which]],
    ['claims-line-contested', ['all', isMark('line'), contested, which]],
  ];
}

/** A mark's colour: its kind's, or a neutral ink for a place mark or flow aggregate of several kinds. */
const markColor: ExpressionSpecification = ['case', ['==', ['get', 'kind'], 'mixed'], '#4f4a5c', kindColor];

/** The layers of the claims source, bottom to top. Ids all start with `claims-`. */
export const claimLayersBelowLabels: LayerSpecification[] = [
  {
    id: 'claims-area-fill',
    type: 'fill',
    source: CLAIMS_SOURCE,
    filter: ['all', isMark('area'), notPlaceMark],
    paint: {
      'fill-color': markColor,
      // A place mark stands for all of a place's claims in ONE fill (no longer a stack of them): it darkens
      // with the claims it holds, as the stack did.
      'fill-opacity': [
        'case',
        hidden,
        0,
        ['any', selected, hover],
        0.28,
        isPlaceMark,
        ['interpolate', ['linear'], visibleMembers, 1, 0.09, 10, 0.16, 100, 0.24, 1000, 0.3],
        0.09,
      ],
    },
  } satisfies FillLayerSpecification,
  {
    // Denied and disputed areas are hatched, so they read as contested without relying on colour.
    id: 'claims-area-hatch',
    type: 'fill',
    source: CLAIMS_SOURCE,
    filter: ['all', isMark('area'), contested, notPlaceMark],
    paint: { 'fill-pattern': HATCH_ICON, 'fill-opacity': visibleOpacity(0.55, 0.9) },
  } satisfies FillLayerSpecification,
  {
    id: 'claims-area-outline',
    type: 'line',
    source: CLAIMS_SOURCE,
    filter: ['all', isMark('area'), ['!', contested], notPlaceMark],
    layout: { 'line-join': 'round' },
    paint: {
      'line-color': kindColor,
      'line-width': flat(seenWidth(['case', selected, 3, 1.4])),
      'line-opacity': flat(visibleOpacity(0.75)),
    },
  } satisfies LineLayerSpecification,
  {
    id: 'claims-area-outline-contested',
    type: 'line',
    source: CLAIMS_SOURCE,
    filter: ['all', isMark('area'), contested, notPlaceMark],
    layout: { 'line-join': 'round' },
    paint: {
      'line-color': kindColor,
      'line-width': flat(seenWidth(['case', selected, 3, 1.6])),
      'line-dasharray': [2, 2],
      'line-opacity': flat(visibleOpacity(0.85)),
    },
  } satisfies LineLayerSpecification,
];

/** A dark halo under the selected or hovered line or flow; zero width otherwise. */
const selectionHalo: Pick<LineLayerSpecification, 'layout' | 'paint'> = {
  layout: { 'line-cap': 'round', 'line-join': 'round' },
  paint: {
    'line-color': perFeature('#1b1b1b'),
    'line-width': flat(['case', ['all', ['!', hidden], ['any', selected, hover]], ['+', lineWidth, 6], 0]),
    'line-opacity': flat(['case', hidden, 0, selected, 0.55, hover, 0.22, 0]),
  },
};

export const claimLayersAboveLabels: LayerSpecification[] = [
  {
    id: 'claims-halo',
    type: 'line',
    source: CLAIMS_SOURCE,
    filter: ['all', isMark('line'), notPlaceMark],
    ...selectionHalo,
  } satisfies LineLayerSpecification,
  {
    id: 'claims-flow-halo',
    type: 'line',
    source: FLOWS_SOURCE,
    filter: ['all', isMark('flow'), flowOnItsOwn],
    ...selectionHalo,
  } satisfies LineLayerSpecification,
  {
    id: 'claims-line-casing',
    type: 'line',
    source: CLAIMS_SOURCE,
    filter: ['all', isMark('line'), notPlaceMark],
    layout: { 'line-join': 'round' },
    paint: { 'line-color': perFeature('#ffffff'), 'line-width': flat(seenWidth(['+', ['get', 'width'], 3])), 'line-opacity': flat(visibleOpacity(0.85)) },
  } satisfies LineLayerSpecification,
  {
    // Borders: thick and dashed, so they never read as the basemap's thin country boundaries.
    id: 'claims-line',
    type: 'line',
    source: CLAIMS_SOURCE,
    filter: ['all', isMark('line'), ['!', contested], notPlaceMark],
    paint: {
      'line-color': markColor,
      'line-width': flat(seenWidth(['get', 'width'])),
      'line-dasharray': [2, 1],
      'line-opacity': flat(visibleOpacity(0.95)),
    },
  } satisfies LineLayerSpecification,
  {
    id: 'claims-line-contested',
    type: 'line',
    source: CLAIMS_SOURCE,
    filter: ['all', isMark('line'), contested, notPlaceMark],
    paint: {
      'line-color': markColor,
      'line-width': flat(seenWidth(['get', 'width'])),
      'line-dasharray': [0.6, 1.2],
      'line-opacity': flat(visibleOpacity(0.95)),
    },
  } satisfies LineLayerSpecification,
  {
    id: 'claims-flow-casing',
    type: 'line',
    source: FLOWS_SOURCE,
    filter: ['all', isMark('flow'), flowOnItsOwn],
    layout: { 'line-cap': 'round', 'line-join': 'round' },
    paint: { 'line-color': perFeature('#ffffff'), 'line-width': FLOW_PAINT.casingWidth, 'line-opacity': FLOW_PAINT.casingOpacity },
  } satisfies LineLayerSpecification,
  {
    id: 'claims-flow',
    type: 'line',
    source: FLOWS_SOURCE,
    filter: ['all', isMark('flow'), ['!', contested], flowOnItsOwn],
    layout: { 'line-cap': 'round', 'line-join': 'round' },
    paint: { 'line-color': kindColor, 'line-width': FLOW_PAINT.width, 'line-opacity': FLOW_PAINT.opacity },
  } satisfies LineLayerSpecification,
  {
    id: 'claims-flow-contested',
    type: 'line',
    source: FLOWS_SOURCE,
    filter: ['all', isMark('flow'), contested, flowOnItsOwn],
    layout: { 'line-join': 'round' },
    paint: {
      'line-color': kindColor,
      'line-width': FLOW_PAINT.width,
      'line-dasharray': [1.5, 1],
      'line-opacity': FLOW_PAINT.opacity,
    },
  } satisfies LineLayerSpecification,
  {
    // Arrowheads at each flow's destination, rotated to the arc's last segment. Icon size is layout (no
    // feature-state), so it follows the width with every member visible: at most a little generous.
    id: 'claims-flow-arrow',
    type: 'symbol',
    source: FLOWS_SOURCE,
    filter: ['all', isArrow, flowOnItsOwn],
    layout: {
      'icon-image': ARROW_ICON,
      'icon-rotate': ['get', 'bearing'],
      'icon-rotation-alignment': 'map',
      'icon-allow-overlap': true,
      'icon-ignore-placement': true,
      'icon-size': ['interpolate', ['linear'], ['get', 'width'], 2, 0.55, 10, 1.1],
    },
    paint: { 'icon-color': kindColor, 'icon-opacity': FLOW_PAINT.arrowOpacity },
  } satisfies SymbolLayerSpecification,
  {
    // Asserted points are filled, denied/disputed ones hollow; a dot standing for several claims is a
    // little larger.
    id: 'claims-point',
    type: 'circle',
    source: CLAIMS_SOURCE,
    filter: ['all', isMark('point'), pointOnItsOwn],
    paint: {
      'circle-radius': ['case', selected, 9, hover, 8, ['interpolate', ['linear'], visibleMembers, 1, 6.5, 6, 8.5]],
      'circle-color': ['case', contested, '#ffffff', kindColor],
      'circle-stroke-color': ['case', selected, '#1b1b1b', contested, kindColor, '#ffffff'],
      'circle-stroke-width': ['case', selected, 3, contested, 3, 1.6],
      'circle-opacity': visibleOpacity(0.95),
      'circle-stroke-opacity': visibleOpacity(1),
    },
  } satisfies CircleLayerSpecification,
];

const aggregateWidth: ExpressionSpecification = ['coalesce', ['feature-state', 'w'], ['get', 'width']];
/** Summary marks (clusters, flow aggregates) of the band the camera's zoom falls in; `z` is their band. */
const inBand: ExpressionSpecification = ['==', ['zoom'], ['get', 'z']];

/**
 * Flow aggregates below the detail zoom: one arc per (band, origin cluster, destination cluster), width by
 * the summed magnitude of its visible claims (`w`), coloured by kind when all its claims are of one kind,
 * else a neutral ink. Hidden (no visible member) is width 0, not opacity 0: opacity 0 still rasterises.
 * A selected or hovered aggregate (it holds the claim) is drawn dark and a little thicker.
 */
export const flowAggregateLayers: LayerSpecification[] = [
  {
    id: 'claims-flow-aggregate',
    type: 'line',
    source: FLOW_AGGREGATES_SOURCE,
    filter: ['all', inBand, isMark('flow')],
    // The big routes on top of the small ones: aggregateCollection orders them by width.
    layout: { 'line-cap': 'round', 'line-join': 'round' },
    paint: {
      'line-color': ['case', ['any', selected, hover], '#1b1b1b', markColor],
      'line-width': flat(seenWidth(['case', ['any', selected, hover], ['+', aggregateWidth, 2], aggregateWidth])),
      // Thin routes recede into a texture; thick ones read at a glance.
      'line-opacity': flat(['case', hidden, 0, ['any', selected, hover], 0.95, ['interpolate', ['linear'], aggregateWidth, 1, 0.4, 9, 0.85]]),
    },
  } satisfies LineLayerSpecification,
  {
    id: 'claims-flow-aggregate-arrow',
    type: 'symbol',
    source: FLOW_AGGREGATES_SOURCE,
    filter: ['all', inBand, isArrow],
    layout: {
      'icon-image': ARROW_ICON,
      'icon-rotate': ['get', 'bearing'],
      'icon-rotation-alignment': 'map',
      'icon-allow-overlap': true,
      'icon-ignore-placement': true,
      'icon-size': ['interpolate', ['linear'], ['get', 'width'], 1, 0.45, 9, 1],
    },
    paint: {
      'icon-color': ['case', ['any', selected, hover], '#1b1b1b', markColor],
      'icon-opacity': flat(['case', hidden, 0, ['any', selected, hover], 1, ['interpolate', ['linear'], aggregateWidth, 1, 0.5, 9, 0.9]]),
    },
  } satisfies SymbolLayerSpecification,
];

/**
 * Rings: the flows of a place or cluster not drawn as arcs at this zoom (those inside a cluster, and small
 * routes folded into the ring where they start, flow-aggregates.ts). Drawn above the point clusters and a
 * little wider than a cluster of as many claims, so that a ring at a cluster's centre circles it instead of
 * hiding under it; below the cluster counts.
 */
export const flowRingLayers: LayerSpecification[] = [
  {
    id: 'claims-flow-aggregate-loop',
    type: 'circle',
    source: FLOW_AGGREGATES_SOURCE,
    filter: ['all', inBand, isMark('loop')],
    paint: {
      'circle-radius': ['case', hidden, 0, ['interpolate', ['linear'], visibleMembers, 1, 12, 10, 16, 100, 22, 1000, 30, 10000, 38]],
      'circle-color': perFeature('#000000'),
      'circle-opacity': perFeature(0),
      'circle-stroke-color': ['case', ['any', selected, hover], '#1b1b1b', markColor],
      'circle-stroke-width': ['case', hidden, 0, ['any', selected, hover], 3.5, 2.2],
      'circle-stroke-opacity': ['case', hidden, 0, 0.85],
    },
  } satisfies CircleLayerSpecification,
];

/** The selected claim's own arcs, drawn over the aggregates below the detail zoom (claim-map.ts). */
export const SELECTED_FLOWS_SOURCE = 'claim-selected-flows';

export const selectedFlowLayers: LayerSpecification[] = [
  {
    id: 'claims-flow-selected-halo',
    type: 'line',
    source: SELECTED_FLOWS_SOURCE,
    maxzoom: 8,
    filter: isMark('flow'),
    layout: { 'line-cap': 'round', 'line-join': 'round' },
    paint: { 'line-color': perFeature('#1b1b1b'), 'line-width': flat(['+', ['get', 'width'], 5]), 'line-opacity': perFeatureAndZoom(0.5) },
  } satisfies LineLayerSpecification,
  {
    id: 'claims-flow-selected',
    type: 'line',
    source: SELECTED_FLOWS_SOURCE,
    maxzoom: 8,
    filter: isMark('flow'),
    layout: { 'line-cap': 'round', 'line-join': 'round' },
    paint: { 'line-color': kindColor, 'line-width': flat(['get', 'width']), 'line-opacity': perFeatureAndZoom(1) },
  } satisfies LineLayerSpecification,
  {
    id: 'claims-flow-selected-arrow',
    type: 'symbol',
    source: SELECTED_FLOWS_SOURCE,
    maxzoom: 8,
    filter: isArrow,
    layout: {
      'icon-image': ARROW_ICON,
      'icon-rotate': ['get', 'bearing'],
      'icon-rotation-alignment': 'map',
      'icon-allow-overlap': true,
      'icon-ignore-placement': true,
      'icon-size': ['interpolate', ['linear'], ['get', 'width'], 2, 0.55, 10, 1.1],
    },
    paint: { 'icon-color': kindColor, 'icon-opacity': perFeatureAndZoom(1) },
  } satisfies SymbolLayerSpecification,
];

const clusterClaims: ExpressionSpecification = ['coalesce', ['feature-state', 'n'], ['get', 'count']];

/** Point clusters, above every other mark: a dark disc sized by the visible claims it holds. */
export const clusterLayers: LayerSpecification[] = [
  {
    id: 'claims-cluster',
    type: 'circle',
    source: CLUSTERS_SOURCE,
    filter: inBand,
    paint: {
      'circle-radius': ['interpolate', ['linear'], clusterClaims, 1, 9, 10, 12, 100, 17, 1000, 24, 10000, 32],
      'circle-color': perFeature('#45404f'),
      'circle-opacity': ['case', hidden, 0, ['any', selected, hover], 0.97, 0.86],
      'circle-stroke-color': ['case', selected, '#1b1b1b', '#ffffff'],
      'circle-stroke-width': ['case', selected, 3.5, hover, 2.5, 1.5],
      'circle-stroke-opacity': ['case', hidden, 0, 1],
    },
  } satisfies CircleLayerSpecification,
];

export const CLAIM_LAYER_IDS: readonly string[] = [
  ...claimLayersBelowLabels,
  ...claimLayersAboveLabels,
  ...flowAggregateLayers,
  ...selectedFlowLayers,
  ...clusterLayers,
  ...flowRingLayers,
].map((l) => l.id);


/** Layers a click or hover can hit, most specific first: clusters (drawn on top), then points, flows and
 *  lines, then the rings of flows not drawn as arcs, then areas. A ring is a summary that the arcs leaving
 *  its centre cross: where an arc is under the pointer, the arc is what is pointed at, and the ring's
 *  tooltip ("N flows from here not drawn as arcs") never counts the claims of an arc drawn over it. */
export const PICK_TIERS: readonly (readonly string[])[] = [
  ['claims-cluster'],
  [
    'claims-point',
    'claims-flow',
    'claims-flow-contested',
    'claims-flow-arrow',
    'claims-flow-aggregate',
    'claims-flow-aggregate-arrow',
    'claims-line',
    'claims-line-contested',
  ],
  ['claims-flow-aggregate-loop'],
  ['claims-area-fill'],
];
