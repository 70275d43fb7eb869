/**
 * The e2e driver: the only file that imports Playwright. Specs speak the user's language through it
 * ("open the app", "click the claim on the map", "drag the start handle") and assert on what the user sees.
 *
 * It relies on the documented test handle `window.claimAtlas` (see README / ui-contract):
 *   { version: 1, map, store, getVisibleClaimIds(), whenMapIdle() }
 * and on rendered claim features living in map layers whose ids start with `claims-`, each carrying `claimId`.
 */
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { AxeBuilder } from '@axe-core/playwright';
import type { Map as MaplibreMap } from 'maplibre-gl';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ArticleBundle, Claim, DataIndex } from '../src/domain/types';
import { launchOptions } from '../playwright.config';

export { expect };
export type { Page, Locator };

/** The shape of `window.claimAtlas` as far as the tests need it. Kept local (no `declare global`) so it can
 *  never clash with the app's own declaration. */
export interface ClaimAtlasHandle {
  version: number;
  map: MaplibreMap | null;
  store: { getState(): unknown };
  getVisibleClaimIds(): string[];
  whenMapIdle(): Promise<void>;
}
type AtlasWindow = Window & { claimAtlas?: ClaimAtlasHandle };

/** Launch options for a browser with WebGL switched off entirely (`test.use({ launchOptions: … })`). */
export const noWebglLaunchOptions = {
  ...launchOptions,
  args: [...launchOptions.args, '--disable-webgl', '--disable-3d-apis'],
};

/** Init script that makes every WebGL context request fail, as on a machine without a GPU driver. */
export async function disableWebglInPage(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const original = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, type: string, ...rest: unknown[]) {
      if (/webgl/i.test(type)) return null;
      return (original as (...a: unknown[]) => unknown).call(this, type, ...rest);
    } as typeof original;
  });
}

export const SEED_SLUG = 'jihadists-syria-libya-afghanistan';
export const PHONE = { width: 390, height: 844 } as const;
export const DESKTOP = { width: 1280, height: 800 } as const;

/** Chooser shown when several claims sit under one click (the contract leaves the form open: a list popup). */
const CHOOSER = '[data-testid="claim-chooser"]';

function isLocalUrl(url: string): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:') || url.startsWith('about:')) return true;
  try {
    const { hostname, protocol } = new URL(url);
    if (protocol !== 'http:' && protocol !== 'https:' && protocol !== 'ws:' && protocol !== 'wss:') return false;
    return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
  } catch {
    return false;
  }
}

export interface SessionRecord {
  /** Every URL the browser asked for during the test (pages and workers). */
  requests: string[];
  /** Uncaught exceptions in the page: a hostile URL or a missing file must never crash the app. */
  pageErrors: string[];
}

/**
 * `session` is automatic for every test: it records every request and fails the test if any left
 * localhost/127.0.0.1 (data: and blob: are fine), or if the page threw an uncaught error.
 * A test that provokes errors on purpose can clear `session.pageErrors` after checking them.
 */
export const test = base.extend<{ session: SessionRecord }>({
  session: [
    async ({ context }, use) => {
      const record: SessionRecord = { requests: [], pageErrors: [] };
      context.on('request', (request) => record.requests.push(request.url()));
      context.on('page', (p) => p.on('pageerror', (err) => record.pageErrors.push(err.message)));
      await use(record);
      const foreign = record.requests.filter((u) => !isLocalUrl(u));
      expect(foreign, 'requests that left localhost').toEqual([]);
      expect(record.pageErrors, 'uncaught errors in the page').toEqual([]);
    },
    { auto: true },
  ],
});

// ---------------------------------------------------------------------------------------------------------
// The article on disk: the ground truth every quote must match.

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** The article's exact text as curated in data/articles/<slug>/article.txt (not the compiled copy). */
export function articleText(slug: string = SEED_SLUG): string {
  return readFileSync(`${repoRoot}data/articles/${slug}/article.txt`, 'utf8');
}

// ---------------------------------------------------------------------------------------------------------
// Compiled data, fetched from the same server the app uses (outside the page, so not a page request).

