import { describe, expect, it } from 'vitest';
import { evaluateTargets, formatTable, median, percentile, type Results, type Run } from './report';

const run = (n: number, app: Partial<Run['app']>, baseline: Partial<Run['baseline']>): Run => ({
  n,
  app: { loadMs: null, scrubMedianMs: null, scrubP90Ms: null, longestTaskMs: null, clickToPanelMs: null, heapMB: null, ...app },
  baseline: { loadMs: null, scrubMedianMs: null, scrubP90Ms: null, ...baseline },
});

describe('median and percentile', () => {
  it('median of an even count averages the middle two; p90 is a step that happened (nearest rank)', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([5])).toBe(5);
    const steps = Array.from({ length: 24 }, (_, i) => i + 1);
    expect(percentile(steps, 90)).toBe(22);
    expect(percentile([7.123], 90)).toBe(7.1);
  });

  it('refuses an empty list instead of inventing a number', () => {
    expect(() => median([])).toThrow('median of no values');
    expect(() => percentile([], 90)).toThrow('percentile of no values');
  });
});

describe('evaluateTargets', () => {
  const labels = ['seed', '10000', '100000'];

  it('passes when every ratio holds', () => {
    const results: Results = {
      runs: [
        run(23, { loadMs: 1100 }, { loadMs: 1000 }),
        run(10000, { loadMs: 1150, scrubMedianMs: 20 }, { loadMs: 1000, scrubMedianMs: 200 }),
        run(100000, { loadMs: 1200, scrubMedianMs: 40, longestTaskMs: 150 }, { loadMs: 1000, scrubMedianMs: 400 }),
      ],
      bundle: { appGzipKB: 120, maplibreGzipKB: 420 },
    };
    const t = evaluateTargets(results, labels);
    expect(t.map((x) => x.status)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass']);
    expect(t[0]!.detail).toBe('app 20 ms vs baseline 200 ms (0.10×)');
  });

  it('fails the worst cold load and a long task, and names them', () => {
    const results: Results = {
      runs: [
        run(23, { loadMs: 1100 }, { loadMs: 1000 }),
        run(10000, { loadMs: 2500, scrubMedianMs: 150 }, { loadMs: 1000, scrubMedianMs: 200 }),
        run(100000, { loadMs: 1300, scrubMedianMs: 100, longestTaskMs: 450 }, { loadMs: 1000, scrubMedianMs: 400 }),
      ],
      bundle: { appGzipKB: 151, maplibreGzipKB: 420 },
    };
    const t = evaluateTargets(results, labels);
    expect(t.map((x) => x.status)).toEqual(['fail', 'pass', 'fail', 'fail', 'fail']);
    expect(t[2]!.detail).toBe('worst n=10000 (2.50×); measured 3 of 3');
    expect(t[3]!.detail).toBe('longest 450 ms');
  });

  it('never passes silently: a side that was not measured is n/a', () => {
    const results: Results = { runs: [run(10000, { scrubMedianMs: 10 }, {})], bundle: { appGzipKB: null, maplibreGzipKB: null } };
    const t = evaluateTargets(results, ['10000']);
    expect(t.map((x) => x.status)).toEqual(['n/a', 'n/a', 'n/a', 'n/a', 'n/a']);
    expect(t[1]!.detail).toBe('not run');
  });
});

describe('formatTable', () => {
  it('prints both columns, the ratios, the targets and the problems', () => {
    const results: Results = {
      runs: [run(10000, { loadMs: 1200, scrubMedianMs: 20, scrubP90Ms: 30 }, { loadMs: 1000, scrubMedianMs: 200, scrubP90Ms: 300 })],
      bundle: { appGzipKB: 120, maplibreGzipKB: 420 },
    };
    const steps = { ms: [20, 21], unchanged: 1, noChange: 0, timeout: 0 };
    const detail = [
      {
        label: '10000',
        n: 10000,
        app: { scrub: { keyboard: steps, drag: steps }, errors: ['shows 99 claims, 100 due'], loadRunsMs: [1250, 1200, 1180], longestTaskCpuMs: 90 },
        baseline: { scrub: { keyboard: steps, drag: steps }, errors: [], loadRunsMs: [1040, 960, 1000] },
      },
    ];
    const text = formatTable(results, detail, evaluateTargets(results, ['10000']), ['a note']);
    expect(text).toMatch(/10000\s+10000\s+1200 ms\s+1000 ms\s+1\.20×\s+20 ms\s+200 ms\s+0\.10×/);
    expect(text).toContain('PASS  scrub median ≤ 0.5× baseline at 10k');
    expect(text).toContain('20.5/21 (2; 1 unchanged)');
    // Every cold load, not only the medians.
    expect(text).toMatch(/^10000\s+1\.3 1\.2 1\.2\s+1\.0 1\.0 1\.0$/m);
    expect(text).toContain('10000 app: shows 99 claims, 100 due');
    expect(text).toContain('  a note');
  });
});
