import { serveCorpus } from './corpus-fixture';
import { expect, openApp, test, type Atlas } from './driver';
import { chooserClaimIds, drawnPointMarks, sharedFlowPoint, type DrawnMark } from './driver-map';
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

/** The number written on each cluster catches up with its count once the window rests. */
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

  test('given a window that hides some claims of shared flows, when the user clicks such a flow, then the chooser lists exactly its visible claims, each opening its quote', async ({
    page,
  }) => {
    const { corpus, dataParam } = await serveCorpus(page, CORPUS);
    const bundle = corpus.bundles[0]!;
    const { kind, from, groups } = sharedFlowsWithHiddenMembers(bundle);
    const app = await openApp(page, `data=${dataParam}&kinds=${kind}&from=${from}&${WORLD}`);

    // What the store shows decides what each arc must offer.
    const shown = new Set(await app.visibleClaimIds());
    const visibleLists = groups.map((g) => g.filter((c) => shown.has(c.id)).map((c) => c.id)).filter((l) => l.length >= 2);
    const at = await sharedFlowPoint(app, visibleLists);
    const group = groups.find((g) => g.some((c) => c.id === at.claimIds[0]))!;
    const expected = group.filter((c) => shown.has(c.id)).map((c) => c.id);
    expect(expected.length).toBeLessThan(group.length);

    for (const id of expected) {
      const { x, y } = await sharedFlowPoint(app, [expected]);
      await page.mouse.click(x, y);
      expect(await chooserClaimIds(app)).toEqual(expected);
      await page.getByTestId('claim-chooser').locator(`[data-claim-id="${id}"]`).click();
      const claim = group.find((c) => c.id === id)!;
      expect(await app.panelQuote()).toBe(bundle.article.text.slice(claim.quote.start, claim.quote.end));
    }
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
