import { articleSlice, claimById, expect, loadBundle, type Atlas } from './driver';

/** Everything but the map still works: reader, list, detail panel, timeline. */
export async function expectEverythingButTheMapWorks(app: Atlas): Promise<void> {
  const { page } = app;
  await expect(page.getByTestId('map-message')).toBeVisible();
  await expect(page.getByTestId('map-message')).toContainText(/map/i);
  // Why, in plain words: no WebGL 2 (not MapLibre's own text, which sends the reader to a web page).
  await expect(page.getByTestId('map-message')).toContainText('WebGL 2 switched off or unsupported');
  await expect(page.getByTestId('map-message')).not.toContainText('http');
  await expect(page.getByTestId('app-error')).toHaveCount(0);
  expect(await app.hasMap()).toBe(false);

  const bundle = await loadBundle(page);
  const total = bundle.claims.length;
  await expect(app.reader).toContainText('Shoigu');

  const claim = claimById(bundle, 'kabul-denies-90-percent-borders');
  await app.listItem(claim.id).click();
  expect(await app.panelQuote()).toBe(articleSlice(claim));
  await app.panel.getByTestId('claim-close').click();
  await expect(app.panel).toBeHidden();

  await app.readerSpans('blinken-concern-delhi').first().click();
  expect(await app.panelQuote()).toBe(articleSlice(claimById(bundle, 'blinken-concern-delhi')));

  await expect(app.count).toHaveText(`${total} of ${total} claims`);
  await app.pressOnHandle('end', 'Home');
  await expect(app.count).not.toHaveText(`${total} of ${total} claims`);
  expect((await app.visibleClaimIds()).length).toBe((await app.claimCount()).shown);
}
