/* global window, document, performance, requestAnimationFrame, setTimeout, MessageChannel */
// Injected into every benchmarked page before its own scripts (page.addInitScript). It times things from
// inside the page, on the page's own clock, so Playwright's round trips never count. It needs only the
// documented test handle `window.claimAtlas` ({ map, store, getVisibleClaimIds, visibleSignature,
// whenMapIdle }), which the app and the baseline page both provide.
(() => {
  const now = () => performance.now();
  const atlas = () => window.claimAtlas;
  const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  // MapLibre fires `render` and `idle` inside the animation-frame task in which it draws; Chromium hands the
  // WebGL frame to the compositor at the end of that same task, and with a software GPU (SwiftShader) that
  // hand-over waits for the whole frame to be rasterised. So a frame is on screen only once that task has
  // ended: every "drawn" time below is taken in the next task, never in the `idle` handler itself (which
  // timed a 100k world-view step at ~20 ms while its pixels took ~0.5 s).
  const channel = new MessageChannel();
  const queued = [];
  channel.port1.onmessage = () => queued.shift()?.();
  const nextTask = (fn) => {
    queued.push(fn);
    channel.port2.postMessage(null);
  };

  // Input time = the event's own timestamp (when the browser received it), not when a listener ran.
  let inputAt = null;
  let pointerDownAt = null;
  const onInput = (e) => {
    if (inputAt === null) inputAt = e.timeStamp;
  };
  window.addEventListener('keydown', onInput, true);
  window.addEventListener('pointermove', onInput, true);
  window.addEventListener('pointerdown', (e) => {
    pointerDownAt = e.timeStamp;
  }, true);

  const claimLayers = (map) => map.getStyle().layers.filter((l) => l.id.startsWith('claims-')).map((l) => l.id);
  // Cheap identity of the visible set: a step that changes it changes its size or its ends in practice.
  // Read around every step, so it must not build a list of 100k ids: those arrays (~0.8 MB each, straight
  // into V8's old generation) brought on the measured page's major GCs while it was being scrubbed.
  const signature = () => {
    const a = atlas();
    if (a.visibleSignature) return a.visibleSignature();
    const ids = a.getVisibleClaimIds(); // a page from before visibleSignature()
    return `${ids.length}:${ids[0]}:${ids[ids.length - 1]}`;
  };
  const errorText = () => {
    const el = document.querySelector('[data-testid="app-error"]');
    return el && !el.hidden && el.textContent ? el.textContent.trim() : null;
  };

  let step = null;
  let previousQuote = null;

  window.__bench = {
    /**
     * Cold load: ms from navigation start to the first `idle` of the map at which claims are drawn.
     *
     * The page is only watched, never asked to draw: the app's `whenMapIdle` forces a frame (so that it
     * also settles after changes MapLibre has not seen yet), and calling it in a loop while the data is
     * still loading kept the renderer drawing frame after frame and slowed the very load being measured.
     * So each `idle` event checks for drawn claims itself; `whenMapIdle` is asked only if the page shows
     * claims but no idle has come for a while (a map that went idle before the probe saw it).
     */
    async loaded(timeoutMs) {
      const deadline = now() + timeoutMs;
      let drawnAt = null;
      let lastRenderAt = now();
      let watched = null;
      // An idle was seen and is being checked for drawn claims, in the task after it (drawnAt).
      let seen = false;
      const drawn = (map) => {
        const layers = claimLayers(map);
        return layers.length > 0 && map.queryRenderedFeatures({ layers }).length > 0;
      };
      const watch = (map) => {
        if (watched === map) return;
        watched = map;
        map.on('render', () => {
          lastRenderAt = now();
        });
        map.on('idle', () => {
          if (seen) return;
          seen = true;
          // The time first, then the check: the check (queryRenderedFeatures over every claim layer, ~1 s
          // at 100k features) is the probe's work, not the page's, and must not be timed as the load.
          nextTask(() => {
            const at = now();
            if (drawn(map)) drawnAt = at;
            else seen = false;
          });
        });
      };
      for (;;) {
        const error = errorText();
        if (error) return { error: `the page shows an error: ${error.slice(0, 300)}` };
        const a = atlas();
        // The handle may exist before the map does; only the map's own message means it never will.
        const message = document.querySelector('[data-testid="map-message"]');
        if (a && !a.map && message && message.textContent) return { error: `no map: ${message.textContent.trim().slice(0, 200)}` };
        if (a && a.map) {
          watch(a.map);
          if (drawnAt !== null) return { ms: drawnAt, visible: a.getVisibleClaimIds().length };
          // Not while an idle is being checked: a frame forced meanwhile would be timed as part of the load.
          const quiet = !seen && now() - lastRenderAt > 1000;
          if (quiet && a.getVisibleClaimIds().length > 0) {
            await a.whenMapIdle();
            await new Promise((resolve) => nextTask(resolve));
            if (drawn(a.map)) return { ms: drawnAt ?? now(), visible: a.getVisibleClaimIds().length };
          }
        }
        if (now() > deadline) {
          return { error: a ? 'timed out: the map never showed features in layers named claims-*' : 'timed out: window.claimAtlas never appeared' };
        }
        await nextFrame();
      }
    },

    /** Before one timeline step: listen for the store change, then a render, then idle. */
    arm() {
      const a = atlas();
      const s = { storeAt: null, renderAt: null, idleAt: null, before: signature(), resolve: null };
      inputAt = null;
      const unsubscribe = a.store.subscribe(() => {
        if (s.storeAt === null) s.storeAt = now();
      });
      const onRender = () => {
        if (s.storeAt !== null && s.renderAt === null) s.renderAt = now();
      };
      let idleSeen = false;
      const onIdle = () => {
        if (s.renderAt === null || idleSeen) return;
        idleSeen = true;
        nextTask(() => {
          s.idleAt = now();
          if (s.resolve) s.resolve();
        });
      };
      a.map.on('render', onRender);
      a.map.on('idle', onIdle);
      s.cleanup = () => {
        unsubscribe();
        a.map.off('render', onRender);
        a.map.off('idle', onIdle);
      };
      step = s;
    },

    /** After the input: latency from the input event to the idle that follows the redraw. */
    async finish(timeoutMs) {
      const s = step;
      const t0 = now();
      await new Promise((resolve) => {
        s.resolve = resolve;
        const poll = () => {
          const t = now();
          if (s.idleAt !== null) return resolve();
          // The store changed but the map never redrew: fine if the visible set did not change.
          if (s.storeAt !== null && s.renderAt === null && t - s.storeAt > 500) return resolve();
          if (s.storeAt === null && t - t0 > 1000) return resolve();
          if (t - t0 > timeoutMs) return resolve();
          setTimeout(poll, 20);
        };
        poll();
      });
      s.cleanup();
      const at = inputAt;
      const changed = signature() !== s.before;
      if (at === null) return { status: 'no-input' };
      if (s.storeAt === null) return { status: 'no-change' };
      if (s.idleAt !== null) {
        // Where the time goes: input → store change (event handling), → first render, → idle (tiles, workers).
        const phases = { toStore: s.storeAt - at, toRender: s.renderAt - at };
        return { status: 'ok', ms: s.idleAt - at, changed, phases };
      }
      if (!changed) return { status: 'noop', ms: s.storeAt - at, changed };
      return { status: 'timeout', changed };
    },

    /** The window the store holds, as day numbers, when it has the app's DayWindow shape. */
    timeWindow() {
      const w = atlas().store.getState().timeWindow;
      return w && typeof w.start === 'number' && typeof w.end === 'number' ? { start: w.start, end: w.end } : null;
    },

    visibleCount() {
      return atlas().getVisibleClaimIds().length;
    },

    /** A claim alone under the cursor (a point, else a flow or line at its middle vertex), inside the map
     *  and not covered by UI. Areas lie under everything else, so only the other claim layers count. */
    clickTarget(exclude) {
      const map = atlas().map;
      const layers = claimLayers(map);
      const marks = layers.filter((l) => !/area/.test(l));
      const pickLayers = marks.length > 0 ? marks : layers;
      const canvas = map.getCanvas();
      const rect = canvas.getBoundingClientRect();
      const skip = new Set(exclude);
      const candidates = map.queryRenderedFeatures({ layers: pickLayers });
      const anchorOf = (g) =>
        g.type === 'Point' ? g.coordinates : g.type === 'LineString' ? g.coordinates[Math.floor(g.coordinates.length / 2)] : null;
      // Points first: they are what a reader clicks most.
      candidates.sort((a, b) => (a.geometry.type === 'Point' ? 0 : 1) - (b.geometry.type === 'Point' ? 0 : 1));
      // One look per drawn mark, not per claim: a page may answer a shared mark or a cluster once per
      // claim it holds (100k copies at world zoom), and a mark holding several claims is never alone.
      const marksSeen = new Set();
      let looked = 0;
      for (const f of candidates) {
        const id = f.properties && f.properties.claimId;
        const at = anchorOf(f.geometry);
        const mark = `${f.source}/${f.layer && f.layer.id}/${f.id}`;
        if (!id || !at || skip.has(id) || (f.id !== undefined && marksSeen.has(mark))) continue;
        marksSeen.add(mark);
        skip.add(id);
        if (typeof f.properties.claimIds === 'string' && f.properties.claimIds.includes(' ')) continue;
        if (++looked > 300) break;
        const p = map.project(at);
        const x = rect.left + p.x;
        const y = rect.top + p.y;
        if (x < rect.left + 30 || x > rect.right - 30 || y < rect.top + 30 || y > rect.bottom - 30) continue;
        if (document.elementFromPoint(x, y) !== canvas) continue;
        const hits = map.queryRenderedFeatures([[p.x - 8, p.y - 8], [p.x + 8, p.y + 8]], { layers: pickLayers });
        if (new Set(hits.map((h) => h.properties.claimId)).size !== 1) continue;
        return { x, y, id };
      }
      return null;
    },

    /** Zoom in two levels on some drawn claim, for when claims overlap too much to click one alone. */
    zoomToSomeClaim(nth) {
      const map = atlas().map;
      const feats = map.queryRenderedFeatures({ layers: claimLayers(map) }).filter((f) => f.geometry.type === 'Point');
      const f = feats[nth % Math.max(1, feats.length)];
      if (!f) return false;
      map.jumpTo({ center: f.geometry.coordinates, zoom: Math.min(map.getZoom() + 2, 12) });
      return true;
    },

    armClick() {
      pointerDownAt = null;
      const q = document.querySelector('[data-testid="claim-quote"]');
      previousQuote = q ? q.textContent : null;
    },

    /** ms from pointerdown to the frame in which the detail panel shows a new quote. */
    async finishClick(timeoutMs) {
      const t0 = now();
      for (;;) {
        const q = document.querySelector('[data-testid="claim-panel"] [data-testid="claim-quote"]');
        if (q && q.textContent && q.textContent !== previousQuote && q.getClientRects().length > 0) {
          if (pointerDownAt === null) return { error: 'no pointerdown seen' };
          return { ms: now() - pointerDownAt, quote: q.textContent.slice(0, 80) };
        }
        if (now() - t0 > timeoutMs) return { error: 'the claim panel did not show a quote' };
        await nextFrame();
      }
    },

    /**
     * Resolves once the map has not drawn for `ms` (or after `timeoutMs`): the page's deferred work after a
     * step (the app rewrites cluster labels ~0.2 s after the window stops) is done before the other page
     * takes its step. Both pages share the browser's GPU process, so otherwise one page's frame could wait
     * for the other's and be timed as its own. Only watches; never asks for a frame.
     */
    async quiet(ms, timeoutMs) {
      const map = atlas().map;
      let last = now();
      const onRender = () => {
        last = now();
      };
      map.on('render', onRender);
      const t0 = now();
      while (now() - last < ms && now() - t0 < timeoutMs) await sleep(50);
      map.off('render', onRender);
    },

    async settle() {
      // Bounded: a page that never settles must not hang the whole benchmark.
      await Promise.race([atlas().whenMapIdle(), sleep(10000)]);
      await sleep(50);
    },
  };
})();
