import type { Page } from '@playwright/test';
import { Atlas, SEED_SLUG, articleSlice, claimById, disableWebglInPage, expect, loadBundle, openApp, test } from './driver';
import { ShareSteps, decodePng, parseCsv, pngSize } from './driver-share';

const FLOW = 'is-fighters-syria-libya-to-afghanistan';
const BORDER = 'joint-exercise-tajik-afghan-border';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

/** Narrow the view: a claim open, the window pulled in from both ends, one kind switched off. */
async function narrowTheView(page: Page) {
  const app = await openApp(page);
  await app.listItem(BORDER).click();
  await expect(app.panel).toBeVisible();
  await app.pressOnHandle('start', 'PageUp');
  await app.pressOnHandle('end', 'PageDown');
  await app.kindCheckbox('threat').uncheck();
  await app.settledUrlParams();
  return app;
}

test.describe('sharing a view', () => {
  test('given a narrowed view, when the user copies its link and opens it elsewhere, then the same view shows', async ({ page, context }) => {
    const app = await narrowTheView(page);
    const before = {
      count: await app.count.textContent(),
      visible: await app.visibleClaimIds(),
      quote: await app.panelQuote(),
      start: await app.handle('start').getAttribute('aria-valuetext'),
      end: await app.handle('end').getAttribute('aria-valuetext'),
    };
    const link = await new ShareSteps(app).copyViewLink();
    expect(new URL(link).searchParams.get('claim')).toBe(BORDER);
    expect(new URL(link).searchParams.get('kinds')).not.toContain('threat');

    const other = await context.newPage();
    await other.goto(link);
    const again = new Atlas(other);
    await again.waitUntilReady();
    expect({
      count: await again.count.textContent(),
      visible: await again.visibleClaimIds(),
      quote: await again.panelQuote(),
      start: await again.handle('start').getAttribute('aria-valuetext'),
      end: await again.handle('end').getAttribute('aria-valuetext'),
    }).toEqual(before);
    await expect(again.notice).toBeHidden();
  });

  test('given an open claim, when the user copies its permalink, then the link opens the app on that claim', async ({ page, context }) => {
    const app = await openApp(page, '?from=2021-07-27&to=2021-07-29');
    await app.listItem(FLOW).click();
    await page.getByTestId('claim-permalink').click();
    await expect(page.getByTestId('claim-permalink-status')).toHaveText(/copied/i);
    const link = await new ShareSteps(app).clipboard();
    // A permalink names the article and the claim only, so it still works when filters change.
    expect(Object.fromEntries(new URL(link).searchParams)).toEqual({ a: SEED_SLUG, claim: FLOW });

    const other = await context.newPage();
    await other.goto(link);
    const again = new Atlas(other);
    await again.waitUntilReady();
    const bundle = await loadBundle(other);
    expect(await again.panelQuote()).toBe(articleSlice(claimById(bundle, FLOW)));
  });

  test('given the share menu, when it is used by keyboard, then focus moves in, Escape closes it and focus returns', async ({ page }) => {
    const app = await openApp(page);
    const share = new ShareSteps(app);
    await share.button.focus();
    await page.keyboard.press('Enter');
    await expect(share.panel).toBeVisible();
    await expect(share.button).toHaveAttribute('aria-expanded', 'true');
    await expect(page.getByTestId('share-copy-view')).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByTestId('export-geojson')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(share.panel).toBeHidden();
    await expect(share.button).toBeFocused();

    // The embed dialog: modal, Escape closes it and hands focus back to the item that opened it.
    await page.keyboard.press('Enter');
    await page.getByTestId('share-embed').focus();
    await page.keyboard.press('Enter');
    await expect(share.embedDialog).toBeVisible();
    await expect(page.locator('dialog[open]')).toHaveCount(1);
    await page.keyboard.press('Escape');
    await expect(share.embedDialog).toBeHidden();
    await expect(page.getByTestId('share-embed')).toBeFocused();
  });
  test('given the share panel and the embed dialog open, then axe finds no serious or critical violation', async ({ page }) => {
    const app = await openApp(page);
    const share = new ShareSteps(app);
    await share.open();
    expect(await app.seriousAccessibilityViolations()).toEqual([]);
    await share.embedCode();
    expect(await app.seriousAccessibilityViolations()).toEqual([]);
  });
});

