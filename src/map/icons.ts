/**
 * The two images the claim layers use, drawn into pixel buffers at start-up (no sprite server).
 * The arrowhead is a signed-distance field so `icon-color` can tint it per kind.
 */
export interface RawImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** Distance from (px, py) to the segment (ax, ay)–(bx, by). */
function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/**
 * Signed distance from (px, py) to the closed polygon `xs`/`ys`: negative inside (even-odd rule).
 * Scalars only, no pair per pixel: this runs once per pixel at start-up, and V8 compiles the loop that
 * calls it while it runs (a version with a [x, y] array per pixel and per vertex took ~80 ms to compile).
 */
function signedDistance(px: number, py: number, xs: readonly number[], ys: readonly number[]): number {
  let d = Infinity;
  let inside = false;
  for (let i = 0, j = xs.length - 1; i < xs.length; j = i++) {
    const xi = xs[i]!;
    const yi = ys[i]!;
    const xj = xs[j]!;
    const yj = ys[j]!;
    d = Math.min(d, segmentDistance(px, py, xi, yi, xj, yj));
    if (yi > py !== yj > py && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside ? -d : d;
}

/**
 * A notched arrowhead pointing up (north), as an SDF: alpha 0.75 on the outline, rising inside, falling
 * outside over `radius` pixels (the convention MapLibre's SDF shader and TinySDF use).
 */
export function arrowHeadSdf(size = 48): RawImage {
  const s = size / 48;
  const xs = [24 * s, 40 * s, 24 * s, 8 * s];
  const ys = [6 * s, 40 * s, 32 * s, 40 * s];
  const radius = 8 * s;
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const signed = signedDistance(x + 0.5, y + 0.5, xs, ys);
      // RGB stay 0: MapLibre tints an SDF icon from its alpha alone.
      data[(y * size + x) * 4 + 3] = Math.max(0, Math.min(255, Math.round(255 * (0.75 - signed / radius / 4))));
    }
  }
  return { width: size, height: size, data };
}

/** Diagonal hatching for denied/disputed areas: thin dark strokes on transparent, tiles seamlessly. */
export function hatchPattern(size = 8): RawImage {
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const o = (y * size + x) * 4;
      const onStroke = (x + y) % size === 0 || (x + y) % size === size - 1;
      data[o] = 70;
      data[o + 1] = 62;
      data[o + 2] = 80;
      data[o + 3] = onStroke ? 150 : 0;
    }
  }
  return { width: size, height: size, data };
}
