import { describe, expect, it } from 'vitest';
import { latestInOwnTask } from './latest-task';

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('latestInOwnTask', () => {
  it('runs nothing in the calling task, then only the last of a burst of calls, once', async () => {
    const seen: number[] = [];
    const t = latestInOwnTask((n: number) => seen.push(n));
    t.call(1);
    t.call(2);
    t.call(3);
    expect(seen).toEqual([]);
    await nextTask();
    expect(seen).toEqual([3]);
    await nextTask();
    expect(seen).toEqual([3]);
    t.call(4);
    await nextTask();
    expect(seen).toEqual([3, 4]);
  });

  it('runs the waiting call at once on flush, and not again in its own task', async () => {
    const seen: number[] = [];
    const t = latestInOwnTask((n: number) => seen.push(n));
    t.call(1);
    t.call(2);
    t.flush();
    expect(seen).toEqual([2]);
    await nextTask();
    expect(seen).toEqual([2]);
    t.flush();
    expect(seen).toEqual([2]);
  });

  it('drops the waiting call on cancel', async () => {
    const seen: number[] = [];
    const t = latestInOwnTask((n: number) => seen.push(n));
    t.call(1);
    t.cancel();
    await nextTask();
    expect(seen).toEqual([]);
  });
});
