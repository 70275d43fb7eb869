import { expect, noWebglLaunchOptions, openApp, test } from './driver';
import { expectEverythingButTheMapWorks } from './no-webgl-steps';

// A browser launched without WebGL: needs its own worker, hence its own file.
test.use({ launchOptions: noWebglLaunchOptions });

test.describe('without WebGL (browser started with --disable-webgl --disable-3d-apis)', () => {
  test('given no WebGL at all, when the app opens, then a message says the map cannot be drawn and the rest works', async ({
    page,
  }) => {
    expect(await page.evaluate(() => document.createElement('canvas').getContext('webgl2'))).toBeNull();
    const app = await openApp(page);
    await expectEverythingButTheMapWorks(app);
  });
});
