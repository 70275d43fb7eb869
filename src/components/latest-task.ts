/**
 * Hands the latest of a burst of calls to a task of its own, run as soon as the current one ends.
 *
 * Why (timeline drags): Chromium delivers `pointermove` at the start of the frame, in the same task that
 * then runs the map's animation frame and hands the drawn canvas to the compositor. With a software GPU
 * that hand-over waits for the whole frame to be rasterised (~100–150 ms at 100k claims), so moving the
 * window inside the pointer handler (recounting ~80k claims, React rendering the list and timeline) made
 * one task of the two: ~190–280 ms at 100k. Handed on, the window moves in a task of its own right after,
 * and the next frame draws it; a burst of moves in one frame costs one window change, the last one.
 * A key press is already a task of its own, so keys call the store directly.
 */
export interface LatestTask<A> {
  /** Runs `fn(arg)` in a task of its own, unless another call replaces `arg` first. */
  call(arg: A): void;
  /** Runs the waiting call now (a drag that ends must end where the pointer let go). */
  flush(): void;
  /** Drops the waiting call. */
  cancel(): void;
}

export function latestInOwnTask<A>(fn: (arg: A) => void): LatestTask<A> {
  let pending: { arg: A } | null = null;
  let channel: MessageChannel | null = null;
  const run = () => {
    const p = pending;
    pending = null;
    if (p) fn(p.arg);
  };
  return {
    call(arg) {
      const scheduled = pending !== null;
      pending = { arg };
      if (scheduled) return;
      // A message, not setTimeout(0): no 4 ms clamp, and it runs before the next frame is due.
      if (!channel) {
        channel = new MessageChannel();
        channel.port1.onmessage = run;
      }
      channel.port2.postMessage(null);
    },
    flush: run,
    cancel() {
      pending = null;
    },
  };
}

/** Resolves in a task of its own, run as soon as the current one ends (a message: no 4 ms clamp). */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
