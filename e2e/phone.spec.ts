import { PHONE, articleSlice, claimById, expect, loadBundle, openApp, test } from './driver';

test.use({ viewport: PHONE, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });

test.describe('on a phone (390×844)', () => {
  test('given the app, then nothing scrolls sideways and the map sits on top of the sheet', async ({ page }) => {
    const app = await openApp(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    const map = (await app.mapContainer.boundingBox())!;
    expect(map.y).toBeLessThan(80);
    expect(map.width).toBeGreaterThanOrEqual(PHONE.width - 2);
    expect(map.height).toBeGreaterThan(200);
    const tab = (await app.sheetTab('Article').boundingBox())!;
    expect(tab.y).toBeGreaterThanOrEqual(map.y + map.height / 2);
    await app.screenshot('phone-start');
  });

  test('given the bottom sheet, when the user switches tabs, then the article, the list and the detail each show', async ({
    page,
  }) => {
    const app = await openApp(page);
    const claim = claimById(await loadBundle(page), 'blinken-taliban-recognition');

    await app.sheetTab('Article').click();
    await expect(app.reader).toBeVisible();
    await expect(app.reader).toContainText('Shoigu');

    await app.sheetTab('Claims').click();
    await expect(app.list).toBeVisible();
    await app.listItem(claim.id).click();

    await app.sheetTab('Detail').click();
    expect(await app.panelQuote()).toBe(articleSlice(claim));
    await expect(app.panel).toBeInViewport();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await app.screenshot('phone-detail');
  });

  test('given the map on a phone, when the user taps a claim, then its detail is reachable', async ({ page }) => {
    const app = await openApp(page);
    const claim = claimById(await loadBundle(page), 'kabul-denies-90-percent-borders');
    await app.clickClaimOnMap(claim.id);
    if (!(await app.panel.isVisible())) await app.sheetTab('Detail').click();
    expect(await app.panelQuote()).toBe(articleSlice(claim));
  });

  test('given a phone, then the timeline and its count are reachable', async ({ page }) => {
    const app = await openApp(page);
    const total = (await loadBundle(page)).claims.length;
    await expect(app.count).toHaveText(`${total} of ${total} claims`);
    await expect(app.handle('start')).toBeVisible();
    await app.pressOnHandle('end', 'Home');
    await expect(app.count).not.toHaveText(`${total} of ${total} claims`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  });
});
