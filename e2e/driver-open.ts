/**
 * Driver steps for "Open article" (issue 4, point 3): draft a pasted or picked article in the browser.
 * Builds on driver.ts; only this file and driver.ts know the selectors.
 */
import type { Download } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { expect, type Atlas, type Locator, type Page } from './driver';

export class OpenSteps {
  constructor(readonly app: Atlas) {}

  get page(): Page {
    return this.app.page;
  }
  get button(): Locator {
    return this.page.getByTestId('open-article');
  }
  get dialog(): Locator {
    return this.page.getByTestId('open-article-dialog');
  }
  get error(): Locator {
    return this.page.getByTestId('open-article-error');
  }
  get badge(): Locator {
    return this.page.getByTestId('draft-badge');
  }
  get switcher(): Locator {
    return this.page.getByTestId('article-switcher');
  }

  /** Picks the draft in the article switcher (listed after the published articles). */
  async chooseDraft(): Promise<void> {
    await this.switcher.selectOption('#draft');
  }

  /** Clicks a draft claim where it is drawn (a draft never reaches the URL, so the panel is the proof). */
  async clickDraftClaimOnMap(id: string): Promise<void> {
    const pt = await this.app.claimScreenPoint(id);
    await this.page.mouse.click(pt.x, pt.y);
    const choice = this.page.locator(`[data-testid="claim-chooser"] [data-claim-id="${id}"]`);
    if (await choice.isVisible()) await choice.click();
    await expect(this.app.panel).toBeVisible();
  }

  /** Drops a text file on the page, as dragging it from the desktop would. */
  async dropFile(name: string, text: string): Promise<void> {
    const data = await this.page.evaluateHandle(
      ([n, t]) => {
        const dt = new DataTransfer();
        dt.items.add(new File([t], n, { type: 'text/plain' }));
        return dt;
      },
      [name, text] as const,
    );
    await this.page.dispatchEvent('main', 'dragover', { dataTransfer: data });
    await this.page.dispatchEvent('main', 'drop', { dataTransfer: data });
    await expect(this.dialog).toBeVisible();
    await expect(this.page.getByTestId('open-article-text')).toHaveValue(text);
  }

  /** Starts recording the page's long tasks (main thread busy > 50 ms) until the draft shows. The map's
   *  camera flight afterwards is left out: in software WebGL any flight has 100–250 ms frames, with or
   *  without a draft (measured on the seed article). */
  async watchLongTasks(): Promise<void> {
    await this.page.evaluate(() => {
      const w = window as Window & { __longTasks?: { start: number; duration: number }[]; __draftShownAt?: number };
      w.__longTasks = [];
      delete w.__draftShownAt;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longTasks!.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask' });
      const mo = new MutationObserver(() => {
        if (document.querySelector('[data-testid="draft-badge"]')) {
          w.__draftShownAt = performance.now();
          mo.disconnect();
        }
      });
      mo.observe(document.body, { subtree: true, childList: true });
    });
  }

  /** Durations (ms) of the long tasks that began between watchLongTasks and the draft showing. */
  async longTasks(): Promise<number[]> {
    return this.page.evaluate(() => {
      const w = window as Window & { __longTasks?: { start: number; duration: number }[]; __draftShownAt?: number };
      const end = w.__draftShownAt ?? Infinity;
      return (w.__longTasks ?? []).filter((t) => t.start < end).map((t) => t.duration);
    });
  }

  async openDialog(): Promise<void> {
    await this.button.click();
    await expect(this.dialog).toBeVisible();
  }

  async paste(text: string): Promise<void> {
    await this.page.getByTestId('open-article-text').fill(text);
  }

  async pickFile(name: string, text: string): Promise<void> {
    await this.page.getByTestId('open-article-file').setInputFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(text, 'utf8') });
    await expect(this.page.getByTestId('open-article-text')).toHaveValue(text);
  }

  async setPublished(iso: string): Promise<void> {
    await this.page.getByTestId('open-article-date').fill(iso);
  }

  /** Presses Draft and waits until the draft is on screen (dialog closed, badge shown, map idle). */
  async draft(): Promise<void> {
    await this.page.getByTestId('open-article-draft').click();
    await expect(this.dialog).toBeHidden({ timeout: 60_000 });
    await expect(this.badge).toBeVisible();
    if (await this.app.hasMap()) await this.app.whenMapIdle();
  }

  /** The bundle the app now shows, as the store holds it. */
  async shownBundle(): Promise<{ slug: string; text: string; review: string; claims: { id: string; quote: { start: number; end: number; text: string }; confidence?: number }[] }> {
    return this.page.evaluate(() => {
      const atlas = (window as unknown as { claimAtlas: { store: { getState(): { bundle: { article: { slug: string; text: string; review: string }; claims: never[] } } } } }).claimAtlas;
      const b = atlas.store.getState().bundle;
      return { slug: b.article.slug, text: b.article.text, review: b.article.review, claims: b.claims };
    });
  }

  async download(testid: string): Promise<{ name: string; text: string }> {
    const [dl] = await Promise.all([this.page.waitForEvent('download'), this.page.getByTestId(testid).click()]);
    const d: Download = dl;
    return { name: d.suggestedFilename(), text: await readFile(await d.path(), 'utf8') };
  }
}
