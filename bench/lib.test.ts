import { describe, expect, it } from 'vitest';
import { DeadlineError, expectedVisible, longestTasks, parseOptions, TRACE_MARK, withDeadline, type TraceEvent } from './lib';

describe('parseOptions', () => {
  it('defaults to the seed and the three sizes the issue names', () => {
    const o = parseOptions([]);
    expect(o.sizes).toEqual([1000, 10000, 100000]);
    expect(o.includeSeed).toBe(true);
    expect(o.steps).toBeGreaterThanOrEqual(20);
    expect(o.oneArticle).toBe(false);
    // Five cold loads per page (bench/README.md): with three, one build's 10k ratio ranged 1.13–1.24×.
    expect(o.loads).toBe(5);
  });

  it('reads flags in both spellings', () => {
    const o = parseOptions(['--sizes', '1000,10000', '--steps=30', '--no-build', '--only', 'app', '--one-article']);
    expect(o).toMatchObject({ sizes: [1000, 10000], steps: 30, build: false, only: 'app', oneArticle: true });
    expect(parseOptions(['--sizes', 'none']).sizes).toEqual([]);
  });

  it('refuses what would make the numbers meaningless, naming the flag', () => {
    expect(() => parseOptions(['--steps', '5'])).toThrow('--steps must be an integer ≥ 20, got "5"');
    expect(() => parseOptions(['--sizes', '10k'])).toThrow('--sizes must be an integer ≥ 1, got "10k"');
    expect(() => parseOptions(['--only', 'both'])).toThrow('--only must be app or baseline');
    expect(() => parseOptions(['--loads'])).toThrow('--loads needs a value');
    expect(() => parseOptions(['--fast'])).toThrow('unknown argument "--fast"');
  });
});

describe('expectedVisible', () => {
  // Half-open day intervals [start, end): the same rule the app's time window applies.
  const ds = { intervals: Int32Array.from([0, 10, 5, 6, 10, 20, 30, 31]) };

  it('counts the intervals that overlap the window', () => {
    expect(expectedVisible(ds, { start: 0, end: 100 })).toBe(4);
    expect(expectedVisible(ds, { start: 5, end: 10 })).toBe(2);
  });

  it('treats both ends as half-open', () => {
    expect(expectedVisible(ds, { start: 10, end: 11 })).toBe(1); // [0,10) ended, [10,20) started
    expect(expectedVisible(ds, { start: 20, end: 30 })).toBe(0);
  });
});

describe('longestTasks', () => {
  const meta = (pid: number, tid: number, name: string): TraceEvent => ({ name: 'thread_name', ph: 'M', pid, tid, args: { name } });
  const task = (pid: number, tid: number, durMs: number, cpuMs?: number): TraceEvent => ({
    name: 'RunTask',
    ph: 'X',
    pid,
    tid,
    dur: durMs * 1000,
    ...(cpuMs === undefined ? {} : { tdur: cpuMs * 1000 }),
  });
  const stamp = (pid: number, kind: string): TraceEvent => ({ name: 'TimeStamp', ph: 'I', pid, tid: 1, args: { data: { message: TRACE_MARK + kind } } });

  it('takes the longest main-thread task of each page, by wall and by CPU time', () => {
    const trace = {
      traceEvents: [
        meta(10, 1, 'CrRendererMain'),
        meta(10, 2, 'DedicatedWorker thread'),
        meta(20, 1, 'CrRendererMain'),
        stamp(10, 'app'),
        stamp(20, 'baseline'),
        task(10, 1, 120.04, 30),
        task(10, 1, 80, 75),
        task(10, 2, 900, 900), // a worker: not the main thread
        task(20, 1, 50),
      ],
    };
    const out = longestTasks(Buffer.from(JSON.stringify(trace)), ['app', 'baseline', 'missing']);
    expect(out['app']).toEqual({ wall: 120, cpu: 75 });
    expect(out['baseline']).toEqual({ wall: 50, cpu: null });
    expect(out['missing']).toBeNull();
  });
});

describe('withDeadline', () => {
  it('passes a result through when the work is in time', async () => {
    await expect(withDeadline(Promise.resolve(42), 1000, 'step')).resolves.toBe(42);
  });

  it('gives up on work that never ends, naming it', async () => {
    const never = new Promise<number>(() => {});
    const r = withDeadline(never, 30, 'scrub step 7');
    await expect(r).rejects.toBeInstanceOf(DeadlineError);
    await expect(r).rejects.toThrow('scrub step 7: no answer within 0 s');
  });

  it('keeps the work’s own failure', async () => {
    await expect(withDeadline(Promise.reject(new Error('boom')), 1000, 'x')).rejects.toThrow('boom');
  });
});
