import { PHONE, expect, openApp, test } from './driver';

test.describe('accessibility', () => {
  test('given the desktop view, then axe finds no serious or critical violation', async ({ page }) => {
    const app = await openApp(page);
    expect(await app.seriousAccessibilityViolations()).toEqual([]);
  });

  test('given the detail panel open, then axe finds no serious or critical violation', async ({ page }) => {
    const app = await openApp(page, '?claim=taliban-claims-90-percent-borders');
    await expect(app.panel).toBeVisible();
    expect(await app.seriousAccessibilityViolations()).toEqual([]);
  });

  test('given a phone, then axe finds no serious or critical violation in any sheet tab', async ({ page }) => {
    await page.setViewportSize(PHONE);
    const app = await openApp(page, '?claim=blinken-concern-delhi');
    for (const tab of ['Article', 'Claims', 'Detail'] as const) {
      await app.sheetTab(tab).click();
      expect(await app.seriousAccessibilityViolations(), `sheet tab ${tab}`).toEqual([]);
    }
  });
});

test.describe('keyboard', () => {
  test('given the app, when the user presses Tab, then focus reaches reader spans, the list, the timeline and the filters, visibly', async ({
    page,
  }) => {
    const app = await openApp(page);
    const reached = new Set<string>();
    const unseenFocus: string[] = [];
    await page.locator('body').focus();
    for (let i = 0; i < 250 && reached.size < 4; i++) {
      await page.keyboard.press('Tab');
      const f = await app.focused();
      let what: string | null = null;
      if (f.claimId && f.within.includes('article-reader')) what = 'reader span';
      else if (f.testid === 'claim-list-item' || (f.claimId && f.within.includes('claim-list'))) what = 'list item';
      else if (f.testid === 'timeline-handle-start' || f.testid === 'timeline-handle-end') what = 'timeline handle';
      else if (f.within.includes('filter-kinds') || f.within.includes('filter-by')) what = 'filter';
      if (what && !reached.has(what)) {
        reached.add(what);
        if (!(await app.focusIsVisible())) unseenFocus.push(what);
      }
    }
    expect([...reached].sort()).toEqual(['filter', 'list item', 'reader span', 'timeline handle']);
    expect(unseenFocus, 'elements focused without a visible focus indicator').toEqual([]);
  });

  test('given a list item focused, when the user presses Enter then Escape, then the panel opens and closes and focus returns', async ({
    page,
  }) => {
    const app = await openApp(page);
    const item = app.listItem('russia-assistance-if-threatened');
    await item.focus();
    await page.keyboard.press('Enter');
    await expect(app.panel).toBeVisible();
    await expect.poll(async () => (await app.focused()).within).toContain('claim-panel');
    await page.keyboard.press('Escape');
    await expect(app.panel).toBeHidden();
    await expect(item).toBeFocused();
  });

  test('given a reader span focused, when the user presses Enter, then that claim opens', async ({ page }) => {
    const app = await openApp(page);
    const span = app.readerSpans('tajikistan-mobilizes-20000-reservists').first();
    await span.focus();
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await app.urlParams()).claim).toBe('tajikistan-mobilizes-20000-reservists');
    await expect(app.panel).toBeVisible();
  });

  test('given the claim list focused, when the user presses arrow keys, then focus moves between claims', async ({ page }) => {
    const app = await openApp(page);
    const first = page.locator('[data-testid="claim-list-item"]').first();
    await first.focus();
    const firstId = await first.getAttribute('data-claim-id');
    await page.keyboard.press('ArrowDown');
    await expect.poll(async () => (await app.focused()).claimId).not.toBe(firstId);
    expect((await app.focused()).testid).toBe('claim-list-item');
  });
});