const bundleCache = new WeakMap<Page, Promise<ArticleBundle>>();

export async function loadBundle(page: Page, slug?: string): Promise<ArticleBundle> {
  const cached = slug ? undefined : bundleCache.get(page);
  if (cached) return cached;
  const load = (async () => {
    let s = slug;
    if (!s) {
      const index = (await (await page.request.get('/data/index.json')).json()) as DataIndex;
      s = index.articles[0]?.slug;
      if (!s) throw new Error('data/index.json lists no article');
    }
    const res = await page.request.get(`/data/articles/${s}.json`);
    if (!res.ok()) throw new Error(`data/articles/${s}.json: HTTP ${res.status()}`);
    return (await res.json()) as ArticleBundle;
  })();
  if (!slug) bundleCache.set(page, load);
  return load;
}

/** Holds back every response matching `url` (a Playwright glob) until the returned function is called. */
export async function holdBack(page: Page, url: string): Promise<() => void> {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  await page.route(url, async (route) => {
    await gate;
    await route.continue();
  });
  return release;
}

/** Claims of the bundle that draw something (participants-only or placeless claims draw nothing). */
export function drawnClaimIds(bundle: ArticleBundle): Set<string> {
  return new Set(bundle.claims.filter((c) => c.geometry.features.length > 0).map((c) => c.id));
}

export function claimById(bundle: ArticleBundle, id: string): Claim {
  const claim = bundle.claims.find((c) => c.id === id);
  if (!claim) throw new Error(`no claim "${id}" in the bundle`);
  return claim;
}

/** A flow claim with an arc from one of `origins` to `destination` (ISO3 ids). */
export function findFlowClaim(bundle: ArticleBundle, origins: string[], destination: string): Claim {
  const claim = bundle.claims.find((c) =>
    c.geometry.features.some(
      (f) =>
        f.properties.mark === 'flow' &&
        origins.includes(f.properties.placeIds[0] ?? '') &&
        f.properties.placeIds[1] === destination,
    ),
  );
  if (!claim) throw new Error(`no flow claim ${origins.join('/')} → ${destination} in the bundle`);
  return claim;
}

/** A claim drawn as a point at a place whose name matches. */
export function findPointClaim(bundle: ArticleBundle, placeName: RegExp): Claim {
  const claim = bundle.claims.find((c) =>
    c.geometry.features.some(
      (f) =>
        f.properties.mark === 'point' &&
        c.places.some((p) => f.properties.placeIds.includes(p.id) && placeName.test(p.name)),
    ),
  );
  if (!claim) throw new Error(`no point claim at ${String(placeName)} in the bundle`);
  return claim;
}

/** The denied claim and the claim it denies (e.g. Kabul denies the Taliban's 90 % of borders). */
export function findCounterClaimPair(bundle: ArticleBundle): { claim: Claim; counter: Claim } {
  const denial = bundle.claims.find((c) => c.counterClaim && c.stance === 'denied');
  if (!denial?.counterClaim) throw new Error('no denied claim with a counter-claim in the bundle');
  return { claim: claimById(bundle, denial.counterClaim), counter: denial };
}

/** Claims sharing one drawn point (same place id, both point marks): must stay individually reachable. */
export function findClaimsSharingAPoint(bundle: ArticleBundle): Claim[] {
  const byPlace = new Map<string, Claim[]>();
  for (const c of bundle.claims) {
    for (const f of c.geometry.features) {
      if (f.properties.mark !== 'point') continue;
      const key = f.properties.placeIds.join('|');
      const list = byPlace.get(key) ?? [];
      if (!list.includes(c)) list.push(c);
      byPlace.set(key, list);
    }
  }
  return [...byPlace.values()].sort((a, b) => b.length - a.length)[0] ?? [];
}

// ---------------------------------------------------------------------------------------------------------
// Opening the app.

export interface OpenOptions {
  /** 'ready' (default): wait for data and, if there is a map, for it to be idle. 'error': expect app-error. */
  expect?: 'ready' | 'error';
}

