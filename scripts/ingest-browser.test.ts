/**
 * The browser entry (src/ingest/index.ts) end to end in Node: the real gazetteer asset served through a
 * stubbed fetch, the real world-atlas chunk, the same compiler as `npm run data`.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { IngestInputError, draftFromText } from '../src/ingest/index';
import { GAZETTEER_OUT } from './assets/gazetteer';
import { loadNodeGazetteer } from './ingest-lib/node-gazetteer';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const seed = readFileSync(join(root, 'data', 'articles', 'jihadists-syria-libya-afghanistan', 'article.txt'), 'utf8');
const URL_ = 'http://localhost/gazetteer/gazetteer.json';

let calls: string[] = [];
beforeAll(async () => {
  await loadNodeGazetteer(); // builds public/gazetteer/gazetteer.json on a clean checkout
}, 120_000);
function stubFetch(status = 200): void {
  calls = [];
  vi.stubGlobal('fetch', async (url: string) => {
    calls.push(String(url));
    if (status !== 200) return new Response('missing', { status });
    return new Response(readFileSync(GAZETTEER_OUT), { status: 200, headers: { 'content-type': 'application/json' } });
  });
}
afterEach(() => vi.unstubAllGlobals());

describe('draftFromText (browser entry)', { timeout: 120_000 }, () => {
  it('drafts the seed into YAML and a compiled bundle the app can show', async () => {
    stubFetch();
    const stages: string[] = [];
    const r = await draftFromText(seed, { published: '2021-07-28', gazetteerUrl: URL_, onProgress: (_f, s) => stages.push(s) });
    expect(r.slug).toBe('jihadists-from-syria-and-libya-are-moving-to-afghanistan');
    expect(r.bundle).not.toBeNull();
    expect(r.bundle!.article.text).toBe(seed);
    expect(r.bundle!.article.review).toBe('draft');
    expect(r.bundle!.claims.length).toBe(r.claims.length);
    expect(r.bundle!.claims.every((c) => c.review === 'draft' && typeof c.confidence === 'number')).toBe(true);
    expect(r.geojson.features.length).toBeGreaterThan(0);
    expect(r.geojson.features.every((f) => r.claims.some((c) => c.id === f.properties.claimId))).toBe(true);
    const yaml = parseYaml(r.claimsYaml) as { claims: { id: string }[] };
    expect(yaml.claims.map((c) => c.id)).toEqual(r.claims.map((c) => c.id));
    expect(stages).toContain('geoparsing');
    // Loaded once, then cached.
    await draftFromText('Kabul\n\nRussia will provide military assistance to Tajikistan.', { published: '2021-07-28', gazetteerUrl: URL_ });
    expect(calls).toEqual([URL_]);
  });

  it('refuses bad input before fetching anything', async () => {
    stubFetch();
    await expect(draftFromText('   ', { published: '2021-07-28', gazetteerUrl: URL_ })).rejects.toThrow(/article: the article is empty/);
    await expect(draftFromText(seed, { published: '2021-02-30', gazetteerUrl: URL_ })).rejects.toThrow(IngestInputError);
    await expect(draftFromText(seed, { published: '2021-07-28', slug: 'Bad Slug', gazetteerUrl: URL_ })).rejects.toThrow(/slug: "Bad Slug"/);
    expect(calls).toEqual([]);
  });

  it('says how to fix a missing gazetteer asset', async () => {
    stubFetch(404);
    await expect(draftFromText(seed, { published: '2021-07-28', gazetteerUrl: 'http://localhost/nowhere.json' })).rejects.toThrow(
      /nowhere\.json: HTTP 404 \(run `npm run assets`/,
    );
  });
});
