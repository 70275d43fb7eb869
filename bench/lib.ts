/**
 * The bench's pure parts (options, expected counts, trace reading), apart from the browser driving in
 * run.ts so they can be unit-tested.
 */

export interface Options {
  sizes: number[];
  seed: string;
  steps: number;
  loads: number;
  port: number;
  build: boolean;
  includeSeed: boolean;
  only: 'app' | 'baseline' | null;
  /** All of a corpus in one article: lets an app that shows one article at a time draw every claim. */
  oneArticle: boolean;
}

export function parseOptions(argv: string[]): Options {
  const o: Options = { sizes: [1000, 10000, 100000], seed: '1', steps: 24, loads: 5, port: 4190, build: true, includeSeed: true, only: null, oneArticle: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new Error(`${flag} needs a value`);
      return v;
    };
    const int = (v: string, min: number): number => {
      if (!/^\d+$/.test(v) || Number(v) < min) throw new Error(`${flag} must be an integer ≥ ${min}, got ${JSON.stringify(v)}`);
      return Number(v);
    };
    if (flag === '--sizes') {
      const v = value();
      o.sizes = v === 'none' ? [] : v.split(',').map((s) => int(s.trim(), 1));
    }
    else if (flag === '--seed') o.seed = value();
    else if (flag === '--steps') o.steps = int(value(), 20);
    else if (flag === '--loads') o.loads = int(value(), 1);
    else if (flag === '--port') o.port = int(value(), 1);
    else if (flag === '--no-build') o.build = false;
    else if (flag === '--no-seed') o.includeSeed = false;
    else if (flag === '--one-article') o.oneArticle = true;
    else if (flag === '--only') {
      const v = value();
      if (v !== 'app' && v !== 'baseline') throw new Error(`--only must be app or baseline, got ${JSON.stringify(v)}`);
      o.only = v;
    } else throw new Error(`unknown argument ${JSON.stringify(arg)}`);
  }
  return o;
}

export function expectedVisible(ds: { intervals: Int32Array }, win: { start: number; end: number }): number {
  let n = 0;
  for (let i = 0; i < ds.intervals.length; i += 2) if ((ds.intervals[i] ?? 0) < win.end && (ds.intervals[i + 1] ?? 0) > win.start) n++;
  return n;
}

export type TraceEvent = {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; data?: { message?: string } };
};

export const TRACE_MARK = 'claim-atlas-bench:';

/**
 * Longest main-thread task (RunTask on CrRendererMain) per page in one browser-wide Chrome trace, in ms.
 * Each page stamps the trace with `console.timeStamp(TRACE_MARK + kind)`, which names its renderer process.
 */
export function longestTasks(trace: Buffer, kinds: string[]): Record<string, { wall: number; cpu: number | null } | null> {
  const { traceEvents } = JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] };
  const pidOf = new Map<string, number>();
  for (const e of traceEvents) {
    const message = e.name === 'TimeStamp' ? e.args?.data?.message : undefined;
    if (message?.startsWith(TRACE_MARK)) pidOf.set(message.slice(TRACE_MARK.length), e.pid);
  }
  const mainThreads = new Set(
    traceEvents.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  const longest = new Map<number, { wall: number; cpu: number | null }>();
  for (const e of traceEvents) {
    if (e.name === 'RunTask' && e.ph === 'X' && typeof e.dur === 'number' && mainThreads.has(`${e.pid}:${e.tid}`)) {
      // Longest by wall time and longest by CPU time, each on its own (they need not be the same task).
      const best = longest.get(e.pid) ?? { wall: 0, cpu: null };
      best.wall = Math.max(best.wall, e.dur / 1000);
      if (typeof e.tdur === 'number') best.cpu = Math.max(best.cpu ?? 0, e.tdur / 1000);
      longest.set(e.pid, best);
    }
  }
  const r1 = (x: number): number => Math.round(x * 10) / 10;
  const out: Record<string, { wall: number; cpu: number | null } | null> = {};
  for (const kind of kinds) {
    const pid = pidOf.get(kind);
    const t = pid === undefined ? undefined : longest.get(pid);
    out[kind] = t === undefined ? null : { wall: r1(t.wall), cpu: t.cpu === null ? null : r1(t.cpu) };
  }
  return out;
}

/** Thrown by `withDeadline` when the work did not finish in time. */
export class DeadlineError extends Error {}

/**
 * The work's result, or a DeadlineError after `ms`. A page stuck in a multi-second task answers no
 * evaluate or input until it is done; without this one such page holds the whole benchmark.
 */
export function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(`${what}: no answer within ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
