import { describe, expect, it } from 'vitest';
import { arrowHeadSdf, hatchPattern } from './icons';

const alphaAt = (img: { width: number; data: Uint8Array }, x: number, y: number) => img.data[(y * img.width + x) * 4 + 3]!;

describe('the arrowhead SDF', () => {
  const img = arrowHeadSdf();

  it('is a 48 px alpha field with no colour of its own (MapLibre tints it)', () => {
    expect([img.width, img.height, img.data.length]).toEqual([48, 48, 48 * 48 * 4]);
    for (let i = 0; i < img.data.length; i += 4) expect([img.data[i], img.data[i + 1], img.data[i + 2]]).toEqual([0, 0, 0]);
  });

  it('rises inside the notched arrowhead and falls to 0 away from it, 0.75 on the outline', () => {
    expect(alphaAt(img, 24, 20)).toBeGreaterThan(0.75 * 255); // inside, on the axis
    expect(alphaAt(img, 24, 36)).toBeLessThan(0.75 * 255); // the notch between the barbs is outside
    expect(alphaAt(img, 0, 0)).toBeLessThan(8);
    expect(alphaAt(img, 47, 0)).toBeLessThan(8);
    // Pixel (23, 5) has its centre 0.5 px above the tip at (24, 6): just outside the outline.
    expect(Math.abs(alphaAt(img, 23, 5) - 0.75 * 255)).toBeLessThan(0.05 * 255);
  });

  it('is symmetric about its vertical axis, and scales with its size', () => {
    // Mirrored pixels may differ by one step of rounding.
    for (let y = 0; y < 48; y++) for (let x = 0; x < 24; x++) expect(Math.abs(alphaAt(img, x, y) - alphaAt(img, 47 - x, y))).toBeLessThanOrEqual(1);
    const big = arrowHeadSdf(96);
    expect(big.width).toBe(96);
    expect(alphaAt(big, 48, 40)).toBeGreaterThan(0.75 * 255);
    expect(alphaAt(big, 48, 72)).toBeLessThan(0.75 * 255);
    expect(alphaAt(big, 0, 0)).toBeLessThan(8);
  });
});

describe('the hatch pattern', () => {
  it('tiles: its diagonal strokes meet across the edges', () => {
    const img = hatchPattern();
    expect(alphaAt(img, 0, 0)).toBe(150);
    expect(alphaAt(img, 7, 0)).toBe(150);
    expect(alphaAt(img, 7, 7)).toBe(0);
  });
});
