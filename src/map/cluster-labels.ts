/**
 * The number on each cluster, as page text over the map canvas rather than a symbol layer.
 *
 * Why: text in a map layer is layout, fixed when a tile is cut, so every timeline step that changed a count
 * meant cutting the clusters' tiles again once the window rested (a second full repaint per step, and most
 * of the garbage a 100k scrub made), and the label hid meanwhile. Here a label is one element per cluster
 * in view, written in the same frame as its disc (ClaimMap calls `draw` when MapLibre has painted), with
 * the count of now.
 *
 * The labels are decoration for sighted readers (`aria-hidden`); the counts are read out by the cluster's
 * tooltip and the claim list. They never take the pointer: a click goes to the disc under them.
 */
import { countLabel, labelSize, type ClusterLabel } from './clusters';
import { FONT } from './map-style';

/** The font of the map's own text, as CSS. */
const FONT_FAMILY = FONT.map((f) => (f === 'sans-serif' ? f : `'${f}'`)).join(', ');

interface Shown {
  el: HTMLSpanElement;
  x: number;
  y: number;
  n: number;
  epoch: number;
}

export class ClusterLabelOverlay {
  readonly root: HTMLDivElement;
  private readonly shown = new Map<number, Shown>();
  private epoch = 0;

  constructor(parent: HTMLElement) {
    this.root = document.createElement('div');
    this.root.className = 'cluster-labels';
    this.root.setAttribute('aria-hidden', 'true');
    this.root.dataset['testid'] = 'cluster-labels';
    this.root.style.fontFamily = FONT_FAMILY;
    parent.appendChild(this.root);
  }

  /** Shows exactly these labels; an element is kept for a cluster that stays, and only what changed is written. */
  draw(labels: readonly ClusterLabel[]): void {
    const epoch = ++this.epoch;
    for (const l of labels) {
      let s = this.shown.get(l.c);
      if (!s) {
        const el = document.createElement('span');
        el.className = 'cluster-label';
        el.dataset['cluster'] = String(l.c);
        this.root.appendChild(el);
        s = { el, x: NaN, y: NaN, n: -1, epoch };
        this.shown.set(l.c, s);
      }
      s.epoch = epoch;
      if (s.n !== l.n) {
        s.n = l.n;
        s.el.textContent = countLabel(l.n);
        s.el.dataset['n'] = String(l.n);
        s.el.style.fontSize = `${labelSize(l.n)}px`;
      }
      const x = Math.round(l.x);
      const y = Math.round(l.y);
      if (s.x !== x || s.y !== y) {
        s.x = x;
        s.y = y;
        s.el.style.transform = `translate(${x}px, ${y}px) translate(-50%, -50%)`;
      }
    }
    for (const [c, s] of this.shown) {
      if (s.epoch === epoch) continue;
      s.el.remove();
      this.shown.delete(c);
    }
  }

  /** Writes the labels shown now onto a copy of the map canvas (the PNG export), `scale` device px per CSS px. */
  paintOnto(ctx: CanvasRenderingContext2D, scale: number): void {
    ctx.save();
    ctx.fillStyle = '#ffffff';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    for (const s of this.shown.values()) {
      ctx.font = `600 ${labelSize(s.n) * scale}px ${FONT_FAMILY}`;
      ctx.fillText(countLabel(s.n), s.x * scale, s.y * scale);
    }
    ctx.restore();
  }

  destroy(): void {
    this.shown.clear();
    this.root.remove();
  }
}
