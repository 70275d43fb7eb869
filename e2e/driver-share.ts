/**
 * Driver steps for sharing, exporting, embedding and hostile input (issue 6). Builds on driver.ts; the
 * only Playwright types used here come through it, plus `Download` for files the app hands over.
 */
import type { Download } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { SEED_SLUG, expect, type Atlas, type Page } from './driver';
import type { ArticleBundle } from '../src/domain/types';

export interface DownloadedFile {
  name: string;
  bytes: Buffer;
  text: string;
}

async function readDownload(download: Download): Promise<DownloadedFile> {
  const path = await download.path();
  const bytes = await readFile(path);
  return { name: download.suggestedFilename(), bytes, text: bytes.toString('utf8') };
}

export class ShareSteps {
  constructor(readonly app: Atlas) {}

  get page(): Page {
    return this.app.page;
  }
  get button() {
    return this.page.getByTestId('share-button');
  }
  get panel() {
    return this.page.getByTestId('share-panel');
  }
  get status() {
    return this.page.getByTestId('share-status');
  }
  get embedDialog() {
    return this.page.getByTestId('embed-dialog');
  }

  async open(): Promise<void> {
    if ((await this.button.getAttribute('aria-expanded')) !== 'true') await this.button.click();
    await expect(this.panel).toBeVisible();
  }

  /** Clicks an export button and returns the file the browser downloads. */
  async download(testid: 'export-geojson' | 'export-csv' | 'export-png'): Promise<DownloadedFile> {
    await this.open();
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByTestId(testid).click()]);
    return readDownload(download);
  }

  /** What the page last wrote to the clipboard (the context must grant clipboard-read). */
  async clipboard(): Promise<string> {
    return this.page.evaluate(() => navigator.clipboard.readText());
  }

  async copyViewLink(): Promise<string> {
    await this.open();
    await this.page.getByTestId('share-copy-view').click();
    await expect(this.status).toHaveText(/copied/i);
    return this.clipboard();
  }

  async embedCode(): Promise<string> {
    await this.open();
    await this.page.getByTestId('share-embed').click();
    await expect(this.embedDialog).toBeVisible();
    return this.page.getByTestId('embed-code').inputValue();
  }
}

/** A downloaded PNG's pixels (RGBA, row by row), decoded by the page's own browser. */
export interface PngPixels {
  width: number;
  height: number;
  rgba: Buffer;
  /** [r, g, b] at (x, y). */
  at(x: number, y: number): [number, number, number];
}

export async function decodePng(page: Page, bytes: Buffer): Promise<PngPixels> {
  const { width, height, b64 } = await page.evaluate(async (png) => {
    const img = new Image();
    img.src = `data:image/png;base64,${png}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const data = ctx.getImageData(0, 0, img.width, img.height).data;
    // Back to Node as base64, in slices (a spread of millions of bytes overflows the call stack).
    let bin = '';
    for (let i = 0; i < data.length; i += 0x8000) bin += String.fromCharCode(...data.subarray(i, i + 0x8000));
    return { width: img.width, height: img.height, b64: btoa(bin) };
  }, bytes.toString('base64'));
  const rgba = Buffer.from(b64, 'base64');
  return {
    width,
    height,
    rgba,
    at: (x, y) => {
      const i = (y * width + x) * 4;
      return [rgba[i]!, rgba[i + 1]!, rgba[i + 2]!];
    },
  };
}

/** Width and height from a PNG's IHDR chunk; throws when the bytes are not a PNG. */
export function pngSize(bytes: Buffer): { width: number; height: number } {
  const signature = '89504e470d0a1a0a';
  if (bytes.subarray(0, 8).toString('hex') !== signature) throw new Error('not a PNG file');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Minimal RFC 4180 reader for checking the app's CSV (quoted fields, doubled quotes, CRLF). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && body[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------------------
// Hostile input

/** Markup and script in every shape an article, a quote or a name could smuggle in. Each would set
 *  `window.__pwned` (or open a dialog) if it were ever parsed as HTML or followed as a link. */
export const HOSTILE_TEXT = [
  '<script>window.__pwned=1;alert(1)</script>',
  '<img src=x onerror="window.__pwned=1">',
  '<a href="javascript:window.__pwned=1">read more</a>',
  'javascript:window.__pwned=1',
  '<svg onload="window.__pwned=1"></svg>',
  '<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>',
].join(' ');

export const HOSTILE_QUOTE = HOSTILE_TEXT.slice(0, HOSTILE_TEXT.indexOf(' <svg'));

/**
 * Serves the seed bundle with hostile text everywhere the app shows article-supplied strings: a new
 * paragraph at the end of the article that one claim quotes, and the title, summary, speaker, outlets,
 * actors, place names and editor's note. Offsets stay consistent, so it passes the loader's checks.
 */
export async function serveHostileBundle(page: Page, claimId: string): Promise<void> {
  await page.route(`**/data/articles/${SEED_SLUG}.json`, async (route) => {
    const response = await route.fetch();
    const bundle = (await response.json()) as ArticleBundle;
    const para = `\n\n${HOSTILE_TEXT}\n`;
    const start = bundle.article.text.length + 2;
    bundle.article.text += para;
    bundle.article.title = `Hostile <script>alert(1)</script> <img src=x onerror="window.__pwned=1">`;
    const claim = bundle.claims.find((c) => c.id === claimId);
    if (!claim) throw new Error(`no claim ${claimId}`);
    claim.quote = { start, end: start + HOSTILE_QUOTE.length, text: HOSTILE_QUOTE };
    // Every summary, so whichever claim a tooltip or list row shows first carries markup.
    for (const c of bundle.claims) c.summary = `<img src=x onerror="window.__pwned=1"> ${c.summary}`;
    claim.note = `<a href="javascript:window.__pwned=1">note link</a>`;
    claim.saidBy = { name: '<b onmouseover="window.__pwned=1">Speaker</b>', role: 'javascript:alert(1)', organisation: null };
    claim.reportedBy = ['<script>alert(1)</script>'];
    claim.actors = ['<img src=x onerror=alert(1)>'];
    for (const p of claim.places) p.name = `<img src=x onerror="window.__pwned=1">${p.name}`;
    await route.fulfill({ response, body: JSON.stringify(bundle), headers: { ...response.headers(), 'content-type': 'application/json' } });
  });
}

/** Collects securitypolicyviolation events from the first moment of every document in the page. */
export async function recordCspViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      w.__cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  const logged: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) logged.push(m.text());
  });
  return async () => [...(await page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [])), ...logged];
}
