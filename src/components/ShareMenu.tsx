/**
 * Share, export and embed (issue 6). A "Share" button in the header opens a small panel: copy a link to
 * this view (article, claim, time window, filters, map position — the URL state of issue 3), download the
 * claims in view as GeoJSON or CSV, the map as a PNG, and an "Embed" dialog with iframe code. Each claim's
 * detail panel gets a "Copy link" button (ClaimPermalinkButton).
 * Keyboard: the panel is a disclosure (Tab through it, Escape closes and returns focus to its button); the
 * embed dialog is a modal <dialog> (focus trapped by the browser, Escape closes, focus goes back).
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { Claim } from '../domain/types';
import { KIND_COLORS, KIND_LABELS } from '../domain/kind-style';
import { formatInterval, isoFromDay } from '../domain/time-window';
import { claimsToCsv } from '../export/csv';
import { downloadBlob } from '../export/download';
import { exportFileStem } from '../export/flatten';
import { claimsToGeoJson, sourceCredit, stringifyGeoJson, type ExportContext } from '../export/geojson';
import { composeMapPng, type LegendEntry } from '../export/png';
import { getSnapshotMap, snapshotMap } from '../map/snapshot';
import type { AppState } from '../store/app-store';
import { useAppState, useAppStore } from '../store/react';
import { getArticleOf, getDomain, getIsAllView, getVisibleClaims, getVisibleCount } from '../store/selectors';
import { parseUrlState, serializeUrlState, urlStateFromStore, type UrlState } from '../store/url-state';
import './ShareMenu.css';

// ---------------------------------------------------------------------------------------------------
// Links

/** The `data=` override of this page load (benchmark corpora): a shared link must load the same data. */
function currentDataParam(): string | null {
  return typeof location === 'undefined' ? null : parseUrlState(location.search).state.data;
}

/** The shareable state of the store: the one function the URL sync uses too. */
export const shareUrlState = urlStateFromStore;

function pageBase(): string {
  return `${location.origin}${location.pathname}`;
}

/** A link that reopens exactly this view. */
export function viewLink(state: AppState, base = pageBase(), dataParam = currentDataParam()): string {
  return `${base}${serializeUrlState(shareUrlState(state, dataParam))}`;
}

/** A claim's permalink: the article and the claim, nothing else, so it stays valid whatever the filters. */
export function claimLink(slug: string, claimId: string, base = pageBase(), dataParam = currentDataParam()): string {
  return `${base}${serializeUrlState({ ...EMPTY, data: dataParam, article: slug, claim: claimId })}`;
}

const EMPTY: UrlState = { data: null, article: null, claim: null, from: null, to: null, kinds: null, by: null, map: null };

/** The view link in embed form: `?embed=1&…`. */
export function embedLink(state: AppState, base = pageBase(), dataParam = currentDataParam()): string {
  const query = serializeUrlState(shareUrlState(state, dataParam));
  return `${base}?embed=1${query ? `&${query.slice(1)}` : ''}`;
}

/** Escape text for a double-quoted HTML attribute (the article title goes into the iframe's title). */
export function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function iframeCode(src: string, title: string, height: number): string {
  return (
    `<iframe src="${escapeAttribute(src)}" title="${escapeAttribute(`Claim Atlas: ${title}`)}" ` +
    `width="100%" height="${Math.round(height)}" style="border:0" loading="lazy" ` +
    `referrerpolicy="strict-origin-when-cross-origin" allow="clipboard-write"></iframe>`
  );
}

// ---------------------------------------------------------------------------------------------------
// Copying

type CopyResult = 'copied' | 'manual';

async function copyText(text: string): Promise<CopyResult> {
  try {
    // Missing in insecure contexts and often refused inside iframes without allow="clipboard-write".
    if (!navigator.clipboard) return 'manual';
    await navigator.clipboard.writeText(text);
    return 'copied';
  } catch {
    return 'manual';
  }
}

/** A field holding text to copy by hand when the clipboard is refused: selected, so Ctrl+C works. */
function ManualCopy({ value, label }: { value: string; label: string }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    ref.current?.focus();
    ref.current?.select();
  }, [value]);
  return (
    <label className="manual-copy">
      <span>{label}</span>
      <input ref={ref} readOnly value={value} data-testid="share-manual-copy" onFocus={(e) => e.currentTarget.select()} />
    </label>
  );
}

