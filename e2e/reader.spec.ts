import { articleSlice, claimById, expect, loadBundle, openApp, test } from './driver';

test.describe('the article reader and the claim list', () => {
  test('given the reader, then it shows the whole article with every claim highlighted', async ({ page }) => {
    const app = await openApp(page);
    const bundle = await loadBundle(page);
    await expect(app.reader).toBeVisible();
    // Rendered as text: the reader's words are the article's words (whitespace aside).
    const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
    expect(squash((await app.reader.textContent()) ?? '')).toContain(squash(bundle.article.text.slice(0, 400)));
    for (const claim of bundle.claims) {
      await expect(app.readerSpans(claim.id).first(), `span of ${claim.id}`).toBeAttached();
      // Nested claims share words, so compare containment rather than equality for the joined text.
      expect(articleSlice(claim)).toContain((await app.readerSpans(claim.id).first().textContent()) ?? '<none>');
    }
  });

  test('given a claim in the text, when the user clicks its words, then it is selected, the panel opens and the map flies to it', async ({
    page,
  }) => {
    const app = await openApp(page);
    const claim = claimById(await loadBundle(page), 'blinken-concern-delhi');
    const before = await app.mapView();
    await app.readerSpans(claim.id).first().click();
    await expect.poll(async () => (await app.urlParams()).claim).toBe(claim.id);
    expect(await app.panelQuote()).toBe(articleSlice(claim));
    await expect
      .poll(async () => {
        const now = await app.mapView();
        return Math.abs(now.zoom - before.zoom) > 0.25 || Math.hypot(now.lat - before.lat, now.lon - before.lon) > 0.5;
      })
      .toBe(true);
    // It flies towards Delhi (77.2 E, 28.6 N), not just anywhere.
    await app.whenMapIdle();
    const after = await app.mapView();
    expect(Math.hypot(after.lat - 28.6, after.lon - 77.2)).toBeLessThan(Math.hypot(before.lat - 28.6, before.lon - 77.2));
  });

  test('given the reader scrolled to the top, when the user selects a late claim on the map, then its words scroll into view', async ({
    page,
  }) => {
    const app = await openApp(page);
    const bundle = await loadBundle(page);
    const late = [...bundle.claims]
      .filter((c) => c.geometry.features.length > 0)
      .sort((a, b) => b.quote.start - a.quote.start)[0]!;
    const span = app.readerSpans(late.id).first();
    await span.evaluate((el) => {
      for (let p = el.parentElement; p; p = p.parentElement) {
        if (p.scrollHeight > p.clientHeight + 1 && getComputedStyle(p).overflowY !== 'visible') p.scrollTop = 0;
      }
      window.scrollTo(0, 0);
    });
    await expect(span, 'the reader is too tall to test scrolling').not.toBeInViewport();
    await app.clickClaimOnMap(late.id);
    await expect(span).toBeInViewport();
  });

  test('given the claim list, when the user clicks an item, then the panel shows that claim', async ({ page }) => {
    const app = await openApp(page);
    const claim = claimById(await loadBundle(page), 'tajikistan-mobilizes-20000-reservists');
    await app.listItem(claim.id).click();
    expect(await app.panelQuote()).toBe(articleSlice(claim));
    await expect(app.panel.getByTestId('claim-when')).toContainText(/Jul/);
    await expect(app.panel.getByTestId('claim-speaker')).toContainText(/Tajikistan/);
  });

  test('given the claim list, when the user types in its filter, then only matching claims are listed', async ({ page }) => {
    const app = await openApp(page);
    const bundle = await loadBundle(page);
    await page.getByTestId('claim-filter-text').fill('Blinken');
    const expected = bundle.claims
      .filter((c) => /blinken/i.test(`${c.summary} ${c.quote.text} ${c.saidBy?.name ?? ''}`))
      .map((c) => c.id)
      .sort();
    expect(expected.length).toBe(2);
    await expect.poll(() => app.listedClaimIds()).toEqual(expected);
    // The list's heading counts the matches against every claim the filters and the window show.
    await expect(page.locator('section.claims .pane-sub')).toHaveText(`2 of ${bundle.claims.length} match`);
  });

  test('given a selected claim, then the panel shows its time phrase with the resolved interval', async ({ page }) => {
    const app = await openApp(page);
    const claim = claimById(await loadBundle(page), 'joint-exercise-tajik-afghan-border');
    await app.listItem(claim.id).click();
    const when = app.panel.getByTestId('claim-when');
    await expect(when).toContainText('next week');
    // next week of 28 July 2021 = the ISO week 2–8 August 2021.
    await expect(when).toContainText(/2\D.*8\s*Aug|Aug(ust)?\s*2\D.*8/);
    await expect(when).toContainText(/week/i);
  });
});
