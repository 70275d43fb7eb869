/**
 * Driver steps for the map at corpus scale (issue 5): clusters and shared marks. Builds on driver.ts and
 * the documented test handle (src/app/README-test-handle.md): cluster features live in layer
 * `claims-cluster` with feature-state `n` (visible claims), and the number written on each is an element
 * `[data-cluster=<feature id>]` (with `data-n`) in `[data-testid=cluster-labels]`; every rendered claim
 * feature is answered once per visible claim it stands for, with `claimId` and `claimIds`.
 */
import { PICK_TIERS } from '../src/map/map-style';
import { expect, type Atlas, type ClaimAtlasHandle } from './driver';
import type { Page } from '@playwright/test';

/** The layers a click picks from before areas, as the app ranks them (areas lie under everything and are
 *  offered only when nothing else is hit), so a spot "hit alone" here is what a click there opens. */
const PICK_LAYERS: readonly string[] = PICK_TIERS.filter((tier) => !tier.includes('claims-area-fill')).flat();

/** One mark on the map as a user sees it: where it is, the claims it stands for, the number it shows. */
export interface DrawnMark {
  /** `cluster` or the drawn mark (`point`, `flow`, …). */
  kind: string;
  /** Feature id within its source. */
  id: number;
  /** Centre on the page (CSS px) for points and clusters. */
  x: number;
  y: number;
  claimIds: string[];
  /** Clusters: the live count (feature-state `n`) and the number written on the label. */
  n: number | null;
  label: number | null;
}

/** The cluster and point marks drawn now (over the whole canvas), one entry per mark. */
export async function drawnPointMarks(app: Atlas): Promise<DrawnMark[]> {
  await app.whenMapIdle();
  return app.page.evaluate(() => {
    const map = (window as unknown as { claimAtlas: ClaimAtlasHandle }).claimAtlas.map!;
    const rect = map.getCanvas().getBoundingClientRect();
    const layers = ['claims-cluster', 'claims-point'].filter((l) => map.getLayer(l));
    // The number written on a cluster is page text over the canvas (src/map/cluster-labels.ts).
    const labelOf = (id: number): number | null => {
      const el = document.querySelector<HTMLElement>(`[data-testid="cluster-labels"] [data-cluster="${id}"]`);
      return el ? Number(el.dataset['n']) : null;
    };
    const marks = new Map<string, DrawnMark>();
    for (const f of map.queryRenderedFeatures({ layers })) {
      if (f.geometry.type !== 'Point' || typeof f.id !== 'number') continue;
      const kind = f.layer.id === 'claims-cluster' ? 'cluster' : 'point';
      const key = `${kind}:${f.id}`;
      const props = f.properties as { claimId?: string; claimIds?: string; count?: number };
      let mark = marks.get(key);
      if (!mark) {
        const p = map.project(f.geometry.coordinates as [number, number]);
        const state = f.state as { n?: number };
        mark = {
          kind,
          id: f.id,
          x: rect.left + p.x,
          y: rect.top + p.y,
          claimIds: [],
          n: kind === 'cluster' ? (state.n ?? props.count ?? null) : null,
          label: kind === 'cluster' ? labelOf(f.id) : null,
        };
        marks.set(key, mark);
      }
      if (props.claimId && !mark.claimIds.includes(props.claimId)) mark.claimIds.push(props.claimId);
    }
    return [...marks.values()];
  });
}

/**
 * A screen point (page CSS px) on a shared flow — one arc standing for several visible claims — where a
 * click hits that arc and nothing else. `wanted` restricts the search to arcs standing for exactly one of
 * these lists of claims.
 */
export async function sharedFlowPoint(app: Atlas, wanted?: string[][]): Promise<{ x: number; y: number; claimIds: string[] }> {
  const found = await clickableFlowPoint(app, 'flow', wanted ?? null);
  // Arcs standing for the most claims are tried first: one claim alone means no shared arc can be clicked.
  if (!found || found.claimIds.length < 2) throw new Error(`no shared flow${wanted ? ' of those wanted' : ''} can be clicked alone in this view`);
  return found;
}

/** Claim ids offered by the chooser, in its order. */
export async function chooserClaimIds(app: Atlas): Promise<string[]> {
  const chooser = app.page.getByTestId('claim-chooser');
  await expect(chooser).toBeVisible();
  return chooser.locator('[data-claim-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-claim-id') ?? ''));
}