// ---------------------------------------------------------------------------------------------------
// What the exports describe

function describeView(state: AppState): {
  window: { from: string; to: string } | null;
  filters: string[];
  windowLine: string;
  claims: Claim[];
} {
  const claims = getVisibleClaims(state);
  const total = state.bundle?.claims.length ?? 0;
  const win = state.timeWindow;
  const domain = getDomain(state);
  const filters: string[] = [];
  if (state.kinds) filters.push(`kinds: ${state.kinds.length ? state.kinds.map((k) => KIND_LABELS[k]).join(', ') : 'none'}`);
  if (state.by) filters.push(`said or reported by: ${state.by.join(', ')}`);
  const counted = `${claims.length} of ${total} claims`;
  const windowLine = win
    ? `Time window: ${formatInterval(win.start, win.end)} · ${counted}`
    : domain
      ? `All dates (${formatInterval(domain.start, domain.end)}) · ${counted}`
      : counted;
  return { window: win ? { from: isoFromDay(win.start), to: isoFromDay(win.end) } : null, filters, windowLine, claims };
}

function exportContext(state: AppState): ExportContext | null {
  const article = state.bundle?.article;
  if (!article) return null;
  const view = describeView(state);
  // All-articles view: every row names its own article (slug, title, date), not the merged bundle.
  const articleOf = getIsAllView(state) ? (claim: Claim) => getArticleOf(state, claim) ?? article : undefined;
  return { article, window: view.window, filters: view.filters, viewUrl: viewLink(state), exportedAt: new Date().toISOString(), articleOf };
}

/** The file name's article part: the slug, or "all-articles" for the merged view. */
function stemSlug(state: AppState, slug: string): string {
  return getIsAllView(state) ? 'all-articles' : slug;
}

function legendOf(claims: readonly Claim[]): LegendEntry[] {
  const counts = new Map<Claim['kind'], number>();
  for (const c of claims) counts.set(c.kind, (counts.get(c.kind) ?? 0) + 1);
  return [...counts.entries()].map(([kind, count]) => ({ label: KIND_LABELS[kind], color: KIND_COLORS[kind], count }));
}

// ---------------------------------------------------------------------------------------------------
// The header menu

