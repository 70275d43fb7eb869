/* global window, document, location, fetch, URL, URLSearchParams */
// Bare MapLibre reference page for the benchmark. Deliberately the obvious approach: every claim is a
// point at its anchor with numeric t0/t1 (day numbers), and each window step calls setFilter.
import * as maplibregl from './vendor/maplibre-gl.mjs';

const params = new URLSearchParams(location.search);
const dataPath = params.get('data') ?? 'data/index.json';
const MS_PER_DAY = 86400000;
const dayOf = (iso) => Math.round(Date.parse(`${iso}T00:00:00Z`) / MS_PER_DAY);
const isoOf = (day) => new Date(day * MS_PER_DAY).toISOString().slice(0, 10);

function fail(message) {
  const el = document.getElementById('error');
  el.hidden = false;
  el.textContent = message;
  throw new Error(message);
}

async function getJson(path) {
  // Paths are relative to the site root, like the app's ?data= (the page lives in /baseline/).
  const res = await fetch(new URL(path, new URL('../', location.href)));
  if (!res.ok) fail(`${path}: HTTP ${res.status}`);
  return res.json();
}

const listeners = new Set();
const state = { timeWindow: null, domain: null };
const store = {
  getState: () => state,
  subscribe(fn) {
    listeners.add(fn);
    return () => listeners.delete(fn);
  },
};

// Camera: the same `map=zoom/lat/lon` the app reads, so both pages show the same tiles.
const mapParam = /^(\d+(?:\.\d+)?)\/(-?\d+(?:\.\d+)?)\/(-?\d+(?:\.\d+)?)$/.exec(params.get('map') ?? '');
const map = new maplibregl.Map({
  container: 'map',
  style: { version: 8, sources: {}, layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#dbeafe' } }] },
  center: mapParam ? [Number(mapParam[3]), Number(mapParam[2])] : [20, 25],
  zoom: mapParam ? Number(mapParam[1]) : 1.5,
  attributionControl: false,
});

let features = [];
/** The same half-open test as the setFilter expression below. */
const inWindow = (f, win) => f.properties.t0 < win.end && f.properties.t1 > win.start;
const windowFilter = (win) => ['all', ['<', ['get', 't0'], win.end], ['>', ['get', 't1'], win.start]];

function visibleIds() {
  const win = state.timeWindow;
  const out = [];
  for (const f of features) if (inWindow(f, win)) out.push(f.properties.claimId);
  return out;
}

const track = document.getElementById('track');
const handle = document.getElementById('handle');
const windowEl = document.getElementById('window');
const countEl = document.getElementById('count');

function render() {
  const { domain, timeWindow: win } = state;
  const span = domain.end - domain.start;
  handle.style.left = `${((win.start - domain.start) / span) * 100}%`;
  windowEl.style.left = `${((win.start - domain.start) / span) * 100}%`;
  windowEl.style.width = `${((win.end - win.start) / span) * 100}%`;
  handle.setAttribute('aria-valuemin', String(domain.start));
  handle.setAttribute('aria-valuemax', String(win.end - 1));
  handle.setAttribute('aria-valuenow', String(win.start));
  handle.setAttribute('aria-valuetext', isoOf(win.start));
  let n = 0;
  for (const f of features) if (inWindow(f, win)) n++;
  countEl.textContent = `${n} of ${features.length} claims`;
}

function setStart(day) {
  const { domain, timeWindow: win } = state;
  const start = Math.max(domain.start, Math.min(win.end - 1, Math.round(day)));
  if (start === win.start) return;
  state.timeWindow = { start, end: win.end };
  map.setFilter('claims-points', windowFilter(state.timeWindow));
  render();
  for (const fn of listeners) fn(state);
}

handle.addEventListener('keydown', (e) => {
  const step = { ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1, PageUp: 7, PageDown: -7 }[e.key];
  if (step === undefined) return;
  e.preventDefault();
  setStart(state.timeWindow.start + step);
});
handle.addEventListener('pointerdown', (e) => {
  handle.setPointerCapture(e.pointerId);
  handle.focus();
});
handle.addEventListener('pointermove', (e) => {
  if (!handle.hasPointerCapture(e.pointerId)) return;
  const rect = track.getBoundingClientRect();
  const { domain } = state;
  setStart(domain.start + ((e.clientX - rect.left) / rect.width) * (domain.end - domain.start));
});

async function load() {
  const index = await getJson(dataPath);
  const base = dataPath.replace(/[^/]*$/, '');
  const bundles = await Promise.all(index.articles.map((a) => getJson(`${base}articles/${a.slug}.json`)));
  features = [];
  let lo = Infinity;
  let hi = -Infinity;
  for (const b of bundles) {
    for (const c of b.claims) {
      const t0 = dayOf(c.when.start);
      const t1 = dayOf(c.when.end);
      if (t0 < lo) lo = t0;
      if (t1 > hi) hi = t1;
      features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: c.anchor }, properties: { claimId: c.id, t0, t1 } });
    }
  }
  state.domain = { start: lo, end: hi };
  const from = params.get('from');
  const to = params.get('to');
  state.timeWindow = from && to ? { start: dayOf(from), end: dayOf(to) } : { start: lo, end: hi };
  return features;
}