/** A flow mark as drawn: an aggregate (an arc in `claims-flow-aggregate`, or a ring in
 *  `claims-flow-aggregate-loop` for a cluster's internal flows) or a flow's own arc. */
export interface DrawnFlow {
  kind: 'aggregate' | 'flow';
  /** Feature id within its source. */
  id: number;
  claimIds: string[];
  /** Aggregates: the live count (feature-state `n`). */
  n: number | null;
  /** A ring (`claims-flow-aggregate-loop`) rather than an arc. */
  ring: boolean;
}

const FLOW_LAYERS = ['claims-flow', 'claims-flow-contested', 'claims-flow-aggregate', 'claims-flow-aggregate-loop'];

/** The flow arcs drawn now (over the whole canvas), one entry per arc, hidden ones left out. */
export async function drawnFlows(app: Atlas): Promise<DrawnFlow[]> {
  await app.whenMapIdle();
  return app.page.evaluate((flowLayers) => {
    const map = (window as unknown as { claimAtlas: ClaimAtlasHandle }).claimAtlas.map!;
    const layers = flowLayers.filter((l) => map.getLayer(l));
    const marks = new Map<string, DrawnFlow>();
    for (const f of map.queryRenderedFeatures({ layers })) {
      if (typeof f.id !== 'number' || (f.state as { hidden?: boolean }).hidden === true) continue;
      const kind = f.layer.id.startsWith('claims-flow-aggregate') ? 'aggregate' : 'flow';
      const key = `${kind}:${f.id}`;
      let mark = marks.get(key);
      if (!mark) {
        const n = kind === 'aggregate' ? ((f.state as { n?: number }).n ?? (f.properties as { total?: number }).total ?? null) : null;
        mark = { kind, id: f.id, claimIds: [], n, ring: f.layer.id === 'claims-flow-aggregate-loop' };
        marks.set(key, mark);
      }
      const id = (f.properties as { claimId?: string }).claimId;
      if (id && !mark.claimIds.includes(id)) mark.claimIds.push(id);
    }
    return [...marks.values()];
  }, FLOW_LAYERS);
}

/**
 * A screen point (page CSS px) on a drawn flow arc where a click hits exactly the claims `accept` says
 * (given the arc's claims): nothing else drawn there. Arcs are tried in the order given by `rank`
 * (highest first), vertices nearest their middle first. Null when no arc can be clicked alone.
 */
export async function clickableFlowPoint(
  app: Atlas,
  kind: DrawnFlow['kind'],
  accept: string[][] | null,
): Promise<{ x: number; y: number; claimIds: string[]; id: number } | null> {
  await app.whenMapIdle();
  return app.page.evaluate(
    ({ kind, lists, flowLayers, pickLayers }) => {
      const wanted = lists ? new Set(lists.map((l) => [...l].sort().join(' '))) : null;
      const map = (window as unknown as { claimAtlas: ClaimAtlasHandle }).claimAtlas.map!;
      const canvas = map.getCanvas();
      const rect = canvas.getBoundingClientRect();
      const pick = pickLayers.filter((l) => map.getLayer(l));
      const idsAt = (x: number, y: number) =>
        new Set(
          map
            .queryRenderedFeatures(
              [
                [x - 6, y - 6],
                [x + 6, y + 6],
              ],
              { layers: pick },
            )
            .filter((f) => (f.state as { hidden?: boolean }).hidden !== true)
            .map((f) => (f.properties as { claimId: string }).claimId),
        );
      const layers = kind === 'aggregate' ? ['claims-flow-aggregate'] : flowLayers.filter((l) => !l.startsWith('claims-flow-aggregate'));
      const arcs = new Map<number, { ids: string[]; coords: number[][] }>();
      for (const f of map.queryRenderedFeatures({ layers: layers.filter((l) => map.getLayer(l)) })) {
        if (f.geometry.type !== 'LineString' || typeof f.id !== 'number' || (f.state as { hidden?: boolean }).hidden === true) continue;
        const ids = ((f.properties as { claimIds?: string }).claimIds ?? '').split(' ');
        if (wanted && !wanted.has([...ids].sort().join(' '))) continue;
        arcs.set(f.id, { ids, coords: f.geometry.coordinates });
      }
      const order = [...arcs.entries()].sort((a, b) => b[1].ids.length - a[1].ids.length);
      for (const [id, { ids, coords }] of order) {
        const mid = (coords.length - 1) / 2;
        const byMiddle = coords.map((c, i) => ({ c, d: Math.abs(i - mid) })).sort((a, b) => a.d - b.d);
        for (const { c } of byMiddle) {
          const p = map.project([c[0]!, c[1]!]);
          if (p.x < 10 || p.y < 10 || p.x > canvas.clientWidth - 10 || p.y > canvas.clientHeight - 10) continue;
          if (document.elementFromPoint(rect.left + p.x, rect.top + p.y) !== canvas) continue;
          const hit = idsAt(p.x, p.y);
          if (hit.size === ids.length && ids.every((x) => hit.has(x))) return { x: rect.left + p.x, y: rect.top + p.y, claimIds: ids, id };
        }
      }
      return null;
    },
    { kind, lists: accept, flowLayers: FLOW_LAYERS, pickLayers: PICK_LAYERS },
  );
}

