import { serveCorpus } from './corpus-fixture';
import { expect, openApp, test, type Atlas, type ClaimAtlasHandle } from './driver';
import { chooserClaimIds, clickableFlowPoint, drawnFlows, hookDrawCalls, recordTileLoads, tileLoads, drawnPointMarks, ringSpots, sharedFlowPoint, type DrawnFlow, type DrawnMark } from './driver-map';
import { ShareSteps, decodePng } from './driver-share';
import type { ArticleBundle, Claim } from '../src/domain/types';

// One article of 2,000 claims (~230 point marks: dense enough to cluster), so this runs on the per-article
// view. A viewport where the whole world fits at zoom 1 beside the article column.
const CORPUS = { claims: 2000, articles: 1, seed: 1 } as const;
const WORLD = 'map=1.00/20.0000/0.0000';
test.use({ viewport: { width: 1600, height: 1000 } });

function pointClaimIds(bundle: ArticleBundle, visible: readonly string[]): string[] {
  const shown = new Set(visible);
  return bundle.claims
    .filter((c) => shown.has(c.id) && c.geometry.features.some((f) => f.properties.mark === 'point'))
    .map((c) => c.id)
    .sort();
}

/** Every point claim the store shows is drawn exactly once: in one cluster or as one point. */
async function expectMarksMatchStore(app: Atlas, bundle: ArticleBundle): Promise<DrawnMark[]> {
  const marks = await drawnPointMarks(app);
  const clusters = marks.filter((m) => m.kind === 'cluster');
  expect(clusters.length, 'clusters drawn').toBeGreaterThan(3);
  for (const c of clusters) expect(c.n, `cluster ${c.id} counts the claims it holds`).toBe(c.claimIds.length);
  const expected = pointClaimIds(bundle, await app.visibleClaimIds());
  const drawn = marks.flatMap((m) => m.claimIds);
  expect(drawn.length, 'no claim drawn twice').toBe(new Set(drawn).size);
  expect([...drawn].sort()).toEqual(expected);
  return marks;
}

/** The number written on each cluster in view is its count. */
async function expectLabelsMatchCounts(app: Atlas): Promise<void> {
  await expect
    .poll(async () => {
      const wrong = (await drawnPointMarks(app)).filter((m) => m.kind === 'cluster' && m.label !== m.n);
      return wrong.map((m) => `cluster ${m.id} says ${m.label}, holds ${m.n}`);
    })
    .toEqual([]);
}

