import { SEED_SLUG, expect, openApp, test } from './driver';
import { OpenSteps } from './driver-open';

const ARTICLE = `Refugees reach Warsaw from Kharkiv
Ukrainian refugees fled from Kharkiv to Warsaw, the UN said on Monday. Poland sent humanitarian aid to Lviv last week, officials said.
`;

const isGazetteer = (url: string) => url.includes('/gazetteer/');

test.describe('open an article and draft its claims', () => {
  test('given a pasted article, when it is drafted, then its claims show on the map and list with quotes equal to the text', async ({
    page,
    session,
  }) => {
    const app = await openApp(page);
    // The 3 MB gazetteer is not part of a normal page load.
    expect(session.requests.filter(isGazetteer)).toEqual([]);
    const open = new OpenSteps(app);
    await open.openDialog();
    await expect(page.getByTestId('open-article-date')).toHaveValue(/^\d{4}-\d{2}-\d{2}$/);
    await open.paste(ARTICLE);
    await open.setPublished('2022-03-09');
    expect(session.requests.filter(isGazetteer)).toEqual([]);
    expect(await app.seriousAccessibilityViolations()).toEqual([]);
    await open.watchLongTasks();
    await open.draft();
    expect(session.requests.filter(isGazetteer).length).toBeGreaterThan(0);
    // Gazetteer, parsing and compiling run in the worker: the page never froze for 100 ms while drafting.
    expect(Math.max(0, ...(await open.longTasks()))).toBeLessThan(100);

    const bundle = await open.shownBundle();
    expect(bundle.text).toBe(ARTICLE);
    expect(bundle.review).toBe('draft');
    const flow = bundle.claims.find((c) => c.quote.text.includes('fled from Kharkiv'));
    expect(flow, 'a claim for the refugees sentence').toBeTruthy();
    for (const c of bundle.claims) expect(c.quote.text).toBe(ARTICLE.slice(c.quote.start, c.quote.end));

    // The timeline drew the draft's bars across its whole track (it is not measured again on a new article).
    const timeline = await app.timelineCanvas();
    expect(timeline.canvasWidth).toBeGreaterThan(100);
    expect(timeline.canvasWidth).toBe(timeline.trackWidth);
    expect(timeline.drawnPixels).toBeGreaterThan(0);

    await expect(app.listItem(flow!.id)).toBeVisible();
    expect(await app.renderedClaimIds()).toContain(flow!.id);
    await open.clickDraftClaimOnMap(flow!.id);
    expect(await app.panelQuote()).toBe(ARTICLE.slice(flow!.quote.start, flow!.quote.end));
    await expect(app.panel.getByTestId('claim-confidence')).toContainText(/Draft — not reviewed · confidence \d+ %/);
    await expect(open.badge).toHaveText('Draft — not reviewed');
    await expect(page.getByTestId('draft-share-note')).toContainText('Not in Share links');
    await page.getByTestId('share-button').click();
    await expect(page.getByTestId('share-draft-note')).toContainText('lives in this tab only');
    await page.keyboard.press('Escape');

    // The draft lives in memory: the URL never names it.
    const params = await app.settledUrlParams();
    expect(params.a).toBeUndefined();
    expect(params.claim).toBeUndefined();

    // Downloads: the curated source format and GeoJSON.
    const claimsYaml = await open.download('draft-download-claims');
    expect(claimsYaml.name).toBe('claims.yaml');
    expect(claimsYaml.text).toContain('review: draft');
    const geo = await open.download('draft-download-geojson');
    const fc = JSON.parse(geo.text) as { type: string; features: { properties: { claimId: string } }[] };
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features.map((f) => f.properties.claimId)).toContain(flow!.id);

    // The switcher lists the published articles and the draft; switching back restores the seed.
    await open.switcher.selectOption(SEED_SLUG);
    await expect(open.badge).toBeHidden();
    await app.waitUntilReady();
    await expect.poll(async () => (await app.urlParams()).a).toBe(SEED_SLUG);
    await expect(open.switcher.locator('option')).toHaveCount((await page.request.get('/data/index.json').then((r) => r.json()) as { articles: unknown[] }).articles.length + 1);
    await open.chooseDraft();
    await expect(open.badge).toBeVisible();
    expect((await open.shownBundle()).text).toBe(ARTICLE);
  });

  test('given a .txt file chosen with the file picker, when it is drafted, then the draft shows its text', async ({ page }) => {
    const app = await openApp(page);
    const open = new OpenSteps(app);
    await open.openDialog();
    await open.pickFile('kharkiv.txt', ARTICLE);
    await open.draft();
    expect((await open.shownBundle()).text).toBe(ARTICLE);
    await expect(app.reader).toContainText('Ukrainian refugees fled from Kharkiv to Warsaw');
  });

  test('given a .txt file dropped on the page, when it is drafted, then the draft shows its text', async ({ page }) => {
    const app = await openApp(page);
    const open = new OpenSteps(app);
    await open.dropFile('dropped.txt', ARTICLE);
    await expect(page.getByTestId('open-article-dialog')).toContainText('dropped.txt');
    await open.draft();
    expect((await open.shownBundle()).text).toBe(ARTICLE);
  });

  test('given a bad date, when Draft is pressed, then it says so and drafts nothing', async ({ page, session }) => {
    const app = await openApp(page);
    const open = new OpenSteps(app);
    await open.openDialog();
    await open.paste(ARTICLE);
    await open.setPublished('');
    await page.getByTestId('open-article-draft').click();
    await expect(open.dialog.getByRole('alert')).toContainText('publication date');
    await expect(open.badge).toBeHidden();
    expect(session.requests.filter(isGazetteer)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(open.dialog).toBeHidden();
    await expect(open.button).toBeFocused();
  });

  test('given a hostile article, when it is drafted through the UI, then its markup shows literally and nothing runs', async ({ page }) => {
    const hostile = `<script>window.__pwned=1</script> Attack <img src=x onerror="window.__pwned=1">
Ukrainian refugees fled from Kharkiv to Warsaw, the UN said on Monday. <a href="javascript:window.__pwned=1">link</a> <svg onload="window.__pwned=1"></svg>
`;
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const app = await openApp(page);
    const open = new OpenSteps(app);
    await open.openDialog();
    await open.paste(hostile);
    await open.setPublished('2022-03-07');
    await open.draft();
    await expect(app.reader).toContainText('<img src=x onerror="window.__pwned=1">');
    await expect(app.reader).toContainText('<a href="javascript:window.__pwned=1">link</a>');
    await expect(page.getByTestId('article-switcher')).toContainText('<script>window.__pwned=1</script>');
    const bundle = await open.shownBundle();
    const claim = bundle.claims.find((c) => c.quote.text.includes('Kharkiv'));
    expect(claim).toBeTruthy();
    await app.listItem(claim!.id).click();
    expect(await app.panelQuote()).toBe(hostile.slice(claim!.quote.start, claim!.quote.end));
    const injected = await page.evaluate(() => {
      const root = document.getElementById('root')!;
      return {
        pwned: (window as Window & { __pwned?: unknown }).__pwned ?? null,
        scripts: root.querySelectorAll('script').length,
        imgs: root.querySelectorAll('img').length,
        jsLinks: root.querySelectorAll('a[href^="javascript:" i]').length,
        svgs: root.querySelectorAll('svg[onload]').length,
      };
    });
    expect(injected).toEqual({ pwned: null, scripts: 0, imgs: 0, jsLinks: 0, svgs: 0 });
    expect(dialogs).toEqual([]);
  });
});
