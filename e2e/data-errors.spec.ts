import { SEED_SLUG, expect, openApp, test } from './driver';

test.describe('when data cannot be loaded', () => {
  test('given data/index.json is missing, when the app opens, then an error names the file', async ({ page }) => {
    await page.route('**/data/index.json', (route) => route.fulfill({ status: 404, body: 'Not found' }));
    await openApp(page, '', { expect: 'error' });
    const error = page.getByTestId('app-error');
    await expect(error).toContainText('index.json');
    await expect(error).toContainText(/404|not found|missing/i);
    await expect(page.getByTestId('claim-panel')).toHaveCount(0);
  });

  test('given the article bundle is not valid JSON, when the app opens, then an error names the file', async ({ page }) => {
    await page.route(`**/data/articles/${SEED_SLUG}.json`, (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: '{"format": 1, "article": {' }),
    );
    await openApp(page, '', { expect: 'error' });
    const error = page.getByTestId('app-error');
    await expect(error).toContainText(`${SEED_SLUG}.json`);
    await expect(error).toContainText(/JSON/i);
  });

  test('given a bundle whose claim lacks a quote, when the app opens, then the error names the file and the field', async ({
    page,
  }) => {
    await page.route(`**/data/articles/${SEED_SLUG}.json`, async (route) => {
      const response = await route.fetch();
      const bundle = (await response.json()) as { claims: { quote?: unknown }[] };
      delete bundle.claims[0]!.quote;
      await route.fulfill({ response, body: JSON.stringify(bundle) });
    });
    await openApp(page, '', { expect: 'error' });
    const error = page.getByTestId('app-error');
    await expect(error).toContainText(`${SEED_SLUG}.json`);
    await expect(error).toContainText(/quote/);
  });

  test('given the index is valid but its article file is missing, when the app opens, then the error names that file', async ({
    page,
  }) => {
    await page.route(`**/data/articles/${SEED_SLUG}.json`, (route) => route.fulfill({ status: 404, body: '' }));
    await openApp(page, '', { expect: 'error' });
    await expect(page.getByTestId('app-error')).toContainText(`${SEED_SLUG}.json`);
  });
});
