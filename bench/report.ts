/**
 * The results file (issue 5's exact shape), the targets it is judged by, and the printed table.
 * Pure: no I/O, no browser.
 */

export interface Side {
  loadMs: number | null;
  scrubMedianMs: number | null;
  scrubP90Ms: number | null;
}

export interface AppSide extends Side {
  longestTaskMs: number | null;
  clickToPanelMs: number | null;
  heapMB: number | null;
}

export interface Run {
  n: number;
  app: AppSide;
  baseline: Side;
}

export interface Results {
  runs: Run[];
  bundle: { appGzipKB: number | null; maplibreGzipKB: number | null };
}

export interface Target {
  name: string;
  status: 'pass' | 'fail' | 'n/a';
  detail: string;
}

interface StepStatsLike {
  ms: number[];
  unchanged: number;
  noChange: number;
  timeout: number;
}

interface DetailLike {
  label: string;
  n: number;
  app: { scrub: { keyboard: StepStatsLike; drag: StepStatsLike }; errors: string[]; loadRunsMs: number[]; longestTaskCpuMs: number | null } | null;
  baseline: { scrub: { keyboard: StepStatsLike; drag: StepStatsLike }; errors: string[]; loadRunsMs: number[] } | null;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('percentile of no values');
  const sorted = [...values].sort((a, b) => a - b);
  // Nearest-rank: the p90 of 24 steps is the 22nd fastest, a step that really happened.
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return round1(sorted[rank - 1] ?? 0);
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return round1(sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2);
}

const ratio = (a: number | null, b: number | null): number | null => (a !== null && b !== null && b > 0 ? a / b : null);
const fmtRatio = (r: number | null): string => (r === null ? '' : ` (${r.toFixed(2)}×)`);
const fmt = (x: number | null, unit = ''): string => (x === null ? '—' : `${x}${unit}`);

/** The issue's targets, each judged only where both numbers exist (else n/a, never a silent pass). */
export function evaluateTargets(results: Results, labels: string[]): Target[] {
  const targets: Target[] = [];
  const synthetic = results.runs.filter((_, i) => labels[i] !== 'seed');
  for (const size of [10000, 100000]) {
    const run = synthetic.find((r) => r.n === size);
    const r = run ? ratio(run.app.scrubMedianMs, run.baseline.scrubMedianMs) : null;
    targets.push({
      name: `scrub median ≤ 0.5× baseline at ${size / 1000}k`,
      status: r === null ? 'n/a' : r <= 0.5 ? 'pass' : 'fail',
      detail: run ? `app ${fmt(run.app.scrubMedianMs, ' ms')} vs baseline ${fmt(run.baseline.scrubMedianMs, ' ms')}${fmtRatio(r)}` : 'not run',
    });
  }
  const loadRatios = results.runs.map((run) => ({ n: run.n, r: ratio(run.app.loadMs, run.baseline.loadMs) }));
  const measured = loadRatios.filter((x) => x.r !== null);
  const worst = measured.reduce<{ n: number; r: number | null } | null>((w, x) => (w === null || (x.r ?? 0) > (w.r ?? 0) ? x : w), null);
  targets.push({
    name: 'cold load ≤ 1.2× baseline (every size)',
    status: measured.length === 0 ? 'n/a' : measured.every((x) => (x.r ?? 0) <= 1.2) ? 'pass' : 'fail',
    detail: worst ? `worst n=${worst.n}${fmtRatio(worst.r)}; measured ${measured.length} of ${loadRatios.length}` : 'no pair measured',
  });
  const big = synthetic.find((r) => r.n === 100000);
  targets.push({
    name: 'no main-thread task > 200 ms scrubbing 100k',
    status: big?.app.longestTaskMs == null ? 'n/a' : big.app.longestTaskMs <= 200 ? 'pass' : 'fail',
    detail: big ? `longest ${fmt(big.app.longestTaskMs, ' ms')}` : 'not run',
  });
  const kb = results.bundle.appGzipKB;
  targets.push({
    name: 'app JS over maplibre-gl ≤ 150 KB gzip',
    status: kb === null || results.bundle.maplibreGzipKB === null || results.bundle.maplibreGzipKB === 0 ? 'n/a' : kb <= 150 ? 'pass' : 'fail',
    detail: `app ${fmt(kb, ' KB')}, maplibre-gl ${fmt(results.bundle.maplibreGzipKB, ' KB')}`,
  });
  return targets;
}

