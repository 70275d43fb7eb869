import { claimById, expect, findPointClaim, loadBundle, openApp, test } from './driver';

test.describe('app smoke (H-app)', () => {
  test('given a claim on the map, when the pointer rests on it, then a tooltip names its kind and summary', async ({ page }) => {
    const app = await openApp(page);
    const claim = findPointClaim(await loadBundle(page), /Kabul/);
    const pt = await app.claimScreenPoint(claim.id);
    await page.mouse.move(pt.x, pt.y);
    const tip = page.locator('.map-tooltip');
    await expect(tip).toBeVisible();
    await expect(tip).toContainText(claim.summary);
    await expect(tip).toContainText(/territorial control/i);
  });

  test('given a claim hidden by the time window, when the user clicks where it was drawn, then nothing opens', async ({ page }) => {
    const app = await openApp(page);
    const claim = claimById(await loadBundle(page), 'blinken-concern-delhi');
    const pt = await app.claimScreenPoint(claim.id);
    // Blinken spoke on 28 July; the window ends on the earliest day of the article.
    await app.pressOnHandle('end', 'Home');
    await expect.poll(() => app.visibleClaimIds()).not.toContain(claim.id);
    await app.whenMapIdle();
    await page.mouse.click(pt.x, pt.y);
    await page.waitForTimeout(500);
    await expect(app.panel).toHaveCount(0);
    await expect(page.getByTestId('claim-chooser')).toHaveCount(0);
  });

  test('given a narrowed window, when the user drags its body, then both ends move by the same days', async ({ page }) => {
    const app = await openApp(page);
    await app.pressOnHandle('start', 'PageUp');
    await app.pressOnHandle('end', 'PageDown');
    const [s0, e0] = [await app.handleValue('start'), await app.handleValue('end')];
    const body = (await page.getByTestId('timeline-window').boundingBox())!;
    await page.mouse.move(body.x + body.width / 2, body.y + 6);
    await page.mouse.down();
    await page.mouse.move(body.x + body.width / 2 - 120, body.y + 6, { steps: 8 });
    await page.mouse.up();
    const [s1, e1] = [await app.handleValue('start'), await app.handleValue('end')];
    expect(s1).toBeLessThan(s0);
    expect(e1 - s1).toBe(e0 - s0);
  });
});
