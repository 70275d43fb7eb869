/**
 * Refusal: every class of bad input is reported as `file:line:col — field: problem`, the command exits
 * non-zero, and the output directory stays byte for byte as it was. Runs the real command (in-process,
 * plus one child process) on a temp copy of the fixture data dir.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCompileData } from './lib/compile-dir';

const FIXTURE = join(import.meta.dirname, '../src/data/__fixtures__/data');
const CLAIMS = 'data/articles/mini-report/claims.yaml';
const META = 'data/articles/mini-report/meta.yaml';

let root: string;
let before: Map<string, string>;

function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p, 'latin1'));
    }
  };
  walk(dir);
  return out;
}

function run(...extra: string[]): { code: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCompileData(
    ['--data-dir', join(root, 'data'), '--out-dir', join(root, 'public/data'), ...extra],
    { log: (m) => out.push(...m.split('\n')), error: (m) => err.push(...m.split('\n')) },
    root,
  );
  return { code, out, err };
}

/** Replaces exactly one occurrence of `from` in a data file (fails the test if it is not there once). */
function edit(file: string, from: string, to: string): void {
  const p = join(root, file);
  const text = readFileSync(p, 'utf8');
  expect(text.split(from).length - 1, `${JSON.stringify(from)} occurs once in ${file}`).toBe(1);
  writeFileSync(p, text.replace(from, to));
}

