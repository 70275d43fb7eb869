import { expect, findFlowClaim, loadBundle, openApp, test } from './driver';

test.describe('offline by design', () => {
  test('given a whole session of clicks, then no request ever leaves localhost', async ({ page, session }) => {
    const app = await openApp(page);
    const bundle = await loadBundle(page);
    await app.dragMap(120, 60);
    await page.mouse.wheel(0, -400);
    await app.whenMapIdle();
    await app.clickClaimOnMap(findFlowClaim(bundle, ['SYR', 'LBY'], 'AFG').id);
    await app.panel.getByTestId('counter-claim-link').or(app.panel.getByTestId('claim-close')).first().click();
    await app.readerSpans('tajikistan-largest-exercise-230000').first().click();
    await app.pressOnHandle('start', 'PageUp');
    await page.getByTestId('timeline-play').click();
    await page.getByTestId('timeline-play').click();
    await app.kindCheckbox('movement').uncheck();
    await page.getByTestId('filters-reset').click();
    await app.whenMapIdle();

    // Basemap, fonts, data: everything came from the app's own origin.
    expect(session.requests.length).toBeGreaterThan(3);
    const foreign = session.requests.filter((u) => !/^(https?:\/\/(localhost|127\.0\.0\.1)(:\d+)?\/|data:|blob:)/.test(u));
    expect(foreign).toEqual([]);
    expect(session.requests.some((u) => u.includes('/data/articles/'))).toBe(true);
  });
});
