/**
 * The one owner of the MapLibre map (react-map-gl habit): created once by MapView's mount effect, driven
 * by store subscriptions, destroyed on unmount. Nothing else in the app calls maplibre.
 *
 * Rendering path, chosen for corpus scale (issue 5):
 *  - claims drawing the identical mark share one feature (claim-features.ts); points, lines and areas go to
 *    one GeoJSON source, dense point marks also to a static cluster hierarchy (clusters.ts) in a second
 *    source. A dense bundle's world view first gets only what it draws there (one area or border per place,
 *    lone points, the low cluster bands; place-marks.ts), everything once the zoom first nears where the
 *    rest is drawn;
 *  - flows of a dense bundle (≥ 100 arcs) aggregate below zoom 8 between clusters of their ends
 *    (flow-aggregates.ts): one arc per (zoom band, origin cluster, destination cluster), a ring for a
 *    cluster's internal flows. The aggregate source and the flows source hold only what the bands around
 *    the current zoom draw (setData when the zoom crosses a band), so the world view tiles and draws
 *    ~1.4k aggregates instead of 28k arcs at 100k claims, and the first frame waits for neither;
 *  - what a click on a cluster or an aggregate does is the same: zoom to where it splits, or the chooser
 *    when it cannot (one spot, one route); a selected claim's own arcs are drawn over the aggregates;
 *  - time window, kind and speaker filters, hover and selection are feature-state on numeric feature ids:
 *    visible members per shared mark, cluster and aggregate, updated only for the marks whose count changed —
 *    no re-tiling, no setFilter per scrub step (cluster numbers are page text, cluster-labels.ts);
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
import { GroupCounts, MARK_CODES, buildRenderData, groupFeatureIds, screenBearing, widthForMagnitude, type RenderData } from './claim-features';
import {
  ClusterCounts,
  buildClusters,
  clusterClaims,
  bandRanges,
  clusterCollection,
  clusterLabelsInView,
  clustersOfClaim,
  expansionZoom,
  shouldCluster,
  type BandRanges,
  type ClusterIndex,
} from './clusters';
import { ClusterLabelOverlay } from './cluster-labels';
import {
  AggregateCounts,
  aggregateClaims,
  aggregateCollection,
  aggregateSplit,
  aggregatesOfClaim,
  bandDrawnAt,
  bandsForZoom,
  buildFlowAggregates,
  flowFoldingOf,
  markOwnBands,
  shouldAggregate,
  type FlowAggregates,
} from './flow-aggregates';
import { PlaceMarkCounts, buildPlaceMarks, drawnBelowOutlineZoom, marksBelowOutlineZoom, placeMarkClaims, placeMarkFeatures, type PlaceMarks } from './place-marks';
import {
  ARROW_ICON,
  CLAIMS_SOURCE,
  CLUSTERS_SOURCE,
  FLOWS_SOURCE,
  DENSE_AREA_OUTLINE_LAYERS,
  areaFillAntialias,
  placeMarkFilters,
  BASEMAP_TOLERANCE,
  MARK_TILE_BUFFER,
  DENSE_AREA_OUTLINE_ZOOM,
  DENSE_DETAIL_LAYERS,
  DENSE_DETAIL_ZOOM,
  FLOW_AGGREGATES_SOURCE,
  SELECTED_FLOWS_SOURCE,
  selectedFlowLayers,
  HATCH_ICON,
  PICK_TIERS,
  basemapLabelLayers,
  basemapStyle,
  claimLayersAboveLabels,
  claimLayersBelowLabels,
  clusterLayers,
  flowAggregateLayers,
  flowRingLayers,
  flowPaint,
} from './map-style';
import { arrowHeadSdf, hatchPattern } from './icons';
import { mapFailure } from './webgl';

// Without this the production build cannot find MapLibre's worker and the map never loads.
setWorkerUrl(workerUrl);

const APP_MOVE = { claimAtlasMove: true };
/** The widest cluster disc's radius and stroke (map-style.ts clusterLayers), in CSS px. */
const LABEL_MARGIN_PX = 34;
const PICK_RADIUS = 5;
/** Longest wait for a complete first frame (a bundle and all its tiles) before painting whatever is there. */
const PAINT_HOLD_MS = 4000;
/**
 * The same once a bundle has arrived, 8 s and 0.1 ms more per claim: tiling takes ~8 s at 100k claims
 * here, and painting part-way (each frame 100–500 ms with a software GPU, the first one also compiling every
 * claim layer's shaders) only delays the complete map. A corpus that big arrives after the first hold has
 * ended, so the basemap is on screen meanwhile.
 */
const BUNDLE_PAINT_HOLD_MS = 8000;
const BUNDLE_PAINT_HOLD_MS_PER_CLAIM = 0.1;
/**
 * While the first hold waits for data that has not arrived (a quiet hold), MapLibre's frames run at most
 * this often. Each held frame still does the frame's JavaScript (sources, symbol placement; ~2–4 ms) and,
 * with `repaint` on, one came every display frame: ~140 of them while a 10k corpus downloads, on the page
 * thread that parses it. Nothing they do shows before the data is in. Once a bundle is in, its hold is not
 * quiet: its frames ask for the claim tiles as each source takes the data, at the display's pace.
 */
const HELD_FRAME_MS = 100;
/**
 * Labels and arrowheads fade in and out over this long: 1 ms, so never visibly, but not 0. With a fade of 0
 * MapLibre places every symbol afresh in every frame (a full placement with a new collision grid), also
 * when only feature-state changed: at 100k claims each timeline step left ~1–3 MB of placement garbage
 * that lived long enough to reach V8's old generation, and the major GC it brought on paused the page for
 * ~270 ms in the middle of a scrub. With any fade, a placement is redone only when the camera or the
 * symbol tiles change.
 */
const SYMBOL_FADE_MS = 1;
const EMPTY: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };
/** The zoom from which a dense bundle's claims source holds every mark, one level before the (kind, stance)
 *  areas and borders are drawn (see loadClaimMarks). */
const CLAIM_MARKS_ALL_ZOOM = DENSE_AREA_OUTLINE_ZOOM - 1;

/** The cluster bands the clusters source holds while the claims source holds the world view's marks:
 *  every band a tile below CLAIM_MARKS_ALL_ZOOM draws (inBand: the tile's zoom), and one more. */
const WORLD_CLUSTER_BANDS = CLAIM_MARKS_ALL_ZOOM;

/** A mark of the claims source: a group's point, area or border, or a place mark. */
type ClaimMarkFeature = RenderData['collection']['features'][number] | ReturnType<typeof placeMarkFeatures>[number];

/** The tiles need no claim id: a drawn feature's id is its group (membersAt), and queryRenderedFeatures
 *  adds each visible member's id back. A string unique to each feature only makes every tile bigger. */
function withoutClaimId(f: ClaimMarkFeature): GeoJSON.Feature {
  const { claimId: _first, ...properties } = f.properties;
  return { ...f, properties };
}
/** Sources whose features stand for claims and are hidden by feature-state. */
const MARK_SOURCES: ReadonlySet<string> = new Set([CLAIMS_SOURCE, FLOWS_SOURCE, FLOW_AGGREGATES_SOURCE, CLUSTERS_SOURCE]);
const FLOW = MARK_CODES.indexOf('flow');

/** The visible claims (ids) a rendered claim or cluster feature stands for; null for other features. */
export type MemberLookup = (f: MapGeoJSONFeature) => readonly string[] | null;

/**
 * MapLibre's Map with one change to "what is drawn here?" — clicks, hover, tests, the bench: a feature
 * of the claim sources (shared marks, clusters, flow aggregates and loops) is answered once per VISIBLE
 * claim it stands for, each copy with that claim's `claimId` and all of them with `claimIds`
 * (space-separated). A shared mark whose members are all hidden
 * by the time window or filters (it stays in the GPU buffers, drawn transparent, so scrubbing never
 * re-tiles) is not there at all.
 */
