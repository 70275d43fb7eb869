/**
 * The map as a picture someone can put in a story: title on top, the map as drawn, then the legend of the
 * kinds shown, the time window, and a credit naming the article and its sources. Laid out in two steps so
 * the layout is a pure function (testable without a browser): `layoutMapImage` measures text through the
 * function it is given and returns drawing operations; `paintMapImage` plays them on a 2D context.
 * Everything is drawn as canvas text — nothing here is ever parsed as markup.
 */

export interface LegendEntry {
  label: string;
  color: string;
  count: number;
}

export interface MapImageSpec {
  /** The map's size in CSS pixels (the snapshot is `width * scale` device pixels wide). */
  width: number;
  height: number;
  /** Device pixels per CSS pixel of the snapshot, so text is as sharp as the map. */
  scale: number;
  title: string;
  /** "Time window: 28 Jul – 3 Aug 2021 · 12 of 23 claims" */
  windowLine: string;
  /** Filters in force, one short phrase each; empty when nothing is filtered. */
  filters: readonly string[];
  legend: readonly LegendEntry[];
  /** Lines at the foot: the article and its sources, then the basemap and the tool. */
  credits: readonly string[];
}

export type DrawOp =
  | { op: 'rect'; x: number; y: number; w: number; h: number; color: string }
  | { op: 'map'; x: number; y: number; w: number; h: number }
  | { op: 'text'; text: string; x: number; y: number; font: string; color: string; maxWidth: number };

export interface MapImageLayout {
  width: number; // device pixels
  height: number;
  ops: DrawOp[];
}

/** Measures the width of `text` in device pixels when drawn with the CSS `font`. */
export type MeasureText = (text: string, font: string) => number;

const SANS = 'system-ui, "Noto Sans", "DejaVu Sans", Arial, sans-serif';
const INK = '#1d2126';
const MUTED = '#4b535c';
const PAPER = '#ffffff';

/** Greedy word wrap; a word longer than the line is cut with an ellipsis. At most `maxLines` lines. */
export function wrapText(text: string, maxWidth: number, font: string, measure: MeasureText, maxLines = Infinity): string[] {
  const words = text.replace(/\s+/g, ' ').trim().split(' ').filter(Boolean);
  const lines: string[] = [];
  let line = '';
  const fit = (s: string) => {
    if (measure(s, font) <= maxWidth) return s;
    let cut = s;
    while (cut.length > 1 && measure(`${cut}…`, font) > maxWidth) cut = cut.slice(0, -1);
    return `${cut}…`;
  };
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const candidate = line ? `${line} ${word}` : word;
    if (measure(candidate, font) <= maxWidth || !line) {
      line = candidate;
      continue;
    }
    lines.push(line);
    line = word;
    if (lines.length === maxLines) {
      // Out of lines: the last one carries the rest, cut to fit.
      lines[maxLines - 1] = fit(`${lines[maxLines - 1]} ${words.slice(i).join(' ')}`);
      return lines;
    }
  }
  if (line) lines.push(line);
  return lines.map(fit);
}

