import { SEED_SLUG, expect, openApp, test } from './driver';
import { HOSTILE_QUOTE, recordCspViolations, serveHostileBundle, ShareSteps } from './driver-share';

const CLAIM = 'is-fighters-syria-libya-to-afghanistan';
type Pwned = Window & { __pwned?: unknown };

test.describe('hostile article text is shown, never run', () => {
  test('given an article with <script>, <img onerror> and javascript: links, when it is read, then the text shows literally and nothing runs', async ({
    page,
  }) => {
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await serveHostileBundle(page, CLAIM);
    const app = await openApp(page, `?claim=${CLAIM}`);

    // The quote in the panel and the reader's highlight are the characters of the article, tags and all.
    expect(await app.panelQuote()).toBe(HOSTILE_QUOTE);
    expect(await app.readerSpanText(CLAIM)).toBe(HOSTILE_QUOTE);
    await expect(app.reader).toContainText('<svg onload="window.__pwned=1"></svg>');
    await expect(app.panel.locator('h2')).toContainText('<img src=x onerror="window.__pwned=1"> ');
    await expect(app.list).toContainText('<img src=x onerror="window.__pwned=1"> ');
    await expect(app.panel).toContainText('<a href="javascript:window.__pwned=1">note link</a>');
    await expect(app.panel.getByTestId('claim-speaker')).toContainText('<b onmouseover="window.__pwned=1">Speaker</b>');
    await expect(page.locator('header h1')).toContainText('Hostile <script>alert(1)</script>');

    // No element came out of the data: no script, img, iframe, link or event-handler attribute in the app.
    const injected = await page.evaluate(() => {
      const root = document.getElementById('root')!;
      return {
        scripts: root.querySelectorAll('script').length,
        imgs: root.querySelectorAll('img').length,
        iframes: root.querySelectorAll('iframe').length,
        jsLinks: root.querySelectorAll('a[href^="javascript:" i]').length,
        handlers: [...root.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => a.name.startsWith('on'))).length,
      };
    });
    expect(injected).toEqual({ scripts: 0, imgs: 0, iframes: 0, jsLinks: 0, handlers: 0 });

    // Clicking the words that look like a link only selects the claim.
    await app.readerSpans(CLAIM).first().click();
    await app.reader.getByText('read more').first().click();
    expect(await page.evaluate(() => (window as Pwned).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(page.url()).toContain('localhost');
  });

  test('given a hostile claim, when its map tooltip shows, then its summary is text', async ({ page }) => {
    await serveHostileBundle(page, CLAIM);
    const app = await openApp(page);
    test.skip(!(await app.hasMap()), 'needs WebGL');
    const pt = await app.claimScreenPoint(CLAIM);
    await page.mouse.move(pt.x, pt.y);
    const tooltip = page.locator('.map-tooltip');
    await expect(tooltip).toBeVisible();
    await expect(tooltip).toContainText('<img src=x onerror="window.__pwned=1"> ');
    expect(await tooltip.locator('img').count()).toBe(0);
    expect(await page.evaluate(() => (window as Pwned).__pwned)).toBeUndefined();
  });

  test('given markup in URL values, when the link opens, then the notice shows it as text', async ({ page }) => {
    const app = await openApp(page, `?by=${encodeURIComponent('<img src=x onerror="window.__pwned=1">')}&claim=${encodeURIComponent('"><script>alert(1)</script>')}`);
    await expect(app.notice).toContainText('<img src=x onerror=');
    await expect(app.notice).toContainText('<script>alert(1)</script>');
    expect(await app.notice.locator('img, script').count()).toBe(0);
    expect(await page.evaluate(() => (window as Pwned).__pwned)).toBeUndefined();
  });

  test('given a hostile title, when the embed code is made, then the title is escaped inside the attribute', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await serveHostileBundle(page, CLAIM);
    const app = await openApp(page);
    const code = await new ShareSteps(app).embedCode();
    // One element, one title attribute: the title's quotes and brackets cannot break out of it.
    expect(code).toMatch(/^<iframe src="[^"<>]*" title="Claim Atlas: Hostile &lt;script&gt;alert\(1\)&lt;\/script&gt; &lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;" [^<>]*><\/iframe>$/);
    const parsed = await page.evaluate((html) => {
      const doc = new DOMParser().parseFromString(html, 'text/html');
      return { elements: doc.body.querySelectorAll('*').length, title: doc.querySelector('iframe')?.getAttribute('title') };
    }, code);
    expect(parsed.elements).toBe(1);
    expect(parsed.title).toContain('<script>alert(1)</script>');
  });
});

test.describe('Content-Security-Policy of the built app', () => {
  test('given the built index.html, then it carries a strict policy before any script', async ({ request }) => {
    const html = await (await request.get('/')).text();
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html);
    expect(meta, 'CSP <meta> in index.html').not.toBeNull();
    const policy = meta![1]!.replace(/&#39;|&apos;/g, "'");
    const directives = Object.fromEntries(
      policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]),
    );
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['style-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['base-uri']).toEqual(["'none'"]);
    expect(directives['form-action']).toEqual(["'none'"]);
    expect(directives['connect-src']?.[0]).toBe("'self'");
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    // A <meta> policy only covers what follows it: it must come before the first script and stylesheet.
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.search(/<script|<link rel="stylesheet"/));
  });

  test('given the policy, when script is injected into the page, then the browser refuses to run it', async ({ page }) => {
    const violations = await recordCspViolations(page);
    await openApp(page);
    const ran = await page.evaluate(async () => {
      const w = window as Pwned;
      const host = document.createElement('div');
      host.innerHTML = '<img src="data:," onerror="window.__pwned=\'handler\'">';
      document.body.append(host);
      const s = document.createElement('script');
      s.textContent = "window.__pwned = 'inline'";
      document.body.append(s);
      // A string timer is eval: it runs (or is refused) in the page, under the page's policy.
      (setTimeout as unknown as (code: string, ms: number) => void)("window.__pwned = 'eval'", 0);
      await new Promise((r) => setTimeout(r, 300));
      host.remove();
      s.remove();
      return w.__pwned ?? null;
    });
    expect(ran).toBeNull();
    const seen = await violations();
    expect(seen.some((v) => v.startsWith('script-src'))).toBe(true);
  });

  test('given a normal session, when a user explores, shares and exports, then no CSP violation happens', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const violations = await recordCspViolations(page);
    const app = await openApp(page, `?a=${SEED_SLUG}`);
    if (await app.hasMap()) {
      await app.clickClaimOnMap(CLAIM);
      await app.dragMap(-80, 40);
    } else {
      await app.listItem(CLAIM).click();
    }
    await app.pressOnHandle('start', 'PageUp');
    const share = new ShareSteps(app);
    await share.copyViewLink();
    await share.download('export-csv');
    await share.download('export-geojson');
    if (await app.hasMap()) await share.download('export-png');
    await share.embedCode();
    await page.keyboard.press('Escape');
    await app.whenMapIdle();
    expect(await violations()).toEqual([]);
  });
});