/** Opens the app at `/?<query>` and waits until a user could use it. */
export async function openApp(page: Page, query = '', options: OpenOptions = {}): Promise<Atlas> {
  const q = query === '' || query.startsWith('?') ? query : `?${query}`;
  await page.goto(`/${q}`);
  const app = new Atlas(page);
  if (options.expect === 'error') {
    await expect(page.getByTestId('app-error')).toBeVisible();
    return app;
  }
  await app.waitUntilReady();
  return app;
}

export interface ScreenPoint {
  x: number;
  y: number;
  /** Other claims drawn under the same pixel. */
  others: string[];
}

export interface MapView {
  zoom: number;
  lat: number;
  lon: number;
}

export class Atlas {
  constructor(readonly page: Page) {}

  // ----- what is on screen

  get mapContainer(): Locator {
    return this.page.getByTestId('map');
  }
  get panel(): Locator {
    return this.page.getByTestId('claim-panel');
  }
  get reader(): Locator {
    return this.page.getByTestId('article-reader');
  }
  get list(): Locator {
    return this.page.getByTestId('claim-list');
  }
  get notice(): Locator {
    return this.page.getByTestId('notice');
  }
  get count(): Locator {
    return this.page.getByTestId('claim-count');
  }
  handle(which: 'start' | 'end'): Locator {
    return this.page.getByTestId(`timeline-handle-${which}`);
  }
  readerSpans(id: string): Locator {
    return this.reader.locator(`[data-claim-id="${id}"]`);
  }
  listItem(id: string): Locator {
    return this.page.locator(`[data-testid="claim-list-item"][data-claim-id="${id}"]`);
  }

  /** Waits for data to be loaded (the "N of M claims" counter is filled) and the map idle or declared absent. */
  async waitUntilReady(): Promise<void> {
    const state = await this.page
      .waitForFunction(
        () => {
          const error = document.querySelector('[data-testid="app-error"]');
          if (error) return `error: ${error.textContent ?? ''}`;
          const atlas = (window as AtlasWindow).claimAtlas;
          const count = document.querySelector('[data-testid="claim-count"]')?.textContent ?? '';
          if (atlas?.version === 1 && /[\d,]+ of [\d,]+ claims?/.test(count)) return 'ready';
          return false;
        },
        null,
        { timeout: 30_000 },
      )
      .then((h) => h.jsonValue());
    if (state !== 'ready') throw new Error(`the app did not start: ${String(state)}`);
    if (await this.hasMap()) await this.whenMapIdle();
    else await expect(this.page.getByTestId('map-message')).toBeVisible();
  }

  async hasMap(): Promise<boolean> {
    return this.page.evaluate(() => Boolean((window as AtlasWindow).claimAtlas?.map));
  }

  async whenMapIdle(): Promise<void> {
    await this.page.evaluate(async () => {
      const atlas = (window as AtlasWindow).claimAtlas;
      if (!atlas?.map) return;
      // A stuck render loop must fail the test with a clear message, not hang it.
      await Promise.race([
        atlas.whenMapIdle(),
        new Promise((_, reject) => setTimeout(() => reject(new Error('map never became idle (20 s)')), 20_000)),
      ]);
    });
  }

  async urlParams(): Promise<Record<string, string>> {
    const search = await this.page.evaluate(() => location.search);
    return Object.fromEntries(new URLSearchParams(search));
  }

  /** The URL query as the app last wrote it, after its debounce settles (unchanged over three reads). */
  async settledUrlParams(): Promise<Record<string, string>> {
    if (await this.hasMap()) {
      await this.whenMapIdle();
      await this.expectUrlToShowMapView();
    }
    const seen: string[] = [];
    await expect
      .poll(
        async () => {
          seen.push(await this.page.evaluate(() => location.search));
          const last3 = seen.slice(-3);
          return last3.length === 3 && last3.every((q) => q === last3[0]);
        },
        { intervals: [250] },
      )
      .toBe(true);
    return Object.fromEntries(new URLSearchParams(seen[seen.length - 1]));
  }