export function layoutMapImage(spec: MapImageSpec, measure: MeasureText): MapImageLayout {
  const s = spec.scale > 0 && Number.isFinite(spec.scale) ? spec.scale : 1;
  const W = Math.round(spec.width * s);
  const pad = Math.round(16 * s);
  const inner = W - 2 * pad;
  const ops: DrawOp[] = [];
  const font = (px: number, weight = 400) => `${weight} ${Math.round(px * s)}px ${SANS}`;
  let y = pad;

  const titleFont = font(20, 700);
  for (const line of wrapText(spec.title, inner, titleFont, measure, 2)) {
    y += Math.round(24 * s);
    ops.push({ op: 'text', text: line, x: pad, y, font: titleFont, color: INK, maxWidth: inner });
  }
  const subFont = font(14);
  for (const line of [spec.windowLine, ...(spec.filters.length ? [`Filtered: ${spec.filters.join(' · ')}`] : [])]) {
    for (const part of wrapText(line, inner, subFont, measure, 2)) {
      y += Math.round(20 * s);
      ops.push({ op: 'text', text: part, x: pad, y, font: subFont, color: MUTED, maxWidth: inner });
    }
  }
  y += Math.round(12 * s);

  const mapH = Math.round(spec.height * s);
  ops.push({ op: 'map', x: 0, y, w: W, h: mapH });
  y += mapH + Math.round(12 * s);

  // Legend: swatch + label + count, flowing into rows.
  const legendFont = font(13);
  const sw = Math.round(12 * s);
  const gap = Math.round(18 * s);
  const rowH = Math.round(20 * s);
  let x = pad;
  if (spec.legend.length > 0) y += rowH;
  for (const entry of spec.legend) {
    const label = `${entry.label} (${entry.count})`;
    const w = sw + Math.round(6 * s) + Math.min(measure(label, legendFont), inner - sw);
    if (x > pad && x + w > W - pad) {
      x = pad;
      y += rowH;
    }
    ops.push({ op: 'rect', x, y: y - sw + Math.round(1 * s), w: sw, h: sw, color: entry.color });
    ops.push({ op: 'text', text: label, x: x + sw + Math.round(6 * s), y, font: legendFont, color: INK, maxWidth: inner - sw });
    x += w + gap;
  }
  if (spec.legend.length > 0) y += Math.round(8 * s);

  const creditFont = font(11.5);
  for (const credit of spec.credits) {
    for (const line of wrapText(credit, inner, creditFont, measure, 3)) {
      y += Math.round(16 * s);
      ops.push({ op: 'text', text: line, x: pad, y, font: creditFont, color: MUTED, maxWidth: inner });
    }
  }
  y += pad;
  return { width: W, height: y, ops: [{ op: 'rect', x: 0, y: 0, w: W, h: y, color: PAPER }, ...ops] };
}

/** The part of CanvasRenderingContext2D the painter uses (so tests can record calls). */
export interface Paint2D {
  fillStyle: string | CanvasGradient | CanvasPattern;
  font: string;
  textBaseline: CanvasTextBaseline;
  fillRect(x: number, y: number, w: number, h: number): void;
  fillText(text: string, x: number, y: number, maxWidth?: number): void;
  drawImage(image: CanvasImageSource, dx: number, dy: number, dw: number, dh: number): void;
}

export function paintMapImage(ctx: Paint2D, layout: MapImageLayout, mapImage: CanvasImageSource): void {
  ctx.textBaseline = 'alphabetic';
  for (const op of layout.ops) {
    if (op.op === 'rect') {
      ctx.fillStyle = op.color;
      ctx.fillRect(op.x, op.y, op.w, op.h);
    } else if (op.op === 'map') {
      ctx.drawImage(mapImage, op.x, op.y, op.w, op.h);
    } else {
      ctx.fillStyle = op.color;
      ctx.font = op.font;
      ctx.fillText(op.text, op.x, op.y, op.maxWidth);
    }
  }
}

/** Browser only: lay out, paint on a fresh canvas and encode as PNG. `snapshot` is a 2D copy of the map
 *  (src/map/snapshot.ts) measuring `cssWidth` × `cssHeight` CSS pixels. */
export async function composeMapPng(
  spec: Omit<MapImageSpec, 'width' | 'height' | 'scale'>,
  snapshot: { canvas: HTMLCanvasElement; cssWidth: number; cssHeight: number },
): Promise<Blob> {
  const scale = snapshot.cssWidth > 0 ? snapshot.canvas.width / snapshot.cssWidth : 1;
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('this browser cannot draw the picture (no 2D canvas)');
  const measure: MeasureText = (text, font) => {
    ctx.font = font;
    return ctx.measureText(text).width;
  };
  const layout = layoutMapImage({ ...spec, width: snapshot.cssWidth, height: snapshot.cssHeight, scale }, measure);
  canvas.width = layout.width;
  canvas.height = layout.height;
  paintMapImage(ctx, layout, snapshot.canvas);
  return new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the picture could not be encoded as PNG'))), 'image/png'),
  );
}
