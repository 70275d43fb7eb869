/**
 * Input checks shared by the CLI and the browser: decoding, size, publication date, slug. Every failure
 * is an IngestInputError whose message names the offending file or flag.
 */
import { isIsoDate } from '../domain/interval';

/** Larger inputs are refused: no news article is 10 MB of text, and the whole pipeline holds it in memory. */
export const MAX_INPUT_BYTES = 10 * 1024 * 1024;
export const SLUG_RE = /^[a-z0-9][a-z0-9-]{1,80}$/;

export class IngestInputError extends Error {
  override name = 'IngestInputError';
}

/** UTF-8 bytes → text, refusing empty, oversized, binary and non-UTF-8 input. A BOM is dropped. */
export function decodeArticle(bytes: Uint8Array, label: string): string {
  if (bytes.byteLength > MAX_INPUT_BYTES) {
    throw new IngestInputError(
      `${label}: ${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB is over the ${MAX_INPUT_BYTES / 1024 / 1024} MB limit for one article`,
    );
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    throw new IngestInputError(`${label}: not valid UTF-8 text (first bad byte at offset ${at}); convert it to UTF-8 first`);
  }
  validateArticleText(text, label);
  return text;
}

/** Text checks that apply whatever the source (a file, a paste in the browser). */
export function validateArticleText(text: string, label: string): void {
  // Encoding only when the text could be over the limit: one UTF-16 unit is at most 3 UTF-8 bytes.
  if (text.length * 3 > MAX_INPUT_BYTES && new TextEncoder().encode(text).byteLength > MAX_INPUT_BYTES) {
    throw new IngestInputError(`${label}: over the ${MAX_INPUT_BYTES / 1024 / 1024} MB limit for one article`);
  }
  if (text.trim() === '') throw new IngestInputError(`${label}: the article is empty`);
  // NUL and most C0 controls never occur in text; their presence means a binary file.
  // eslint-disable-next-line no-control-regex
  const ctrl = /[\u0000-\u0008\u000e-\u001f]/.exec(text);
  if (ctrl) {
    const line = text.slice(0, ctrl.index).split('\n').length;
    throw new IngestInputError(`${label}:${line}: binary data (control character U+${ctrl[0].charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}), not an article`);
  }
}

/** Offset of the first byte that starts (or breaks) an invalid UTF-8 sequence. */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    const need = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const x = b[i + k];
      if (x === undefined || (x & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return i;
}

/** --published: a real calendar date in YYYY-MM-DD form (2021-02-30 is refused). */
export function checkPublished(value: string | undefined, flag = '--published'): string {
  if (value === undefined || value === '') throw new IngestInputError(`${flag} YYYY-MM-DD is required (the date "today" and "next week" resolve against)`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new IngestInputError(`${flag}: "${value}" is not in YYYY-MM-DD form`);
  if (!isIsoDate(value)) throw new IngestInputError(`${flag}: "${value}" is not a calendar date`);
  return value;
}

export function checkSlug(value: string, flag = '--slug'): string {
  if (!SLUG_RE.test(value)) throw new IngestInputError(`${flag}: "${value}" must match ${String(SLUG_RE)} (lower-case letters, digits, hyphens)`);
  return value;
}

/** A slug from a title: ASCII-folded, lower-case, hyphenated, at most 60 characters, never empty. */
export function slugify(title: string): string {
  const s = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  // Long titles are cut at a word boundary, not inside a word.
  const cut = s.length > 60 ? s.slice(0, 61).replace(/-[^-]*$/, '') : s;
  return cut.length >= 2 ? cut : `article-${cut || 'untitled'}`;
}
