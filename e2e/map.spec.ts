import {
  articleSlice,
  articleText,
  claimById,
  expect,
  findClaimsSharingAPoint,
  findCounterClaimPair,
  findFlowClaim,
  findPointClaim,
  loadBundle,
  openApp,
  test,
  Atlas,
  SEED_SLUG,
  drawnClaimIds,
  holdBack,
} from './driver';
import { firstDraw, recordFirstDraw, recordTileLoads, tileLoads } from './driver-map';
import { decodePng } from './driver-share';
import { BASE_COLORS } from '../src/map/map-style';

const MAP_PARAM = /^-?\d+(\.\d+)?\/-?\d+(\.\d+)?\/-?\d+(\.\d+)?$/;

test.describe('the map', () => {
  test('given the first view, then every drawn claim is on screen', async ({ page }) => {
    const app = await openApp(page);
    const bundle = await loadBundle(page);
    const drawn = bundle.claims.filter((c) => c.geometry.features.length > 0).map((c) => c.id);
    expect(drawn.length).toBeGreaterThan(10);
    expect(await app.renderedClaimIds()).toEqual([...drawn].sort());
  });

  test('given a cold load, then the first frame painted already shows every claim (no bare basemap filled in piece by piece)', async ({
    page,
  }) => {
    await recordFirstDraw(page);
    const app = await openApp(page);
    const bundle = await loadBundle(page);
    const drawn = drawnClaimIds(bundle).size;
    expect(await firstDraw(page)).toMatchObject({ claims: drawn });
    expect(await app.renderedClaimIds()).toHaveLength(drawn);
  });

  test('given a cold load, then the complete map is painted once, not once more right after', async ({ page }) => {
    // A painted frame starts by clearing the colour buffer: count those.
    await page.addInitScript(() => {
      const w = window as unknown as { __paints: number };
      w.__paints = 0;
      for (const proto of [WebGL2RenderingContext.prototype, WebGLRenderingContext.prototype]) {
        const clear = proto.clear;
        proto.clear = function (this: WebGLRenderingContext, mask: number) {
          if (mask & this.COLOR_BUFFER_BIT) w.__paints++;
          return clear.call(this, mask);
        };
      }
    });
    // Only watched: the driver's whenMapIdle would force a frame of its own.
    await page.goto('/');
    const paints = () => page.evaluate(() => (window as unknown as { __paints: number }).__paints);
    await expect.poll(paints, { timeout: 15_000 }).toBeGreaterThan(0);
    await page.waitForTimeout(2000);
    expect(await paints()).toBe(1);
  });

  test('given the article still loading, when the reader drags the map, then the map is drawn at once, not when the load ends', async ({
    page,
  }) => {
    await recordFirstDraw(page);
    const release = await holdBack(page, `**/data/articles/${SEED_SLUG}.json`);
    await page.goto('/');
    // The basemap in (the usual case: the article is slower), so the map has nothing left to load but the article.
    await page.waitForFunction(() => (window as unknown as { claimAtlas?: { map?: { loaded(): boolean } } }).claimAtlas?.map?.loaded() === true);
    // The paint hold's own deadline (ClaimAtlasMap.holdPaint): the map paints then whatever happens, so only
    // a draw before it was asked for by the drag, not a timed bound (a drag the quiet hold swallowed
    // until its deadline once passed for a slow first frame).
    const holdUntil = await page.evaluate(() => (window as unknown as { claimAtlas: { map: { paintHold: { until: number } | null } } }).claimAtlas.map.paintHold?.until ?? null);
    expect(holdUntil).not.toBeNull();
    const box = (await page.getByTestId('map').boundingBox())!;
    // Away from the "Loading the article…" note at the map's centre.
    const [x, y] = [box.x + box.width * 0.25, box.y + box.height * 0.75];
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x + 120, y, { steps: 6 });
    await page.mouse.up();
    await expect.poll(() => firstDraw(page)).not.toBeNull();
    const first = (await firstDraw(page))!;
    // Drawn without waiting for the data (the map would otherwise hold its paint up to 4 s).
    expect(first.claims).toBe(0);
    expect(first.at).toBeLessThan(holdUntil!);
    release();
    const app = new Atlas(page);
    await app.waitUntilReady();
    const bundle = await loadBundle(page);
    expect(await app.renderedClaimIds()).toHaveLength(drawnClaimIds(bundle).size);
  });

  test('given a link with a saved view, then the map opens on that view before the article arrives and tiles no other', async ({ page }) => {
    await recordTileLoads(page);
    const release = await holdBack(page, `**/data/articles/${SEED_SLUG}.json`);
    await page.goto('/?map=4.00/30.0000/60.0000');
    type Probe = { claimAtlas?: { map?: { isStyleLoaded(): boolean; getZoom(): number; getCenter(): { lng: number; lat: number } } } };
    await page.waitForFunction(() => (window as unknown as Probe).claimAtlas?.map?.isStyleLoaded() === true);
    await expect(page.getByText('Loading the article')).toBeVisible();
    const early = await page.evaluate(() => {
      const w = window as unknown as Probe;
      const c = w.claimAtlas!.map!.getCenter();
      return { zoom: w.claimAtlas!.map!.getZoom(), lon: c.lng, lat: c.lat };
    });
    const landZooms = [...new Set((await tileLoads(page)).filter((t) => t.source === 'land').map((t) => t.z))];
    expect(early.zoom).toBeCloseTo(4, 5);
    expect(early.lon).toBeCloseTo(60, 3);
    expect(early.lat).toBeCloseTo(30, 3);
    // Tiled for the saved view only: none for a default view first.
    expect(landZooms).toEqual([4]);
    release();
    const app = new Atlas(page);
    await app.waitUntilReady();
    const view = await app.mapView();
    expect(view.zoom).toBeCloseTo(4, 1);
    expect(view.lon).toBeCloseTo(60, 0);
  });

  test('given the article still loading, when it arrives, then the map keeps its size (the timeline already has its room) and the list said it was loading', async ({ page }) => {
    const release = await holdBack(page, `**/data/articles/${SEED_SLUG}.json`);
    await page.goto('/');
    type Probe = { claimAtlas?: { map?: { isStyleLoaded(): boolean; getCanvas(): HTMLCanvasElement } } };
    await page.waitForFunction(() => (window as unknown as Probe).claimAtlas?.map?.isStyleLoaded() === true);
    await expect(page.getByText('Loading the article')).toBeVisible();
    // Meanwhile the claim list says it is loading, not that no claim matches.
    await expect(page.getByText('Loading the claims…')).toBeVisible();
    await expect(page.getByText('No claim matches')).toHaveCount(0);
    const mapBox = async () => (await page.getByTestId('map').boundingBox())!;
    const before = await mapBox();
    release();
    const app = new Atlas(page);
    await app.waitUntilReady();
    await expect(page.getByTestId('timeline-handle-start')).toBeVisible();
    expect(await mapBox()).toEqual(before);
    // And the canvas MapLibre draws on was never resized either.
    const canvas = await page.evaluate(() => {
      const c = (window as unknown as Probe).claimAtlas!.map!.getCanvas();
      return { w: c.clientWidth, h: c.clientHeight };
    });
    expect(canvas).toEqual({ w: Math.round(before.width), h: Math.round(before.height) });
  });

  test('given a basemap file still downloading, then the claims are already tiled, and all shows once it is in', async ({ page }) => {
    const release = await holdBack(page, '**/basemap/land.json');
    await page.goto('/');
    type Probe = { claimAtlas?: { map?: { getSource(id: string): unknown; querySourceFeatures(id: string): unknown[] } } };
    // The claims do not wait for the basemap: their tiles are cut while land.json is held back.
    await expect
      .poll(() => page.evaluate(() => {
        const map = (window as unknown as Probe).claimAtlas?.map;
        return map?.getSource('claims') ? map.querySourceFeatures('claims').length : 0;
      }), { timeout: 15_000 })
      .toBeGreaterThan(0);
    release();
    const app = new Atlas(page);
    await app.waitUntilReady();
    const bundle = await loadBundle(page);
    expect(await app.renderedClaimIds()).toHaveLength(drawnClaimIds(bundle).size);
  });

  test('given the map, when the user drags it to the right with the mouse, then the view in the URL moves west', async ({
    page,
  }) => {
    const app = await openApp(page);
    const before = await app.mapView();
    await app.dragMap(240, 0);
    await expect
      .poll(async () => {
        const map = (await app.urlParams()).map ?? '';
        if (!MAP_PARAM.test(map)) return `no map= view in the URL (got "${map}")`;
        const [, , lon] = map.split('/').map(Number);
        return (lon ?? NaN) < before.lon - 1 ? 'moved west' : `lon ${lon} not west of ${before.lon}`;
      })
      .toBe('moved west');
    const [zoom, lat] = (await app.urlParams()).map!.split('/').map(Number);
    expect(zoom).toBeCloseTo(before.zoom, 1);
    expect(lat).toBeCloseTo(before.lat, 0);
  });

  test('given the IS arcs Syria/Libya → Afghanistan, when the user clicks an arc, then the panel quotes the article exactly', async ({
    page,
  }) => {
    const app = await openApp(page);
    const flow = findFlowClaim(await loadBundle(page), ['SYR', 'LBY'], 'AFG');
    await app.clickClaimOnMap(flow.id);
    const quote = await app.panelQuote();
    expect(quote).toBe(articleSlice(flow));
    expect(articleText()).toContain(quote);
    expect(quote).toMatch(/Syria/);
  });

  test('given the Dushanbe marker, when the user clicks it, then the panel quotes the article exactly', async ({ page }) => {
    const app = await openApp(page);
    const claim = findPointClaim(await loadBundle(page), /Dushanbe/);
    await app.clickClaimOnMap(claim.id);
    const quote = await app.panelQuote();
    expect(quote).toBe(articleSlice(claim));
    expect(articleText()).toContain(quote);
  });

  test('given the Kabul marker, when the user clicks it, then the panel shows the denial with its stance', async ({
    page,
  }) => {
    const app = await openApp(page);
    const claim = findPointClaim(await loadBundle(page), /Kabul/);
    await app.clickClaimOnMap(claim.id);
    expect(await app.panelQuote()).toBe(articleSlice(claim));
    await expect(app.panel.getByTestId('claim-stance')).toContainText(new RegExp(claim.stance, 'i'));
  });

  test('given several claims at one place, when the user clicks there, then each of them can be opened', async ({
    page,
  }) => {
    const app = await openApp(page);
    const bundle = await loadBundle(page);
    const together = findClaimsSharingAPoint(bundle);
    expect(together.length, 'the seed has two Blinken claims in Delhi and two in Dushanbe').toBeGreaterThan(1);
    for (const claim of together) {
      await app.clickClaimOnMap(claim.id);
      expect(await app.panelQuote()).toBe(articleSlice(claim));
      await app.panel.getByTestId('claim-close').click();
      await expect(app.panel).toBeHidden();
    }
  });

  test('given the two Syria/Libya arcs drawn on top of each other, when the user clicks there, then both claims stay reachable', async ({
    page,
  }) => {
    const app = await openApp(page);
    const bundle = await loadBundle(page);
    const flows = bundle.claims.filter((c) =>
      c.geometry.features.some((f) => f.properties.mark === 'flow' && f.properties.placeIds[0] === 'SYR'),
    );
    expect(flows.length).toBeGreaterThan(1);
    for (const claim of flows) {
      await app.clickClaimOnMap(claim.id);
      expect(await app.panelQuote()).toBe(articleSlice(claim));
    }
  });

  test('given the Taliban claim of 90 % of the borders, when the user follows its counter-claim, then Kabul’s denial opens in one click and back', async ({
    page,
  }) => {
    const app = await openApp(page);
    const bundle = await loadBundle(page);
    const { claim, counter } = findCounterClaimPair(bundle);
    expect(claim.quote.text).toMatch(/90 percent/);
    await app.clickClaimOnMap(claim.id);
    await expect(app.panel.getByTestId('claim-stance')).toContainText(new RegExp(claim.stance, 'i'));

    await app.panel.getByTestId('counter-claim-link').click();
    await expect.poll(async () => (await app.urlParams()).claim).toBe(counter.id);
    expect(await app.panelQuote()).toBe(articleSlice(counter));
    await expect(app.panel.getByTestId('claim-stance')).toContainText(/denied/i);

    await app.panel.getByTestId('counter-claim-link').click();
    await expect.poll(async () => (await app.urlParams()).claim).toBe(claim.id);
    expect(await app.panelQuote()).toBe(articleSlice(claimById(bundle, claim.id)));
  });

  test('given the map, then it has a legend naming the kinds drawn', async ({ page }) => {
    await openApp(page);
    const legend = page.getByTestId('legend');
    await expect(legend).toBeVisible();
    const kinds = new Set((await loadBundle(page)).claims.map((c) => c.kind));
    for (const kind of ['movement', 'assistance', 'exercise']) {
      expect(kinds.has(kind as never)).toBe(true);
      await expect(legend).toContainText(new RegExp(kind, 'i'));
    }
  });

  test('given the basemap over Europe at continent zoom, then its seas are drawn as sea and its land as land', async ({ page }) => {
    // world-atlas's Eurasia ring jumps across ±180; drawn as given, it filled these seas with land.
    await openApp(page, 'map=3.5/50.0000/5.0000');
    const places = {
      sea: { 'Bay of Biscay': [-4, 45.5], 'North Sea': [3.5, 55.5], Baltic: [18.5, 55.8], 'Skagerrak': [9, 57.9] },
      land: { 'the Loire': [0, 47], 'the Massif Central': [3.5, 45.3] },
    } as const;
    const canvas = page.locator('.maplibregl-canvas');
    const png = await decodePng(page, await canvas.screenshot());
    const hex = (c: string) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));
    const [water, land] = [hex(BASE_COLORS.water), hex(BASE_COLORS.land)];
    const distance = (a: number[], b: number[]) => a.reduce((sum, v, i) => sum + Math.abs(v - b[i]!), 0);
    for (const [kind, named] of Object.entries(places)) {
      for (const [name, lngLat] of Object.entries(named)) {
        const p = await page.evaluate(
          (c) => (window as unknown as { claimAtlas: { map: { project(c: [number, number]): { x: number; y: number } } } }).claimAtlas.map.project(c),
          lngLat as unknown as [number, number],
        );
        expect(p.x > 0 && p.x < png.width && p.y > 0 && p.y < png.height, `${name} is on the map`).toBe(true);
        const rgb = png.at(Math.round(p.x), Math.round(p.y));
        const looksLike = distance(rgb, water) < distance(rgb, land) ? 'sea' : 'land';
        expect(looksLike, `${name} (${rgb.join(', ')})`).toBe(kind);
      }
    }
  });
});