function expectRefused(...lines: string[]): void {
  const r = run();
  expect(r.err).toEqual([...lines, `data: ${lines.length} error${lines.length === 1 ? '' : 's'}; public/data left unchanged`]);
  expect(r.code).toBe(1);
  expect(snapshot(join(root, 'public/data'))).toEqual(before);
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'claim-atlas-data-'));
  cpSync(FIXTURE, join(root, 'data'), { recursive: true });
  const first = run();
  expect(first.err).toEqual([]);
  expect(first.code).toBe(0);
  before = snapshot(join(root, 'public/data'));
  expect([...before.keys()]).toEqual(['articles/mini-report.json', 'index.json']);
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('npm run data refuses bad input and leaves public/data untouched', () => {
  it('malformed YAML', () => {
    edit(CLAIMS, '    kind: exercise\n', '    kind: [exercise\n');
    expectRefused(
      `${CLAIMS}:19:5 — invalid YAML (BAD_INDENT): Flow sequence in block collection must be sufficiently indented and end with a ]`,
    );
  });

  it('malformed YAML: a tab-indented key, pinned to its position', () => {
    edit(CLAIMS, '    stance: asserted\n    when:\n      phrase: next week', '    stance: asserted\n    when:\n\tphrase: next week');
    expectRefused(`${CLAIMS}:24:1 — invalid YAML (TAB_AS_INDENT): Tabs are not allowed as indentation`);
  });

  it('truncated file (cut mid-value: still parses, but the final newline is gone)', () => {
    const p = join(root, CLAIMS);
    const text = readFileSync(p, 'utf8');
    writeFileSync(p, text.slice(0, text.indexOf('(the fourth')));
    expectRefused(`${CLAIMS}:72:48 — file does not end with a newline: truncated?`);
  });

  it('truncated file (cut inside a quoted string)', () => {
    const p = join(root, CLAIMS);
    const text = readFileSync(p, 'utf8');
    writeFileSync(p, text.slice(0, text.indexOf('hold the north"')));
    expectRefused(`${CLAIMS}:32:33 — invalid YAML (MISSING_CHAR): Missing closing "quote`);
  });

  it('unknown kind', () => {
    edit(CLAIMS, 'kind: exercise', 'kind: drill');
    expectRefused(
      `${CLAIMS}:18:11 — claims[1].kind: "drill" is not one of: movement, displacement, assistance, deployment, exercise, mobilization, withdrawal, offensive, territorial-control, statement, threat, presence`,
    );
  });

  it('quote absent from the article', () => {
    edit(CLAIMS, 'quote: "The rebels claim to hold the north"', 'quote: "The rebels claim to hold the south"');
    expectRefused(`${CLAIMS}:32:12 — claims[2].quote: not found in article.txt`);
  });

  it('quote absent, with a hint when only typography differs', () => {
    edit(CLAIMS, 'quote: "The rebels claim to hold the north"', 'quote: "The rebels claim to hold the North"');
    expectRefused(
      `${CLAIMS}:32:12 — claims[2].quote: not found in article.txt exactly; it matches only if quotes, dashes, spaces or case are changed — copy the exact characters`,
    );
  });

  it('quote ambiguous without an occurrence hint', () => {
    edit(CLAIMS, '    occurrence: 2\n', '');
    expectRefused(`${CLAIMS}:64:12 — claims[4].quote: occurs 4 times in article.txt (at offsets 42, 108, 272, 312); add occurrence: 1–4 to pick one`);
  });

  it('occurrence beyond the number of occurrences', () => {
    edit(CLAIMS, 'occurrence: 2', 'occurrence: 5');
    expectRefused(`${CLAIMS}:64:12 — claims[4].quote: occurrence 5 asked for, but the quote occurs 4 times in article.txt`);
  });

  it('quote taken from the site boilerplate', () => {
    edit(CLAIMS, 'occurrence: 2', 'occurrence: 4');
    expectRefused(`${CLAIMS}:64:12 — claims[4].quote: overlaps site boilerplate (characters 302–350); claims must come from the article itself`);
  });

  it('unknown place id', () => {
    edit(CLAIMS, '{ id: "border:TJK-AFG", role: location }', '{ id: "border:TJK-KAZ", role: location }');
    expectRefused(`${CLAIMS}:26:15 — claims[1].places[0].id: Kazakhstan and Tajikistan share no land border in Natural Earth 1:50m`);
  });

  it('unknown country code', () => {
    edit(CLAIMS, '{ id: AFG, role: area }', '{ id: AFX, role: area }');
    expectRefused(`${CLAIMS}:43:15 — claims[2].places[0].id: unknown place id "AFX"`);
  });

  it('impossible date', () => {
    edit(CLAIMS, 'start: 2021-07-21', 'start: 2021-02-30');
    expectRefused(`${CLAIMS}:38:14 — claims[2].when.start: 2021-02-30 is not a calendar date`);
  });

  it('interval ending before it starts', () => {
    edit(CLAIMS, 'end: 2021-07-29\n      precision: approximate', 'end: 2021-07-20\n      precision: approximate');
    expectRefused(`${CLAIMS}:39:12 — claims[2].when.end: 2021-07-20 must be after start 2021-07-21 (intervals are [start, end), end exclusive)`);
  });

  it('empty interval (end equal to start)', () => {
    edit(CLAIMS, 'end: 2021-07-29\n      precision: day', 'end: 2021-07-28\n      precision: day');
    expectRefused(`${CLAIMS}:54:12 — claims[3].when.end: 2021-07-28 must be after start 2021-07-28 (intervals are [start, end), end exclusive)`);
  });

  it('dangling counterClaim', () => {
    edit(CLAIMS, 'counterClaim: government-denies', 'counterClaim: government-denied');
    expectRefused(`${CLAIMS}:35:19 — claims[2].counterClaim: no claim with id "government-denied" in this file`);
  });

  it('duplicate ids', () => {
    edit(CLAIMS, '- id: officials-said-more', '- id: border-exercise');
    expectRefused(`${CLAIMS}:61:9 — claims[4].id: duplicate id "border-exercise" (first at line 17)`);
  });

  it('a time phrase with no rule and no explicit interval', () => {
    edit(CLAIMS, 'phrase: next week', 'phrase: will start');
    expectRefused(`${CLAIMS}:24:15 — claims[1].when.phrase: no date rule for "will start": add start, end, precision and basis`);
  });

  it('an error in meta.yaml and several in claims.yaml: all reported, in file order', () => {
    edit(META, 'publishedConfidence: medium', 'publishedConfidence: certain');
    edit(CLAIMS, 'kind: exercise', 'kind: drill');
    edit(CLAIMS, 'stance: denied', 'stance: rejected');
    const r = run();
    expect(r.code).toBe(1);
    expect(r.err.map((l) => l.split(' — ')[0])).toEqual([`${CLAIMS}:18:11`, `${CLAIMS}:50:13`, `${META}:3:22`, 'data: 3 errors; public/data left unchanged']);
    expect(snapshot(join(root, 'public/data'))).toEqual(before);
  });

  it('an article folder whose name is not a slug', () => {
    cpSync(join(root, 'data/articles/mini-report'), join(root, 'data/articles/Mini_Report'), { recursive: true });
    expectRefused('data/articles/Mini_Report:1:1 — slug: folder name must match /^[a-z0-9][a-z0-9-]{1,80}$/');
  });

  it('an error in the gazetteer files', () => {
    writeFileSync(join(root, 'data/gazetteer/regions.yaml'), 'regions:\n  - id: region:x\n    name: X\n    members: [TJK, XXX]\n');
    expectRefused('data/gazetteer/regions.yaml:4:20 — regions[0].members[1]: unknown country "XXX" (ISO 3166 alpha-3, upper case)');
  });

  it('a missing source file', () => {
    rmSync(join(root, META));
    expectRefused(`${META}:1:1 — file is missing`);
  });

  it('bytes that are not UTF-8', () => {
    writeFileSync(join(root, 'data/articles/mini-report/article.txt'), Buffer.from([0x54, 0x72, 0xff, 0x0a]));
    expectRefused('data/articles/mini-report/article.txt:1:1 — not valid UTF-8');
  });
});