  /** Waits until `map=` in the URL is the map's current view (zoom 2 decimals, lat/lon 4), as the contract says. */
  async expectUrlToShowMapView(): Promise<void> {
    await expect
      .poll(async () => {
        const v = await this.mapView();
        const want = `${v.zoom.toFixed(2)}/${v.lat.toFixed(4)}/${v.lon.toFixed(4)}`;
        const got = (await this.urlParams()).map ?? '';
        return got === want ? 'in step' : `URL map=${got}, map shows ${want}`;
      })
      .toBe('in step');
  }

  async mapView(): Promise<MapView> {
    return this.page.evaluate(() => {
      const map = (window as AtlasWindow).claimAtlas?.map;
      if (!map) throw new Error('no map');
      const c = map.getCenter();
      return { zoom: map.getZoom(), lat: c.lat, lon: c.lng };
    });
  }

  async claimCount(): Promise<{ shown: number; total: number }> {
    const text = (await this.count.textContent()) ?? '';
    // Thousands are grouped ("2,000 of 2,000 claims").
    const m = /([\d,]+) of ([\d,]+) claims?/.exec(text);
    if (!m) throw new Error(`claim-count reads "${text}", not "N of M claims"`);
    return { shown: Number(m[1]!.replace(/,/g, '')), total: Number(m[2]!.replace(/,/g, '')) };
  }

  async visibleClaimIds(): Promise<string[]> {
    const ids = await this.page.evaluate(() => (window as AtlasWindow).claimAtlas?.getVisibleClaimIds() ?? []);
    return [...ids].sort();
  }

  /** Claim ids drawn on the map right now (queryRenderedFeatures over the whole canvas, `claims-*` layers),
   *  leaving out features the app fades out with feature-state `hidden` (how it filters without re-uploading). */
  async renderedClaimIds(): Promise<string[]> {
    await this.whenMapIdle();
    const ids = await this.page.evaluate(() => {
      const map = (window as AtlasWindow).claimAtlas?.map;
      if (!map) throw new Error('no map');
      const layers = (map.getStyle().layers ?? []).map((l) => l.id).filter((id) => id.startsWith('claims-'));
      if (layers.length === 0) throw new Error('the map has no claims-* layer');
      const canvas = map.getCanvas();
      const features = map.queryRenderedFeatures(
        [
          [0, 0],
          [canvas.clientWidth, canvas.clientHeight],
        ],
        { layers },
      );
      const found = new Set<string>();
      for (const f of features) {
        // Filtered-out claims may stay in the source, faded to nothing by feature-state: not drawn for a user.
        if ((f.state as { hidden?: unknown } | undefined)?.hidden === true) continue;
        const id = (f.properties as { claimId?: unknown }).claimId;
        if (typeof id === 'string') found.add(id);
      }
      return [...found];
    });
    return ids.sort();
  }

