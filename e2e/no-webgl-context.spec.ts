import { disableWebglInPage, openApp, test } from './driver';
import { expectEverythingButTheMapWorks } from './no-webgl-steps';

test.describe('without WebGL (getContext refuses webgl/webgl2)', () => {
  test('given WebGL contexts refused, when the app opens, then a message says the map cannot be drawn and the rest works', async ({
    page,
  }) => {
    await disableWebglInPage(page);
    const app = await openApp(page);
    await expectEverythingButTheMapWorks(app);
  });
});