/**
 * From the page's first moment, runs the functions that later init scripts push to `window.__beforeDraw`
 * before each WebGL draw call (`drawElements`, `drawArrays`). Adding it again does nothing more.
 */
export async function hookDrawCalls(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __beforeDraw?: (() => void)[]; __drawCallsHooked?: boolean };
    w.__beforeDraw ??= [];
    if (w.__drawCallsHooked) return;
    w.__drawCallsHooked = true;
    for (const proto of [WebGL2RenderingContext.prototype, WebGLRenderingContext.prototype]) {
      for (const name of ['drawElements', 'drawArrays'] as const) {
        const original = proto[name] as (...args: unknown[]) => void;
        (proto as unknown as Record<string, unknown>)[name] = function (this: unknown, ...args: unknown[]) {
          for (const before of w.__beforeDraw!) before();
          return original.apply(this, args);
        };
      }
    }
  });
}

/** Records, at the page's first WebGL draw call, when it came and how many claims the map had to draw. */
export async function recordFirstDraw(page: Page): Promise<void> {
  await hookDrawCalls(page);
  await page.addInitScript(() => {
    type Handle = { __firstDraw?: { at: number; claims: number } | null; claimAtlas?: { map: import('maplibre-gl').Map }; __beforeDraw: (() => void)[] };
    const w = window as unknown as Handle;
    w.__firstDraw = null;
    w.__beforeDraw.push(() => {
      if (w.__firstDraw !== null) return;
      const map = w.claimAtlas?.map;
      const layers = map ? (map.getStyle().layers ?? []).map((l) => l.id).filter((id) => id.startsWith('claims-')) : [];
      const ids = new Set(map ? map.queryRenderedFeatures({ layers }).map((f) => f.properties?.['claimId'] as string) : []);
      w.__firstDraw = { at: performance.now(), claims: ids.size };
    });
  });
}

/** A tile a source loaded: its source, zoom and MapLibre key, and whether it holds any feature. */
export interface TileLoad {
  source: string;
  z: number;
  key: string;
  filled: boolean;
  /** Loaded after the page's first WebGL draw call (the map's first painted frame). */
  afterFirstDraw: boolean;
}

/** Records every tile the map loads from its first moment (the test handle appears with the map, before
 *  any data), for `tileLoads`. */
export async function recordTileLoads(page: Page): Promise<void> {
  await hookDrawCalls(page);
  await page.addInitScript(() => {
    type Tiled = { sourceId?: string; tile?: { tileID: { key: string | number; canonical: { z: number } }; buckets?: Record<string, unknown> } };
    type Handle = { claimAtlas?: { map?: { on(type: string, fn: (e: Tiled) => void): void } }; __tileLoads?: TileLoad[]; __beforeDraw: (() => void)[] };
    const w = window as unknown as Handle;
    w.__tileLoads = [];
    // Whether the page has drawn with WebGL yet (the map's first painted frame).
    let drawn = false;
    w.__beforeDraw.push(() => (drawn = true));
    const timer = setInterval(() => {
      const map = w.claimAtlas?.map;
      if (!map) return;
      clearInterval(timer);
      map.on('sourcedata', (e) => {
        if (!e.sourceId || !e.tile) return;
        const filled = Object.keys(e.tile.buckets ?? {}).length > 0;
        w.__tileLoads!.push({ source: e.sourceId, z: e.tile.tileID.canonical.z, key: String(e.tile.tileID.key), filled, afterFirstDraw: drawn });
      });
    }, 2);
  });
}

