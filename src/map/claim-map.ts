/**
 * The one owner of the MapLibre map (react-map-gl habit): created once by MapView's mount effect, driven
 * by store subscriptions, destroyed on unmount. Nothing else in the app calls maplibre.
 *
 * Rendering path, chosen for corpus scale (issue 5):
 *  - all claim features of an article go to one GeoJSON source ONCE (setData only when the bundle changes);
 *  - time window, kind and speaker filters, hover and selection are feature-state on numeric feature ids,
 *    updated only for the claims whose state changed — no re-tiling, no setFilter per scrub step;
 *  - the camera follows `cameraRequest` from the store; moves it makes are tagged and the settled view is
 *    written back on moveend only, so nothing echoes.
 */
import { AttributionControl, Map as MapLibreMap, NavigationControl, setWorkerUrl } from 'maplibre-gl';
import type { GeoJSONSource, MapGeoJSONFeature, MapMouseEvent, StyleSpecification } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { AppStore, CameraRequest } from '../store/app-store';
import { getVisibleMask } from '../store/selectors';
import { getClaimIndex } from '../store/claim-index';
import type { ArticleBundle } from '../domain/types';
import { KIND_LABELS } from '../domain/kind-style';
import { buildRenderData, type RenderData } from './claim-features';
import {
  ARROW_ICON,
  CLAIMS_SOURCE,
  HATCH_ICON,
  PICK_TIERS,
  basemapLabelLayers,
  basemapStyle,
  claimLayersAboveLabels,
  claimLayersBelowLabels,
} from './map-style';
import { arrowHeadSdf, hatchPattern } from './icons';
import { webglUnavailableReason } from './webgl';

// Without this the production build cannot find MapLibre's worker and the map never loads.
setWorkerUrl(workerUrl);

const APP_MOVE = { claimAtlasMove: true };
const PICK_RADIUS = 5;

/**
 * MapLibre's Map with one change: queries of rendered features leave out claim features hidden by the
 * time window or filters. Those stay in the GPU buffers (drawn transparent) so scrubbing never re-tiles;
 * to everyone asking "what is drawn here?" — clicks, hover, tests — they are not there.
 */
export class ClaimAtlasMap extends MapLibreMap {
  override queryRenderedFeatures(...args: Parameters<MapLibreMap['queryRenderedFeatures']>): MapGeoJSONFeature[] {
    return super.queryRenderedFeatures(...args).filter((f) => !(f.source === CLAIMS_SOURCE && f.state?.['hidden'] === true));
  }
}

export interface ClaimMapOptions {
  /** A hosted MapLibre style to use instead of the offline basemap (VITE_BASEMAP_STYLE_URL). */
  styleUrl?: string | undefined;
  /** The page's base URL, for the offline basemap files. */
  baseUrl: string;
}

function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

export class ClaimMap {
  readonly map: ClaimAtlasMap;
  private readonly store: AppStore;
  private readonly container: HTMLElement;
  private readonly unsubscribe: (() => void)[] = [];
  private readonly tooltip: HTMLDivElement;
  private readonly resizeObserver: ResizeObserver | null;
  private render: RenderData | null = null;
  private renderedBundle: ArticleBundle | null = null;
  private hiddenNow = new Uint8Array(0);
  private selectedFids: number[] = [];
  private hoverFids: number[] = [];
  private styleReady = false;
  private dataReady: Promise<void> = Promise.resolve();
  private hoverFrame = 0;
  private lastPointer: { x: number; y: number } | null = null;
  private destroyed = false;
  private pressOnMap = false;

