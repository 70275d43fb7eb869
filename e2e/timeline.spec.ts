import { drawnClaimIds, expect, loadBundle, openApp, test, type Atlas } from './driver';

/** What the map must draw: the visible claims that have a geometry, and nothing else. */
async function expectMapToDrawVisibleClaims(app: Atlas): Promise<string[]> {
  const drawn = drawnClaimIds(await loadBundle(app.page));
  const visible = await app.visibleClaimIds();
  const { shown } = await app.claimCount();
  expect(visible.length, '"N of M claims" counts the visible claims').toBe(shown);
  await expect.poll(() => app.renderedClaimIds()).toEqual(visible.filter((id) => drawn.has(id)));
  return visible;
}

test.describe('the timeline', () => {
  test('given the full window, then the count reads M of M claims', async ({ page }) => {
    const app = await openApp(page);
    const total = (await loadBundle(page)).claims.length;
    await expect(app.count).toHaveText(`${total} of ${total} claims`);
    const start = await app.handleRange('start');
    expect(start.now).toBe(start.min);
    expect(start.text).not.toBe('');
  });

  test('given the full window, when the user drags the start handle right with the mouse, then fewer claims are counted and drawn', async ({
    page,
  }) => {
    const app = await openApp(page);
    const before = await expectMapToDrawVisibleClaims(app);
    const startValue = await app.handleValue('start');
    const startBox = (await app.handle('start').boundingBox())!;
    const endBox = (await app.handle('end').boundingBox())!;
    await app.dragTimelineHandle('start', (endBox.x - startBox.x) * 0.75);
    await expect.poll(() => app.handleValue('start')).toBeGreaterThan(startValue);
    await expect.poll(async () => (await app.claimCount()).shown).toBeLessThan(before.length);
    const after = await expectMapToDrawVisibleClaims(app);
    expect(after).not.toEqual(before);
    // The May claims are gone, the ones of publication day remain.
    expect(after).not.toContain('taliban-offensive-may');
    expect(after).toContain('is-units-moving-shoigu');
  });

  test('given the full window, when the user drags the end handle left, then later claims disappear', async ({ page }) => {
    const app = await openApp(page);
    const before = await app.visibleClaimIds();
    const startBox = (await app.handle('start').boundingBox())!;
    const endBox = (await app.handle('end').boundingBox())!;
    await app.dragTimelineHandle('end', -(endBox.x - startBox.x) * 0.5);
    await expect.poll(async () => (await app.claimCount()).shown).toBeLessThan(before.length);
    const after = await expectMapToDrawVisibleClaims(app);
    expect(after).toContain('taliban-offensive-may');
    expect(after).not.toContain('joint-exercise-tajik-afghan-border');
  });

  test('given the start handle focused, when the user presses arrows, Page Up, End and Home, then the window and the count follow', async ({
    page,
  }) => {
    const app = await openApp(page);
    const total = (await app.claimCount()).total;
    const v0 = await app.handleValue('start');

    await app.pressOnHandle('start', 'ArrowRight');
    await expect.poll(() => app.handleValue('start')).toBeGreaterThan(v0);
    const arrowStep = (await app.handleValue('start')) - v0;
    await app.pressOnHandle('start', 'ArrowLeft');
    await expect.poll(() => app.handleValue('start')).toBe(v0);

    await app.pressOnHandle('start', 'PageUp');
    await expect.poll(() => app.handleValue('start')).toBeGreaterThan(v0 + arrowStep);
    await app.pressOnHandle('start', 'PageDown');
    await expect.poll(() => app.handleValue('start')).toBe(v0);

    await app.pressOnHandle('start', 'End');
    await expect.poll(async () => (await app.claimCount()).shown).toBeLessThan(total);
    const late = await expectMapToDrawVisibleClaims(app);
    expect(late).not.toContain('taliban-offensive-may');

    await app.pressOnHandle('start', 'Home');
    await expect.poll(() => app.handleValue('start')).toBe(v0);
    await expect(app.count).toHaveText(`${total} of ${total} claims`);
    await expectMapToDrawVisibleClaims(app);
  });

  test('given the end handle focused, when the user presses Home, then only the earliest claims remain', async ({ page }) => {
    const app = await openApp(page);
    const { total } = await app.claimCount();
    const end = await app.handleRange('end');
    expect(end.now).toBe(end.max);
    await app.pressOnHandle('end', 'Home');
    await expect.poll(() => app.handleValue('end')).toBeLessThan(end.max);
    await expect.poll(async () => (await app.claimCount()).shown).toBeLessThan(total);
    const early = await expectMapToDrawVisibleClaims(app);
    expect(early).not.toContain('is-units-moving-shoigu');
    await expect(app.handle('end')).not.toHaveAttribute('aria-valuetext', end.text);
  });

  test('given the timeline, when the user presses play, then the window advances and pause stops it', async ({ page }) => {
    const app = await openApp(page);
    const play = page.getByTestId('timeline-play');
    const window0 = [await app.handleValue('start'), await app.handleValue('end')];
    await play.click();
    await expect
      .poll(async () => [await app.handleValue('start'), await app.handleValue('end')], { timeout: 10_000 })
      .not.toEqual(window0);
    const s1 = await app.handleValue('start');
    await expect.poll(() => app.handleValue('start'), { timeout: 10_000 }).toBeGreaterThan(s1);
    await play.click();
    // Paused: the window holds still.
    const held = [await app.handleValue('start'), await app.handleValue('end')];
    await page.waitForTimeout(1200);
    expect([await app.handleValue('start'), await app.handleValue('end')]).toEqual(held);
    await expectMapToDrawVisibleClaims(app);
  });
});