export function tileLoads(page: Page): Promise<TileLoad[]> {
  return page.evaluate(() => (window as unknown as { __tileLoads: TileLoad[] }).__tileLoads);
}

export function firstDraw(page: Page): Promise<{ at: number; claims: number } | null> {
  return page.evaluate(() => (window as unknown as { __firstDraw: { at: number; claims: number } | null }).__firstDraw);
}

/** A ring of flows not drawn as arcs, and where on the page (CSS px) to point at it. */
export interface RingSpot {
  ring: number;
  ringClaimIds: string[];
  x: number;
  y: number;
  /** Where an arc crosses the ring: that arc's claims (hit within 3 px); empty when only the ring is there. */
  arcClaimIds: string[];
}

/**
 * Spots on rings (layer `claims-flow-aggregate-loop`) with ≥ 2 visible claims, rings with the most claims
 * first: `alone`, where the ring is the only mark under the pointer, and `crossed`, where one aggregate arc
 * with ≥ 2 claims crosses it and nothing else is there. Null when there is no such spot.
 */
export async function ringSpots(app: Atlas): Promise<{ alone: RingSpot | null; crossed: RingSpot | null }> {
  await app.whenMapIdle();
  return app.page.evaluate((pickLayers) => {
    const map = (window as unknown as { claimAtlas: ClaimAtlasHandle }).claimAtlas.map!;
    const canvas = map.getCanvas();
    const rect = canvas.getBoundingClientRect();
    const pick = pickLayers.filter((l) => map.getLayer(l));
    const shown = (f: { state: unknown }) => (f.state as { hidden?: boolean }).hidden !== true;
    const hits = (x: number, y: number, r: number) =>
      map
        .queryRenderedFeatures(
          [
            [x - r, y - r],
            [x + r, y + r],
          ],
          { layers: pick },
        )
        .filter(shown)
        .map((f) => ({ layer: f.layer.id, id: f.id as number, claimId: (f.properties as { claimId: string }).claimId }));
    const rings = new Map<number, { ids: Set<string>; at: [number, number] }>();
    for (const f of map.queryRenderedFeatures({ layers: ['claims-flow-aggregate-loop'] })) {
      if (!shown(f) || f.geometry.type !== 'Point' || typeof f.id !== 'number') continue;
      const ring = rings.get(f.id) ?? { ids: new Set<string>(), at: f.geometry.coordinates as [number, number] };
      ring.ids.add((f.properties as { claimId: string }).claimId);
      rings.set(f.id, ring);
    }
    let alone: RingSpot | null = null;
    let crossed: RingSpot | null = null;
    const order = [...rings.entries()].filter(([, r]) => r.ids.size >= 2).sort((a, b) => b[1].ids.size - a[1].ids.size);
    for (const [id, ring] of order) {
      const c = map.project(ring.at);
      for (const d of [4, 8, 12, 16, 20]) {
        for (let a = 0; a < 360; a += 15) {
          const x = c.x + d * Math.cos((a * Math.PI) / 180);
          const y = c.y + d * Math.sin((a * Math.PI) / 180);
          if (x < 10 || y < 10 || x > canvas.clientWidth - 10 || y > canvas.clientHeight - 10) continue;
          if (document.elementFromPoint(rect.left + x, rect.top + y) !== canvas) continue;
          const near = hits(x, y, 6);
          if (!near.some((h) => h.layer === 'claims-flow-aggregate-loop' && h.id === id)) continue;
          const others = near.filter((h) => !(h.layer === 'claims-flow-aggregate-loop' && h.id === id));
          const spot = { ring: id, ringClaimIds: [...ring.ids], x: rect.left + x, y: rect.top + y, arcClaimIds: [] as string[] };
          if (others.length === 0) {
            alone ??= spot;
          } else if (!crossed && others.every((h) => h.layer === 'claims-flow-aggregate' && h.id === others[0]!.id)) {
            const onArc = hits(x, y, 3).filter((h) => h.layer === 'claims-flow-aggregate');
            const arcIds = [...new Set(others.map((h) => h.claimId))];
            if (onArc.length > 0 && arcIds.length >= 2) crossed = { ...spot, arcClaimIds: arcIds };
          }
          if (alone && crossed) return { alone, crossed };
        }
      }
    }
    return { alone, crossed };
  }, PICK_LAYERS);
}