  private constructor(container: HTMLElement, store: AppStore, options: ClaimMapOptions) {
    this.store = store;
    this.container = container;
    const style: string | StyleSpecification = options.styleUrl || basemapStyle(options.baseUrl);
    this.map = new ClaimAtlasMap({
      container,
      style,
      center: [60, 35],
      zoom: 2,
      minZoom: 1,
      maxZoom: 12,
      renderWorldCopies: false,
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
      attributionControl: false,
      fadeDuration: 0,
    });
    this.map.touchZoomRotate.disableRotation();
    this.map.keyboard.disableRotation();
    this.map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    this.map.addControl(
      new AttributionControl({ compact: true, customAttribution: 'Basemap: Natural Earth, GeoNames' }),
      'bottom-right',
    );
    this.map.getCanvas().setAttribute('aria-label', 'Map of the article’s claims. Arrow keys pan, plus and minus zoom.');

    this.tooltip = document.createElement('div');
    this.tooltip.className = 'map-tooltip';
    this.tooltip.setAttribute('role', 'tooltip');
    this.tooltip.hidden = true;
    container.appendChild(this.tooltip);

    this.resizeObserver = typeof ResizeObserver === 'function' ? new ResizeObserver(() => this.map.resize()) : null;
    this.resizeObserver?.observe(container);

    this.map.on('load', () => this.onStyleLoad(!options.styleUrl));
    this.map.on('moveend', () => this.onMoveEnd());
    this.map.on('click', (e) => this.onClick(e));
    this.map.on('mousemove', (e) => this.onPointerMove(e));
    this.map.on('mouseout', () => this.clearHover());
    this.map.on('error', (e) => console.warn('map:', e.error?.message ?? e));
    // MapLibre 6 ends a mouse pan only on a mouseup inside its container; released over a panel floating
    // above the map, the pan never ended (map stuck "moving", no moveend, no URL update). Hand such a
    // mouseup on to the map.
    container.addEventListener('mousedown', this.onContainerMouseDown);
    document.addEventListener('mouseup', this.onDocumentMouseUp);
    this.map.getCanvas().addEventListener('webglcontextlost', () => {
      store.getState().setMapStatus('unavailable', 'The map stopped drawing (the browser lost its WebGL context). Reload the page to try again.');
    });
  }

  /** The map, or null (with the reason in the store) when this browser cannot draw it. */
  static create(container: HTMLElement, store: AppStore, options: ClaimMapOptions): ClaimMap | null {
    const reason = webglUnavailableReason();
    if (reason) {
      store.getState().setMapStatus('unavailable', `Reason: ${reason}. The article, claims, detail and timeline still work.`);
      return null;
    }
    try {
      return new ClaimMap(container, store, options);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      store.getState().setMapStatus('unavailable', `Reason: ${why}. The article, claims, detail and timeline still work.`);
      return null;
    }
  }

  private readonly onContainerMouseDown = () => {
    this.pressOnMap = true;
  };

  private readonly onDocumentMouseUp = (e: MouseEvent) => {
    const pressed = this.pressOnMap;
    this.pressOnMap = false;
    if (!pressed || this.container.contains(e.target as Node | null)) return;
    this.map.getCanvasContainer().dispatchEvent(
      new MouseEvent('mouseup', { bubbles: true, clientX: e.clientX, clientY: e.clientY, button: e.button, buttons: e.buttons }),
    );
  };

  destroy(): void {
    this.destroyed = true;
    this.container.removeEventListener('mousedown', this.onContainerMouseDown);
    document.removeEventListener('mouseup', this.onDocumentMouseUp);
    for (const u of this.unsubscribe) u();
    this.unsubscribe.length = 0;
    cancelAnimationFrame(this.hoverFrame);
    this.resizeObserver?.disconnect();
    this.tooltip.remove();
    this.map.remove();
  }

  /** Resolves once the map has drawn everything the store currently asks for. */
  async whenIdle(): Promise<void> {
    if (!this.styleReady) await new Promise<void>((resolve) => this.map.once('load', () => resolve()));
    await this.dataReady;
    await new Promise<void>((resolve) => {
      if (this.destroyed) return resolve();
      this.map.once('idle', () => resolve());
      this.map.triggerRepaint();
    });
  }

