/**
 * A still copy of what the map shows, for the PNG export. MapLibre's canvas is created without
 * `preserveDrawingBuffer` (keeping it costs every frame), so its pixels are only readable in the same
 * task that drew them: ask for one more frame and copy the canvas inside that frame's `render` event,
 * before the browser composites and clears the buffer.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';

export interface MapSnapshot {
  /** A 2D canvas holding the map's pixels (device pixels). */
  canvas: HTMLCanvasElement;
  /** The map's size in CSS pixels. */
  cssWidth: number;
  cssHeight: number;
}

/** Draws what the page shows over the canvas (the cluster numbers) onto the copy, `scale` device px per CSS px. */
export type SnapshotOverlay = (ctx: CanvasRenderingContext2D, scale: number) => void;

export function snapshotMap(map: MapLibreMap, timeoutMs = 5000, overlay: SnapshotOverlay | null = currentOverlay): Promise<MapSnapshot> {
  return new Promise<MapSnapshot>((resolve, reject) => {
    let done = false;
    const timer = setTimeout(() => {
      if (done) return;
      done = true;
      map.off('render', onRender);
      // A hidden tab gets no animation frames, so no render ever comes.
      reject(new Error('the map did not draw a frame in time (is the page in a background tab?)'));
    }, timeoutMs);
    function onRender() {
      if (done) return;
      done = true;
      clearTimeout(timer);
      const source = map.getCanvas();
      const copy = document.createElement('canvas');
      copy.width = source.width;
      copy.height = source.height;
      const ctx = copy.getContext('2d');
      if (!ctx) {
        reject(new Error('this browser cannot copy the map (no 2D canvas)'));
        return;
      }
      ctx.drawImage(source, 0, 0);
      const cssWidth = source.clientWidth || source.width;
      overlay?.(ctx, source.width / cssWidth);
      resolve({ canvas: copy, cssWidth, cssHeight: source.clientHeight || source.height });
    }
    map.once('render', onRender);
    map.triggerRepaint();
  });
}

let current: MapLibreMap | null = null;
let currentOverlay: SnapshotOverlay | null = null;

/** The map the PNG export photographs, and what it draws over its canvas; set by the shell when the map
 *  owner is created or destroyed. */
export function setSnapshotMap(map: MapLibreMap | null, overlay: SnapshotOverlay | null = null): void {
  current = map;
  currentOverlay = map ? overlay : null;
}

export function getSnapshotMap(): MapLibreMap | null {
  return current;
}
