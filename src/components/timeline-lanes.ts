/**
 * Lane packing in screen pixels for the timeline. Packing by days (domain/timeline-layout) puts every
 * one-day claim of a busy day in its own lane, so a news day with 15 claims becomes a column of 15
 * hairlines. Here each bar is at least `minPx` wide, bars share a lane when they do not touch on screen,
 * and at most `maxLanes` rows are drawn: what does not fit is summed up in a "+N" mark per cluster.
 */
export interface OverflowMark {
  x0: number;
  x1: number;
  /** Indices of the claims it stands for. */
  members: number[];
}

export interface PixelLanes {
  /** Row per claim; hidden claims get the overflow row. */
  lane: Int32Array;
  /** Rows drawn (bars plus, when needed, the overflow row). */
  rows: number;
  /** 1 = not drawn as a bar (counted in an overflow mark). */
  hidden: Uint8Array;
  overflow: OverflowMark[];
}

export const MARK_PX = 26;

/** A binary min-heap of numbers with a parallel payload, for the packer's two queues. */
class MinHeap {
  private keys: number[] = [];
  private vals: number[] = [];
  get size(): number {
    return this.keys.length;
  }
  peekKey(): number {
    return this.keys[0]!;
  }
  push(key: number, val: number): void {
    const k = this.keys;
    const v = this.vals;
    let i = k.length;
    k.push(key);
    v.push(val);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (k[p]! <= key) break;
      k[i] = k[p]!;
      v[i] = v[p]!;
      i = p;
    }
    k[i] = key;
    v[i] = val;
  }
  pop(): number {
    const k = this.keys;
    const v = this.vals;
    const top = v[0]!;
    const lastK = k.pop()!;
    const lastV = v.pop()!;
    const n = k.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= n) break;
        if (c + 1 < n && k[c + 1]! < k[c]!) c++;
        if (k[c]! >= lastK) break;
        k[i] = k[c]!;
        v[i] = v[c]!;
        i = c;
      }
      k[i] = lastK;
      v[i] = lastV;
    }
    return top;
  }
}

export function packPixelLanes(x0: ArrayLike<number>, x1: ArrayLike<number>, maxLanes: number, minPx = 10, gapPx = 2): PixelLanes {
  const n = x0.length;
  const right = (i: number) => Math.max(x1[i]!, x0[i]! + minPx);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => x0[a]! - x0[b]! || right(b) - right(a) || a - b);
  const lane = new Int32Array(n);
  // First fit in O(n log n): bars come by start, so a lane that is free for one bar stays free for every
  // later one until it is used again. Lanes in use wait in `busy` (by their end); once free they move to
  // `free` (by their number), and each bar takes the lowest free lane, exactly as a linear first-fit scan.
  const busy = new MinHeap();
  const free = new MinHeap();
  let lanes = 0;
  for (const i of order) {
    while (busy.size > 0 && busy.peekKey() + gapPx <= x0[i]!) {
      const l = busy.pop();
      free.push(l, l);
    }
    const l = free.size > 0 ? free.pop() : lanes++;
    lane[i] = l;
    busy.push(right(i), l);
  }
  const hidden = new Uint8Array(n);
  const cap = Math.max(1, Math.floor(maxLanes));
  if (lanes <= cap) return { lane, rows: lanes, hidden, overflow: [] };

  // Keep cap - 1 rows of bars; the last row holds the "+N" marks.
  const cutoff = cap - 1;
  const overflow: OverflowMark[] = [];
  for (const i of order) {
    if (lane[i]! < cutoff) continue;
    hidden[i] = 1;
    lane[i] = cutoff;
    const last = overflow[overflow.length - 1];
    const end = Math.max(right(i), x0[i]! + MARK_PX);
    if (last && x0[i]! <= last.x1 + gapPx) {
      last.x1 = Math.max(last.x1, end);
      last.members.push(i);
    } else overflow.push({ x0: x0[i]!, x1: end, members: [i] });
  }
  return { lane, rows: cap, hidden, overflow };
}

/**
 * Claims per pixel column and kind, for a timeline too crowded for one bar per claim (thousands of
 * claims): a difference array per kind, so the cost is O(claims + kinds × width) whatever the intervals.
 * Claims that the filters hide are counted in the extra last row (`kinds`), drawn grey.
 */
export interface ColumnDensity {
  width: number;
  /** (kinds + 1) rows of `width` counts. */
  counts: Float32Array;
  /** The largest column total. */
  max: number;
}

export function columnDensity(
  x0: ArrayLike<number>,
  x1: ArrayLike<number>,
  kindOf: ArrayLike<number>,
  on: ArrayLike<number>,
  kinds: number,
  width: number,
): ColumnDensity {
  const w = Math.max(1, Math.ceil(width));
  const rowLen = w + 1;
  const diff = new Float32Array((kinds + 1) * rowLen);
  for (let i = 0; i < x0.length; i++) {
    const c0 = Math.min(w - 1, Math.max(0, Math.floor(x0[i]!)));
    const c1 = Math.min(w, Math.max(c0 + 1, Math.ceil(x1[i]!)));
    const row = (on[i] === 1 ? kindOf[i]! : kinds) * rowLen;
    diff[row + c0]! += 1;
    diff[row + c1]! -= 1;
  }
  const counts = new Float32Array((kinds + 1) * w);
  const totals = new Float32Array(w);
  for (let k = 0; k <= kinds; k++) {
    let run = 0;
    for (let c = 0; c < w; c++) {
      run += diff[k * rowLen + c]!;
      counts[k * w + c] = run;
      totals[c]! += run;
    }
  }
  let max = 0;
  for (let c = 0; c < w; c++) if (totals[c]! > max) max = totals[c]!;
  return { width: w, counts, max };
}