async function basemap() {
  // The same basemap GeoJSON the app serves (public/basemap/), listed by the bench server: polygons
  // filled, lines stroked, named points labelled with local fonts (no glyph server, like the app; MapLibre
  // ≥ 5.11), with the app's rank rule for which names show at which zoom. Capitals appear from zoom 3.
  const files = await getJson('baseline/basemap.json');
  const isType = (...types) => ['match', ['geometry-type'], types, true, false];
  const byRank = ['<=', ['coalesce', ['get', 'rank'], 1], ['step', ['zoom'], 1, 2, 2, 3.2, 3, 4.5, 4]];
  for (const [i, file] of files.entries()) {
    const source = `basemap-${i}`;
    const minzoom = /capital/.test(file) ? 3 : 0;
    map.addSource(source, { type: 'geojson', data: new URL(file, new URL('../', location.href)).href });
    map.addLayer({ id: `${source}-fill`, type: 'fill', source, filter: isType('Polygon', 'MultiPolygon'), paint: { 'fill-color': '#f8fafc' } });
    map.addLayer({ id: `${source}-line`, type: 'line', source, filter: isType('LineString', 'MultiLineString', 'Polygon', 'MultiPolygon'), paint: { 'line-color': '#94a3b8', 'line-width': 0.6 } });
    map.addLayer({ id: `${source}-dot`, type: 'circle', source, minzoom: Math.max(minzoom, 3), filter: ['all', isType('Point'), byRank], paint: { 'circle-radius': 2, 'circle-color': '#475569' } });
    map.addLayer({
      id: `${source}-label`,
      type: 'symbol',
      source,
      minzoom,
      filter: ['all', isType('Point'), ['has', 'name'], byRank],
      layout: { 'text-field': ['get', 'name'], 'text-font': ['Noto Sans', 'DejaVu Sans', 'Arial', 'sans-serif'], 'text-size': 10 },
      paint: { 'text-color': '#475569', 'text-halo-color': '#ffffff', 'text-halo-width': 1.2 },
    });
  }
}

const styleReady = new Promise((resolve) => map.on('load', resolve));
const [points] = await Promise.all([load(), styleReady.then(basemap)]);
map.addSource('claims', { type: 'geojson', data: { type: 'FeatureCollection', features: points } });
map.addLayer({
  id: 'claims-points',
  type: 'circle',
  source: 'claims',
  filter: windowFilter(state.timeWindow),
  paint: { 'circle-radius': 4, 'circle-color': '#dc2626', 'circle-opacity': 0.7, 'circle-stroke-width': 1, 'circle-stroke-color': '#fff' },
});
render();

window.claimAtlas = {
  version: 1,
  map,
  store,
  getVisibleClaimIds: visibleIds,
  visibleSignature() {
    const win = state.timeWindow;
    let count = 0;
    let first;
    let last;
    for (const f of features) {
      if (!inWindow(f, win)) continue;
      count++;
      first ??= f.properties.claimId;
      last = f.properties.claimId;
    }
    return `${count}:${first}:${last}`;
  },
  whenMapIdle: () =>
    new Promise((resolve) => {
      if (map.loaded() && map.areTilesLoaded() && !map.isMoving()) resolve();
      else map.once('idle', () => resolve());
    }),
};
