/**
 * "Open article": paste text, pick a .txt file or drop one on the page, give the publication date, and the
 * ingest pipeline drafts its claims in a worker. The ingest client is imported on demand and the gazetteer
 * is fetched by the worker on the first draft only, so a normal page load never pays for either.
 * The dialog is a modal <dialog>: the browser traps focus and Escape closes it; focus returns to the
 * header button. Untrusted text only ever goes into a textarea's value or text nodes.
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useAppStore } from '../store/react';
import type { DraftArticle } from '../store/app-store';
import { nextTask } from './latest-task';

/** The ingest engine refuses more (src/ingest/README.md); checked from the file size, before reading it. */
const MAX_BYTES = 10 * 1024 * 1024;

function todayIso(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A real calendar day (rejects 2021-02-30), or why not. */
export function checkPublishedDate(value: string): string | null {
  if (value.trim() === '') return 'Enter the publication date: “today”, “last week” and bare months are read against it.';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return `“${value}” is not a date like 2021-07-28.`;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return `${value} is not a day of the calendar.`;
  if (y < 1900) return 'The publication date must be after 1900.';
  return null;
}

interface Progress {
  fraction: number;
  stage: string;
}

/** Opens the dialog with a dropped file's text; set by the page-wide drop handler. */
type DropHandler = (file: File) => void;

export function OpenArticle() {
  const store = useAppStore();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const abortRef = useRef<AbortController | null>(null);
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [published, setPublished] = useState(todayIso);
  const [dateError, setDateError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [dragging, setDragging] = useState(false);
  const ids = { title: useId(), text: useId(), file: useId(), date: useId(), dateErr: useId(), status: useId() };

  const open = useCallback(() => {
    const d = dialogRef.current;
    if (d && !d.open) d.showModal();
    textRef.current?.focus();
  }, []);

  const readFile = useCallback(
    async (file: File) => {
      setError(null);
      if (file.size > MAX_BYTES) {
        setError(`${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MB; an article can be at most 10 MB.`);
        return;
      }
      try {
        setText(await file.text());
        setFileName(file.name);
      } catch (err) {
        setError(`Could not read ${file.name}: ${err instanceof Error ? err.message : String(err)}`);
      }
    },
    [],
  );

  // Drag-and-drop anywhere on the page opens the dialog with the file's text.
  useEffect(() => {
    const onDrop: DropHandler = (file) => {
      open();
      void readFile(file);
    };
    const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
      setDragging(true);
    };
    const leave = (e: DragEvent) => {
      if (e.relatedTarget === null) setDragging(false);
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      setDragging(false);
      const file = e.dataTransfer?.files[0];
      if (file) onDrop(file);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [open, readFile]);

  useEffect(() => () => abortRef.current?.abort(), []);

  const close = () => {
    abortRef.current?.abort();
    dialogRef.current?.close();
  };

  const draft = async (e: React.FormEvent) => {
    e.preventDefault();
    const dateProblem = checkPublishedDate(published);
    setDateError(dateProblem);
    if (dateProblem) return;
    if (text.trim() === '') {
      setError('Paste the article’s text or choose a .txt file first.');
      textRef.current?.focus();
      return;
    }
    setError(null);
    const controller = new AbortController();
    abortRef.current = controller;
    setProgress({ fraction: 0, stage: 'starting' });
    try {
      const { draftInWorker, DraftInputError } = await import('../ingest/client');
      try {
        const result = await draftInWorker(text, {
          published,
          signal: controller.signal,
          onProgress: (fraction, stage) => setProgress({ fraction, stage }),
        });
        if (controller.signal.aborted) return;
        if (!result.bundle) {
          setError('No claim could be drafted from this text: it names no place with something said or done there.');
          return;
        }
        const draftArticle: DraftArticle = {
          bundle: result.bundle,
          slug: result.slug,
          metaYaml: result.metaYaml,
          claimsYaml: result.claimsYaml,
          geojson: result.geojson,
          droppedCount: result.dropped.length,
        };
        // The draft is done, so closing the dialog must not cancel it (its close handler aborts).
        if (abortRef.current === controller) abortRef.current = null;
        // The dialog closes in this task and the page swaps articles in the next: closing restores focus,
        // which recalculates the page's style, and the swap re-renders it; in one task the two came to
        // ~100 ms on a software GPU machine, long enough to feel.
        dialogRef.current?.close();
        setText('');
        setFileName(null);
        await nextTask();
        const st = store.getState();
        st.setDraft(draftArticle);
        st.setSheetTab('claims');
        st.requestCamera({ type: 'fit-all' });
      } catch (err) {
        if (err instanceof DOMException && err.name === 'AbortError') return;
        if (err instanceof DraftInputError) setError(err.message);
        else setError(`The place-name data could not be loaded, so nothing was drafted: ${err instanceof Error ? err.message : String(err)}`);
      }
    } catch (err) {
      setError(`The drafting code could not be loaded: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      if (abortRef.current === controller) abortRef.current = null;
      setProgress(null);
    }
  };

  const cancel = () => {
    abortRef.current?.abort();
    abortRef.current = null;
    setProgress(null);
    setError('Drafting cancelled.');
  };

  const busy = progress !== null;
  return (
    <>
      <button ref={buttonRef} type="button" className="open-article-button" data-testid="open-article" onClick={open} aria-haspopup="dialog">
        Open article
      </button>
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          Drop a .txt article to draft its claims
        </div>
      )}
      <dialog
        ref={dialogRef}
        className="open-article-dialog"
        data-testid="open-article-dialog"
        aria-labelledby={ids.title}
        onClose={() => {
          abortRef.current?.abort();
          buttonRef.current?.focus();
        }}
      >
        <form onSubmit={(e) => void draft(e)} noValidate>
          <header>
            <h2 id={ids.title}>Open an article</h2>
            <button type="button" className="icon-button" aria-label="Close" onClick={close}>
              ×
            </button>
          </header>
          <p className="hint">
            Paste the text, choose a .txt file or drop one on the page. The claims are drafted here in your browser; nothing is
            uploaded. The draft is not reviewed: check every claim against the text.
          </p>
          <label htmlFor={ids.text}>Article text</label>
          <textarea
            id={ids.text}
            ref={textRef}
            data-testid="open-article-text"
            value={text}
            rows={9}
            spellCheck={false}
            placeholder="Title on the first line, then the article…"
            onChange={(e) => {
              setText(e.target.value);
              setFileName(null);
            }}
            disabled={busy}
          />
          <div className="open-row">
            <label htmlFor={ids.file} className="file-label">
              Choose a .txt file
              <input
                id={ids.file}
                type="file"
                accept=".txt,text/plain"
                data-testid="open-article-file"
                disabled={busy}
                onChange={(e) => {
                  const f = e.target.files?.[0];
                  if (f) void readFile(f);
                  e.target.value = '';
                }}
              />
            </label>
            {fileName && <span className="file-name">{fileName}</span>}
          </div>
          <label htmlFor={ids.date}>Publication date</label>
          <input
            id={ids.date}
            type="date"
            required
            data-testid="open-article-date"
            value={published}
            aria-invalid={dateError ? true : undefined}
            aria-describedby={dateError ? ids.dateErr : undefined}
            disabled={busy}
            onChange={(e) => {
              setPublished(e.target.value);
              setDateError(null);
            }}
          />
          {dateError && (
            <p className="field-error" id={ids.dateErr} role="alert">
              {dateError}
            </p>
          )}
          {error && (
            <p className="field-error" role="alert" data-testid="open-article-error">
              {error}
            </p>
          )}
          <div className="open-status" id={ids.status} role="status" aria-live="polite">
            {progress && (
              <>
                <progress max={1} value={progress.fraction} aria-label="Drafting progress" />
                <span>
                  {progress.stage === 'loading gazetteer' ? 'Loading place names (first time only, ~3 MB)…' : `${progress.stage}…`}{' '}
                  {Math.round(progress.fraction * 100)} %
                </span>
              </>
            )}
          </div>
          <div className="open-actions">
            {busy ? (
              <button type="button" onClick={cancel} data-testid="open-article-cancel">
                Cancel
              </button>
            ) : (
              <button type="button" onClick={close}>
                Close
              </button>
            )}
            <button type="submit" className="primary" disabled={busy} data-testid="open-article-draft">
              Draft claims
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
