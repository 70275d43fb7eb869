/**
 * The ingest and geoparse command lines, end to end: real gazetteer asset (built on first use), the seed
 * article, and every kind of bad input. Bad inputs must leave the data directory exactly as it was.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { compileDataDir } from './lib/compile-dir';
import { ingest } from './ingest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SEED = join(root, 'data', 'articles', 'jihadists-syria-libya-afghanistan', 'article.txt');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
let tmp: string;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'ingest-test-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Every file under dir, with its bytes: to prove a failed run wrote nothing. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    let entries: string[] = [];
    try {
      entries = readdirSync(d);
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(d, e);
      try {
        out[p] = readFileSync(p, 'latin1');
      } catch {
        walk(p);
      }
    }
  };
  walk(dir);
  return out;
}

function run(script: string, args: string[]) {
  const r = spawnSync(tsx, [join(root, 'scripts', script), ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Spawning tsx and loading the gazetteer takes seconds on a busy machine.
describe('ingest (library entry)', { timeout: 120_000 }, () => {
  it('writes a draft of the seed that the data compiler accepts, article byte for byte', async () => {
    const dataDir = join(tmp, 'seed');
    mkdirSync(dataDir);
    const r = await ingest({ file: SEED, published: '2021-07-28', slug: 'seed-draft', dataDir });
    const dir = join(dataDir, 'articles', 'seed-draft');
    expect(readFileSync(join(dir, 'article.txt')).equals(readFileSync(SEED))).toBe(true);
    const meta = parseYaml(readFileSync(join(dir, 'meta.yaml'), 'utf8')) as Record<string, unknown>;
    expect(meta).toMatchObject({ review: 'draft', published: '2021-07-28' });
    const claims = (parseYaml(readFileSync(join(dir, 'claims.yaml'), 'utf8')) as { claims: Record<string, unknown>[] }).claims;
    expect(claims.length).toBeGreaterThanOrEqual(12);
    expect(claims.every((c) => c['review'] === 'draft' && typeof c['confidence'] === 'number')).toBe(true);
    expect(r.draft.claims.length).toBe(claims.length);
    // The same compiler as `npm run data`, over a data dir holding the draft and the real gazetteer.
    mkdirSync(join(dataDir, 'gazetteer'));
    for (const f of ['regions.yaml', 'sites.yaml']) writeFileSync(join(dataDir, 'gazetteer', f), readFileSync(join(root, 'data', 'gazetteer', f)));
    const compiled = compileDataDir(dataDir, root);
    expect('errors' in compiled ? compiled.errors : []).toEqual([]);
    // No temporary folder is left behind.
    expect(readdirSync(join(dataDir, 'articles'))).toEqual(['seed-draft']);
  });

  it('refuses an existing slug without --force, writing nothing; replaces it with --force', async () => {
    const dataDir = join(tmp, 'exists');
    mkdirSync(join(dataDir, 'articles', 'taken'), { recursive: true });
    writeFileSync(join(dataDir, 'articles', 'taken', 'article.txt'), 'keep me');
    const before = snapshot(dataDir);
    await expect(ingest({ file: SEED, published: '2021-07-28', slug: 'taken', dataDir })).rejects.toThrow(/taken already exists; pass --force/);
    expect(snapshot(dataDir)).toEqual(before);
    await ingest({ file: SEED, published: '2021-07-28', slug: 'taken', dataDir, force: true });
    expect(readFileSync(join(dataDir, 'articles', 'taken', 'article.txt'), 'utf8')).toBe(readFileSync(SEED, 'utf8'));
    expect(readdirSync(join(dataDir, 'articles'))).toEqual(['taken']);
  });
});

describe('ingest command line: bad input → message naming the file or flag, non-zero exit, nothing written', { timeout: 120_000 }, () => {
  const cases: { name: string; make: () => string[]; message: RegExp }[] = [
    { name: 'empty file', make: () => [write('empty.txt', Buffer.alloc(0)), '--published', '2021-07-28'], message: /empty\.txt: the article is empty/ },
    {
      name: 'binary file',
      make: () => [write('image.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])), '--published', '2021-07-28'],
      message: /image\.png: not valid UTF-8 text|image\.png:\d+: binary data/,
    },
    { name: 'Latin-1 text', make: () => [write('latin1.txt', Buffer.from([0x43, 0x61, 0x66, 0xe9])), '--published', '2021-07-28'], message: /latin1\.txt: not valid UTF-8 text \(first bad byte at offset 3\)/ },
    { name: 'missing --published', make: () => [SEED], message: /--published YYYY-MM-DD is required/ },
    { name: 'malformed --published', make: () => [SEED, '--published', '07/28/2021'], message: /--published: "07\/28\/2021" is not in YYYY-MM-DD form/ },
    { name: 'impossible --published', make: () => [SEED, '--published', '2021-02-30'], message: /--published: "2021-02-30" is not a calendar date/ },
    { name: 'bad --slug', make: () => [SEED, '--published', '2021-07-28', '--slug', 'No Spaces'], message: /--slug: "No Spaces" must match/ },
    { name: 'missing file', make: () => [join(tmp, 'nope.txt'), '--published', '2021-07-28'], message: /nope\.txt: cannot read \(ENOENT\)/ },
  ];
  function write(name: string, bytes: Buffer): string {
    const p = join(tmp, name);
    writeFileSync(p, bytes);
    return p;
  }
  for (const c of cases) {
    it(c.name, () => {
      const dataDir = join(tmp, `cli-${c.name.replace(/\W+/g, '-')}`);
      mkdirSync(dataDir, { recursive: true });
      const r = run('ingest.ts', [...c.make(), '--data-dir', dataDir]);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(c.message);
      expect(snapshot(dataDir)).toEqual({});
    });
  }

  it('a 50 MB file is refused by size before it is read', () => {
    const big = join(tmp, 'big.txt');
    writeFileSync(big, Buffer.alloc(50 * 1024 * 1024, 0x61));
    const dataDir = join(tmp, 'cli-big');
    mkdirSync(dataDir);
    const r = run('ingest.ts', [big, '--published', '2021-07-28', '--data-dir', dataDir]);
    rmSync(big);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/big\.txt: 50\.0 MB is over the 10 MB limit for one article/);
    expect(snapshot(dataDir)).toEqual({});
  });
});

describe('geoparse command line', { timeout: 120_000 }, () => {
  it('prints one JSON object per file with exactly the documented fields', () => {
    const other = join(tmp, 'other.txt');
    writeFileSync(other, 'Floods hit Kabul next week.');
    const r = run('geoparse.ts', ['--published', '2021-07-28', SEED, other]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l['file'])).toEqual([SEED, other]);
    expect(Object.keys(lines[0]!)).toEqual(['file', 'toponyms', 'times']);
    const text = readFileSync(SEED, 'utf8');
    const toponyms = lines[0]!['toponyms'] as Record<string, unknown>[];
    expect(Object.keys(toponyms[0]!)).toEqual(['start', 'end', 'text', 'id', 'name', 'lat', 'lon']);
    for (const t of toponyms) expect(text.slice(t['start'] as number, t['end'] as number)).toBe(t['text']);
    expect(toponyms.some((t) => t['id'] === 'border:TJK-AFG')).toBe(true);
    const times = lines[0]!['times'] as Record<string, unknown>[];
    expect(Object.keys(times[0]!)).toEqual(['start', 'end', 'text', 'start_date', 'end_date', 'precision']);
    expect(times).toContainEqual(expect.objectContaining({ text: 'next week', start_date: '2021-08-02', end_date: '2021-08-09', precision: 'week' }));
    expect(lines[1]!['toponyms']).toEqual([expect.objectContaining({ text: 'Kabul', id: 'geonames:1138958' })]);
  });

  it('prints nothing when one of the files is bad, and names it', () => {
    const empty = join(tmp, 'blank.txt');
    writeFileSync(empty, '\n\n');
    const r = run('geoparse.ts', ['--published', '2021-07-28', SEED, empty]);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/blank\.txt: the article is empty/);
  });
});
