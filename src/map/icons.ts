/**
 * The two images the claim layers use, drawn into pixel buffers at start-up (no sprite server).
 * The arrowhead is a signed-distance field so `icon-color` can tint it per kind.
 */
export interface RawImage {
  width: number;
  height: number;
  data: Uint8Array;
}

type Pt = [number, number];

function distToSegment(p: Pt, a: Pt, b: Pt): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

function inside(p: Pt, poly: readonly Pt[]): boolean {
  let c = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i]!;
    const [xj, yj] = poly[j]!;
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) c = !c;
  }
  return c;
}

/**
 * A notched arrowhead pointing up (north), as an SDF: alpha 0.75 on the outline, rising inside, falling
 * outside over `radius` pixels (the convention MapLibre's SDF shader and TinySDF use).
 */
export function arrowHeadSdf(size = 48): RawImage {
  const s = size / 48;
  const poly: Pt[] = [
    [24 * s, 6 * s],
    [40 * s, 40 * s],
    [24 * s, 32 * s],
    [8 * s, 40 * s],
  ];
  const radius = 8 * s;
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const p: Pt = [x + 0.5, y + 0.5];
      let d = Infinity;
      for (let i = 0; i < poly.length; i++) d = Math.min(d, distToSegment(p, poly[i]!, poly[(i + 1) % poly.length]!));
      const signed = inside(p, poly) ? -d : d;
      const a = Math.max(0, Math.min(255, Math.round(255 * (0.75 - signed / radius / 4))));
      const o = (y * size + x) * 4;
      data[o] = 0;
      data[o + 1] = 0;
      data[o + 2] = 0;
      data[o + 3] = a;
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