  async listedClaimIds(): Promise<string[]> {
    const ids = await this.page
      .locator('[data-testid="claim-list-item"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-claim-id') ?? ''));
    return ids.sort();
  }

  // ----- articles: the header's switcher and the all-articles view

  get switcher(): Locator {
    return this.page.getByTestId('article-switcher');
  }

  /** The switcher's entries as a user reads them, in order, with the view each opens (`*` = all articles). */
  async switcherOptions(): Promise<{ value: string; label: string }[]> {
    return this.switcher.locator('option').evaluateAll((els) =>
      els.map((e) => ({ value: (e as HTMLOptionElement).value, label: (e.textContent ?? '').trim() })),
    );
  }

  /** Picks a view in the header's switcher (`*` for all articles, else an article's slug) and waits for it. */
  async switchTo(value: string): Promise<void> {
    await this.switcher.selectOption(value);
    await expect.poll(async () => (await this.settledUrlParams()).a).toBe(value);
  }

  /** The reader's list of articles in the all-articles view (before one is opened). */
  get contents(): Locator {
    return this.page.getByTestId('article-contents');
  }

  /** Narrows the claim list with its text box (the list is windowed: rows outside the view are not in the page). */
  async filterList(text: string): Promise<void> {
    await this.page.getByTestId('claim-filter-text').fill(text);
  }

  // ----- the map

  /**
   * Where on screen (page CSS pixels) a user would click to hit claim `id`: a point of its rendered geometry
   * (for a flow, the arc vertex nearest the middle first; for areas, a sampled interior pixel), projected
   * with `map.project`, offset by the canvas position, inside the viewport and not covered by another
   * element. Prefers the pixel with the fewest other claims under it.
   */
  async claimScreenPoint(id: string): Promise<ScreenPoint> {
    await this.whenMapIdle();
    const point = await this.page.evaluate((claimId) => {
      const map = (window as AtlasWindow).claimAtlas?.map;
      if (!map) throw new Error('no map');
      const layers = (map.getStyle().layers ?? []).map((l) => l.id).filter((l) => l.startsWith('claims-'));
      const canvas = map.getCanvas();
      const rect = canvas.getBoundingClientRect();
      const w = canvas.clientWidth;
      const h = canvas.clientHeight;
      const own = map
        .queryRenderedFeatures(
          [
            [0, 0],
            [w, h],
          ],
          { layers },
        )
        .filter((f) => (f.properties as { claimId?: unknown }).claimId === claimId)
        .filter((f) => (f.state as { hidden?: unknown } | undefined)?.hidden !== true);
      if (own.length === 0) return { error: `claim "${claimId}" is not rendered on the map` };

      const lngLats: [number, number][] = [];
      const byMiddle = (coords: number[][]): number[][] => {
        const mid = (coords.length - 1) / 2;
        return coords
          .map((c, i) => ({ c, d: Math.abs(i - mid) }))
          .sort((a, b) => a.d - b.d)
          .map((x) => x.c);
      };
      const add = (c: number[] | undefined) => {
        if (c && typeof c[0] === 'number' && typeof c[1] === 'number') lngLats.push([c[0], c[1]]);
      };
      for (const f of own) {
        const g = f.geometry;
        if (g.type === 'Point') add(g.coordinates);
        else if (g.type === 'MultiPoint') g.coordinates.forEach(add);
        else if (g.type === 'LineString') byMiddle(g.coordinates).forEach(add);
        else if (g.type === 'MultiLineString') g.coordinates.forEach((line) => byMiddle(line).forEach(add));
      }
      const pixels: { x: number; y: number }[] = lngLats.map((c) => map.project(c));
      // Areas (and anything else): sample the projected bounding box of the rendered geometry.
      const xs: number[] = [];
      const ys: number[] = [];
      const walk = (v: unknown): void => {
        if (Array.isArray(v) && typeof v[0] === 'number' && typeof v[1] === 'number') {
          const p = map.project([v[0], v[1] as number]);
          xs.push(p.x);
          ys.push(p.y);
        } else if (Array.isArray(v)) v.forEach(walk);
      };
      for (const f of own) if ('coordinates' in f.geometry) walk(f.geometry.coordinates);
      if (xs.length > 0) {
        const x0 = Math.max(4, Math.min(...xs));
        const x1 = Math.min(w - 4, Math.max(...xs));
        const y0 = Math.max(4, Math.min(...ys));
        const y1 = Math.min(h - 4, Math.max(...ys));
        const n = 16;
        for (let i = 0; i <= n; i++)
          for (let j = 0; j <= n; j++) pixels.push({ x: x0 + ((x1 - x0) * i) / n, y: y0 + ((y1 - y0) * j) / n });
      }

      let best: { x: number; y: number; others: string[] } | null = null;
      for (const p of pixels) {
        if (p.x < 4 || p.y < 4 || p.x > w - 4 || p.y > h - 4) continue;
        const px = rect.left + p.x;
        const py = rect.top + p.y;
        if (px < 0 || py < 0 || px >= window.innerWidth || py >= window.innerHeight) continue;
        // Covered by a panel, popup or control: a user cannot click the map there.
        const top = document.elementFromPoint(px, py);
        if (top !== canvas) continue;
        const hits = map.queryRenderedFeatures([p.x, p.y], { layers });
        const ids = [
          ...new Set(
            hits
              .filter((f) => (f.state as { hidden?: unknown } | undefined)?.hidden !== true)
              .map((f) => (f.properties as { claimId?: unknown }).claimId),
          ),
        ];
        if (!ids.includes(claimId)) continue;
        const others = ids.filter((x): x is string => typeof x === 'string' && x !== claimId);
        if (!best || others.length < best.others.length) best = { x: px, y: py, others };
        if (others.length === 0) break;
      }
      return best ?? { error: `claim "${claimId}" is rendered but no clickable pixel of it is in view` };
    }, id);
    if ('error' in point) throw new Error(point.error);
    return point;
  }

  /**
   * Clicks claim `id` where it is drawn. If several claims sit under the pointer and the app shows a
   * chooser, picks `id` from it. Resolves when the detail panel shows the claim.
   */
  async clickClaimOnMap(id: string): Promise<void> {
    const pt = await this.claimScreenPoint(id);
    await this.page.mouse.click(pt.x, pt.y);
    const choice = this.page.locator(`${CHOOSER} [data-claim-id="${id}"]`);
    await expect
      .poll(async () => {
        if ((await this.urlParams()).claim === id) return 'selected';
        if (await choice.isVisible()) return 'chooser';
        return 'waiting';
      })
      .not.toBe('waiting');
    if ((await this.urlParams()).claim !== id) await choice.click();
    await expect.poll(async () => (await this.urlParams()).claim).toBe(id);
    await expect(this.panel).toBeVisible();
  }

  /** Rests the mouse pointer on claim `id` where it is drawn. */
  async hoverClaimOnMap(id: string): Promise<void> {
    const pt = await this.claimScreenPoint(id);
    await this.page.mouse.move(pt.x - 6, pt.y - 6);
    await this.page.mouse.move(pt.x, pt.y, { steps: 3 });
  }

  /** Drags the map with the mouse from its centre by (dx, dy) pixels. */
  async dragMap(dx: number, dy: number): Promise<void> {
    const box = await this.mapContainer.boundingBox();
    if (!box) throw new Error('map is not visible');
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    await this.page.mouse.move(x, y);
    await this.page.mouse.down();
    await this.page.mouse.move(x + dx, y + dy, { steps: 12 });
    await this.page.mouse.up();
    await this.whenMapIdle();
  }

  // ----- the timeline

  async handleValue(which: 'start' | 'end'): Promise<number> {
    const v = await this.handle(which).getAttribute('aria-valuenow');
    if (v === null || Number.isNaN(Number(v))) throw new Error(`timeline-handle-${which} has no aria-valuenow`);
    return Number(v);
  }

  async handleRange(which: 'start' | 'end'): Promise<{ min: number; max: number; now: number; text: string }> {
    const h = this.handle(which);
    const [min, max, now, text] = await Promise.all([
      h.getAttribute('aria-valuemin'),
      h.getAttribute('aria-valuemax'),
      h.getAttribute('aria-valuenow'),
      h.getAttribute('aria-valuetext'),
    ]);
    return { min: Number(min), max: Number(max), now: Number(now), text: text ?? '' };
  }

  /** The timeline track's width, its bars canvas's width (CSS px), and how many of the canvas's pixels are drawn. */
  async timelineCanvas(): Promise<{ trackWidth: number; canvasWidth: number; drawnPixels: number }> {
    return this.page.locator('[data-testid="timeline"] .timeline-track').evaluate((track) => {
      const canvas = track.querySelector('canvas')!;
      const ctx = canvas.getContext('2d');
      const data = ctx && canvas.width > 0 && canvas.height > 0 ? ctx.getImageData(0, 0, canvas.width, canvas.height).data : new Uint8ClampedArray();
      let drawn = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) drawn++;
      return { trackWidth: track.clientWidth, canvasWidth: canvas.clientWidth, drawnPixels: drawn };
    });
  }

  /** Drags a timeline handle with the mouse by dx pixels. */
  async dragTimelineHandle(which: 'start' | 'end', dx: number): Promise<void> {
    const box = await this.handle(which).boundingBox();
    if (!box) throw new Error(`timeline-handle-${which} is not visible`);
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    await this.page.mouse.move(x, y);
    await this.page.mouse.down();
    await this.page.mouse.move(x + dx, y, { steps: 10 });
    await this.page.mouse.up();
  }

  /** Focuses a timeline handle and presses a key on it, as a keyboard user would. */
  async pressOnHandle(which: 'start' | 'end', key: string): Promise<void> {
    await this.handle(which).focus();
    await this.page.keyboard.press(key);
  }

  // ----- the detail panel

  async panelQuote(): Promise<string> {
    await expect(this.panel).toBeVisible();
    return (await this.panel.getByTestId('claim-quote').textContent()) ?? '';
  }

  /** The text of claim `id` as the reader shows it (its spans joined). */
  async readerSpanText(id: string): Promise<string> {
    const parts = await this.readerSpans(id).allTextContents();
    return parts.join('');
  }

  // ----- filters

  kindCheckbox(kind: string): Locator {
    return this.page.getByTestId('filter-kinds').getByRole('checkbox', { name: new RegExp(`^\\W*${kind.replace('-', '[- ]')}\\b`, 'i') });
  }

  /** Restricts the claims to one speaker or outlet, whatever control `filter-by` is (select or checkboxes). */
  async filterBy(name: string): Promise<void> {
    const control = this.page.getByTestId('filter-by');
    // The legend starts compact: speakers are behind its "More filters" button.
    if (!(await control.isVisible())) await this.page.getByTestId('legend-toggle').click();
    const tag = await control.evaluate((el) => el.tagName.toLowerCase());
    if (tag === 'select') {
      await control.selectOption({ label: name });
      return;
    }
    const select = control.locator('select');
    if ((await select.count()) > 0) {
      await select.first().selectOption({ label: name });
      return;
    }
    await control.getByRole('checkbox', { name, exact: true }).check();
  }

  // ----- phone bottom sheet

  sheetTab(name: 'Article' | 'Claims' | 'Detail'): Locator {
    return this.page.getByRole('tab', { name: new RegExp(`^\\s*${name}\\b`, 'i') });
  }

  // ----- accessibility and keyboard

  /** Serious and critical axe-core violations on the page as it is now, one readable line each. */
  async seriousAccessibilityViolations(): Promise<string[]> {
    const results = await new AxeBuilder({ page: this.page }).analyze();
    return results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) =>
        v.nodes.map((n) => `${v.impact} ${v.id}: ${v.help} — ${n.target.join(' ')} ${n.failureSummary?.replace(/\s+/g, ' ') ?? ''}`),
      );
  }

  /** What has the keyboard focus: enough to name it in an assertion. */
  async focused(): Promise<{ testid: string | null; claimId: string | null; within: string[]; tag: string; role: string | null }> {
    return this.page.evaluate(() => {
      const el = document.activeElement;
      if (!el) return { testid: null, claimId: null, within: [], tag: '', role: null };
      const within: string[] = [];
      for (let p: Element | null = el; p; p = p.parentElement) {
        const t = p.getAttribute('data-testid');
        if (t) within.push(t);
      }
      return {
        testid: el.getAttribute('data-testid'),
        claimId: el.getAttribute('data-claim-id'),
        within,
        tag: el.tagName.toLowerCase(),
        role: el.getAttribute('role'),
      };
    });
  }

  /** Whether the focused element shows a focus indicator (an outline or a ring drawn with box-shadow). */
  async focusIsVisible(): Promise<boolean> {
    return this.page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return false;
      const s = getComputedStyle(el);
      const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
      return outline || (s.boxShadow !== 'none' && s.boxShadow !== '');
    });
  }

  /** A full-viewport screenshot kept with the test's results (to look at, not to compare). */
  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: test.info().outputPath(`${name}.png`) });
  }
}

/** What a claim's quote must be: the exact words at its offsets in the curated article.txt. */
export function articleSlice(claim: Claim, slug: string = SEED_SLUG): string {
  return articleText(slug).slice(claim.quote.start, claim.quote.end);
}
