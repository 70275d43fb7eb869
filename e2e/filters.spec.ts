import { drawnClaimIds, expect, loadBundle, openApp, test } from './driver';
import type { Claim } from '../src/domain/types';

function isBy(claim: Claim, name: string): boolean {
  return claim.saidBy?.name === name || claim.saidBy?.organisation === name || claim.reportedBy.includes(name);
}

test.describe('filters', () => {
  test('given all kinds shown, when the user unticks "movement", then movement claims leave the count, the list and the map', async ({
    page,
  }) => {
    const app = await openApp(page);
    const bundle = await loadBundle(page);
    const total = bundle.claims.length;
    const movement = bundle.claims.filter((c) => c.kind === 'movement').map((c) => c.id);
    expect(movement.length).toBeGreaterThan(0);

    const box = app.kindCheckbox('movement');
    await expect(box).toBeChecked();
    await box.uncheck();

    await expect(app.count).toHaveText(`${total - movement.length} of ${total} claims`);
    const listed = await app.listedClaimIds();
    for (const id of movement) expect(listed).not.toContain(id);
    const expected = bundle.claims.filter((c) => c.kind !== 'movement').map((c) => c.id);
    expect(listed).toEqual([...expected].sort());
    const drawn = drawnClaimIds(bundle);
    await expect.poll(() => app.renderedClaimIds()).toEqual(expected.filter((id) => drawn.has(id)).sort());
    await expect.poll(async () => (await app.urlParams()).kinds ?? '').not.toBe('');
    expect((await app.urlParams()).kinds!.split(',')).not.toContain('movement');
  });

  test('given all claims, when the user picks the speaker Sergei Shoigu, then only his claims remain', async ({ page }) => {
    const app = await openApp(page);
    const bundle = await loadBundle(page);
    const total = bundle.claims.length;
    const his = bundle.claims.filter((c) => isBy(c, 'Sergei Shoigu')).map((c) => c.id);
    expect(his.length).toBeGreaterThan(2);
    await app.filterBy('Sergei Shoigu');
    await expect(app.count).toHaveText(`${his.length} of ${total} claims`);
    expect(await app.listedClaimIds()).toEqual([...his].sort());
    await expect.poll(async () => (await app.urlParams()).by).toBe('Sergei Shoigu');
  });

  test('given all claims, when the user picks the outlet AFP, then only claims AFP reported remain', async ({ page }) => {
    const app = await openApp(page);
    const bundle = await loadBundle(page);
    const total = bundle.claims.length;
    const afp = bundle.claims.filter((c) => isBy(c, 'AFP')).map((c) => c.id);
    expect(afp.length).toBeGreaterThan(0);
    await app.filterBy('AFP');
    await expect(app.count).toHaveText(`${afp.length} of ${total} claims`);
    expect(await app.listedClaimIds()).toEqual([...afp].sort());
    const drawn = drawnClaimIds(bundle);
    await expect.poll(() => app.renderedClaimIds()).toEqual(afp.filter((id) => drawn.has(id)).sort());
  });

  test('given a kind and a speaker filtered out, when the user presses reset, then every claim is back', async ({ page }) => {
    const app = await openApp(page);
    const total = (await loadBundle(page)).claims.length;
    await app.kindCheckbox('statement').uncheck();
    await app.filterBy('Sergei Shoigu');
    await expect(app.count).not.toHaveText(`${total} of ${total} claims`);
    await page.getByTestId('filters-reset').click();
    await expect(app.count).toHaveText(`${total} of ${total} claims`);
    await expect(app.kindCheckbox('statement')).toBeChecked();
    await expect.poll(async () => {
      const p = await app.urlParams();
      return [p.kinds ?? null, p.by ?? null];
    }).toEqual([null, null]);
    expect(await app.listedClaimIds()).toHaveLength(total);
  });
});