  private onStyleLoad(offlineBasemap: boolean): void {
    const map = this.map;
    map.addImage(ARROW_ICON, arrowHeadSdf(), { sdf: true, pixelRatio: 2 });
    map.addImage(HATCH_ICON, hatchPattern(), { pixelRatio: 1 });
    // Claims need no tiles past zoom 9 (country-scale geometry): fewer tiles to cut on load and on zoom.
    map.addSource(CLAIMS_SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] }, maxzoom: 9 });
    for (const layer of claimLayersBelowLabels) map.addLayer(layer);
    if (offlineBasemap) for (const layer of basemapLabelLayers) map.addLayer(layer);
    for (const layer of claimLayersAboveLabels) map.addLayer(layer);
    this.styleReady = true;
    this.store.getState().setMapStatus('ready');

    const s = this.store;
    this.unsubscribe.push(
      s.subscribe((st) => st.bundle, (bundle) => this.applyBundle(bundle), { fireImmediately: true }),
      s.subscribe(getVisibleMask, (mask) => this.applyVisibility(mask), { fireImmediately: true }),
      s.subscribe(
        (st) => st.selectedId,
        (id) => {
          this.selectedFids = this.swapState(this.selectedFids, id, 'selected');
          const origin = s.getState().selectOrigin;
          // List, reader and URL selections request a camera move themselves; a claim clicked on the map is
          // already in view, but the detail panel that opens may now cover it.
          if (id && (origin === 'map' || origin === 'chooser')) requestAnimationFrame(() => this.revealIfCovered(id));
        },
        { fireImmediately: true },
      ),
      s.subscribe((st) => st.hoveredId, (id) => (this.hoverFids = this.swapState(this.hoverFids, id, 'hover'))),
      // Next frame: a panel opened by the same action must be laid out before the padding is measured.
      s.subscribe((st) => st.cameraRequest, (req) => requestAnimationFrame(() => this.applyCamera(req)), {
        fireImmediately: true,
      }),
    );
  }

  private applyBundle(bundle: ArticleBundle | null): void {
    if (bundle === this.renderedBundle) return;
    this.renderedBundle = bundle;
    this.render = bundle ? buildRenderData(bundle) : null;
    this.hiddenNow = new Uint8Array(bundle?.claims.length ?? 0);
    this.selectedFids = [];
    this.hoverFids = [];
    const source = this.map.getSource<GeoJSONSource>(CLAIMS_SOURCE);
    if (!source) return;
    this.map.removeFeatureState({ source: CLAIMS_SOURCE });
    this.dataReady = source
      .setData(this.render?.collection ?? { type: 'FeatureCollection', features: [] })
      .then(() => undefined)
      .catch((err: unknown) => console.warn('map: claims data', err));
  }

  /** Flip `hidden` only for claims whose visibility changed since the last call. */
  private applyVisibility(mask: Uint8Array): void {
    const render = this.render;
    if (!render || mask.length !== this.hiddenNow.length) return;
    for (let i = 0; i < mask.length; i++) {
      const hide = mask[i] ? 0 : 1;
      if (this.hiddenNow[i] === hide) continue;
      this.hiddenNow[i] = hide;
      for (const id of render.claimFeatures[i] ?? []) {
        this.map.setFeatureState({ source: CLAIMS_SOURCE, id }, { hidden: hide === 1 });
      }
    }
  }

  private swapState(previous: number[], claimId: string | null, key: 'selected' | 'hover'): number[] {
    for (const id of previous) this.map.setFeatureState({ source: CLAIMS_SOURCE, id }, { [key]: false });
    const idx = claimId === null ? undefined : this.claimIndexOf(claimId);
    const next = idx === undefined ? [] : (this.render?.claimFeatures[idx] ?? []);
    for (const id of next) this.map.setFeatureState({ source: CLAIMS_SOURCE, id }, { [key]: true });
    return next;
  }

  private claimIndexOf(claimId: string): number | undefined {
    return this.renderedBundle ? getClaimIndex(this.renderedBundle).byId.get(claimId) : undefined;
  }

  /**
   * Camera padding that keeps claims clear of the panels floating over the map: any element in the map's
   * section marked `data-map-inset="left|right"` pushes that side in by its width.
   */
  private padding() {
    const w = this.container.clientWidth;
    const h = this.container.clientHeight;
    const base = Math.round(Math.min(w, h) * 0.06) + 16;
    const pad = { top: base + 16, bottom: base, left: base, right: base };
    const box = this.container.getBoundingClientRect();
    const section = this.container.parentElement;
    for (const el of section ? Array.from(section.querySelectorAll<HTMLElement>('[data-map-inset]')) : []) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.width > w * 0.6) continue;
      if (el.dataset['mapInset'] === 'left') pad.left = Math.max(pad.left, r.right - box.left + 16);
      if (el.dataset['mapInset'] === 'right') pad.right = Math.max(pad.right, box.right - r.left + 16);
      // A compact overlay in a top corner (the collapsed legend) only pushes the top edge down.
      if (el.dataset['mapInset'] === 'top' && r.height < h * 0.4) pad.top = Math.max(pad.top, r.bottom - box.top + 12);
    }
    // Keep at least ~45 % of the width for the claims: give up the left inset (the legend) first, then
    // the right (the detail panel) — a claim half under a panel beats a world-sized view.
    if (w - pad.left - pad.right < w * 0.45) pad.left = base;
    if (w - pad.left - pad.right < w * 0.35) pad.right = base;
    if (pad.top + pad.bottom > h - 80) pad.top = pad.bottom = Math.max(8, Math.round(h * 0.08));
    return pad;
  }

  /** Moves the camera only if the claim is not inside the free map area (between the overlays). */
  private revealIfCovered(claimId: string): void {
    if (this.destroyed || this.store.getState().selectedId !== claimId) return;
    const i = this.claimIndexOf(claimId);
    const claim = i === undefined ? undefined : this.renderedBundle?.claims[i];
    if (!claim || claim.geometry.features.length === 0) return;
    const [w, s, e, n] = claim.bbox;
    const pad = this.padding();
    const width = this.container.clientWidth;
    const height = this.container.clientHeight;
    const a = this.map.project([w, n]);
    const b = this.map.project([e, s]);
    const inside = (x: number, y: number) => x >= pad.left - 8 && x <= width - pad.right + 8 && y >= pad.top - 8 && y <= height - pad.bottom + 8;
    if (inside(a.x, a.y) && inside(b.x, b.y)) return;
    const duration = prefersReducedMotion() ? 0 : 700;
    // Never zoom in on a click: the user chose this zoom; only pan (and zoom out if it cannot fit).
    this.map.fitBounds(
      [
        [w, s],
        [e, n],
      ],
      { padding: pad, maxZoom: Math.min(this.map.getZoom(), 5.5), duration },
      APP_MOVE,
    );
  }

  private applyCamera(req: CameraRequest | null): void {
    if (!req || this.destroyed || req !== this.store.getState().cameraRequest) return;
    const duration = req.animate && !prefersReducedMotion() ? 900 : 0;
    const t = req.target;
    if (t.type === 'view') {
      this.map.jumpTo({ center: [t.view.lon, t.view.lat], zoom: t.view.zoom }, APP_MOVE);
      return;
    }
    const bbox = t.type === 'bbox' ? t.bbox : this.render?.bbox;
    if (!bbox) return;
    const [w, s, e, n] = bbox;
    this.map.fitBounds(
      [
        [w, s],
        [e, n],
      ],
      { padding: this.padding(), maxZoom: t.type === 'bbox' ? 5.5 : 6, duration },
      APP_MOVE,
    );
  }

  private onMoveEnd(): void {
    const c = this.map.getCenter();
    this.store.getState().setView({ zoom: this.map.getZoom(), lat: c.lat, lon: c.wrap().lng });
  }

  /** Claim ids under a screen point, most specific tier first (points, flows, lines; else areas). */
  claimsAt(x: number, y: number): string[] {
    if (!this.styleReady) return [];
    const box: [[number, number], [number, number]] = [
      [x - PICK_RADIUS, y - PICK_RADIUS],
      [x + PICK_RADIUS, y + PICK_RADIUS],
    ];
    for (const layers of PICK_TIERS) {
      const present = layers.filter((l) => this.map.getLayer(l));
      const ids: string[] = [];
      for (const f of this.map.queryRenderedFeatures(box, { layers: present })) {
        const id = f.properties?.['claimId'];
        if (typeof id === 'string' && !ids.includes(id)) ids.push(id);
      }
      if (ids.length > 0) return this.onlyVisible(ids);
    }
    return [];
  }

  /** Belt and braces: never offer a claim the store says is hidden, whatever the renderer returned. */
  private onlyVisible(ids: string[]): string[] {
    const mask = getVisibleMask(this.store.getState());
    return ids.filter((id) => {
      const i = this.claimIndexOf(id);
      return i !== undefined && mask[i] === 1;
    });
  }

  private onClick(e: MapMouseEvent): void {
    const ids = this.claimsAt(e.point.x, e.point.y);
    const st = this.store.getState();
    if (ids.length === 0) {
      st.closeChooser();
      return;
    }
    this.tooltip.hidden = true;
    if (ids.length === 1) st.select(ids[0]!, 'map');
    else st.openChooser({ claimIds: ids, x: e.point.x, y: e.point.y, anchor: 'map' });
  }

  private onPointerMove(e: MapMouseEvent): void {
    this.lastPointer = { x: e.point.x, y: e.point.y };
    if (this.hoverFrame) return;
    // One query per animation frame at most, however fast the pointer moves.
    this.hoverFrame = requestAnimationFrame(() => {
      this.hoverFrame = 0;
      const p = this.lastPointer;
      if (!p || this.destroyed) return;
      const ids = this.claimsAt(p.x, p.y);
      this.map.getCanvas().style.cursor = ids.length ? 'pointer' : '';
      this.store.getState().setHovered(ids[0] ?? null);
      this.showTooltip(ids, p.x, p.y);
    });
  }

  private clearHover(): void {
    this.lastPointer = null;
    this.tooltip.hidden = true;
    this.store.getState().setHovered(null);
  }

  private showTooltip(ids: string[], x: number, y: number): void {
    const claims = this.renderedBundle?.claims;
    const first = ids[0] === undefined ? undefined : claims?.[this.claimIndexOf(ids[0]) ?? -1];
    // While the chooser lists the claims under the pointer, a tooltip would only cover it.
    if (!first || this.store.getState().chooser) {
      this.tooltip.hidden = true;
      return;
    }
    // Text only: summaries come from curated (and possibly hostile) data.
    this.tooltip.replaceChildren();
    const kind = document.createElement('span');
    kind.className = `map-tooltip-kind kind-${first.kind}`;
    kind.textContent = first.stance === 'asserted' ? KIND_LABELS[first.kind] : `${KIND_LABELS[first.kind]} · ${first.stance}`;
    const summary = document.createElement('span');
    summary.className = 'map-tooltip-summary';
    summary.textContent = first.summary;
    this.tooltip.append(kind, summary);
    if (ids.length > 1) {
      const more = document.createElement('span');
      more.className = 'map-tooltip-more';
      more.textContent = `+ ${ids.length - 1} more here — click to choose`;
      this.tooltip.append(more);
    }
    this.tooltip.hidden = false;
    const w = this.container.clientWidth;
    const left = Math.min(x + 14, w - 280);
    this.tooltip.style.transform = `translate(${Math.max(4, left)}px, ${y + 16}px)`;
  }
}
