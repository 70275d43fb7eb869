import { Atlas, SEED_SLUG, articleSlice, claimById, expect, loadBundle, openApp, test } from './driver';
import { ShareSteps } from './driver-share';

const CLAIM = 'joint-exercise-tajik-afghan-border';

test.describe('the embed', () => {
  test('given ?embed=1 with a claim, when it opens, then a compact map, timeline and detail show without the reader', async ({ page }) => {
    const app = await openApp(page, `?embed=1&claim=${CLAIM}`);
    await expect(page.locator('.app')).toHaveClass(/is-embed/);
    await expect(app.mapContainer).toBeVisible();
    await expect(page.getByTestId('timeline')).toBeVisible();
    await expect(app.reader).toHaveCount(0);
    await expect(app.list).toHaveCount(0);
    const bundle = await loadBundle(page);
    expect(await app.panelQuote()).toBe(articleSlice(claimById(bundle, CLAIM)));
    // The map gets the whole width of the frame.
    const map = (await app.mapContainer.boundingBox())!;
    expect(map.width).toBeGreaterThan(1280 * 0.95);
    // The embed flag survives the app rewriting the URL, so a reload inside the iframe stays compact.
    const params = await app.settledUrlParams();
    expect(params).toMatchObject({ embed: '1', claim: CLAIM });
  });

  test('given an embed, when the reader opens the full map, then the link carries the view but not the embed flag', async ({ page }) => {
    await openApp(page, `?embed=1&claim=${CLAIM}&from=2021-07-20&to=2021-08-10`);
    const link = page.getByTestId('embed-open-full');
    await expect(link).toHaveAttribute('target', '_blank');
    await expect(link).toHaveAttribute('rel', /noopener/);
    await link.focus();
    const href = new URL((await link.getAttribute('href'))!);
    expect(href.searchParams.get('embed')).toBeNull();
    expect(Object.fromEntries(href.searchParams)).toMatchObject({ a: SEED_SLUG, claim: CLAIM, from: '2021-07-20', to: '2021-08-10' });
  });

  test('given the embed code from the dialog, when a host page uses it, then the iframe shows the compact view of that state', async ({
    page,
    context,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const app = await openApp(page, `?claim=${CLAIM}&from=2021-07-20&to=2021-08-10`);
    const share = new ShareSteps(app);
    const code = await share.embedCode();
    await page.getByRole('radio', { name: /640/ }).check();
    const tall = await page.getByTestId('embed-code').inputValue();
    expect(tall).toContain('height="640"');
    await page.getByTestId('embed-copy').click();
    await expect(page.getByTestId('embed-status')).toHaveText(/copied/i);
    expect(await share.clipboard()).toBe(tall);

    const src = new URL(/src="([^"]+)"/.exec(code)![1]!.replace(/&amp;/g, '&'));
    expect(src.searchParams.get('embed')).toBe('1');
    expect(src.searchParams.get('claim')).toBe(CLAIM);
    expect(src.searchParams.get('from')).toBe('2021-07-20');

    // A newsroom page on another origin (about:blank here) pasting the code.
    const host = await context.newPage();
    await host.setContent(`<!doctype html><title>Newsroom</title><h1>Story</h1>${tall}`);
    const frame = host.frameLocator('iframe');
    await expect(frame.getByTestId('claim-quote')).toBeVisible({ timeout: 30_000 });
    const bundle = await loadBundle(page);
    await expect(frame.getByTestId('claim-quote')).toHaveText(articleSlice(claimById(bundle, CLAIM)));
    await expect(frame.getByTestId('timeline')).toBeVisible();
    await expect(frame.getByTestId('article-reader')).toHaveCount(0);
    await expect(frame.getByTestId('claim-count')).toHaveText(await app.count.textContent() ?? '');
    expect((await host.locator('iframe').boundingBox())!.height).toBe(640);
  });

  test('given an embed in a narrow frame, then every part stays reachable and nothing scrolls sideways', async ({ page }) => {
    await page.setViewportSize({ width: 600, height: 520 });
    const app = new Atlas(page);
    await page.goto(`/?embed=1&claim=${CLAIM}`);
    await app.waitUntilReady();
    await expect(app.mapContainer).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await app.sheetTab('Detail').click();
    await expect(page.getByTestId('claim-quote')).toBeVisible();
  });
});
