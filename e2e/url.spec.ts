import { articleSlice, claimById, expect, loadBundle, openApp, test, type Atlas } from './driver';
import type { ArticleBundle } from '../src/domain/types';

/** Claims a user should see for a window [from, to) and a set of kinds: the half-open overlap rule. */
function expectedVisible(bundle: ArticleBundle, from: string, to: string, kinds: string[]): string[] {
  return bundle.claims
    .filter((c) => c.when.start < to && c.when.end > from && kinds.includes(c.kind))
    .map((c) => c.id)
    .sort();
}

async function stateOf(app: Atlas) {
  const view = await app.mapView();
  return {
    claim: (await app.urlParams()).claim ?? null,
    quote: (await app.panel.isVisible()) ? await app.panelQuote() : null,
    count: await app.count.textContent(),
    listed: await app.listedClaimIds(),
    start: await app.handle('start').getAttribute('aria-valuetext'),
    end: await app.handle('end').getAttribute('aria-valuetext'),
    view: { zoom: view.zoom.toFixed(1), lat: view.lat.toFixed(1), lon: view.lon.toFixed(1) },
  };
}

test.describe('shareable state in the URL', () => {
  test('given a shared link with claim, window, kinds and view, when it opens, then that state is shown', async ({ page }) => {
    const kinds = ['territorial-control', 'statement'];
    const app = await openApp(
      page,
      `?claim=kabul-denies-90-percent-borders&from=2021-07-20&to=2021-08-01&kinds=${kinds.join(',')}&map=4.50/35.0000/68.0000`,
    );
    const bundle = await loadBundle(page);
    const expected = expectedVisible(bundle, '2021-07-20', '2021-08-01', kinds);
    expect(await app.panelQuote()).toBe(articleSlice(claimById(bundle, 'kabul-denies-90-percent-borders')));
    await expect(app.count).toHaveText(`${expected.length} of ${bundle.claims.length} claims`);
    expect(await app.visibleClaimIds()).toEqual(expected);
    await expect(app.kindCheckbox('movement')).not.toBeChecked();
    await expect(app.kindCheckbox('statement')).toBeChecked();
    const view = await app.mapView();
    expect(view.zoom).toBeCloseTo(4.5, 1);
    expect(view.lat).toBeCloseTo(35, 1);
    expect(view.lon).toBeCloseTo(68, 1);
    await expect(app.notice).toBeHidden();
  });

  test('given a state made by hand, when the page reloads, then the same state comes back', async ({ page }) => {
    const app = await openApp(page);
    await app.listItem('joint-exercise-tajik-afghan-border').click();
    await expect(app.panel).toBeVisible();
    await app.pressOnHandle('start', 'PageUp');
    await app.pressOnHandle('end', 'PageDown');
    await app.kindCheckbox('threat').uncheck();
    await app.dragMap(-150, 80);
    const params = await app.settledUrlParams();
    expect(Object.keys(params).sort()).toEqual(expect.arrayContaining(['claim', 'from', 'kinds', 'map', 'to']));
    const before = await stateOf(app);

    await page.reload();
    await app.waitUntilReady();
    expect(await app.settledUrlParams()).toEqual(params);
    expect(await stateOf(app)).toEqual(before);
  });

  test('given a speaker filter, when the page reloads, then it is still applied', async ({ page }) => {
    const app = await openApp(page);
    await app.filterBy('AFP');
    const params = await app.settledUrlParams();
    expect(params.by).toBe('AFP');
    const count = await app.count.textContent();
    await page.reload();
    await app.waitUntilReady();
    await expect(app.count).toHaveText(count ?? '');
    expect((await app.urlParams()).by).toBe('AFP');
  });

  const hostile: [string, string][] = [
    ['a script as claim id', 'claim=%3Cscript%3Ealert(1)%3C%2Fscript%3E'],
    ['an HTML payload as claim id', 'claim=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E'],
    ['an impossible date', 'from=9999-99-99'],
    ['a reversed window', 'from=2021-08-01&to=2021-05-01'],
    ['NaN as view', 'map=NaN/NaN/NaN'],
    ['letters as view', 'map=abc'],
    ['an overflowing view', 'map=1e999/1e999/1e999'],
    ['a prototype key as kind', 'kinds=__proto__'],
    ['an unknown speaker', 'by=%3Cb%3ENobody%3C%2Fb%3E'],
    ['a foreign data URL', 'data=https%3A%2F%2Fevil.example%2Fx.json'],
    ['a protocol-relative data URL', 'data=%2F%2Fevil.example%2Fx.json'],
    ['a parent-directory data path', 'data=..%2F..%2Fetc%2Fpasswd.json'],
    ['an unknown article', 'a=no-such-article'],
  ];
  for (const [what, query] of hostile) {
    test(`given ${what} in the URL, when the app opens, then it falls back to defaults with a notice`, async ({ page }) => {
      const dialogs: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      const app = await openApp(page, `?${query}`);
      const total = (await loadBundle(page)).claims.length;
      await expect(page.getByTestId('app-error')).toHaveCount(0);
      await expect(app.notice).toBeVisible();
      await expect(app.count).toHaveText(`${total} of ${total} claims`);
      await expect(app.panel).toBeHidden();
      const view = await app.mapView();
      expect(Number.isFinite(view.zoom) && Number.isFinite(view.lat) && Number.isFinite(view.lon)).toBe(true);
      expect(await page.locator('img[src="x"], b:text-is("Nobody")').count()).toBe(0);
      expect(dialogs).toEqual([]);
      // The notice goes away when the user dismisses it.
      await app.notice.getByRole('button').first().click();
      await expect(app.notice).toBeHidden();
    });
  }
});