export class ClaimAtlasMap extends MapLibreMap {
  membersOf: MemberLookup | null = null;
  /** Called after each frame that is painted (not for one held back by holdPaint). */
  afterPaint: (() => void) | null = null;
  /** From an `idle` with no frame asked for since: the last frame painted is the map of now. */
  private settled = false;
  /** See holdPaint. */
  private paintHold: { ready: () => boolean; until: number; timer: ReturnType<typeof setTimeout>; quiet: boolean } | null = null;
  /** See _render. */
  private heldFrameAt = 0;
  private heldFrameTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(options: ConstructorParameters<typeof MapLibreMap>[0]) {
    super(options);
    // A `render` listener may have asked for another frame before this idle: then it is not settled.
    this.on('idle', () => (this.settled = !this._frameRequest && this.paintHold === null));
    const painter = this.painter;
    const paint = painter.render.bind(painter);
    painter.render = (...args: Parameters<typeof paint>) => {
      const hold = this.paintHold;
      if (hold) {
        // Not painted yet. `repaint` keeps the frames coming (tiles are still requested and laid out), and
        // so no `idle` is announced for a frame nobody has seen.
        // Symbol placement (arrowheads, place names) may take several frames; each of them
        // would be a full repaint, so the first one waits for it too.
        if (!(this.loaded() && !this._placementDirty && hold.ready())) return;
        // Ends inside the frame that is being painted: no second frame is asked for (`repaint = false`
        // would ask for one, a full repaint of the same map: ~0.5 s at 100k claims with a software GPU).
        this.endHold();
        this._repaint = false;
      }
      paint(...args);
      this.afterPaint?.();
    };
  }

  /** See HELD_FRAME_MS: a frame of a quiet hold runs at most every HELD_FRAME_MS while `ready()` is false. */
  override _render(paintStartTimeStamp: number): this {
    const hold = this.paintHold;
    // A frame with work queued for it always runs: a reader's drag or zoom is applied in a frame (MapLibre's
    // handlers queue it there), and skipped, the gesture only began when the hold ran out.
    if (hold?.quiet && !hold.ready() && this._renderTaskQueue._queue.length === 0) {
      // Everything asked for is in and placed: until the data or the camera changes (each asks for a frame
      // through triggerRepaint), a held frame would only place the same symbols again.
      if (this.loaded() && !this._placementDirty) return this;
      const wait = this.heldFrameAt + HELD_FRAME_MS - performance.now();
      if (wait > 0) {
        // Not now: no frame is asked for (so no `idle` either) until the timer, or a ready hold, asks.
        this.heldFrameTimer ??= setTimeout(() => {
          this.heldFrameTimer = null;
          if (!this._removed) this.triggerRepaint();
        }, wait);
        return this;
      }
      this.heldFrameAt = performance.now();
    }
    return super._render(paintStartTimeStamp);
  }

  /**
   * Paint nothing until a frame in which every source's tiles are loaded and `ready()` holds (then that
   * frame is painted, complete), or until `maxMs` have passed or a reader moves the map.
   *
   * Why: with a software GPU (SwiftShader, as in CI and on machines without a GPU) every painted frame
   * blocks the page for 50–500 ms, and while data loads MapLibre paints one per tile that arrives: a
   * bare basemap, then claims source by source. At 1k claims that was 12 frames and ~1.2 s of GPU time
   * between the data arriving and the map being complete; the reader saw half-drawn maps meanwhile.
   *
   * `quiet`: until `ready()` holds, frames run at most every HELD_FRAME_MS (for the wait for data to arrive).
   */
  holdPaint(ready: () => boolean, maxMs: number, { quiet = false }: { quiet?: boolean } = {}): void {
    // A hold asked for while another runs (a bundle arriving while the first paint still waits) waits for
    // both, until the later of the two deadlines: the new one must not paint the half-tiled bundle.
    const previous = this.paintHold;
    if (previous) clearTimeout(previous.timer);
    const until = Math.max(previous?.until ?? 0, performance.now() + maxMs);
    const both = previous ? () => previous.ready() && ready() : ready;
    // Quiet only while every hold is: a bundle that is tiling needs its frames to ask for its tiles.
    const isQuiet = quiet && (previous?.quiet ?? true);
    this.paintHold = { ready: both, until, timer: setTimeout(() => this.releasePaint(), until - performance.now()), quiet: isQuiet };
    this.repaint = true;
  }

  /** Every change to the map (camera, style, data, feature-state) asks for a frame through here. */
  override triggerRepaint(): void {
    this.settled = false;
    super.triggerRepaint();
  }

  /** Nothing waits to be drawn: no frame asked for since the last `idle`, and no paint held. */
  isSettled(): boolean {
    return this.settled && !this._frameRequest && this.paintHold === null && !this.isMoving();
  }

  /** Paints again from the next frame on, whatever is loaded. */
  releasePaint(): void {
    if (!this.paintHold) return;
    this.endHold();
    this.repaint = false;
    this.triggerRepaint();
  }

  private endHold(): void {
    if (this.paintHold) clearTimeout(this.paintHold.timer);
    this.paintHold = null;
  }

  /** Rendered claim features as MapLibre returns them, hidden ones left out, not expanded per claim. */
  queryMarks(...args: Parameters<MapLibreMap['queryRenderedFeatures']>): MapGeoJSONFeature[] {
    return super
      .queryRenderedFeatures(...args)
      .filter((f) => !(MARK_SOURCES.has(f.source) && f.state?.['hidden'] === true));
  }

