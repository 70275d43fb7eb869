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

export function packPixelLanes(x0: ArrayLike<number>, x1: ArrayLike<number>, maxLanes: number, minPx = 10, gapPx = 2): PixelLanes {
  const n = x0.length;
  const right = (i: number) => Math.max(x1[i]!, x0[i]! + minPx);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => x0[a]! - x0[b]! || right(b) - right(a) || a - b);
  const lane = new Int32Array(n);
  const laneEnd: number[] = [];
  for (const i of order) {
    let l = laneEnd.findIndex((e) => e + gapPx <= x0[i]!);
    if (l < 0) {
      l = laneEnd.length;
      laneEnd.push(right(i));
    } else laneEnd[l] = right(i);
    lane[i] = l;
  }
  const hidden = new Uint8Array(n);
  const cap = Math.max(1, Math.floor(maxLanes));
  if (laneEnd.length <= cap) return { lane, rows: laneEnd.length, hidden, overflow: [] };

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