describe('npm run data as a process', () => {
  it('exits 1 with errors on stderr, and 0 with a summary after the fix', () => {
    edit(CLAIMS, 'kind: exercise', 'kind: drill');
    const args = ['tsx', 'scripts/compile-data.ts', '--data-dir', join(root, 'data'), '--out-dir', join(root, 'public/data')];
    let status = 0;
    let stderr = '';
    try {
      execFileSync('npx', args, { cwd: join(import.meta.dirname, '..'), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      const err = e as { status: number; stderr: string };
      status = err.status;
      stderr = err.stderr;
    }
    expect(status).toBe(1);
    expect(stderr).toMatch(/claims\.yaml:18:11 — claims\[1\]\.kind: "drill" is not one of/);
    expect(snapshot(join(root, 'public/data'))).toEqual(before);

    edit(CLAIMS, 'kind: drill', 'kind: exercise');
    const stdout = execFileSync('npx', args, { cwd: join(import.meta.dirname, '..'), encoding: 'utf8' });
    expect(stdout).toMatch(/^data: 1 article, 5 claims → .*public\/data \(\d+ KiB\) in \d+\.\d\d s\n$/);
    expect(snapshot(join(root, 'public/data'))).toEqual(before);
  });

  it('refuses unknown arguments with usage (exit 2)', () => {
    const r = run('--outdir', 'x');
    expect(r.code).toBe(2);
    expect(r.err[0]).toBe('compile-data: unknown argument "--outdir"');
  });
});

describe('writing output', () => {
  it('replaces index.json and articles/ and keeps other files in the output dir', () => {
    writeFileSync(join(root, 'public/data/keep.txt'), 'not ours');
    writeFileSync(join(root, 'public/data/articles/stale.json'), '{}');
    edit(CLAIMS, 'summary: The government denies it.', 'summary: The government in Kabul denies it.');
    expect(run().code).toBe(0);
    const after = snapshot(join(root, 'public/data'));
    expect([...after.keys()]).toEqual(['articles/mini-report.json', 'index.json', 'keep.txt']);
    expect(after.get('articles/mini-report.json')).toContain('The government in Kabul denies it.');
    expect(readdirSync(root).filter((n) => n.includes('.tmp-') || n.includes('.old-'))).toEqual([]);
    expect(readdirSync(join(root, 'public')).sort()).toEqual(['data']);
  });

  it('creates the output dir when there is none', () => {
    rmSync(join(root, 'public'), { recursive: true });
    expect(run().code).toBe(0);
    expect(existsSync(join(root, 'public/data/index.json'))).toBe(true);
  });
});