  override queryRenderedFeatures(...args: Parameters<MapLibreMap['queryRenderedFeatures']>): MapGeoJSONFeature[] {
    const out: MapGeoJSONFeature[] = [];
    for (const f of this.queryMarks(...args)) {
      const ids = this.membersOf?.(f) ?? null;
      if (ids === null) {
        out.push(f);
        continue;
      }
      const claimIds = ids.join(' ');
      for (const claimId of ids) {
        // A copy that reads everything else (geometry, layer, state) from the original.
        const copy = Object.create(f) as MapGeoJSONFeature;
        copy.properties = { ...f.properties, claimId, claimIds };
        out.push(copy);
      }
    }
    return out;
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
  private counts: GroupCounts | null = null;
  private clusters: ClusterIndex | null = null;
  private clusterCounts: ClusterCounts | null = null;
  private placeMarks: PlaceMarks | null = null;
  private placeMarkCounts: PlaceMarkCounts | null = null;
  private aggregates: FlowAggregates | null = null;
  private aggregateCounts: AggregateCounts | null = null;
  /** The aggregate bands the aggregate source holds now (bit z: band z), or null: nothing sent yet. */
  private aggregateBandsHeld: number | null = null;
  /** Per aggregate: its counts changed while its band was not held (see writeAggregateState). */
  private aggregateStale: Uint8Array | null = null;
  /** This bundle's flow arcs and arrowheads (the flows source). */
  private flowFeatures: RenderData['collection']['features'] = [];
  /** This bundle's points, areas and borders with its place marks (the claims source), and the few of them
   *  a dense bundle draws below DENSE_AREA_OUTLINE_ZOOM (null: sparse, every mark at every zoom). */
  private claimMarks: ClaimMarkFeature[] = [];
  private worldClaimMarks: ClaimMarkFeature[] | null = null;
  /** Which of them the claims source holds now: 'world', 'all', '' for none yet. */
  private claimMarksHeld = '';
  /** The highest cluster band the clusters source holds (Infinity: all). */
  private clusterBandsHeld = Infinity;
  /** The zoom crossed into other flow bands while the camera was moving: load them at 'moveend'. */
  private bandsPending = false;
  /** Which flow arcs the flows source holds now: those with an `own` bit in this mask (-1: every arc), or
   *  null: nothing sent yet. */
  private flowBandsHeld: number | null = null;
  /** The claim whose arcs the selected-flows source holds (-1: none). */
  private selectedFlowsShown = -1;
  /** The number on each cluster (cluster-labels.ts), drawn after each painted frame. */
  private readonly labels: ClusterLabelOverlay;
  private clusterBands: BandRanges | null = null;
  /** The band whose labels are shown (-1: none yet); a new one is shown once its tiles are in. */
  private labelBand = -1;
  /** The camera and counts the labels were last placed for (see drawClusterLabels). */
  private labelView = '';
  private labelsDirty = true;
  private selectedFids: Marked = NONE;
  private hoverFids: Marked = NONE;
  private hoverTarget: Target | null = null;
  private denseFlows = false;
  private styleReady = false;
  private dataReady: Promise<void> = Promise.resolve();
  private hoverFrame = 0;
  private lastPointer: { x: number; y: number } | null = null;
  private destroyed = false;
  private pressOnMap = false;
  /** Every claim source has taken the current bundle's data (a held paint waits for it). */
  private dataSettled = false;

  private constructor(container: HTMLElement, store: AppStore, options: ClaimMapOptions) {
    this.store = store;
    this.container = container;
    const style: string | StyleSpecification = options.styleUrl || basemapStyle(options.baseUrl);
    // A view asked for before the map exists (a link's map=) is where it opens: no tiles for another view.
    const asked = store.getState().cameraRequest?.target;
    const view = asked?.type === 'view' ? asked.view : null;
    this.map = new ClaimAtlasMap({
      container,
      style,
      center: view ? [view.lon, view.lat] : [60, 35],
      zoom: view ? view.zoom : 2,
      minZoom: 1,
      maxZoom: 12,
      renderWorldCopies: false,
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
      attributionControl: false,
      fadeDuration: SYMBOL_FADE_MS,
    });
    this.map.membersOf = (f) => this.membersOf(f);
    // The first frame the reader sees is the whole map with the article's claims, not a bare basemap
    // filled in source by source (ClaimAtlasMap.holdPaint). A slow load shows the basemap after PAINT_HOLD_MS.
    // (A load that fails replaces the whole page with its error, map included.)
    this.map.holdPaint(() => this.dataSettled, PAINT_HOLD_MS, { quiet: true });
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

    this.labels = new ClusterLabelOverlay(this.map.getCanvasContainer());
    this.map.afterPaint = () => this.drawClusterLabels();

    this.resizeObserver = typeof ResizeObserver === 'function' ? new ResizeObserver(() => this.map.resize()) : null;
    this.resizeObserver?.observe(container);

    // The claim sources and layers go in as soon as the style is parsed, not at 'load' (which waits for
    // every basemap tile): a bundle that arrives while the basemap still tiles is sent to the worker at
    // once instead of queueing behind it.
    this.map.on('style.load', () => this.onStyleLoad(!options.styleUrl));
    this.map.on('load', () => store.getState().setMapStatus('ready'));
    this.map.on('moveend', () => {
      this.onMoveEnd();
      if (this.bandsPending) void this.loadBands();
    });
    this.map.on('zoom', () => {
      void this.loadClaimMarks();
      // The flow bands of a zoom are loaded once the camera stops, not at each band a zoom gesture crosses:
      // at 100k claims a band change sends MapLibre's worker ~40k aggregate features, a 1–2 s task (its
      // deep copy of the GeoJSON; 2–6 s when it sent all three bands), and a zoom from 2.5 to 6.5 crossed
      // four of them mid-gesture. The bands either side of the last one are held already, so the gesture
      // still draws arcs.
      if (this.map.isMoving()) this.bandsPending = true;
      else void this.loadBands();
    });
    this.map.on('click', (e) => this.onClick(e));
    // A reader who moves the map sees it move, loaded or not.
    this.map.on('movestart', (e) => {
      if (e.originalEvent) this.map.releasePaint();
    });
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
    // No scratch context is opened to ask first (that cost ~70 ms of the page's thread and a context in the
    // GPU process at every load): MapLibre throws when it cannot get its WebGL 2 context, and leaves the
    // container as it found it.
    try {
      return new ClaimMap(container, store, options);
    } catch (err) {
      store.getState().setMapStatus('unavailable', `Reason: ${mapFailure(err)}. The article, claims, detail and timeline still work.`);
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
    this.labels.destroy();
    this.map.releasePaint();
    this.tooltip.remove();
    this.map.remove();
  }

  /**
   * Resolves once the map has drawn everything the store currently asks for.
   *
   * A map that has drawn it all already is not asked for another frame: with a software GPU each one is
   * ~0.1 s of read-back at 100k claims, and the bench asks this after every timeline step (the bare
   * MapLibre page it compares with never drew one either). Two animation frames pass first, without a
   * map frame: a store change reaches the map after one (a camera request) or two (a panel that resizes
   * it, through the ResizeObserver).
   */
  async whenIdle(): Promise<void> {
    if (!this.styleReady) await new Promise<void>((resolve) => this.map.once('style.load', () => resolve()));
    // Data asked for while waiting (the aggregate bands that follow a bundle's first frame) is waited for too.
    for (let ready = this.dataReady; ; ready = this.dataReady) {
      await ready;
      if (ready === this.dataReady) break;
    }
    for (let i = 0; i < 2; i++) await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
    if (this.destroyed || this.map.isSettled()) return;
    await new Promise<void>((resolve) => {
      this.map.once('idle', () => resolve());
      this.map.triggerRepaint();
    });
  }

  private onStyleLoad(offlineBasemap: boolean): void {
    const map = this.map;
    map.addImage(ARROW_ICON, arrowHeadSdf(), { sdf: true, pixelRatio: 2 });
    map.addImage(HATCH_ICON, hatchPattern(), { pixelRatio: 1 });
    // Claims need no tiles past zoom 10 (country-scale geometry): fewer tiles to cut on load and on zoom.
    // Areas and borders are simplified like the basemap (BASEMAP_TOLERANCE: at most 2 px on screen up to
    // the source's last zoom), which halved their share of a world-view frame; flows keep MapLibre's
    // default, their curves showed facets at 1 px. Aggregates are tiled only at their own band's zoom.
    map.addSource(CLAIMS_SOURCE, { type: 'geojson', data: EMPTY, buffer: MARK_TILE_BUFFER, maxzoom: 10, tolerance: BASEMAP_TOLERANCE });
    map.addSource(FLOWS_SOURCE, { type: 'geojson', data: EMPTY, buffer: MARK_TILE_BUFFER, maxzoom: 9 });
    map.addSource(CLUSTERS_SOURCE, { type: 'geojson', data: EMPTY, buffer: MARK_TILE_BUFFER, maxzoom: 8 });
    map.addSource(FLOW_AGGREGATES_SOURCE, { type: 'geojson', data: EMPTY, buffer: MARK_TILE_BUFFER, maxzoom: 8, tolerance: BASEMAP_TOLERANCE });
    map.addSource(SELECTED_FLOWS_SOURCE, { type: 'geojson', data: EMPTY, buffer: MARK_TILE_BUFFER, maxzoom: 8 });
    for (const layer of claimLayersBelowLabels) map.addLayer(layer);
    if (offlineBasemap) for (const layer of basemapLabelLayers) map.addLayer(layer);
    for (const layer of claimLayersAboveLabels) map.addLayer(layer);
    for (const layer of flowAggregateLayers) map.addLayer(layer);
    for (const layer of selectedFlowLayers) map.addLayer(layer);
    for (const layer of clusterLayers) map.addLayer(layer);
    for (const layer of flowRingLayers) map.addLayer(layer);
    this.styleReady = true;

    const s = this.store;
    this.unsubscribe.push(
      s.subscribe((st) => st.bundle, (bundle) => this.applyBundle(bundle), { fireImmediately: true }),
      s.subscribe(getVisibleMask, (mask) => this.applyVisibility(mask), { fireImmediately: true }),
      s.subscribe(
        (st) => st.selectedId,
        (id) => {
          this.selectedFids = this.swapState(this.selectedFids, id, 'selected');
          this.showSelectedFlows();
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
    const render = bundle ? buildRenderData(bundle) : null;
    this.render = render;
    this.counts = render ? new GroupCounts(render.groups) : null;
    // Count from the visibility the store has now (a link may open on a narrowed window), so the first
    // cluster labels are already right.
    const mask = getVisibleMask(this.store.getState());
    const initial = this.counts && mask.length === this.counts.visible.length ? this.counts.apply(mask).changed : [];
    this.clusters = render && shouldCluster(render.groups) ? buildClusters(render.groups) : null;
    this.clusterCounts = this.clusters && this.counts ? new ClusterCounts(this.clusters, render!.groups, this.counts.visible) : null;
    if (render && this.clusters) {
      const z0 = this.clusters.z0;
      for (const f of render.collection.features) if (f.properties.mark === 'point') f.properties.z0 = z0[f.id as number]!;
    }
    this.selectedFids = NONE;
    this.hoverFids = NONE;
    this.hoverTarget = null;
    this.selectedFlowsShown = -1;
    this.clusterBands = this.clusters ? bandRanges(this.clusters) : null;
    this.labelBand = -1;
    this.labelsDirty = true;
    const source = this.map.getSource<GeoJSONSource>(CLAIMS_SOURCE);
    const flowSource = this.map.getSource<GeoJSONSource>(FLOWS_SOURCE);
    const clusterSource = this.map.getSource<GeoJSONSource>(CLUSTERS_SOURCE);
    const aggregateSource = this.map.getSource<GeoJSONSource>(FLOW_AGGREGATES_SOURCE);
    if (!source || !flowSource || !clusterSource || !aggregateSource) {
      this.aggregates = null;
      this.aggregateCounts = null;
      this.store.getState().setFlowFolding(null);
      return;
    }
    // A new bundle appears whole, as the first one does: painting waits until every claim source has taken
    // its data (flow and aggregate bands arrive a little later than the rest) and all tiles are loaded.
    this.dataSettled = false;
    if (bundle) this.map.holdPaint(() => this.dataSettled, BUNDLE_PAINT_HOLD_MS + bundle.claims.length * BUNDLE_PAINT_HOLD_MS_PER_CLAIM);
    this.map.removeFeatureState({ source: CLAIMS_SOURCE });
    this.map.removeFeatureState({ source: FLOWS_SOURCE });
    this.map.removeFeatureState({ source: CLUSTERS_SOURCE });
    this.map.removeFeatureState({ source: FLOW_AGGREGATES_SOURCE });
    const dense = this.clusters !== null;
    if (dense !== this.denseFlows) {
      this.denseFlows = dense;
      for (const [layer, property, value] of flowPaint(dense)) this.map.setPaintProperty(layer, property, value);
      for (const layer of DENSE_DETAIL_LAYERS) this.map.setLayerZoomRange(layer, dense ? DENSE_DETAIL_ZOOM : 0, 24);
      for (const layer of DENSE_AREA_OUTLINE_LAYERS) this.map.setLayerZoomRange(layer, dense ? DENSE_AREA_OUTLINE_ZOOM : 0, 24);
      for (const [layer, value] of areaFillAntialias(dense)) this.map.setPaintProperty(layer, 'fill-antialias', value);
      for (const [layer, filter] of placeMarkFilters(dense)) this.map.setFilter(layer, filter);
    }
    // A dense bundle draws one area or border per place at low zoom (place-marks.ts).
    this.placeMarks = dense && render ? buildPlaceMarks(render) : null;
    this.placeMarkCounts = this.placeMarks && this.counts ? new PlaceMarkCounts(this.placeMarks, this.counts) : null;
    const placeFeatures = this.placeMarks && render ? placeMarkFeatures(this.placeMarks, render) : [];
    const all = render?.collection.features ?? [];
    const isFlow = (f: (typeof all)[number]) => f.properties.mark === 'flow' || f.properties.mark === 'arrow';
    this.claimMarks = [...all.filter((f) => !isFlow(f)), ...placeFeatures];
    this.worldClaimMarks = this.placeMarks ? marksBelowOutlineZoom(this.claimMarks) : null;
    this.claimMarksHeld = '';
    const cc = this.clusterCounts;
    // The claims and clusters go to the worker first: it tiles them while the flow aggregates are built.
    const marksReady = this.loadClaimMarks();

    this.aggregates = render && shouldAggregate(render) ? buildFlowAggregates(render) : null;
    this.aggregateCounts = this.aggregates && this.counts ? new AggregateCounts(this.aggregates, render!, this.counts.visible) : null;
    if (render && this.aggregates) markOwnBands(render, this.aggregates);
    this.store.getState().setFlowFolding(flowFoldingOf(this.aggregates));
    for (const g of initial) this.writeGroupState(g);
    const pc = this.placeMarkCounts;
    if (pc) for (let p = 0; p < pc.n.length; p++) if (pc.n[p] !== placeFeatures[p]!.properties.total) this.writePlaceMarkState(p);
    if (cc) for (let c = 0; c < cc.n.length; c++) if (cc.n[c] === 0) this.writeClusterState(c);
    const ac = this.aggregateCounts;
    // No band is held yet: these states are written as their bands come in (loadAggregateBands).
    this.aggregateBandsHeld = null;
    this.aggregateStale = ac ? new Uint8Array(ac.n.length) : null;
    // The default (property `total`, `width`) already means "all visible": write state only where not.
    if (ac && this.aggregates) for (let a = 0; a < ac.n.length; a++) if (ac.n[a] !== this.aggregates.total[a]) this.writeAggregateState(a);
    if (!this.aggregates) void aggregateSource.setData(EMPTY);
    this.flowFeatures = all.filter(isFlow);
    this.flowBandsHeld = null;
    const settle = () => {
      if (this.renderedBundle !== bundle) return;
      this.dataSettled = true;
      // A held frame may have been put off (ClaimAtlasMap._render): the hold can end in the next one.
      this.map.triggerRepaint();
      // Then, in a task of their own once the map has drawn, the aggregate bands either side of the one
      // drawn (loadAggregateBands). whenIdle waits for them too.
      const neighbours = new Promise<void>((resolve) => {
        this.map.once('idle', () =>
          setTimeout(() => {
            if (this.renderedBundle !== bundle || this.destroyed) return resolve();
            // Its failures are logged where dataReady is (loadAggregateBands, loadFlowBands).
            resolve(this.loadBands().catch(() => undefined));
          }, 0),
        );
      });
      this.dataReady = Promise.all([this.dataReady, neighbours]).then(() => undefined);
    };
    this.dataReady = Promise.all([marksReady, this.loadAggregateBands(), this.loadFlowBands()])
      .then(() => undefined)
      .catch((err: unknown) => console.warn('map: claims data', err))
      .finally(settle);
  }

  /**
   * Recount only the marks holding a claim whose visibility changed since the last call: `n` (and `hidden`
   * at 0) per shared mark and per cluster, a flow's width from its visible members' summed magnitude.
   */
  private applyVisibility(mask: Uint8Array): void {
    const render = this.render;
    const counts = this.counts;
    if (!render || !counts || mask.length !== counts.visible.length) return;
    const { flipped, changed } = counts.apply(mask);
    if (flipped.length === 0) return;
    for (const g of changed) this.writeGroupState(g);
    if (this.placeMarkCounts) for (const p of this.placeMarkCounts.apply(changed)) this.writePlaceMarkState(p);
    if (this.clusterCounts) {
      const cc = this.clusterCounts;
      for (const c of cc.apply(flipped, counts.visible)) this.writeClusterState(c);
      this.labelsDirty = true;
    }
    if (this.aggregateCounts) for (const a of this.aggregateCounts.apply(flipped, counts.visible)) this.writeAggregateState(a);
    this.showSelectedFlows();
  }

  /**
   * Below the detail zoom a dense bundle draws most flows inside aggregates (or not at all, within one
   * cluster); the selected claim's own arcs are drawn on top there, so what the panel shows is on the map.
   */
  private showSelectedFlows(): void {
    const source = this.map.getSource<GeoJSONSource>(SELECTED_FLOWS_SOURCE);
    const render = this.render;
    const id = this.store.getState().selectedId;
    const i = this.aggregates && id !== null ? this.claimIndexOf(id) : undefined;
    const show = i !== undefined && this.counts?.visible[i] === 1 ? i : -1;
    if (!source || show === this.selectedFlowsShown) return;
    this.selectedFlowsShown = show;
    const features: GeoJSON.Feature[] = [];
    if (show >= 0 && render) {
      const { claimStart, claimGroups, mark } = render.groups;
      for (let k = claimStart[show]!; k < claimStart[show + 1]!; k++) {
        const g = claimGroups[k]!;
        if (MARK_CODES[mark[g]!] !== 'flow') continue;
        // Feature g is group g's arc (claim-features.ts); its arrowhead is rebuilt here rather than looked up.
        const arc = render.collection.features[g];
        if (!arc || arc.geometry.type !== 'LineString') continue;
        const c = arc.geometry.coordinates;
        const props = { ...arc.properties, claimId: id! };
        features.push({ type: 'Feature', geometry: arc.geometry, properties: props });
        features.push({
          type: 'Feature',
          geometry: { type: 'Point', coordinates: c[c.length - 1]! },
          properties: { ...props, mark: 'arrow', bearing: screenBearing(c[c.length - 2]!, c[c.length - 1]!) },
        });
      }
    }
    void source.setData({ type: 'FeatureCollection', features });
  }

  /**
   * Sets the claims and clusters sources to what the current zoom draws, when that changed: a dense
   * bundle's world view only its place marks and lone points (marksBelowOutlineZoom) and the cluster bands
   * up to WORLD_CLUSTER_BANDS; from CLAIM_MARKS_ALL_ZOOM on, and from then on for this bundle, everything.
   * The switch comes a zoom level early, so the worker has tiled the (kind, stance) areas and borders before
   * the tiles that draw them are asked for.
   */
  private loadClaimMarks(): Promise<void> {
    const source = this.map.getSource<GeoJSONSource>(CLAIMS_SOURCE);
    const clusterSource = this.map.getSource<GeoJSONSource>(CLUSTERS_SOURCE);
    if (!source || !clusterSource) return Promise.resolve();
    const world = this.worldClaimMarks !== null && this.claimMarksHeld !== 'all' && this.map.getZoom() < CLAIM_MARKS_ALL_ZOOM;
    const key = world ? 'world' : 'all';
    if (key === this.claimMarksHeld) return Promise.resolve();
    const wasWorld = this.claimMarksHeld === 'world';
    this.claimMarksHeld = key;
    const features = (world ? this.worldClaimMarks! : this.claimMarks).map(withoutClaimId);
    // The marks the world view left out get their counts now (writeGroupState skipped them): ~40k
    // feature-states at 100k claims that MapLibre would otherwise apply to every world-view tile, on load
    // and on each timeline step, for marks it does not draw.
    const render = this.render;
    const counts = this.counts;
    if (wasWorld && render && counts) {
      for (let g = 0; g < render.groups.count; g++) {
        if (render.groups.mark[g] === FLOW) continue;
        if (counts.n[g] !== render.groups.memberStart[g + 1]! - render.groups.memberStart[g]!) this.writeGroupState(g);
      }
    }
    // The clusters likewise: the world view's bands only (~700 of 13k clusters at 100k claims), with
    // the counts of now.
    const cc = this.clusterCounts;
    this.clusterBandsHeld = world ? WORLD_CLUSTER_BANDS : Infinity;
    this.labelsDirty = true;
    // The bands it brings in carry their counts of now as properties; only the empty ones need a state.
    if (wasWorld && cc && this.clusters) {
      for (let c = 0; c < cc.n.length; c++) if (this.clusters.band[c]! > WORLD_CLUSTER_BANDS && cc.n[c] === 0) this.writeClusterState(c);
    }
    const clusters = this.clusters && cc ? clusterCollection(this.clusters, cc.n, this.clusterBandsHeld) : EMPTY;
    const ready = Promise.all([source.setData({ type: 'FeatureCollection', features }), clusterSource.setData(clusters)]).then(() => undefined);
    this.dataReady = Promise.all([this.dataReady, ready])
      .then(() => undefined)
      .catch((err: unknown) => console.warn('map: claims', err));
    return ready;
  }

  /** Loads the flow and aggregate bands around the current zoom; resolves when both sources have them. */
  private loadBands(): Promise<void> {
    this.bandsPending = false;
    return Promise.all([this.loadAggregateBands(), this.loadFlowBands()]).then(() => undefined);
  }

  /**
   * Sets the aggregate source to the bands around the current zoom, when they changed. A new bundle gets
   * only the band its view draws: the bands either side (held so that a zoom gesture still draws arcs)
   * follow once the map has drawn it (applyBundle), in a task of their own. In the 10k bench corpus the
   * band drawn at the world view is 294 arcs (4.3k vertices) of the 1,486 (25k vertices) of three bands:
   * MapLibre copies them on the page's thread and tiles them in its worker before the map is complete.
   */
  private loadAggregateBands(): Promise<void> {
    const aggs = this.aggregates;
    const source = this.map.getSource<GeoJSONSource>(FLOW_AGGREGATES_SOURCE);
    const claims = this.renderedBundle?.claims;
    if (!aggs || !source || !claims) return Promise.resolve();
    const held = this.aggregateBandsHeld;
    const zoom = this.map.getZoom();
    const wanted = bandMask(held === null ? bandDrawnAt(aggs, zoom) : bandsForZoom(aggs, zoom), 0);
    if (wanted === held) return Promise.resolve();
    this.aggregateBandsHeld = wanted;
    // The counts of the bands that come in, as they are now (state written before the arcs arrive is
    // applied to their tiles as they load).
    const stale = this.aggregateStale;
    if (stale) {
      for (let a = 0; a < stale.length; a++) if (stale[a] && wanted & (1 << aggs.band[a]!)) this.writeAggregateState(a);
    }
    const claimId = (i: number) => claims[i]!.id;
    const bandsIn = (mask: number) => {
      const features: GeoJSON.Feature[] = [];
      for (let b = 0; b <= aggs.maxZoom; b++) if (mask & (1 << b)) features.push(...aggregateCollection(aggs, claimId, b, b).features);
      return features;
    };
    let ready: Promise<void>;
    if (held !== null) {
      // Only the bands that come and go: a zoom level in, one band of ~40k arcs at 100k claims instead of three.
      const remove: number[] = [];
      for (let a = 0; a < aggs.count; a++) {
        if ((held & ~wanted & (1 << aggs.band[a]!)) === 0) continue;
        remove.push(a);
        if (!aggs.loop[a]) remove.push(aggs.count + a);
      }
      ready = updateOrSet(source, { add: bandsIn(wanted & ~held), remove }, () => ({ type: 'FeatureCollection', features: bandsIn(wanted) }));
    } else {
      ready = source.setData({ type: 'FeatureCollection', features: bandsIn(wanted) }).then(() => undefined);
    }
    this.dataReady = Promise.all([this.dataReady, ready])
      .then(() => undefined)
      .catch((err: unknown) => console.warn('map: flow aggregates', err));
    return ready;
  }

  /**
   * Sets the flows source to the arcs drawn on their own around the current zoom (a dense bundle), or to
   * every arc (a sparse one, or from zoom 7 on, where nearly all are their own). Their feature-state lives
   * in the source, not the data, so counts written while an arc was out of the source still hold.
   */
  private loadFlowBands(): Promise<void> {
    const source = this.map.getSource<GeoJSONSource>(FLOWS_SOURCE);
    if (!source || !this.render) return Promise.resolve();
    const aggs = this.aggregates;
    // Bit z of a flow's `own`: drawn on its own at tile zoom z.
    const wanted = bandMask(aggs && this.map.getZoom() < aggs.maxZoom ? bandsForZoom(aggs, this.map.getZoom()) : null, -1);
    const held = this.flowBandsHeld;
    if (wanted === held) return Promise.resolve();
    this.flowBandsHeld = wanted;
    const holds = (mask: number, f: (typeof this.flowFeatures)[number]) => mask === -1 || (f.properties.own & mask) !== 0;
    let ready: Promise<void>;
    if (held !== null) {
      // Only the arcs that come and go with the bands (see loadAggregateBands).
      const add: GeoJSON.Feature[] = [];
      const remove: (string | number)[] = [];
      for (const f of this.flowFeatures) {
        const had = holds(held, f);
        const has = holds(wanted, f);
        if (has && !had) add.push(f);
        else if (had && !has) remove.push(f.id!);
      }
      ready = updateOrSet(source, { add, remove }, () => ({ type: 'FeatureCollection', features: this.flowFeatures.filter((f) => holds(wanted, f)) }));
    } else {
      const features = this.flowFeatures.filter((f) => holds(wanted, f));
      ready = source.setData({ type: 'FeatureCollection', features }).then(() => undefined);
    }
    this.dataReady = Promise.all([this.dataReady, ready])
      .then(() => undefined)
      .catch((err: unknown) => console.warn('map: flows', err));
    return ready;
  }

  /**
   * An aggregate's arc and arrowhead: visible claims `n`, `hidden` at 0, width `w` by summed magnitude.
   * Only for the bands the aggregate source holds (as for clusters, writeClusterState): a timeline step
   * at 100k changed ~430 aggregates over all eight bands, and MapLibre merges every state it is given and
   * looks each one up in every tile of the source in the next frame. One of another band is marked stale
   * and written when its band comes in.
   */
  private writeAggregateState(a: number): void {
    const held = this.aggregateBandsHeld;
    if (held === null || (held & (1 << this.aggregates!.band[a]!)) === 0) {
      this.aggregateStale![a] = 1;
      return;
    }
    this.aggregateStale![a] = 0;
    const state = this.aggregateCounts!.state(a);
    this.map.setFeatureState({ source: FLOW_AGGREGATES_SOURCE, id: a }, state);
    this.map.setFeatureState({ source: FLOW_AGGREGATES_SOURCE, id: this.aggregates!.count + a }, state);
  }

  /**
   * A cluster's visible claims `n`, and `hidden` at 0. Only for the bands the clusters source holds: MapLibre
   * copies every state of a source into each tile it loads, and the label refresh reloads the cluster tiles
   * after every timeline step, so ~13k states for the ~700 clusters a world view holds (100k claims) cost
   * ~0.5 MB of short-lived objects per step. The other bands are sent with their counts of now.
   */
  private writeClusterState(c: number): void {
    if (this.clusters!.band[c]! > this.clusterBandsHeld) return;
    const n = this.clusterCounts!.n[c]!;
    this.map.setFeatureState({ source: CLUSTERS_SOURCE, id: c }, { n, hidden: n === 0 });
  }

  /** A place mark (one area or border per place at low zoom in a dense bundle): visible claims `n`, `hidden` at 0. */
  private writePlaceMarkState(p: number): void {
    const n = this.placeMarkCounts!.n[p]!;
    this.map.setFeatureState({ source: CLAIMS_SOURCE, id: this.placeMarks!.base + p }, { n, hidden: n === 0 });
  }

  private writeGroupState(g: number): void {
    const render = this.render!;
    const counts = this.counts!;
    const source = render.groups.mark[g] === FLOW ? FLOWS_SOURCE : CLAIMS_SOURCE;
    // A mark the claims source does not hold yet gets its state when the source gets every mark.
    if (source === CLAIMS_SOURCE && !this.holdsClaimMark(g)) return;
    const n = counts.n[g]!;
    const state: Record<string, unknown> = { n, hidden: n === 0 };
    const ids = groupFeatureIds(render, g);
    if (ids.length > 1) state['w'] = widthForMagnitude(counts.sum[g]!);
    for (const id of ids) this.map.setFeatureState({ source, id }, state);
  }

  /** Whether the claims source holds group g's mark now: every one, but in a dense world view only what
   *  marksBelowOutlineZoom sent (feature g is group g's mark). */
  private holdsClaimMark(g: number): boolean {
    if (this.claimMarksHeld !== 'world' || !this.render) return true;
    return drawnBelowOutlineZoom(this.render.collection.features[g]!.properties);
  }

  /**
   * Places the cluster numbers for the frame MapLibre has just painted: the clusters of the band its tiles
   * draw (tile zoom = floor(zoom)), in view, with their counts of now. While the tiles of a band the camera
   * has just entered are still being cut, the map shows the old band's discs, so no number is shown.
   */
  private drawClusterLabels(): void {
    const index = this.clusters;
    const cc = this.clusterCounts;
    const ranges = this.clusterBands;
    const map = this.map;
    if (!index || !cc || !ranges || !map.getSource(CLUSTERS_SOURCE)) return this.labels.draw([]);
    const zoom = map.getZoom();
    const band = Math.floor(zoom);
    if (band !== this.labelBand) {
      if (!map.isSourceLoaded(CLUSTERS_SOURCE)) return this.labels.draw([]);
      this.labelBand = band;
      this.labelsDirty = true;
    }
    const center = map.getCenter();
    const canvas = map.getCanvas();
    const view = `${center.lng} ${center.lat} ${zoom} ${canvas.clientWidth} ${canvas.clientHeight}`;
    if (!this.labelsDirty && view === this.labelView) return;
    this.labelsDirty = false;
    this.labelView = view;
    if (band > this.clusterBandsHeld) return this.labels.draw([]);
    // Out to the widest disc's radius past each edge: a disc cut by the edge still shows its number.
    const m = LABEL_MARGIN_PX;
    const nw = map.unproject([-m, -m]);
    const se = map.unproject([canvas.clientWidth + m, canvas.clientHeight + m]);
    this.labels.draw(
      clusterLabelsInView(index, ranges, cc.n, band, {
        west: nw.lng,
        south: se.lat,
        east: se.lng,
        north: nw.lat,
        project: (lon, lat) => map.project([lon, lat]),
      }),
    );
  }

  /** Writes the cluster numbers onto a copy of the map canvas (the PNG export). */
  paintOverlay(ctx: CanvasRenderingContext2D, scale: number): void {
    this.labels.paintOnto(ctx, scale);
  }

  /** The marks (shared marks, arrowheads, clusters) that hold claim `claimId`, or none. */
  private marksOf(claimId: string | null): Marked {
    const i = claimId === null ? undefined : this.claimIndexOf(claimId);
    const render = this.render;
    if (i === undefined || !render) return NONE;
    const { claimStart, claimGroups } = render.groups;
    const marks: number[] = [];
    const flows: number[] = [];
    for (let k = claimStart[i]!; k < claimStart[i + 1]!; k++) {
      const g = claimGroups[k]!;
      (render.groups.mark[g] === FLOW ? flows : marks).push(...groupFeatureIds(render, g));
      const p = this.placeMarks?.markOf[g] ?? -1;
      if (p >= 0) marks.push(this.placeMarks!.base + p);
    }
    const clusters = this.clusters ? clustersOfClaim(this.clusters, render.groups, i) : [];
    const aggs = this.aggregates;
    const aggregates = aggs ? aggregatesOfClaim(aggs, render, i).flatMap((a) => [a, aggs.count + a]) : [];
    return { marks, flows, clusters, aggregates };
  }

  private swapState(previous: Marked, claimId: string | null, key: 'selected' | 'hover'): Marked {
    for (const id of previous.marks) this.map.setFeatureState({ source: CLAIMS_SOURCE, id }, { [key]: false });
    for (const id of previous.flows) this.map.setFeatureState({ source: FLOWS_SOURCE, id }, { [key]: false });
    for (const id of previous.clusters) this.map.setFeatureState({ source: CLUSTERS_SOURCE, id }, { [key]: false });
    for (const id of previous.aggregates) this.map.setFeatureState({ source: FLOW_AGGREGATES_SOURCE, id }, { [key]: false });
    const next = this.marksOf(claimId);
    for (const id of next.marks) this.map.setFeatureState({ source: CLAIMS_SOURCE, id }, { [key]: true });
    for (const id of next.flows) this.map.setFeatureState({ source: FLOWS_SOURCE, id }, { [key]: true });
    for (const id of next.clusters) this.map.setFeatureState({ source: CLUSTERS_SOURCE, id }, { [key]: true });
    for (const id of next.aggregates) this.map.setFeatureState({ source: FLOW_AGGREGATES_SOURCE, id }, { [key]: true });
    return next;
  }

  /** Claim positions a rendered claim or cluster feature stands for (visible ones only); null otherwise. */
  private membersAt(f: MapGeoJSONFeature): number[] | null {
    const render = this.render;
    const counts = this.counts;
    if (!render || !counts || typeof f.id !== 'number') return null;
    if (f.source === CLUSTERS_SOURCE) return this.clusters ? clusterClaims(this.clusters, counts, f.id) : [];
    if (f.source === FLOW_AGGREGATES_SOURCE) {
      const aggs = this.aggregates;
      if (!aggs) return [];
      const a = f.id >= aggs.count ? f.id - aggs.count : f.id;
      return a < aggs.count ? aggregateClaims(aggs, render, counts.visible, a) : [];
    }
    if (f.source !== CLAIMS_SOURCE && f.source !== FLOWS_SOURCE) return null;
    const places = this.placeMarks;
    if (f.source === CLAIMS_SOURCE && places && f.id >= places.base) return f.id < places.base + places.count ? placeMarkClaims(places, counts, f.id - places.base) : [];
    const g = f.id >= render.arrowBase ? f.id - render.arrowBase : f.id;
    return g < render.groups.count ? counts.visibleMembers(g) : [];
  }

  private membersOf(f: MapGeoJSONFeature): string[] | null {
    const idx = this.membersAt(f);
    const claims = this.renderedBundle?.claims;
    if (idx === null || !claims) return idx === null ? null : [];
    return idx.map((i) => claims[i]!.id);
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
    // Fit to the map's size now, not to the size its ResizeObserver has yet to report: the request that
    // follows the data comes in the frame in which the timeline first takes its place below the map.
    const canvas = this.map.getCanvas();
    if (canvas.clientWidth !== this.container.clientWidth || canvas.clientHeight !== this.container.clientHeight) this.map.resize();
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

  /**
   * What is under a screen point, most specific tier first (clusters; points, flows, aggregates, lines;
   * rings; else areas): the visible claims there, and the cluster or flow aggregate hit, if any.
   */
  private hitAt(x: number, y: number): { ids: string[]; target: Target | null } {
    if (!this.styleReady) return { ids: [], target: null };
    const box: [[number, number], [number, number]] = [
      [x - PICK_RADIUS, y - PICK_RADIUS],
      [x + PICK_RADIUS, y + PICK_RADIUS],
    ];
    const claims = this.renderedBundle?.claims ?? [];
    for (const layers of PICK_TIERS) {
      const present = layers.filter((l) => this.map.getLayer(l));
      if (present.length === 0) continue;
      const found = new Set<number>();
      let target: Target | null = null;
      for (const f of this.map.queryMarks(box, { layers: present })) {
        const members = this.membersAt(f);
        if (!members || members.length === 0) continue;
        if (target === null && f.source === CLUSTERS_SOURCE) target = { source: CLUSTERS_SOURCE, id: f.id as number };
        if (target === null && f.source === FLOW_AGGREGATES_SOURCE && this.aggregates) {
          const id = f.id as number;
          target = { source: FLOW_AGGREGATES_SOURCE, id: id >= this.aggregates.count ? id - this.aggregates.count : id };
        }
        for (const i of members) found.add(i);
      }
      if (found.size > 0) {
        const ids = this.onlyVisible([...found].map((i) => claims[i]!.id));
        if (ids.length > 0) return { ids, target };
      }
    }
    return { ids: [], target: null };
  }

  /** Claim ids under a screen point, most specific tier first (clusters; points, flows, lines; rings; else areas). */
  claimsAt(x: number, y: number): string[] {
    return this.hitAt(x, y).ids;
  }

  /** Belt and braces: never offer a claim the store says is hidden, whatever the renderer returned. */
  private onlyVisible(ids: string[]): string[] {
    const mask = getVisibleMask(this.store.getState());
    return ids.filter((id) => {
      const i = this.claimIndexOf(id);
      return i !== undefined && mask[i] === 1;
    });
  }

  /**
   * A click on a cluster or a flow aggregate standing for several claims zooms to where it splits (a
   * cluster centred on itself; an aggregate framing its arcs' real ends), as a user expects from a mark
   * that is a summary of the map below it. When it cannot split (all at one spot, or all along one route),
   * the chooser lists its visible claims, as for a shared mark.
   */
  private onClick(e: MapMouseEvent): void {
    const { ids, target } = this.hitAt(e.point.x, e.point.y);
    const st = this.store.getState();
    if (ids.length === 0) {
      st.closeChooser();
      return;
    }
    this.tooltip.hidden = true;
    const duration = prefersReducedMotion() ? 0 : 600;
    if (target && ids.length > 1 && target.source === CLUSTERS_SOURCE) {
      const zoom = this.clusterSplitZoom(target.id);
      if (zoom !== null) {
        st.closeChooser();
        const c = this.clusters!;
        this.map.easeTo({ center: [c.position[target.id * 2]!, c.position[target.id * 2 + 1]!], zoom, duration }, APP_MOVE);
        return;
      }
    }
    if (target && ids.length > 1 && target.source === FLOW_AGGREGATES_SOURCE) {
      const split = this.aggregateSplitView(target.id);
      if (split) {
        st.closeChooser();
        this.map.easeTo({ ...split, duration }, APP_MOVE);
        return;
      }
    }
    if (ids.length === 1) st.select(ids[0]!, 'map');
    else st.openChooser({ claimIds: ids, x: e.point.x, y: e.point.y, anchor: 'map' });
  }

  /** The map zoom at which a cluster's visible claims split, or null when they sit at one spot. */
  private clusterSplitZoom(cluster: number): number | null {
    if (!this.clusters || !this.counts || !this.render) return null;
    const z = expansionZoom(this.clusters, this.render.groups, this.counts.n, cluster);
    // Tile zoom z is drawn from map zoom z on; a hair above so rounding cannot land on z - 1.
    return z === null ? null : Math.min(this.map.getMaxZoom(), Math.max(z + 0.05, this.map.getZoom() + 0.5));
  }

  /**
   * The camera that shows aggregate a come apart: its visible arcs' ends framed when they fit at (or above)
   * the zoom where it splits, else the splitting side centred at that zoom; null when it cannot split.
   */
  private aggregateSplitView(a: number): { center: [number, number]; zoom: number } | null {
    if (!this.aggregates || !this.counts || !this.render) return null;
    const split = aggregateSplit(this.aggregates, this.render, this.counts.n, a);
    if (!split) return null;
    const zoom = Math.min(this.map.getMaxZoom(), Math.max(split.zoom + 0.05, this.map.getZoom() + 0.5));
    const [w, s, e, n] = split.ends;
    const fit = this.map.cameraForBounds(
      [
        [w, s],
        [e, n],
      ],
      { padding: this.padding() },
    );
    if (fit?.zoom !== undefined && fit.zoom >= zoom) return { center: [(w + e) / 2, (s + n) / 2], zoom: Math.min(fit.zoom, Math.max(zoom, 5.5)) };
    const [sw, ss, se, sn] = split.side;
    return { center: [(sw + se) / 2, (ss + sn) / 2], zoom };
  }

  private onPointerMove(e: MapMouseEvent): void {
    this.lastPointer = { x: e.point.x, y: e.point.y };
    if (this.hoverFrame) return;
    // One query per animation frame at most, however fast the pointer moves.
    this.hoverFrame = requestAnimationFrame(() => {
      this.hoverFrame = 0;
      const p = this.lastPointer;
      if (!p || this.destroyed) return;
      const { ids, target } = this.hitAt(p.x, p.y);
      this.map.getCanvas().style.cursor = ids.length ? 'pointer' : '';
      // A cluster or an aggregate is not one claim: highlight the mark, not its first claim in the list and reader.
      const many = target !== null && ids.length > 1;
      this.setHoverTarget(many ? target : null);
      this.store.getState().setHovered(many ? null : (ids[0] ?? null));
      this.showTooltip(ids, p.x, p.y, many ? target : null);
    });
  }

  private setHoverTarget(t: Target | null): void {
    const old = this.hoverTarget;
    if (old?.source === t?.source && old?.id === t?.id) return;
    if (old) for (const id of this.targetFeatureIds(old)) this.map.setFeatureState({ source: old.source, id }, { hover: false });
    if (t) for (const id of this.targetFeatureIds(t)) this.map.setFeatureState({ source: t.source, id }, { hover: true });
    this.hoverTarget = t;
  }

  /** A cluster is one feature; an aggregate its arc and its arrowhead. */
  private targetFeatureIds(t: Target): number[] {
    return t.source === FLOW_AGGREGATES_SOURCE && this.aggregates ? [t.id, this.aggregates.count + t.id] : [t.id];
  }

  private clearHover(): void {
    this.setHoverTarget(null);
    this.lastPointer = null;
    this.tooltip.hidden = true;
    this.store.getState().setHovered(null);
  }

  private showTooltip(ids: string[], x: number, y: number, target: Target | null): void {
    const claims = this.renderedBundle?.claims;
    const first = ids[0] === undefined ? undefined : claims?.[this.claimIndexOf(ids[0]) ?? -1];
    // While the chooser lists the claims under the pointer, a tooltip would only cover it.
    if (!first || this.store.getState().chooser) {
      this.tooltip.hidden = true;
      return;
    }
    // Text only: summaries come from curated (and possibly hostile) data.
    this.tooltip.replaceChildren();
    const line = (className: string, text: string) => {
      const span = document.createElement('span');
      span.className = className;
      span.textContent = text;
      this.tooltip.append(span);
      return span;
    };
    if (ids.length > 1) {
      const splits =
        target?.source === CLUSTERS_SOURCE
          ? this.clusterSplitZoom(target.id) !== null
          : target?.source === FLOW_AGGREGATES_SOURCE && this.aggregateSplitView(target.id) !== null;
      const what =
        target?.source !== FLOW_AGGREGATES_SOURCE
          ? 'claims here'
          : this.aggregates?.loop[target.id]
            ? this.aggregates.folded[target.id]
              ? `flows from here not drawn as arcs at this zoom (within this area, or on routes of fewer than ${this.aggregates.minClaims[this.aggregates.band[target.id]!]!} claims)`
              : 'flows within this area'
            : 'claims along these routes';
      line('map-tooltip-more', `${ids.length.toLocaleString('en')} ${what} — ${splits ? 'click to zoom in' : 'click to choose'}`);
    }
    if (target !== null && ids.length > 1) {
      // A cluster or an aggregate mixes claims: say what kinds it holds rather than quote one of them.
      const byKind = new Map<string, number>();
      for (const id of ids) {
        const c = claims![this.claimIndexOf(id) ?? -1];
        if (c) byKind.set(KIND_LABELS[c.kind], (byKind.get(KIND_LABELS[c.kind]) ?? 0) + 1);
      }
      const top = [...byKind.entries()].sort((a, b) => b[1] - a[1]);
      const shown = top.slice(0, 3).map(([k, n]) => `${n.toLocaleString('en')} ${k.toLowerCase()}`);
      if (top.length > 3) shown.push(`${top.length - 3} more kinds`);
      line('map-tooltip-summary', shown.join(' · '));
    } else {
      line(`map-tooltip-kind kind-${first.kind}`, first.stance === 'asserted' ? KIND_LABELS[first.kind] : `${KIND_LABELS[first.kind]} · ${first.stance}`);
      line('map-tooltip-summary', first.summary);
    }
    this.tooltip.hidden = false;
    const w = this.container.clientWidth;
    const left = Math.min(x + 14, w - 280);
    this.tooltip.style.transform = `translate(${Math.max(4, left)}px, ${y + 16}px)`;
  }
}

/** Feature ids highlighted for one claim: its marks in the claims source, its clusters and its flow
 *  aggregates (arcs and arrowheads), so a selected claim drawn inside a summary still shows. */
interface Marked {
  marks: number[];
  flows: number[];
  clusters: number[];
  aggregates: number[];
}
const NONE: Marked = { marks: [], flows: [], clusters: [], aggregates: [] };

/** Bands lo..hi as bits (bit z: band z), or `none` without bands. */
function bandMask(bands: [number, number] | null, none: number): number {
  return bands ? ((1 << (bands[1] + 1)) - 1) & ~((1 << bands[0]) - 1) : none;
}

/**
 * Sends a source only what changed (MapLibre's `updateData`; every feature has an id), instead of all its
 * features again: MapLibre deep-copies what it sends its worker on the page's thread, ~40 µs a feature.
 * Should the diff be refused, the whole collection (`all`) is sent instead.
 */
function updateOrSet(source: GeoJSONSource, diff: { add: GeoJSON.Feature[]; remove: (string | number)[] }, all: () => GeoJSON.FeatureCollection): Promise<void> {
  if (diff.add.length === 0 && diff.remove.length === 0) return Promise.resolve();
  let sent: Promise<unknown>;
  try {
    sent = source.updateData(diff);
  } catch (err) {
    sent = Promise.reject(err);
  }
  return sent.then(
    () => undefined,
    () => source.setData(all()).then(() => undefined),
  );
}

/** A summary mark under the pointer: a cluster, or a flow aggregate (by aggregate index). */
interface Target {
  source: typeof CLUSTERS_SOURCE | typeof FLOW_AGGREGATES_SOURCE;
  id: number;
}