test.describe('exporting the claims in view', () => {
  test('given a narrowed view, when the user downloads GeoJSON, then it holds exactly the claims shown, with geometry and fields', async ({
    page,
  }) => {
    const app = await narrowTheView(page);
    const visible = await app.visibleClaimIds();
    const bundle = await loadBundle(page);
    const file = await new ShareSteps(app).download('export-geojson');
    expect(file.name).toMatch(new RegExp(`^claims-${SEED_SLUG}-\\d{4}-\\d{2}-\\d{2}_\\d{4}-\\d{2}-\\d{2}\\.geojson$`));
    const fc = JSON.parse(file.text) as {
      type: string;
      features: { id: string; geometry: { type: string; coordinates: unknown } | null; properties: Record<string, unknown> }[];
      claimAtlas: { window: { from: string; to: string } | null; claimCount: number; view: string };
    };
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features.map((f) => f.id).sort()).toEqual(visible);
    expect(fc.claimAtlas.claimCount).toBe(visible.length);
    expect(fc.claimAtlas.window).toEqual({ from: (await app.urlParams()).from, to: (await app.urlParams()).to });
    for (const f of fc.features) {
      const claim = claimById(bundle, f.id);
      expect(f.properties['quote']).toBe(articleSlice(claim));
      expect(f.properties['when_start']).toBe(claim.when.start);
      expect(f.properties['kind']).toBe(claim.kind);
      expect(f.geometry).not.toBeNull();
    }
    const border = fc.features.find((f) => f.id === BORDER)!;
    expect(border.geometry!.type).toMatch(/LineString$/);
    expect(border.properties['participant_places']).toMatch(/Russia/);
  });

  test('given a claim with two arcs, when exported as GeoJSON, then it is one feature with a MultiLineString', async ({ page }) => {
    const app = await openApp(page);
    const file = await new ShareSteps(app).download('export-geojson');
    const fc = JSON.parse(file.text) as { features: { id: string; geometry: { type: string; coordinates: number[][][] } }[] };
    const flow = fc.features.find((f) => f.id === FLOW)!;
    expect(flow.geometry.type).toBe('MultiLineString');
    expect(flow.geometry.coordinates).toHaveLength(2);
    for (const line of flow.geometry.coordinates) for (const [lon] of line) expect(Math.abs(lon!)).toBeLessThanOrEqual(180);
  });

  test('given a narrowed view, when the user downloads CSV, then one row per claim shown with places and dates in columns', async ({ page }) => {
    const app = await narrowTheView(page);
    const visible = await app.visibleClaimIds();
    const bundle = await loadBundle(page);
    const file = await new ShareSteps(app).download('export-csv');
    expect(file.name).toMatch(/\.csv$/);
    expect(file.text.startsWith('\uFEFF')).toBe(true);
    expect(file.text).toContain('\r\n');
    const [header, ...rows] = parseCsv(file.text);
    for (const column of ['id', 'quote', 'when_start', 'when_end_exclusive', 'when_last_day', 'origin_places', 'destination_places', 'places']) {
      expect(header).toContain(column);
    }
    const col = (name: string) => header!.indexOf(name);
    expect(rows.map((r) => r[col('id')]).sort()).toEqual(visible);
    for (const row of rows) {
      expect(row).toHaveLength(header!.length);
      const claim = claimById(bundle, row[col('id')]!);
      expect(row[col('quote')]).toBe(articleSlice(claim));
      expect(row[col('when_start')]).toBe(claim.when.start);
    }
  });

  test('given the map, when the user downloads a PNG, then it is the map with a title band and credits', async ({ page }) => {
    const app = await openApp(page);
    test.skip(!(await app.hasMap()), 'needs WebGL');
    const file = await new ShareSteps(app).download('export-png');
    expect(file.name).toBe(`map-${SEED_SLUG}.png`);
    const size = pngSize(file.bytes);
    const canvas = await page.evaluate(() => {
      const c = (window as unknown as { claimAtlas: { map: { getCanvas(): HTMLCanvasElement } } }).claimAtlas.map.getCanvas();
      return { width: c.width, height: c.height };
    });
    expect(size.width).toBe(canvas.width);
    // Title, window line, legend and credits add a band above and below the map.
    expect(size.height).toBeGreaterThan(canvas.height + 100);
    // The map part is a real picture, not a blank (cleared) buffer: many distinct colours.
    const png = await decodePng(page, file.bytes);
    const seen = new Set<number>();
    const top = Math.floor(size.height / 2) - 20;
    for (let i = top * png.width * 4; i < (top + 40) * png.width * 4; i += 4 * 97) seen.add((png.rgba[i]! << 16) | (png.rgba[i + 1]! << 8) | png.rgba[i + 2]!);
    const colours = seen.size;
    expect(colours).toBeGreaterThan(20);
    await expect(new ShareSteps(app).status).toHaveText(/saved/i);
  });

  test('given a browser without WebGL, then data exports still work and the picture says why it is unavailable', async ({ page }) => {
    await disableWebglInPage(page);
    const app = await openApp(page);
    await expect(page.getByTestId('map-message')).toBeVisible();
    const share = new ShareSteps(app);
    const csv = await share.download('export-csv');
    expect(csv.text.split('\r\n').filter(Boolean)).toHaveLength((await loadBundle(page)).claims.length + 1);
    await expect(page.getByTestId('export-png')).toBeDisabled();
    await expect(share.panel).toContainText('the map cannot be drawn');
  });
});