function pad(cells: string[][]): string {
  const widths = cells[0]?.map((_, c) => Math.max(...cells.map((row) => (row[c] ?? '').length))) ?? [];
  return cells.map((row) => row.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join('  ').trimEnd()).join('\n');
}

function stepSummary(s: StepStatsLike | undefined): string {
  if (!s) return '—';
  const extra = [s.unchanged ? `${s.unchanged} unchanged` : '', s.timeout ? `${s.timeout} timed out` : '', s.noChange ? `${s.noChange} no change` : '']
    .filter(Boolean)
    .join(', ');
  const stats = s.ms.length ? `${median(s.ms)}/${percentile(s.ms, 90)}` : '—';
  return `${stats} (${s.ms.length}${extra ? `; ${extra}` : ''})`;
}

export function formatTable(results: Results, detail: DetailLike[], targets: Target[], notes: string[]): string {
  const rows: string[][] = [
    ['data', 'claims', 'load app', 'load base', 'ratio', 'scrub med app', 'scrub med base', 'ratio', 'p90 app', 'p90 base', 'longest task (cpu)', 'click→panel', 'heap'],
  ];
  results.runs.forEach((run, i) => {
    const r = (a: number | null, b: number | null): string => {
      const x = ratio(a, b);
      return x === null ? '—' : `${x.toFixed(2)}×`;
    };
    rows.push([
      detail[i]?.label ?? String(run.n),
      String(run.n),
      fmt(run.app.loadMs, ' ms'),
      fmt(run.baseline.loadMs, ' ms'),
      r(run.app.loadMs, run.baseline.loadMs),
      fmt(run.app.scrubMedianMs, ' ms'),
      fmt(run.baseline.scrubMedianMs, ' ms'),
      r(run.app.scrubMedianMs, run.baseline.scrubMedianMs),
      fmt(run.app.scrubP90Ms, ' ms'),
      fmt(run.baseline.scrubP90Ms, ' ms'),
      run.app.longestTaskMs === null ? '—' : `${run.app.longestTaskMs} ms (${fmt(detail[i]?.app?.longestTaskCpuMs ?? null, ' ms')})`,
      fmt(run.app.clickToPanelMs, ' ms'),
      fmt(run.app.heapMB, ' MB'),
    ]);
  });
  const steps: string[][] = [['data', 'app keyboard med/p90 (steps)', 'app drag med/p90', 'base keyboard med/p90', 'base drag med/p90']];
  for (const d of detail) {
    steps.push([
      d.label,
      stepSummary(d.app?.scrub.keyboard),
      stepSummary(d.app?.scrub.drag),
      stepSummary(d.baseline?.scrub.keyboard),
      stepSummary(d.baseline?.scrub.drag),
    ]);
  }
  // Each cold load, in the order run: one median of a few loads is one draw, and the spread says how far.
  const secs = (runs: readonly number[] | undefined): string => (runs?.length ? runs.map((ms) => (ms / 1000).toFixed(1)).join(' ') : '—');
  const loads: string[][] = [['data', 'cold loads app (s, in order)', 'cold loads base (s)']];
  for (const d of detail) loads.push([d.label, secs(d.app?.loadRunsMs), secs(d.baseline?.loadRunsMs)]);
  const out = [
    pad(rows),
    '',
    pad(steps),
    '',
    pad(loads),
    '',
    `bundle (gzip): app ${fmt(results.bundle.appGzipKB, ' KB')}, maplibre-gl ${fmt(results.bundle.maplibreGzipKB, ' KB')}`,
    '',
    'targets:',
    ...targets.map((t) => `  ${t.status.toUpperCase().padEnd(4)}  ${t.name}: ${t.detail}`),
  ];
  const problems = detail.flatMap((d) => [
    ...(d.baseline?.errors ?? []).map((e) => `  ${d.label} baseline: ${e}`),
    ...(d.app?.errors ?? []).map((e) => `  ${d.label} app: ${e}`),
  ]);
  if (problems.length) out.push('', 'problems (numbers of a page that did not show the data set, or from < 20 changing steps, are left out of results.json):', ...problems);
  if (notes.length) out.push('', 'notes:', ...notes.map((n) => `  ${n}`));
  return out.join('\n');
}