test.describe('the map at corpus scale', () => {
  test('given 2,000 claims at the world view, then point claims are drawn in clusters whose counts add up to the claims shown', async ({
    page,
  }) => {
    const { corpus, dataParam } = await serveCorpus(page, CORPUS);
    const app = await openApp(page, `data=${dataParam}&${WORLD}`);
    const marks = await expectMarksMatchStore(app, corpus.bundles[0]!);
    const clusters = marks.filter((m) => m.kind === 'cluster');
    // Clustering is what makes the view readable: far fewer marks than point claims.
    expect(marks.length).toBeLessThan(pointClaimIds(corpus.bundles[0]!, await app.visibleClaimIds()).length / 4);
    expect(Math.max(...clusters.map((c) => c.n ?? 0))).toBeGreaterThan(20);
    await expectLabelsMatchCounts(app);
  });

  test('given the world view, when the user clicks the biggest cluster, then the map zooms in and it splits into more, smaller marks', async ({
    page,
  }) => {
    const { dataParam } = await serveCorpus(page, CORPUS);
    const app = await openApp(page, `data=${dataParam}&${WORLD}`);
    const before = await app.mapView();
    const big = (await drawnPointMarks(app)).filter((m) => m.kind === 'cluster').sort((a, b) => (b.n ?? 0) - (a.n ?? 0))[0]!;
    await page.mouse.click(big.x, big.y);
    await expect.poll(async () => (await app.mapView()).zoom).toBeGreaterThan(before.zoom + 0.5);
    const members = new Set(big.claimIds);
    const split = (await drawnPointMarks(app)).filter((m) => m.claimIds.some((id) => members.has(id)));
    expect(split.length).toBeGreaterThan(1);
    for (const m of split) expect(m.claimIds.length).toBeLessThan(big.claimIds.length);
    expect(split.flatMap((m) => m.claimIds).sort()).toEqual([...big.claimIds].sort());
  });

  test('given the world view, when the user moves the start of the time window, then the cluster counts follow the claims shown', async ({
    page,
  }) => {
    const { corpus, dataParam } = await serveCorpus(page, CORPUS);
    const app = await openApp(page, `data=${dataParam}&${WORLD}`);
    const sum = (marks: DrawnMark[]) => marks.reduce((s, m) => s + m.claimIds.length, 0);
    const before = sum(await drawnPointMarks(app));
    for (let i = 0; i < 12; i++) await app.pressOnHandle('start', 'PageUp');
    await expect.poll(async () => (await app.visibleClaimIds()).length).toBeLessThan(CORPUS.claims * 0.85);
    const after = await expectMarksMatchStore(app, corpus.bundles[0]!);
    expect(sum(after)).toBeLessThan(before);
    await expectLabelsMatchCounts(app);
  });

  test('given a link with a time window, when the corpus arrives, then each claim source cuts its tiles with the data once before the map is drawn, and the cluster labels already count the window', async ({
    page,
  }) => {
    await recordTileLoads(page);
    const { corpus, dataParam } = await serveCorpus(page, CORPUS);
    const starts = corpus.bundles[0]!.claims.map((c) => c.when.start).sort();
    const from = starts[Math.floor(starts.length / 4)]!;
    const to = starts[Math.floor((starts.length * 3) / 4)]!;
    const app = await openApp(page, `data=${dataParam}&${WORLD}&from=${from}&to=${to}`);
    const shown = (await app.visibleClaimIds()).length;
    expect(shown, 'the window hides some claims').toBeLessThan(CORPUS.claims * 0.8);
    await expectMarksMatchStore(app, corpus.bundles[0]!);
    await expectLabelsMatchCounts(app);
    await app.whenMapIdle();
    // Each tile a claim source loaded holding features, before and after the map's first frame.
    const loads = (await tileLoads(page)).filter((t) => t.source.startsWith('claim') && t.filled);
    const cuts = loads.filter((t) => !t.afterFirstDraw).map((t) => `${t.source} ${t.key}`);
    // (At the world view the flows source holds no arc: they are all in aggregates.)
    for (const source of ['claims', 'claim-clusters', 'claim-flow-aggregates']) {
      expect(cuts.filter((c) => c.startsWith(`${source} `)).length, `${source} tiles with data`).toBeGreaterThan(0);
    }
    // Not once more: the link's window used to be applied after the claims were tiled, and rewrote every
    // cluster label at once.
    const twice = cuts.filter((c, i) => cuts.indexOf(c) !== i);
    expect(twice, 'tiles cut twice').toEqual([]);
    // After the first frame only the aggregates' tiles are cut again, once: when the bands either side of
    // the one drawn arrive (ClaimMap.loadAggregateBands).
    const recut = loads.filter((t) => t.afterFirstDraw).map((t) => `${t.source} ${t.key}`);
    expect(recut.filter((c) => !c.startsWith('claim-flow-aggregates ')), 'tiles cut again after the first frame').toEqual([]);
    expect(recut.filter((c, i) => recut.indexOf(c) !== i), 'aggregate tiles cut twice after the first frame').toEqual([]);
  });

  test('given the window moved at the world view, when the user zooms in past zoom 3, then the smaller clusters there count the claims shown and say so', async ({
    page,
  }) => {
    const { corpus, dataParam } = await serveCorpus(page, CORPUS);
    // Centred on the place with the most point claims, at zoom 2.5 (the world view's marks).
    const at = new Map<string, number>();
    for (const c of corpus.bundles[0]!.claims) {
      for (const f of c.geometry.features) if (f.geometry.type === 'Point') at.set(f.geometry.coordinates.map((v) => v.toFixed(4)).join(','), (at.get(f.geometry.coordinates.map((v) => v.toFixed(4)).join(',')) ?? 0) + 1);
    }
    const [lon, lat] = [...at].sort((a, b) => b[1] - a[1])[0]![0].split(',');
    const app = await openApp(page, `data=${dataParam}&map=2.50/${lat}/${lon}`);
    for (let i = 0; i < 12; i++) await app.pressOnHandle('start', 'PageUp');
    await expect.poll(async () => (await app.visibleClaimIds()).length).toBeLessThan(CORPUS.claims * 0.85);
    await expectLabelsMatchCounts(app);
    await page.locator('.maplibregl-canvas').focus();
    for (const zoom of [3.5, 4.5]) {
      await page.keyboard.press('+');
      await expect.poll(async () => (await app.mapView()).zoom).toBeGreaterThan(zoom - 0.01);
    }
    await expect.poll(async () => (await drawnPointMarks(app)).filter((m) => m.kind === 'cluster').length).toBeGreaterThan(1);
    const shown = new Set(await app.visibleClaimIds());
    for (const m of await drawnPointMarks(app)) {
      if (m.kind === 'cluster') expect(m.n, `cluster ${m.id} counts the claims it holds`).toBe(m.claimIds.length);
      for (const id of m.claimIds) expect(shown.has(id), `${id} is shown`).toBe(true);
    }
    await expectLabelsMatchCounts(app);
    // Every cluster, point, area, border and flow drawn here counts its shown claims, and one with none is hidden:
    // also the marks the world view's sources did not hold when the window moved.
    const wrong = await page.evaluate(() => {
      const map = (window as unknown as { claimAtlas: ClaimAtlasHandle }).claimAtlas.map! as unknown as {
        membersOf: (f: unknown) => string[] | null;
      } & import('maplibre-gl').Map;
      const raw = Object.getPrototypeOf(Object.getPrototypeOf(map)).queryRenderedFeatures.call(map, {
        layers: ['claims-cluster', 'claims-point', 'claims-area-fill', 'claims-line', 'claims-line-contested', 'claims-flow', 'claims-flow-contested'],
      }) as import('maplibre-gl').MapGeoJSONFeature[];
      const out: string[] = [];
      const seen = new Set<string>();
      for (const f of raw) {
        const key = `${f.layer.id}/${String(f.id)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const visible = map.membersOf(f)?.length ?? 0;
        const hidden = (f.state as { hidden?: boolean }).hidden === true;
        const props = f.properties as { total?: number; count?: number };
        const n = (f.state as { n?: number }).n ?? props.total ?? props.count;
        if (hidden !== (visible === 0) || (!hidden && n !== visible)) out.push(`${key}: n ${n}, hidden ${hidden}, ${visible} shown`);
      }
      return { wrong: out, checked: seen.size };
    });
    expect(wrong.checked, 'marks checked').toBeGreaterThan(10);
    expect(wrong.wrong).toEqual([]);
  });

  test('given the world view, when the user moves the time window, then the number on each cluster changes in the frame that redraws its disc', async ({
    page,
  }) => {
    const { dataParam } = await serveCorpus(page, CORPUS);
    const app = await openApp(page, `data=${dataParam}&${WORLD}`);
    await app.whenMapIdle();
    // Every frame painted while the window moves: each disc drawn against the number written on it.
    await page.evaluate(() => {
      const w = window as unknown as { claimAtlas: ClaimAtlasHandle; __labelFrames: { frames: number; changed: number; wrong: string[] } };
      const map = w.claimAtlas.map!;
      const numbers = () =>
        new Map(
          [...document.querySelectorAll<HTMLElement>('[data-testid="cluster-labels"] [data-cluster]')].map((el) => [Number(el.dataset['cluster']), Number(el.dataset['n'])]),
        );
      let last = numbers();
      const log = (w.__labelFrames = { frames: 0, changed: 0, wrong: [] as string[] });
      map.on('render', () => {
        const now = numbers();
        log.frames++;
        if ([...now].some(([c, n]) => last.get(c) !== n)) log.changed++;
        last = now;
        for (const f of map.queryRenderedFeatures({ layers: ['claims-cluster'] })) {
          const disc = (f.state as { n?: number }).n ?? (f.properties as { count: number }).count;
          if (now.get(f.id as number) !== disc) log.wrong.push(`frame ${log.frames}: cluster ${f.id} drawn for ${disc}, says ${now.get(f.id as number)}`);
        }
      });
    });
    for (let i = 0; i < 8; i++) await app.pressOnHandle('start', 'PageUp');
    await app.whenMapIdle();
    const log = await page.evaluate(() => (window as unknown as { __labelFrames: { frames: number; changed: number; wrong: string[] } }).__labelFrames);
    expect(log.changed, 'frames in which numbers changed').toBeGreaterThan(0);
    expect([...new Set(log.wrong)]).toEqual([]);
    await expectLabelsMatchCounts(app);
  });

  test('given the world view, when the user downloads a PNG, then the clusters carry their numbers in it too', async ({ page }) => {
    const { dataParam } = await serveCorpus(page, CORPUS);
    const app = await openApp(page, `data=${dataParam}&${WORLD}`);
    const rect = await page.evaluate(() => {
      const r = (window as unknown as { claimAtlas: ClaimAtlasHandle }).claimAtlas.map!.getCanvas().getBoundingClientRect();
      return { left: r.left, top: r.top };
    });
    // Three-digit numbers on the biggest discs, wholly inside the map.
    const big = (await drawnPointMarks(app))
      .filter((m) => m.kind === 'cluster' && (m.label ?? 0) >= 100 && m.y - rect.top > 40)
      .map((m) => ({ x: Math.round(m.x - rect.left), y: Math.round(m.y - rect.top) }));
    expect(big.length, 'clusters numbered in the hundreds').toBeGreaterThan(0);
    const file = await new ShareSteps(app).download('export-png');
    const png = await decodePng(page, file.bytes);
    // The map starts at the first row of the left margin that is not the title band's white.
    let top = 0;
    while (top < png.height && png.at(4, top).every((v) => v > 245)) top++;
    // White text pixels in the middle of each disc (a bare disc is dark there).
    const lit = big.map(({ x, y }) => {
      let white = 0;
      for (let dy = -4; dy < 4; dy++) for (let dx = -8; dx < 8; dx++) if (png.at(x + dx, top + y + dy).every((v) => v > 200)) white++;
      return white;
    });
    for (const white of lit) expect(white, 'light pixels of the number').toBeGreaterThan(6);
  });

  test('given a window that hides some claims of shared flows, when the user clicks such a flow, then the chooser lists exactly its visible claims, each opening its quote', async ({
    page,
  }) => {
    const { corpus, dataParam } = await serveCorpus(page, CORPUS);
    const bundle = corpus.bundles[0]!;
    const { kind, from, groups } = sharedFlowsWithHiddenMembers(bundle);
    // At the detail zoom (8), where every arc is its own again, centred on the middle of a shared arc.
    const coords = (groups[0]![0]!.geometry.features.find((f) => f.properties.mark === 'flow')!.geometry as GeoJSON.LineString).coordinates;
    const [lon, lat] = coords[Math.round((coords.length - 1) / 2)]!;
    const query = `data=${dataParam}&kinds=${kind}&from=${from}&map=8.20/${lat!.toFixed(4)}/${lon!.toFixed(4)}`;
    let app = await openApp(page, query);

    // What the store shows decides what each arc must offer.
    const shown = new Set(await app.visibleClaimIds());
    const visibleLists = groups.map((g) => g.filter((c) => shown.has(c.id)).map((c) => c.id)).filter((l) => l.length >= 2);
    const at = await sharedFlowPoint(app, visibleLists);
    const group = groups.find((g) => g.some((c) => c.id === at.claimIds[0]))!;
    const expected = group.filter((c) => shown.has(c.id)).map((c) => c.id);
    expect(expected.length).toBeLessThan(group.length);

    for (const [k, id] of expected.entries()) {
      // Opening a claim may pan the map clear of the detail panel: start each pick from the same view.
      if (k > 0) app = await openApp(page, query);
      const { x, y } = await sharedFlowPoint(app, [expected]);
      await page.mouse.click(x, y);
      await expect(page.getByTestId('claim-chooser')).toBeVisible();
      expect(await chooserClaimIds(app)).toEqual(expected);
      await page.getByTestId('claim-chooser').locator(`[data-claim-id="${id}"]`).click();
      const claim = group.find((c) => c.id === id)!;
      expect(await app.panelQuote()).toBe(bundle.article.text.slice(claim.quote.start, claim.quote.end));
    }
  });
});

/** The claims that draw a flow, of those the store shows. */
function flowClaimIds(bundle: ArticleBundle, visible: readonly string[]): Set<string> {
  const shown = new Set(visible);
  return new Set(bundle.claims.filter((c) => shown.has(c.id) && c.geometry.features.some((f) => f.properties.mark === 'flow')).map((c) => c.id));
}

/** Every aggregate drawn counts exactly the claims it answers for, each of them a visible flow claim. */
async function expectAggregatesMatchStore(app: Atlas, bundle: ArticleBundle): Promise<DrawnFlow[]> {
  const flows = await drawnFlows(app);
  const aggregates = flows.filter((f) => f.kind === 'aggregate');
  expect(aggregates.length, 'aggregate arcs drawn').toBeGreaterThan(3);
  const shown = flowClaimIds(bundle, await app.visibleClaimIds());
  for (const a of aggregates) {
    expect(a.n, `aggregate ${a.id} counts the claims it holds`).toBe(a.claimIds.length);
    for (const id of a.claimIds) expect(shown.has(id), `${id} is a visible flow claim`).toBe(true);
  }
  return flows;
}

/** The marks drawn now in these layers, one entry per mark with the claims it answers for (hidden ones left out). */
async function drawnMarks(app: Atlas, layers: string[]): Promise<Map<number, string[]>> {
  await app.whenMapIdle();
  const rows = await app.page.evaluate((layers) => {
    const map = (window as unknown as { claimAtlas: ClaimAtlasHandle }).claimAtlas.map!;
    return map
      .queryRenderedFeatures({ layers })
      .filter((f) => (f.state as { hidden?: boolean }).hidden !== true)
      .map((f) => [f.id as number, (f.properties as { claimId: string }).claimId] as const);
  }, layers);
  const marks = new Map<number, string[]>();
  for (const [id, claimId] of rows) if (!marks.get(id)?.includes(claimId)) marks.set(id, [...(marks.get(id) ?? []), claimId]);
  return marks;
}

/** Place keys per claim of one mark type (the place ids each of its areas or borders is drawn for). */
function markPlaces(bundle: ArticleBundle, mark: 'area' | 'line'): Map<string, string[]> {
  return new Map(bundle.claims.map((c) => [c.id, c.geometry.features.filter((f) => f.properties.mark === mark).map((f) => f.properties.placeIds.join(','))]));
}

test.describe('areas and borders at corpus scale', () => {
  const cases = [
    { mark: 'area', layers: ['claims-area-fill'], min: 20 },
    { mark: 'line', layers: ['claims-line', 'claims-line-contested'], min: 10 },
  ] as const;
  for (const { mark, layers, min } of cases) {
    test(`given 2,000 claims at the world view, then each place is one ${mark === 'area' ? 'area' : 'border'} mark standing for all its visible claims, also after the window moves`, async ({
      page,
    }) => {
      const { corpus, dataParam } = await serveCorpus(page, CORPUS);
      const bundle = corpus.bundles[0]!;
      const placesOf = markPlaces(bundle, mark);
      const app = await openApp(page, `data=${dataParam}&${WORLD}`);
      for (const narrowed of [false, true]) {
        if (narrowed) {
          for (let i = 0; i < 12; i++) await app.pressOnHandle('start', 'PageUp');
          await expect.poll(async () => (await app.visibleClaimIds()).length).toBeLessThan(CORPUS.claims * 0.85);
        }
        const shown = (await app.visibleClaimIds()).filter((id) => placesOf.get(id)!.length > 0);
        const marks = [...(await drawnMarks(app, [...layers])).values()];
        expect(marks.length, `${mark} marks drawn`).toBeGreaterThan(min);
        const placesDrawn: string[] = [];
        for (const ids of marks) {
          // A mark is one place: the place all its claims share…
          const common = placesOf.get(ids[0]!)!.filter((p) => ids.every((id) => placesOf.get(id)!.includes(p)));
          expect(common.length, `claims ${ids.slice(0, 3).join(', ')}… share a place`).toBeGreaterThan(0);
          const place = common.find((p) => shown.filter((id) => placesOf.get(id)!.includes(p)).length === ids.length) ?? common[0]!;
          placesDrawn.push(place);
          // …and it stands for every visible claim about that place, whatever their kind or stance.
          expect([...ids].sort(), `${place}${narrowed ? ', window moved' : ''}`).toEqual(shown.filter((id) => placesOf.get(id)!.includes(place)).sort());
        }
        expect(new Set(placesDrawn).size, 'no place drawn twice').toBe(placesDrawn.length);
        expect(Math.max(...marks.map((ids) => ids.length))).toBeGreaterThan(1);
      }
    });
  }
});

test.describe('areas when zoomed in at corpus scale', () => {
  test('given the world view, when the user zooms in past the outline zoom, then a place reported with several kinds or stances is one area per kind and stance again, together standing for its claims', async ({
    page,
  }) => {
    const { corpus, dataParam } = await serveCorpus(page, CORPUS);
    const bundle = corpus.bundles[0]!;
    // The area place reported with the most (kind, stance) pairs, and the centre of its polygon.
    const pairsAt = new Map<string, Map<string, Set<string>>>();
    const ringAt = new Map<string, number[][]>();
    for (const c of bundle.claims) {
      for (const f of c.geometry.features) {
        if (f.properties.mark !== 'area' || f.geometry.type !== 'Polygon') continue;
        const place = f.properties.placeIds.join(',');
        const pairs = pairsAt.get(place) ?? new Map<string, Set<string>>();
        pairsAt.set(place, pairs);
        const pair = `${f.properties.kind}/${f.properties.stance}`;
        pairs.set(pair, (pairs.get(pair) ?? new Set()).add(c.id));
        ringAt.set(place, f.geometry.coordinates[0]!);
      }
    }
    const [place, pairs] = [...pairsAt].sort((a, b) => b[1].size - a[1].size)[0]!;
    expect(pairs.size, `${place} is reported with several kinds or stances`).toBeGreaterThan(2);
    const ring = ringAt.get(place)!.slice(1);
    const [lon, lat] = [0, 1].map((k) => ring.reduce((sum, p) => sum + p[k]!, 0) / ring.length);
    // Zoom 2.5: the world view's marks, and far enough in for the map to centre on the place.
    const app = await openApp(page, `data=${dataParam}&map=2.50/${lat!.toFixed(4)}/${lon!.toFixed(4)}`);
    const claimsOf = new Set([...pairs.values()].flatMap((ids) => [...ids]));
    const marksOfPlace = async () => [...(await drawnMarks(app, ['claims-area-fill'])).values()].filter((ids) => ids.every((id) => claimsOf.has(id)));
    // The world view: one mark for the place.
    expect((await marksOfPlace()).filter((ids) => ids.length === claimsOf.size)).toHaveLength(1);
    await page.locator('.maplibregl-canvas').focus();
    for (const zoom of [3.5, 4.5]) {
      await page.keyboard.press('+');
      await expect.poll(async () => (await app.mapView()).zoom).toBeGreaterThan(zoom - 0.01);
    }
    await expect.poll(async () => (await marksOfPlace()).length).toBe(pairs.size);
    const drawn = (await marksOfPlace()).map((ids) => [...ids].sort());
    expect(drawn.sort()).toEqual([...pairs.values()].map((ids) => [...ids].sort()).sort());
  });
});

test.describe('flows at corpus scale', () => {
  test('given 2,000 claims at the world view, then flows are drawn as far fewer arcs than flow claims, each aggregate counting its visible claims', async ({
    page,
  }) => {
    const { corpus, dataParam } = await serveCorpus(page, CORPUS);
    const app = await openApp(page, `data=${dataParam}&${WORLD}`);
    const bundle = corpus.bundles[0]!;
    const flows = await expectAggregatesMatchStore(app, bundle);
    const flowClaims = flowClaimIds(bundle, await app.visibleClaimIds()).size;
    expect(flows.some((f) => f.kind === 'aggregate' && f.claimIds.length > 1)).toBe(true);
    expect(flowClaims).toBeGreaterThan(400);
    // What makes the world view readable (and drawable): a few arcs stand for hundreds of claims.
    expect(flows.length).toBeLessThan(flowClaims / 4);
    // …and every flow claim shown is drawn: in an aggregate arc, a cluster's loop, or its own arc.
    const drawn = new Set(flows.flatMap((f) => f.claimIds));
    expect([...drawn].sort()).toEqual([...flowClaimIds(bundle, await app.visibleClaimIds())].sort());
    expect(Math.max(...flows.map((f) => f.claimIds.length))).toBeGreaterThan(15);
  });

  test('given 10,000 claims at the world view, then only the biggest routes are arcs, a note says how many smaller ones are folded into rings, and every flow claim shown is still drawn', async ({
    page,
  }) => {
    const { corpus, dataParam } = await serveCorpus(page, { claims: 10_000, articles: 10, seed: 1 });
    const app = await openApp(page, `data=${dataParam}&${WORLD}`);
    const note = page.getByTestId('route-note');
    const said = /^Arcs show the ([\d,]+) routes with (\d+)\+ claims\. ([\d,]+) smaller routes are counted in the ring where they start; zoom in to draw them\.$/;
    await expect(note).toHaveText(said);
    const [, drawn, min, folded] = said.exec((await note.textContent()) ?? '')!.map((x) => Number(x.replace(/,/g, '')));
    expect(folded).toBeGreaterThan(0);
    expect(drawn).toBeLessThanOrEqual(300);
    const flows = await drawnFlows(app);
    const arcs = flows.filter((f) => f.kind === 'aggregate' && !f.ring);
    expect(arcs.length).toBeGreaterThan(50);
    expect(arcs.length).toBeLessThanOrEqual(drawn!);
    // Everything is shown at load, so each arc drawn carries at least the note's number of claims…
    for (const a of arcs) expect(a.claimIds.length, `arc ${a.id}`).toBeGreaterThanOrEqual(min!);
    // …and the claims of the smaller routes are still on the map, in rings.
    const shown = new Set(await app.visibleClaimIds());
    const flowIds = corpus.bundles.flatMap((b) =>
      b.claims.filter((c) => c.geometry.features.some((f) => f.properties.mark === 'flow')).map((c) => `${b.article.slug}/${c.id}`),
    );
    expect(flowIds.length).toBeGreaterThan(2000);
    expect([...new Set(flows.flatMap((f) => f.claimIds))].sort()).toEqual(flowIds.filter((id) => shown.has(id)).sort());
    for (const f of flows.filter((f) => f.kind === 'aggregate')) expect(f.n, `aggregate ${f.id} counts the claims it holds`).toBe(f.claimIds.length);

    // One band in, this corpus folds nothing: no note.
    const closer = await openApp(page, `data=${dataParam}&map=2.50/20.0000/0.0000`);
    await closer.whenMapIdle();
    await expect(page.getByTestId('route-note')).toHaveCount(0);
  });

  test('given 10,000 claims at the world view, when the user points at a ring of folded routes, then its tooltip counts only its own claims, an arc drawn across it wins, and a click zooms towards it', async ({
    page,
  }) => {
    const { dataParam } = await serveCorpus(page, { claims: 10_000, articles: 10, seed: 1 });
    const app = await openApp(page, `data=${dataParam}&${WORLD}`);
    const { alone, crossed } = await ringSpots(app);
    if (!alone) throw new Error('no ring with 2+ claims can be pointed at alone at the world view');
    if (!crossed) throw new Error('no ring is crossed by an aggregate arc at the world view');
    const tooltip = page.locator('.map-tooltip .map-tooltip-more');
    // Where an arc crosses the ring, the arc is what the pointer is on: its claims, not the ring's added.
    await page.mouse.move(crossed.x, crossed.y);
    await expect(tooltip).toHaveText(new RegExp(`^${crossed.arcClaimIds.length.toLocaleString('en')} claims along these routes — click to (zoom in|choose)$`));
    // On the ring alone: exactly the flows it holds.
    await page.mouse.move(alone.x, alone.y);
    const said = new RegExp(
      `^${alone.ringClaimIds.length.toLocaleString('en')} flows from here not drawn as arcs at this zoom \\(within this area, or on routes of fewer than \\d+ claims\\) — click to (zoom in|choose)$`,
    );
    await expect(tooltip).toHaveText(said);
    const splits = (await tooltip.textContent())!.endsWith('zoom in');
    const before = (await app.mapView()).zoom;
    await page.mouse.click(alone.x, alone.y);
    if (splits) {
      await expect.poll(async () => (await app.mapView()).zoom).toBeGreaterThan(before + 0.5);
      // Zoomed in, the ring's claims are all still on the map.
      const shown = new Set((await drawnFlows(app)).flatMap((f) => f.claimIds));
      for (const id of alone.ringClaimIds) expect(shown.has(id), id).toBe(true);
    } else {
      expect([...(await chooserClaimIds(app))].sort()).toEqual([...alone.ringClaimIds].sort());
    }
  });

  test('given the world view, when the user clicks the biggest aggregate, then the map zooms in and it splits into more, smaller arcs holding its claims', async ({
    page,
  }) => {
    const { dataParam } = await serveCorpus(page, CORPUS);
    const app = await openApp(page, `data=${dataParam}&${WORLD}`);
    const before = await app.mapView();
    const big = await clickableFlowPoint(app, 'aggregate', null);
    if (!big) throw new Error('no aggregate can be clicked alone at the world view');
    expect(big.claimIds.length).toBeGreaterThan(2);
    // Before the click, the tooltip says what the arc stands for and what a click will do.
    await page.mouse.move(big.x, big.y);
    await expect(page.locator('.map-tooltip .map-tooltip-more')).toHaveText(
      `${big.claimIds.length.toLocaleString('en')} claims along these routes — click to zoom in`,
    );
    await page.mouse.click(big.x, big.y);
    await expect.poll(async () => (await app.mapView()).zoom).toBeGreaterThan(before.zoom + 0.5);
    const members = new Set(big.claimIds);
    const split = (await drawnFlows(app)).filter((f) => f.claimIds.some((id) => members.has(id)));
    expect(split.length).toBeGreaterThan(1);
    for (const f of split) expect(f.claimIds.length).toBeLessThan(big.claimIds.length);
    expect([...new Set(split.flatMap((f) => f.claimIds.filter((id) => members.has(id))))].sort()).toEqual([...big.claimIds].sort());
  });

  test('given an aggregate along one route only, when the user clicks it, then the chooser lists exactly its visible claims', async ({
    page,
  }) => {
    const { corpus, dataParam } = await serveCorpus(page, CORPUS);
    const bundle = corpus.bundles[0]!;
    const app = await openApp(page, `data=${dataParam}&${WORLD}`);
    // Aggregates whose claims all run between the same two places: zooming cannot split them, a list must.
    const routeOf = new Map(
      bundle.claims.map((c) => [c.id, c.geometry.features.filter((f) => f.properties.mark === 'flow').map((f) => f.properties.placeIds.join('>')).join('|')]),
    );
    const oneRoute = (await drawnFlows(app))
      .filter((f) => f.kind === 'aggregate' && f.claimIds.length >= 2 && new Set(f.claimIds.map((id) => routeOf.get(id))).size === 1)
      .map((f) => f.claimIds);
    expect(oneRoute.length, 'aggregates along one route').toBeGreaterThan(0);
    const at = await clickableFlowPoint(app, 'aggregate', oneRoute);
    if (!at) throw new Error('no one-route aggregate can be clicked alone');
    const zoom = (await app.mapView()).zoom;
    await page.mouse.click(at.x, at.y);
    expect([...(await chooserClaimIds(app))].sort()).toEqual([...at.claimIds].sort());
    expect((await app.mapView()).zoom).toBe(zoom);
  });

  test('given the world view, when the user moves the start of the time window, then the aggregates count only the claims still shown', async ({
    page,
  }) => {
    const { corpus, dataParam } = await serveCorpus(page, CORPUS);
    const bundle = corpus.bundles[0]!;
    const app = await openApp(page, `data=${dataParam}&${WORLD}`);
    const sum = (flows: DrawnFlow[]) => flows.filter((f) => f.kind === 'aggregate').reduce((s, f) => s + (f.n ?? 0), 0);
    const before = await expectAggregatesMatchStore(app, bundle);
    for (let i = 0; i < 12; i++) await app.pressOnHandle('start', 'PageUp');
    await expect.poll(async () => (await app.visibleClaimIds()).length).toBeLessThan(CORPUS.claims * 0.85);
    const after = await expectAggregatesMatchStore(app, bundle);
    expect(sum(after)).toBeLessThan(sum(before));
    // Some aggregates lost claims and still show; the same arcs count differently.
    const was = new Map(before.filter((f) => f.kind === 'aggregate').map((f) => [f.id, f.n]));
    expect(after.some((f) => f.kind === 'aggregate' && was.has(f.id) && was.get(f.id)! > f.n!)).toBe(true);
  });

  test('given the world view, when the corpus arrives, then the map is first drawn with the aggregate arcs of its own zoom only, and those either side follow, drawing the same map', async ({
    page,
  }) => {
    // The bands of the arcs the aggregate source holds, read at the page's first WebGL draw call.
    await hookDrawCalls(page);
    await page.addInitScript(() => {
      type Feature = { properties: { z: number } };
      type Source = { _data: { geojson?: { features: Feature[] }; updateable?: Map<unknown, Feature> } };
      const w = window as unknown as { claimAtlas?: ClaimAtlasHandle; __bandsAtFirstDraw?: number[] | null; __beforeDraw: (() => void)[] };
      w.__bandsAtFirstDraw = null;
      w.__beforeDraw.push(() => {
        const source = w.claimAtlas?.map?.getSource('claim-flow-aggregates') as unknown as Source | undefined;
        if (w.__bandsAtFirstDraw !== null || !source) return;
        // MapLibre's own copy of what it was given (no public synchronous read).
        const features = source._data.geojson?.features ?? [...(source._data.updateable?.values() ?? [])];
        w.__bandsAtFirstDraw = [...new Set(features.map((f) => f.properties.z))].sort((a, b) => a - b);
      });
    });
    const { corpus, dataParam } = await serveCorpus(page, CORPUS);
    const app = await openApp(page, `data=${dataParam}&${WORLD}`);
    await app.whenMapIdle();
    // WORLD is zoom 1: band 1 drawn, bands 0 and 2 held for a zoom gesture.
    expect(await page.evaluate(() => (window as unknown as { __bandsAtFirstDraw: number[] | null }).__bandsAtFirstDraw)).toEqual([1]);
    const held = await page.evaluate(async () => {
      const map = (window as unknown as { claimAtlas: ClaimAtlasHandle }).claimAtlas.map!;
      type Data = { features: { properties: { z: number } }[] };
      const features = (await (map.getSource('claim-flow-aggregates') as unknown as { getData: () => Promise<Data> }).getData()).features;
      return [...new Set(features.map((f) => f.properties.z))].sort((a, b) => a - b);
    });
    expect(held, 'aggregate bands held once the map is idle').toEqual([0, 1, 2]);
    const flows = await expectAggregatesMatchStore(app, corpus.bundles[0]!);
    expect(flows.filter((f) => f.kind === 'aggregate').length).toBeGreaterThan(3);
  });

  test('given the world view, when the user zooms in across several bands in one gesture, then the arcs of the zoom reached are loaded once, when the camera stops, and count the claims shown', async ({
    page,
  }) => {
    const { corpus, dataParam } = await serveCorpus(page, CORPUS);
    const app = await openApp(page, `data=${dataParam}&${WORLD}`);
    await app.whenMapIdle();
    // Every time the page hands the flow sources new data, with the zoom it was at then.
    await page.evaluate(() => {
      const w = window as unknown as { claimAtlas: ClaimAtlasHandle; sent: string[] };
      const map = w.claimAtlas.map!;
      w.sent = [];
      for (const id of ['claim-flow-aggregates', 'claim-flows']) {
        const source = map.getSource(id) as unknown as Record<'setData' | 'updateData', (d: unknown) => Promise<unknown>>;
        for (const method of ['setData', 'updateData'] as const) {
          const send = source[method].bind(source);
          source[method] = (d) => {
            w.sent.push(`${id}@${map.getZoom().toFixed(2)}${map.isMoving() ? ' moving' : ''}`);
            return send(d);
          };
        }
      }
      map.easeTo({ zoom: 4.5, center: [0, 20], duration: 1200 });
    });
    await expect.poll(async () => (await app.mapView()).zoom).toBeGreaterThan(4.49);
    await app.whenMapIdle();
    const sent = await page.evaluate(() => (window as unknown as { sent: string[] }).sent);
    // Bands 0–2 were held at zoom 1; the gesture crossed zooms 2, 3 and 4: one load, at 4.5, none mid-way.
    expect(sent).toEqual(['claim-flow-aggregates@4.50', 'claim-flows@4.50']);
    await expectAggregatesMatchStore(app, corpus.bundles[0]!);
    // Later band changes send only the bands that come and go; the sources hold the bands around the zoom,
    // each arc once, and the flows those bands draw on their own.
    for (const zoom of [5.5, 2.5, 3.5]) {
      await page.evaluate((z) => (window as unknown as { claimAtlas: ClaimAtlasHandle }).claimAtlas.map!.jumpTo({ zoom: z }), zoom);
      await app.whenMapIdle();
      const held = await page.evaluate(async () => {
        const map = (window as unknown as { claimAtlas: ClaimAtlasHandle }).claimAtlas.map!;
        type Data = { features: { id: number; properties: { z?: number; own?: number; mark: string } }[] };
        const aggregates = (await (map.getSource('claim-flow-aggregates') as unknown as { getData: () => Promise<Data> }).getData()).features;
        const flows = (await (map.getSource('claim-flows') as unknown as { getData: () => Promise<Data> }).getData()).features;
        return {
          bands: [...new Set(aggregates.map((f) => f.properties.z!))].sort((a, b) => a - b),
          unique: new Set(aggregates.map((f) => f.id)).size === aggregates.length && new Set(flows.map((f) => f.id)).size === flows.length,
          strayFlows: flows.filter((f) => (f.properties.own! & (7 << (Math.floor(map.getZoom()) - 1))) === 0).length,
        };
      });
      const z = Math.floor(zoom);
      expect(held.bands, `aggregate bands held at zoom ${zoom}`).toEqual([z - 1, z, z + 1]);
      expect(held.unique).toBe(true);
      expect(held.strayFlows, `flows held at zoom ${zoom} that no band around it draws`).toBe(0);
      await expectAggregatesMatchStore(app, corpus.bundles[0]!);
    }
  });

  test('given the window moved at the world view, when the user zooms in to bands not held then, then their arcs count only the claims shown', async ({
    page,
  }) => {
    const { corpus, dataParam } = await serveCorpus(page, CORPUS);
    const app = await openApp(page, `data=${dataParam}&${WORLD}`);
    for (let i = 0; i < 12; i++) await app.pressOnHandle('start', 'PageUp');
    await expect.poll(async () => (await app.visibleClaimIds()).length).toBeLessThan(CORPUS.claims * 0.85);
    await expectAggregatesMatchStore(app, corpus.bundles[0]!);
    // Bands 0–2 are held at zoom 1; 3–5 and 5–7 come in only now, after the counts changed.
    for (const zoom of [4.5, 6.5]) {
      await page.evaluate((z) => (window as unknown as { claimAtlas: ClaimAtlasHandle }).claimAtlas.map!.jumpTo({ zoom: z }), zoom);
      await app.whenMapIdle();
      await expectAggregatesMatchStore(app, corpus.bundles[0]!);
    }
  });

  test('given a flow claim drawn inside an aggregate, when a link opens it, then its own arc is drawn on the map over the aggregates', async ({
    page,
  }) => {
    const { corpus, dataParam } = await serveCorpus(page, CORPUS);
    const flowClaim = corpus.bundles[0]!.claims.find((c) => c.geometry.features.some((f) => f.properties.mark === 'flow'))!;
    const app = await openApp(page, `data=${dataParam}&claim=${encodeURIComponent(flowClaim.id)}&${WORLD}`);
    await expect(app.panel).toBeVisible();
    expect((await app.mapView()).zoom).toBeLessThan(8);
    const selectedArcs = () =>
      page.evaluate(() => {
        const map = (window as unknown as { claimAtlas: ClaimAtlasHandle }).claimAtlas.map!;
        return [...new Set(map.queryRenderedFeatures({ layers: ['claims-flow-selected'] }).map((f) => (f.properties as { claimId: string }).claimId))];
      });
    await expect
      .poll(async () => {
        await app.whenMapIdle();
        return selectedArcs();
      })
      .toEqual([flowClaim.id]);
    // Below the detail zoom that claim's own arc is otherwise drawn only inside an aggregate (or not at all).
    const own = (await drawnFlows(app)).filter((f) => f.kind === 'flow' && f.claimIds.includes(flowClaim.id));
    const inAggregate = (await drawnFlows(app)).some((f) => f.kind === 'aggregate' && f.claimIds.includes(flowClaim.id));
    expect(own.length === 0 || !inAggregate).toBe(true);
  });
});

/**
 * From the corpus itself: the flows drawn by 3+ claims (same places, kind and stance: one arc on the map)
 * of the most shared kind, and a window start (the median start of that kind) that hides some of them.
 */
function sharedFlowsWithHiddenMembers(bundle: ArticleBundle): { kind: string; from: string; groups: Claim[][] } {
  const byKey = new Map<string, Claim[]>();
  for (const c of bundle.claims) {
    for (const f of c.geometry.features) {
      if (f.properties.mark !== 'flow') continue;
      const key = `${c.kind}|${f.properties.placeIds.join(',')}|${c.stance}`;
      byKey.set(key, [...(byKey.get(key) ?? []), c]);
    }
  }
  const shared = [...byKey.values()].filter((g) => g.length >= 3);
  const kind = shared.map((g) => g[0]!.kind).sort((a, b) => shared.filter((g) => g[0]!.kind === b).length - shared.filter((g) => g[0]!.kind === a).length)[0];
  if (!kind) throw new Error('the corpus has no flow drawn by three claims');
  const starts = bundle.claims.filter((c) => c.kind === kind).map((c) => c.when.start).sort();
  const from = starts[Math.floor(starts.length / 2)]!;
  // Visible in [from, ∞) means ending after from (intervals are half-open).
  const groups = shared.filter((g) => g[0]!.kind === kind && g.some((c) => c.when.end <= from) && g.filter((c) => c.when.end > from).length >= 2);
  if (groups.length === 0) throw new Error('no shared flow is split by the window');
  return { kind, from, groups };
}