export function ShareMenu({ embed = false }: { embed?: boolean }) {
  const store = useAppStore();
  const ready = useAppState((s) => s.loadStatus === 'ready');
  const mapReady = useAppState((s) => s.mapStatus === 'ready');
  const shown = useAppState(getVisibleCount);
  const showingDraft = useAppState((s) => s.showingDraft);
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState('');
  const [manual, setManual] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [embedOpen, setEmbedOpen] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const panelId = useId();

  // Stable, so the dialog's effect (showModal, listeners) runs once per opening.
  const closeEmbed = useCallback(() => {
    setEmbedOpen(false);
    panel.current?.querySelector<HTMLElement>('[data-testid="share-embed"]')?.focus();
  }, []);

  const close = useCallback((returnFocus: boolean) => {
    setOpen(false);
    setManual(null);
    if (returnFocus) trigger.current?.focus();
  }, []);

  // Opening moves focus into the panel (once: not again when the embed dialog closes).
  useEffect(() => {
    if (open) panel.current?.querySelector<HTMLElement>('button, a[href], input')?.focus();
  }, [open]);

  // Escape or a click elsewhere closes it.
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || embedOpen) return;
      e.preventDefault(); // keep the claim panel's own Escape handler from closing the claim too
      close(true);
    };
    const onPointer = (e: PointerEvent) => {
      const t = e.target as Node | null;
      if (t && !panel.current?.contains(t) && !trigger.current?.contains(t)) close(false);
    };
    document.addEventListener('keydown', onKey, true);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey, true);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open, embedOpen, close]);

  if (!ready) return null;

  const copyView = async () => {
    const link = viewLink(store.getState());
    const result = await copyText(link);
    setManual(result === 'manual' ? link : null);
    setStatus(result === 'copied' ? 'Link to this view copied.' : 'Copy the link below (the browser refused the clipboard).');
  };

  const exportFile = (format: 'geojson' | 'csv') => {
    const state = store.getState();
    const ctx = exportContext(state);
    if (!ctx) return;
    const claims = getVisibleClaims(state);
    const stem = exportFileStem(stemSlug(state, ctx.article.slug), ctx.window);
    if (format === 'geojson') {
      const text = stringifyGeoJson(claimsToGeoJson(claims, ctx));
      downloadBlob(new Blob([text], { type: 'application/geo+json' }), `${stem}.geojson`);
    } else {
      downloadBlob(new Blob([claimsToCsv(claims, ctx.articleOf ?? ctx.article)], { type: 'text/csv;charset=utf-8' }), `${stem}.csv`);
    }
    setStatus(`${claims.length} claim${claims.length === 1 ? '' : 's'} exported as ${format === 'csv' ? 'CSV' : 'GeoJSON'}.`);
  };

  const exportPng = async () => {
    const map = getSnapshotMap();
    const state = store.getState();
    const article = state.bundle?.article;
    if (!map || !article) return;
    setBusy(true);
    setStatus('Drawing the picture…');
    try {
      const view = describeView(state);
      const snapshot = await snapshotMap(map);
      const blob = await composeMapPng(
        {
          title: article.title,
          windowLine: view.windowLine,
          filters: view.filters,
          legend: legendOf(view.claims),
          credits: [
            sourceCredit(article),
            `Map: Claim Atlas — every mark is traced to the article’s words. Basemap: Natural Earth, GeoNames.${
              view.claims.some((c) => c.stance !== 'asserted') ? ' Dashed or hollow marks are denied or disputed claims.' : ''
            }`,
          ],
        },
        snapshot,
      );
      downloadBlob(blob, `${exportFileStem(stemSlug(state, article.slug), view.window).replace(/^claims-/, 'map-')}.png`);
      setStatus('Map picture saved.');
    } catch (err) {
      setStatus(`The picture could not be made: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="share">
      {embed && (
        <a
          className="share-open-full"
          href={viewLink(store.getState())}
          target="_blank"
          rel="noopener noreferrer"
          data-testid="embed-open-full"
          // The view changes after render (map moves, timeline): refresh the link as the reader reaches for it.
          onPointerDown={(e) => (e.currentTarget.href = viewLink(store.getState()))}
          onFocus={(e) => (e.currentTarget.href = viewLink(store.getState()))}
          onClick={(e) => (e.currentTarget.href = viewLink(store.getState()))}
        >
          Open full map ↗
        </a>
      )}
      <button
        ref={trigger}
        type="button"
        className="share-trigger"
        aria-expanded={open}
        aria-controls={panelId}
        data-testid="share-button"
        onClick={() => (open ? close(false) : (setStatus(''), setOpen(true)))}
      >
        Share
      </button>
      <div ref={panel} id={panelId} className="share-panel" role="group" aria-label="Share and export" hidden={!open} data-testid="share-panel">
        <p className="share-group-title">Link</p>
        {showingDraft && (
          <p className="share-hint share-draft-note" data-testid="share-draft-note">
            The draft you opened lives in this tab only: a link cannot carry it and opens the published articles.
          </p>
        )}
        <button type="button" className="share-item" data-testid="share-copy-view" onClick={() => void copyView()}>
          Copy link to this view
        </button>
        <p className="share-group-title">Download the {shown} claim{shown === 1 ? '' : 's'} shown</p>
        <button type="button" className="share-item" data-testid="export-geojson" onClick={() => exportFile('geojson')}>
          GeoJSON <span className="share-hint">map data with every field</span>
        </button>
        <button type="button" className="share-item" data-testid="export-csv" onClick={() => exportFile('csv')}>
          CSV <span className="share-hint">one row per claim, for spreadsheets</span>
        </button>
        <button
          type="button"
          className="share-item"
          data-testid="export-png"
          disabled={!mapReady || busy}
          aria-describedby={mapReady ? undefined : `${panelId}-nomap`}
          onClick={() => void exportPng()}
        >
          PNG picture <span className="share-hint">map, legend, dates and credit</span>
        </button>
        {!mapReady && (
          <p id={`${panelId}-nomap`} className="share-hint">
            No picture: the map cannot be drawn in this browser.
          </p>
        )}
        <p className="share-group-title">Embed</p>
        <button type="button" className="share-item" data-testid="share-embed" onClick={() => setEmbedOpen(true)} aria-haspopup="dialog">
          Embed on a website…
        </button>
        {manual && <ManualCopy value={manual} label="Link" />}
        <p className="share-status" role="status" data-testid="share-status">
          {status}
        </p>
      </div>
      {embedOpen && <EmbedDialog onClose={closeEmbed} />}
    </div>
  );
}

// ---------------------------------------------------------------------------------------------------
// The embed dialog

const HEIGHTS = [420, 520, 640] as const;

function EmbedDialog({ onClose }: { onClose: () => void }) {
  const store = useAppStore();
  const title = useAppState((s) => s.bundle?.article.title ?? '');
  const ref = useRef<HTMLDialogElement>(null);
  const [height, setHeight] = useState<number>(520);
  const [status, setStatus] = useState('');
  const [manual, setManual] = useState(false);
  const titleId = useId();
  const code = iframeCode(embedLink(store.getState()), title, height);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    // Every way out (Escape, Close) ends in the dialog's `close` event, and so in onClose.
    const onCloseEvent = () => onClose();
    // Escape is handled here, first, and marked handled: it closes this dialog, not the claim behind it.
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || !dialog.open) return;
      e.preventDefault();
      dialog.close();
    };
    dialog.addEventListener('close', onCloseEvent);
    document.addEventListener('keydown', onKey, true);
    return () => {
      dialog.removeEventListener('close', onCloseEvent);
      document.removeEventListener('keydown', onKey, true);
    };
  }, [onClose]);

  const copy = async () => {
    const result = await copyText(code);
    setManual(result === 'manual');
    setStatus(result === 'copied' ? 'Embed code copied.' : 'Select the code and copy it (the browser refused the clipboard).');
  };

  return (
    <dialog ref={ref} className="embed-dialog" aria-labelledby={titleId} data-testid="embed-dialog">
      <h2 id={titleId}>Embed this map</h2>
      <p>
        Paste this code into a page. The embed shows the map, the timeline and claim details for the current view;
        readers can open the full map from it.
      </p>
      <fieldset className="embed-sizes">
        <legend>Height</legend>
        {HEIGHTS.map((h) => (
          <label key={h}>
            <input type="radio" name="embed-height" value={h} checked={height === h} onChange={() => setHeight(h)} /> {h} px
          </label>
        ))}
      </fieldset>
      <label className="embed-code-label" htmlFor={`${titleId}-code`}>
        Embed code
      </label>
      <textarea
        id={`${titleId}-code`}
        className="embed-code"
        readOnly
        rows={4}
        value={code}
        data-testid="embed-code"
        onFocus={(e) => manual && e.currentTarget.select()}
      />
      <p className="share-hint">
        The site serving Claim Atlas must allow framing: it should send a{' '}
        <code>Content-Security-Policy: frame-ancestors</code> header naming your site, and no{' '}
        <code>X-Frame-Options: DENY</code>.
      </p>
      <div className="embed-actions">
        <button type="button" className="share-primary" data-testid="embed-copy" onClick={() => void copy()}>
          Copy code
        </button>
        <button type="button" className="text-button" data-testid="embed-close" onClick={() => ref.current?.close()}>
          Close
        </button>
      </div>
      <p className="share-status" role="status" data-testid="embed-status">
        {status}
      </p>
    </dialog>
  );
}

// ---------------------------------------------------------------------------------------------------
// The claim panel's permalink

export function ClaimPermalinkButton({ claimId }: { claimId: string }) {
  const slug = useAppState((s) => s.bundle?.article.slug ?? null);
  const [status, setStatus] = useState('');
  const [manual, setManual] = useState<string | null>(null);
  useEffect(() => {
    setStatus('');
    setManual(null);
  }, [claimId]);
  if (!slug) return null;
  const copy = async () => {
    const link = claimLink(slug, claimId);
    const result = await copyText(link);
    setManual(result === 'manual' ? link : null);
    setStatus(result === 'copied' ? 'Link copied' : '');
  };
  return (
    <span className="claim-permalink">
      <button type="button" className="text-button" data-testid="claim-permalink" onClick={() => void copy()} aria-describedby={`${claimId}-link-status`}>
        Copy link
      </button>
      <span id={`${claimId}-link-status`} className="share-status" role="status" data-testid="claim-permalink-status">
        {status}
      </span>
      {manual && <ManualCopy value={manual} label="Link to this claim" />}
    </span>
  );
}
